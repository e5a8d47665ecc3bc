// Fixtures of the volunteer domain's tests: communities, people with roles, registered volunteers
// (through the function itself, so their data is sealed as in production), valid ID numbers.
import { randomInt } from 'node:crypto';
import { CONSENT_VERSION, idCheckCharacter } from '../../../core';
import { org } from '../../../cloudfunctions/org/function';
import { volunteer } from '../../../cloudfunctions/volunteer/function';
import type { DefinedFunction } from '../../../server/define-function';
import { db, ensureCollection, uniq } from '../../server/fixtures/db';

export const T0 = Date.UTC(2026, 11, 2, 2, 0, 0); // 2026-12-02 10:00 China time

export type Envelope = { ok: true; data: any } | { ok: false; error: { code: string; message: string; details?: { reason?: string; issues?: Array<{ path: Array<string | number> }> } } };

export function caller(fn: DefinedFunction, at = T0) {
  return (openid: string, action: string, input: unknown, requestId: string | undefined = uniq('rid')): Promise<Envelope> =>
    fn.invoke({ action, input, ...(requestId ? { requestId } : {}) }, { openid, now: () => at }) as Promise<Envelope>;
}

export const vol = caller(volunteer);
export const orgCall = caller(org);

/** A community id the CommunityId schema accepts. */
export function communityId(prefix = 'c'): string {
  return uniq(prefix).toLowerCase();
}

export async function makeCommunity(id = communityId(), extra: Record<string, unknown> = {}): Promise<string> {
  await db().collection('communities').add({ data: { _id: id, name: '测试社区', district: '示范区', code: 'CS', grids: [], createdAt: T0, ...extra } });
  return id;
}

export async function makeUser(roles: Array<{ role: string; communityId: string }>, openid = uniq('u')): Promise<string> {
  const communities = [...new Set(roles.map((r) => r.communityId))];
  await db().collection('users').add({ data: { _id: openid, openid, roles, roleCommunityIds: communities, createdAt: T0, updatedAt: T0 } });
  return openid;
}

/** A valid 居民身份证号码 born on `birth` (YYYYMMDD), random otherwise. */
export function idNumber(birth = '19900101', sex: 'male' | 'female' = 'female'): string {
  const region = String(110000 + randomInt(0, 799_999)).padStart(6, '0');
  let seq = randomInt(0, 999);
  if ((seq % 2 === 1) !== (sex === 'male')) seq = (seq + 1) % 1000;
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

export function registration(community: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    communityId: community,
    name: '刘晓明',
    idNumber: idNumber(),
    phone: '13812345678',
    residentialArea: '幸福里 3栋',
    skills: ['急救'],
    serviceCategories: ['elderly-care'],
    consent: { version: CONSENT_VERSION, personalInfo: true, sensitiveInfo: true },
    ...overrides,
  };
}

export function ok(res: Envelope): any {
  if (!res.ok) throw new Error(`expected ok, got ${JSON.stringify(res.error)}`);
  return res.data;
}

/** Registers `openid` in the community and has `staff` verify it; returns the volunteer id. */
export async function verifiedVolunteer(community: string, staff: string, openid = uniq('v'), overrides: Record<string, unknown> = {}): Promise<{ openid: string; volunteerId: string; volunteerNo: string }> {
  const reg = ok(await vol(openid, 'register', registration(community, overrides)));
  ok(await vol(staff, 'review', { volunteerId: reg.volunteerId, decision: 'verify' }));
  return { openid, volunteerId: reg.volunteerId, volunteerNo: reg.volunteerNo };
}

export async function ensureServiceRecords(): Promise<void> {
  // Declared by the activity domain (database/activities.ts); created here so this branch's tests run alone too.
  await ensureCollection('service_records');
}

export async function serviceRecord(fields: { openid: string; communityId: string; volunteerNo: string; minutes: number; date: string; category?: string; status?: string; activityId?: string }): Promise<string> {
  const activityId = fields.activityId ?? uniq('act');
  const _id = `${activityId}_${fields.openid}`;
  await db().collection('service_records').add({
    data: {
      _id,
      openid: fields.openid,
      volunteerNo: fields.volunteerNo,
      communityId: fields.communityId,
      activityId,
      activityTitle: '重阳节探访独居老人',
      category: fields.category ?? 'elderly-care',
      date: fields.date,
      place: '幸福里社区服务站',
      content: '陪伴聊天，打扫卫生',
      minutes: fields.minutes,
      organizingUnit: '阳光社工服务中心',
      leaderName: '赵队长',
      policyVersion: 'quarter-hour@1',
      status: fields.status ?? 'confirmed',
      revision: 0,
      confirmedAt: T0,
      createdAt: T0,
      updatedAt: T0,
    },
  });
  return _id;
}

/** Everything the caller wrote through a state-changing action: audit entries and idempotency records. */
export async function writesBy(openid: string): Promise<number> {
  const audits = (await db().collection('audit_log').where({ actor: openid }).count()).total;
  const idem = (await db().collection('idempotency').where({ openid }).count()).total;
  return audits + idem;
}
