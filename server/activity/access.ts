// Who may do what with an activity. Roles come from the caller's profile (users); team leadership
// and membership from the team document (vol-org's `teams`); volunteer status from `volunteers`.
// Inside a transaction every grant a decision rests on is guarded (guardRead), as server/roles.ts
// does, so a revocation that commits first makes this transaction retry (ADR 0002).
import { AppError, hasRole } from '../../core';
import { Collections } from '../collections';
import type { Ctx, TxCtx } from '../context';
import type { StoredDoc } from '../db';
import { guardRead } from '../transaction';
import type { UserDoc } from '../user-store';
import { ActivityCollections, VolunteerReads } from './collections';
import { ActivityDoc, as } from './docs';

type AnyCtx = Ctx | TxCtx;

export interface TeamDoc {
  _id: string;
  communityId: string;
  leaders: string[];
  members: string[];
}

export interface VolunteerDoc {
  _id: string;
  openid: string;
  communityId: string;
  volunteerNo: string;
  status: string;
  birthDate?: string;
  trainings?: string[];
  insuranceUntil?: number | null;
  maskedName?: string;
}

function reader(ctx: AnyCtx) {
  return 'tx' in ctx ? ctx.tx : ctx.db;
}

export function isStaffOf(user: UserDoc | null, communityId: string): boolean {
  return !!user && (hasRole(user.roles, 'staff', communityId) || hasRole(user.roles, 'community-admin', communityId));
}

export async function loadActivity(ctx: AnyCtx, activityId: string): Promise<ActivityDoc> {
  const doc = (await reader(ctx).collection(ActivityCollections.activities).doc(activityId).get()).data;
  if (!doc) throw new AppError('not-found', '活动不存在', { reason: 'activity.not_found' });
  return as<ActivityDoc>(doc);
}

export async function loadTeam(ctx: AnyCtx, teamId: string): Promise<TeamDoc | null> {
  const doc = (await reader(ctx).collection(VolunteerReads.teams).doc(teamId).get()).data;
  return doc ? as<TeamDoc>(doc) : null;
}

export async function loadVolunteer(ctx: AnyCtx, openid: string): Promise<VolunteerDoc | null> {
  const found = (await reader(ctx).collection(VolunteerReads.volunteers).where({ openid }).limit(1).get()).data;
  return found[0] ? as<VolunteerDoc>(found[0]) : null;
}

/** The documents of `collection` with these ids, by id (a page's worth: one request). */
export async function docsById<T>(ctx: Ctx, collection: string, ids: readonly string[]): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const found = (await ctx.db.collection(collection).where({ _id: ctx.db.command.in(unique) }).limit(unique.length).get()).data;
  return new Map(found.map((d) => [d._id, as<T>(d)]));
}

/** The volunteers with these openids, by openid (a page's worth: one request). */
export async function volunteersByOpenid(ctx: Ctx, openids: readonly string[]): Promise<Map<string, VolunteerDoc>> {
  const unique = [...new Set(openids)];
  if (unique.length === 0) return new Map();
  const found = (await ctx.db.collection(VolunteerReads.volunteers).where({ openid: ctx.db.command.in(unique) }).limit(unique.length).get()).data;
  return new Map(found.map((v) => [String(v.openid), as<VolunteerDoc>(v)]));
}

/** Staff of the community, for a query (a transaction guards the grant instead: see requireStaff). */
export async function requireStaffOfCommunity(ctx: Ctx, communityId: string): Promise<void> {
  if (!isStaffOf(await ctx.user(), communityId)) {
    throw new AppError('permission-denied', '只有本社区的工作人员可以这样做', { reason: 'activity.staff_only' });
  }
}

/** What the caller is to this activity. */
export interface Standing {
  user: UserDoc | null;
  staff: boolean;
  teamLeader: boolean;
  creator: boolean;
}

export async function standingOf(ctx: AnyCtx, activity: ActivityDoc): Promise<Standing> {
  const user = await ctx.user();
  const staff = isStaffOf(user, activity.communityId);
  let teamLeader = false;
  if (!staff && activity.teamId) {
    const team = await loadTeam(ctx, activity.teamId);
    teamLeader = !!team && team.communityId === activity.communityId && team.leaders.includes(ctx.openid);
  }
  return { user, staff, teamLeader, creator: activity.createdBy === ctx.openid };
}

async function guard(ctx: AnyCtx, s: Standing, activity: ActivityDoc): Promise<void> {
  if (!('tx' in ctx)) return;
  if (s.staff) await guardRead(ctx.tx, Collections.users, ctx.openid);
  else if (s.teamLeader && activity.teamId) await guardRead(ctx.tx, VolunteerReads.teams, activity.teamId);
}

/** Community staff (staff or community-admin) of the activity's community. */
export async function requireStaff(ctx: AnyCtx, activity: ActivityDoc): Promise<Standing> {
  const s = await standingOf(ctx, activity);
  if (!s.staff) throw new AppError('permission-denied', '只有本社区的工作人员可以这样做', { reason: 'activity.staff_only' });
  await guard(ctx, s, activity);
  return s;
}

/** Staff, the leaders of the activity's team, or its creator (while they are still staff, leader or social worker there). */
export async function requireOrganizer(ctx: AnyCtx, activity: ActivityDoc): Promise<Standing> {
  const s = await standingOf(ctx, activity);
  const creatorStill =
    s.creator && !!s.user && (hasRole(s.user.roles, 'social-worker', activity.communityId) || hasRole(s.user.roles, 'leader', activity.communityId));
  if (!s.staff && !s.teamLeader && !creatorStill) {
    throw new AppError('permission-denied', '只有活动负责人或社区工作人员可以这样做', { reason: 'activity.organizer_only' });
  }
  if ('tx' in ctx && creatorStill && !s.staff && !s.teamLeader) await guardRead(ctx.tx, Collections.users, ctx.openid);
  else await guard(ctx, s, activity);
  return s;
}

export function storedOf<T>(doc: StoredDoc | null): T | null {
  return doc ? (doc as unknown as T) : null;
}
