// Reading user profiles (the `users` collection, _id = openid). Roles live on the profile.
import { z } from 'zod';
import { RoleGrant } from '../core';
import { Collections } from './collections';
import type { StoredDoc } from './db';

export const UserDoc = z.object({
  _id: z.string(),
  openid: z.string(),
  roles: z.array(RoleGrant).default([]),
  /** Communities of the grants, for the roles_community index ("who are the staff of X"). */
  roleCommunityIds: z.array(z.string()).default([]),
  createdAt: z.number(),
  updatedAt: z.number().optional(),
});
export type UserDoc = z.infer<typeof UserDoc>;

/** Anything that can read a document by id: the database or a transaction. */
export interface DocReader {
  collection(name: string): { doc(id: string): { get(): Promise<{ data: StoredDoc | null }> } };
}

export async function readUser(reader: DocReader, openid: string): Promise<UserDoc | null> {
  const doc = (await reader.collection(Collections.users).doc(openid).get()).data;
  if (!doc) return null;
  // A stored profile that no longer parses is a data bug, not the caller's fault: let it be internal.
  return UserDoc.parse(doc);
}

export function newUserDoc(openid: string, at: number): UserDoc {
  return { _id: openid, openid, roles: [], roleCommunityIds: [], createdAt: at, updatedAt: at };
}
