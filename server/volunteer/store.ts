// The stored volunteer document and its readers (through the database or a transaction). Fields the
// activity half reads are fixed by the lead (docs/volunteers.md, "Fields other functions read").
import { z } from 'zod';
import { AppError } from '../../core';
import type { StoredDoc } from '../db';
import type { DocReader } from '../user-store';
import { VolunteerCollections as C } from './collections';

export const VolunteerDoc = z.object({
  _id: z.string(),
  openid: z.string(),
  communityId: z.string(),
  volunteerNo: z.string(),
  status: z.enum(['pending', 'verified', 'rejected', 'erased']),
  version: z.number().int().default(0),
  maskedName: z.string().default('某'),
  /** Sealed with aad `volunteers/<_id>/<field>`; absent in seeded demo volunteers and after erasure. */
  nameSealed: z.string().nullable().default(null),
  gender: z.enum(['male', 'female']).default('female'),
  birthDate: z.string().default('1990-01-01'),
  idHash: z.string().nullable().default(null),
  idSealed: z.string().nullable().default(null),
  maskedIdNumber: z.string().default(''),
  phoneSealed: z.string().nullable().default(null),
  maskedPhone: z.string().default(''),
  areaSealed: z.string().nullable().default(null),
  skills: z.array(z.string()).default([]),
  serviceCategories: z.array(z.string()).default([]),
  trainings: z.array(z.string()).default([]),
  insuranceUntil: z.number().nullable().default(null),
  totalMinutes: z.number().default(0),
  consents: z.array(z.object({ kind: z.string(), version: z.string(), at: z.number() })).default([]),
  guardian: z.object({ nameSealed: z.string(), phoneSealed: z.string(), relation: z.string(), at: z.number() }).nullable().default(null),
  rejectReason: z.string().nullable().default(null),
  createdAt: z.number(),
  updatedAt: z.number().optional(),
});
export type VolunteerDoc = z.infer<typeof VolunteerDoc>;

/** Anything with where().get(): the database or a transaction. */
export interface QueryReader {
  collection(name: string): { where(q: Record<string, unknown>): { get(): Promise<{ data: StoredDoc[] }> } };
}

export function parseVolunteer(doc: StoredDoc): VolunteerDoc {
  return VolunteerDoc.parse(doc);
}

/** The caller's registration (never an erased one: erasure replaces the openid). */
export async function volunteerByOpenid(reader: QueryReader, openid: string): Promise<VolunteerDoc | null> {
  const found = (await reader.collection(C.volunteers).where({ openid }).get()).data[0];
  return found ? parseVolunteer(found) : null;
}

export async function volunteerById(reader: DocReader, id: string): Promise<VolunteerDoc> {
  const doc = (await reader.collection(C.volunteers).doc(id).get()).data;
  if (!doc || doc.status === 'erased') throw new AppError('not-found', 'no such volunteer', { reason: 'volunteer.not_found' });
  return parseVolunteer(doc);
}

export function requireRegistered(v: VolunteerDoc | null): VolunteerDoc {
  if (!v) throw new AppError('failed-precondition', 'register as a volunteer first', { reason: 'volunteer.not_registered' });
  return v;
}

export function requireVerified(v: VolunteerDoc | null): VolunteerDoc {
  const reg = requireRegistered(v);
  if (reg.status !== 'verified') throw new AppError('failed-precondition', 'your registration is not verified yet', { reason: 'volunteer.not_verified' });
  return reg;
}

/** aad binding a sealed field to its document and field. */
export function aad(id: string, field: string): string {
  return `volunteers/${id}/${field}`;
}
