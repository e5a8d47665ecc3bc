// Shared by the wish function's tests: people with roles in a fresh community, calls through
// invoke() (the real SDK against the globalSetup emulator), wishes planted in any status, and the
// emulator's outbox. Every file makes its own community and people (uniq), so files running at the
// same time never see each other's wishes.
import { randomBytes } from 'node:crypto';
import { defineWish } from '../../../cloudfunctions/wish/function';
import type { RecipientDoc, WishDoc } from '../../../cloudfunctions/wish/store';
import type { Envelope } from '../../../core';
import { db, uniq } from '../../server/fixtures/db';

// The machine is shared and often loaded: a flow of a dozen calls can outlast jest's 5 s default.
jest.setTimeout(60_000);

export const DAY = 86_400_000;
/** 2026-11-20 10:00 China time. */
export const NOW = Date.UTC(2026, 10, 20, 2);
export const WANTED_ON = '2026-12-10';

export const wishFn = defineWish();

export type Res = Envelope<any>;

export function call(openid: string, action: string, input: unknown, opts: { now?: number; requestId?: string; fn?: typeof wishFn } = {}): Promise<Res> {
  const at = opts.now ?? NOW;
  return (opts.fn ?? wishFn).invoke({ action, input, requestId: opts.requestId ?? uniq('rq') }, { openid, now: () => at });
}

/** A person's new family binding code (issueFamilyCode, then familyCode), as the family page shows it. */
export async function familyCodeOf(openid: string, now = NOW): Promise<string> {
  expectOk(await call(openid, 'issueFamilyCode', {}, { now }));
  return expectOk(await call(openid, 'familyCode', {}, { now })).code;
}

export interface Community {
  id: string;
  staff: string;
  staff2: string;
  volunteer: string;
  volunteer2: string;
  donor: string;
  donor2: string;
  resident: string;
  family: string;
  stranger: string;
}

export async function profile(openid: string, roles: Array<{ role: string; communityId: string }>): Promise<void> {
  await db()
    .collection('users')
    .add({ data: { _id: openid, openid, roles, roleCommunityIds: [...new Set(roles.map((r) => r.communityId))], createdAt: NOW, updatedAt: NOW } });
}

export async function community(tag = 'c'): Promise<Community> {
  const id = uniq(`wc-${tag}`).toLowerCase();
  const c: Community = {
    id,
    staff: uniq('staff'),
    staff2: uniq('staff2'),
    volunteer: uniq('vol'),
    volunteer2: uniq('vol2'),
    donor: uniq('donor'),
    donor2: uniq('donor2'),
    resident: uniq('res'),
    family: uniq('fam'),
    stranger: uniq('str'),
  };
  await Promise.all([
    profile(c.staff, [{ role: 'staff', communityId: id }]),
    profile(c.staff2, [{ role: 'community-admin', communityId: id }]),
    profile(c.volunteer, [{ role: 'volunteer', communityId: id }]),
    profile(c.volunteer2, [{ role: 'volunteer', communityId: id }]),
    profile(c.donor, [{ role: 'donor', communityId: id }]),
  ]);
  return c;
}

const hex = (n: number) => randomBytes(n).toString('hex');

/** A recipient written directly (no sealed values unless given), for tests that plant wishes. */
export async function plantRecipient(c: Community, fields: Partial<RecipientDoc> = {}): Promise<RecipientDoc> {
  const doc: RecipientDoc = {
    _id: `r_${hex(10)}`,
    communityId: c.id,
    maskedName: '张某',
    nameSealed: null,
    phoneSealed: null,
    phoneMasked: '138****5678',
    addressSealed: null,
    sensitiveStatusSealed: null,
    ageBand: '80+',
    under14: false,
    group: 'elderly-alone',
    showGroup: true,
    openid: c.resident,
    familyOpenids: [c.family],
    guardianConsent: null,
    codeHash: null,
    codeSealed: null,
    codeIssuedAt: null,
    createdBy: c.staff,
    createdAt: NOW - 10 * DAY,
    updatedAt: NOW - 10 * DAY,
    version: 0,
    ...fields,
  };
  await db().collection('wish_recipients').add({ data: doc });
  return doc;
}

/** A wish in any status, written directly with the fields that status implies. */
export async function plantWish(c: Community, r: RecipientDoc, status: WishDoc['status'], fields: Partial<WishDoc> = {}): Promise<WishDoc> {
  const claimedish = ['claimed', 'delivered', 'confirmed', 'thanked'].includes(status);
  const doc: WishDoc = {
    _id: `w_${hex(10)}`,
    communityId: c.id,
    communityName: 'Test community',
    recipientId: r._id,
    postedBy: c.family,
    postedAs: 'family',
    item: '新书包',
    description: '想要一个新书包',
    category: 'study',
    valueFen: 15000,
    wantedOn: WANTED_ON,
    wantedBy: Date.UTC(2026, 11, 10, 16),
    photos: [],
    photoConsent: false,
    maskedName: r.maskedName,
    ageBand: r.ageBand,
    group: r.showGroup ? r.group : null,
    status,
    version: 3,
    nearDuplicates: [],
    verification: null,
    verifiedAt: null,
    rejection: null,
    publishedAt: ['published', 'expired'].includes(status) || claimedish ? NOW - 2 * DAY : 0,
    claimedBy: claimedish ? c.donor : null,
    claimedAt: claimedish ? NOW - DAY : null,
    claimDueAt: claimedish ? NOW + 6 * DAY : null,
    claimRemindAt: claimedish ? NOW + 4 * DAY : null,
    remindedAt: null,
    delivery: claimedish ? { mode: 'volunteer', volunteerOpenid: c.volunteer, by: null, photo: null, note: null, at: null } : null,
    deliveredAt: null,
    confirmation: null,
    confirmedAt: null,
    thanks: null,
    thankedAt: null,
    expiredAt: null,
    closure: null,
    createdAt: NOW - 5 * DAY,
    updatedAt: NOW - 5 * DAY,
    ...fields,
  };
  await db().collection('wishes').add({ data: doc });
  return doc;
}

export async function wishDoc(id: string): Promise<WishDoc> {
  return (await db().collection('wishes').doc(id).get()).data as WishDoc;
}

export async function auditCount(subject: string, action?: string): Promise<number> {
  return (await db().collection('audit_log').where(action ? { subject, action } : { subject }).count()).total;
}

export interface OutboxEntry {
  api: string;
  params: Record<string, any>;
  result: Record<string, unknown>;
}

export async function messagesTo(openid: string): Promise<OutboxEntry[]> {
  const res = await fetch(`${process.env.EMULATOR_URL}/dev/outbox`);
  const body = (await res.json()) as { data: OutboxEntry[] };
  return body.data.filter((e) => e.api === 'subscribeMessage.send' && e.params.touser === openid);
}

export function expectOk(res: Res): any {
  if (!res.ok) throw new Error(`expected ok, got ${JSON.stringify(res.error)}`);
  return res.data;
}
