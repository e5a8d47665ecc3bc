// A small world for the activity and checkin tests: two communities, staff of each, team leaders,
// verified volunteers, a resident and someone who never opened the app, written straight into the
// emulator through the SDK (the users/teams/volunteers shapes are the cross-branch interface).
import { randomBytes } from 'node:crypto';
import { activity as activityFn } from '../../../cloudfunctions/activity/function';
import { checkin as checkinFn } from '../../../cloudfunctions/checkin/function';
import { org as orgFn } from '../../../cloudfunctions/org/function';
import { volunteer as volunteerFn } from '../../../cloudfunctions/volunteer/function';
import type { Envelope } from '../../../core';
import { signScene } from '../../../server/activity/qr-mac';
import { loadConfig } from '../../../server/config';
import { signCardCode } from '../../../server/volunteer/card';
import { db, uniq } from '../../server/fixtures/db';

/** Monday 2026-12-07 09:00 in Beijing. */
export const T0 = Date.UTC(2026, 11, 7, 1, 0);
export const HOUR = 3_600_000;
export const MIN = 60_000;
export const PLACE = { name: '幸福里中心花园', lat: 23.1287, lng: 113.3251, radiusM: 200 };

export type Persona = 'unregistered' | 'resident' | 'volunteer' | 'otherLeader' | 'otherStaff' | 'staff';
export const PERSONAS: Persona[] = ['unregistered', 'resident', 'volunteer', 'otherLeader', 'otherStaff', 'staff'];

export interface World {
  community: string;
  otherCommunity: string;
  staff: string;
  staff2: string;
  otherStaff: string;
  leader: string;
  otherLeader: string;
  socialWorker: string;
  volunteer: string;
  resident: string;
  unregistered: string;
  team: string;
  otherTeam: string;
  persona: Record<Persona, string>;
}

export async function putUser(openid: string, roles: Array<[string, string]>): Promise<void> {
  await db()
    .collection('users')
    .add({
      data: {
        _id: openid,
        openid,
        roles: roles.map(([role, communityId]) => ({ role, communityId })),
        roleCommunityIds: [...new Set(roles.map(([, c]) => c))],
        createdAt: T0 - 30 * 24 * HOUR,
      },
    });
}

export interface VolunteerFacts {
  status?: string;
  birthDate?: string;
  trainings?: string[];
  insuranceUntil?: number | null;
}

/** A random volunteer number in the real format: T + 4 capital letters, a dash, 6 digits. */
export function testVolunteerNo(): string {
  const bytes = randomBytes(10);
  const letters = [...bytes.subarray(0, 4)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
  const digits = [...bytes.subarray(4)].map((b) => String(b % 10)).join('');
  return `T${letters}-${digits}`;
}

export async function putVolunteer(openid: string, communityId: string, facts: VolunteerFacts = {}): Promise<void> {
  await putUser(openid, [['volunteer', communityId]]);
  await db()
    .collection('volunteers')
    .add({
      data: {
        _id: `vol-${openid}`,
        openid,
        communityId,
        // Unique across test files (the volunteer domain keeps volunteerNo unique), in the real
        // format (community code, dash, digits) so card codes can be signed for it.
        volunteerNo: testVolunteerNo(),
        status: facts.status ?? 'verified',
        birthDate: facts.birthDate ?? '1990-05-01',
        trainings: facts.trainings ?? [],
        insuranceUntil: facts.insuranceUntil ?? null,
        maskedName: '刘某',
        totalMinutes: 0,
        createdAt: T0 - 30 * 24 * HOUR,
      },
    });
}

export async function makeWorld(): Promise<World> {
  const community = uniq('c');
  const otherCommunity = uniq('d');
  const w = {
    community,
    otherCommunity,
    staff: uniq('staff'),
    staff2: uniq('staff2'),
    otherStaff: uniq('ostaff'),
    leader: uniq('leader'),
    otherLeader: uniq('oleader'),
    socialWorker: uniq('sw'),
    volunteer: uniq('vol'),
    resident: uniq('res'),
    unregistered: uniq('nobody'),
    team: uniq('team'),
    otherTeam: uniq('oteam'),
  };
  await Promise.all([
    putUser(w.staff, [['staff', community]]),
    putUser(w.staff2, [['community-admin', community]]),
    putUser(w.otherStaff, [['staff', otherCommunity]]),
    putUser(w.socialWorker, [['social-worker', community]]),
    putUser(w.resident, [['resident', community]]),
    putVolunteer(w.volunteer, community),
  ]);
  await Promise.all([
    putVolunteer(w.leader, community).then(() => db().collection('users').doc(w.leader).update({ data: { roles: [{ role: 'volunteer', communityId: community }, { role: 'leader', communityId: community }] } })),
    putVolunteer(w.otherLeader, community).then(() => db().collection('users').doc(w.otherLeader).update({ data: { roles: [{ role: 'volunteer', communityId: community }, { role: 'leader', communityId: community }] } })),
    db().collection('teams').add({ data: { _id: w.team, communityId: community, name: '助老服务队', tags: [], leaders: [w.leader], members: [w.leader, w.volunteer] } }),
    db().collection('teams').add({ data: { _id: w.otherTeam, communityId: community, name: '环保队', tags: [], leaders: [w.otherLeader], members: [w.otherLeader] } }),
  ]);
  return {
    ...w,
    persona: {
      unregistered: w.unregistered,
      resident: w.resident,
      volunteer: w.volunteer,
      otherLeader: w.otherLeader,
      otherStaff: w.otherStaff,
      staff: w.staff,
    },
  };
}

export type Call = Envelope<any>;

export function act(openid: string, action: string, input: unknown, now = T0, requestId: string = uniq('rid')): Promise<Call> {
  return activityFn.invoke({ action, input, requestId }, { openid, now: () => now });
}

/** A call of the volunteer function (certificates, moves, the card code) in this world. */
export function volAct(openid: string, action: string, input: unknown, now = T0, requestId: string = uniq('rid')): Promise<Call> {
  return volunteerFn.invoke({ action, input, requestId }, { openid, now: () => now });
}

/** A call of the org function (teams) in this world. */
export function orgAct(openid: string, action: string, input: unknown, now = T0, requestId: string = uniq('rid')): Promise<Call> {
  return orgFn.invoke({ action, input, requestId }, { openid, now: () => now });
}

export function scan(openid: string, action: 'checkIn' | 'checkOut', input: unknown, now: number): Promise<Call> {
  return checkinFn.invoke({ action, input }, { openid, now: () => now });
}

export function activityInput(w: World, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    communityId: w.community,
    teamId: w.team,
    title: '小区环境清洁日',
    content: '清理中心花园和楼道的垃圾。',
    category: 'environment',
    risks: '使用清洁工具注意防护。',
    place: PLACE,
    startAt: T0 + 24 * HOUR,
    endAt: T0 + 27 * HOUR,
    capacity: 10,
    waitlist: 2,
    organizingUnit: '幸福里社区居委会',
    leaderName: '赵队长',
    ...overrides,
  };
}

export function ok<T = any>(r: Call): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data as T;
}

/** Created by staff and published; returns its id. */
export async function publishedActivity(w: World, overrides: Record<string, unknown> = {}, now = T0): Promise<string> {
  const created = ok(await act(w.staff, 'create', activityInput(w, overrides), now));
  ok(await act(w.staff, 'publish', { activityId: created.activityId }, now));
  return created.activityId as string;
}

export async function activityDoc(id: string): Promise<Record<string, any>> {
  const d = (await db().collection('activities').doc(id).get()).data;
  if (!d) throw new Error(`no activity ${id}`);
  return d as Record<string, any>;
}

/** A valid rotating scene for `at` (what the leader's phone would show then). */
export async function rotatingScene(activityId: string, at: number, slotSeconds = 60): Promise<string> {
  const a = await activityDoc(activityId);
  return signScene(a.qrSecret, activityId, Math.floor(at / (slotSeconds * 1000)));
}

export async function posterScene(activityId: string): Promise<string> {
  const a = await activityDoc(activityId);
  return signScene(a.qrSecret, activityId, 'p');
}

export async function signUpAll(activityId: string, openids: string[], now = T0): Promise<void> {
  for (const o of openids) ok(await act(o, 'signUp', { activityId }, now));
}

export async function count(collection: string, where: Record<string, unknown>): Promise<number> {
  return (await db().collection(collection).where(where).count()).total;
}

/** The standard day used by the flow helpers: the activity runs START..END (activityInput's times). */
export const START = T0 + 24 * HOUR;
export const END = START + 3 * HOUR;
export const HERE = { lat: PLACE.lat, lng: PLACE.lng };

/** A published activity the person signed up for. */
export async function withSignupOf(w: World, openid: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await publishedActivity(w, overrides);
  ok(await act(openid, 'signUp', { activityId: id }));
  return id;
}

/** Ended, with a draft record for each person (they scanned in at the start and out two hours later). */
export async function endedWith(w: World, openids: string[]): Promise<string> {
  const id = await publishedActivity(w);
  await signUpAll(id, openids);
  for (const o of openids) {
    ok(await scan(o, 'checkIn', { scene: await rotatingScene(id, START), location: HERE }, START));
    ok(await scan(o, 'checkOut', { scene: await rotatingScene(id, START + 2 * HOUR), location: HERE }, START + 2 * HOUR));
  }
  ok(await act(w.staff, 'finish', { activityId: id }, END + MIN));
  return id;
}

/** A confirmed service record of the person (confirmation itself is tested with the time bank in records.test.ts). */
export async function confirmedRecordOf(w: World, openid: string): Promise<string> {
  const id = await endedWith(w, [openid]);
  await db().collection('service_records').doc(`${id}_${openid}`).update({ data: { status: 'confirmed', confirmedAt: END + 2 * MIN } });
  return `${id}_${openid}`;
}

/** The person's card code as volunteer.cardCode would sign it, valid until `expiresAt`. */
export async function cardCodeOf(openid: string, expiresAt: number): Promise<string> {
  const v = (await db().collection('volunteers').doc(`vol-${openid}`).get()).data;
  if (!v) throw new Error(`no volunteer ${openid}`);
  return signCardCode(loadConfig(), String(v.volunteerNo), expiresAt).code;
}
