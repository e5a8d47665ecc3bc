// Volunteer teams (志愿服务队) under a community or one of its approved organizations: staff of the
// community create them and name their leaders (verified volunteers of the community, who also get
// the leader role there); volunteers join and leave themselves; a team's leader (or staff) adds and
// removes members. Member lists are shown to staff and to the team's own members only.
import {
  AppError,
  CreateTeamInput,
  DissolveTeamInput,
  DissolveTeamOutput,
  JoinTeamInput,
  ListTeamsInput,
  SetTeamMemberInput,
  Team,
  UpdateTeamInput,
  withGrant,
} from '../../../core';
import type { Ctx, TxCtx } from '../../../server/context';
import type { StoredDoc, Tx } from '../../../server/db';
import { paginate } from '../../../server/paginate';
import { isStaffOf, requireStaff } from '../../../server/volunteer/access';
import { VolunteerCollections as C } from '../../../server/volunteer/collections';
import { randomId } from '../../../server/volunteer/ids';
import { changeRoles, revokeLeadersWithoutTeam } from '../../../server/volunteer/membership';
import { requireVerified, volunteerByOpenid } from '../../../server/volunteer/store';
import { organizationDoc } from './organizations';

const MAX_MEMBERS = 500;

function lists(d: StoredDoc): { leaders: string[]; members: string[] } {
  return { leaders: Array.isArray(d.leaders) ? (d.leaders as string[]) : [], members: Array.isArray(d.members) ? (d.members as string[]) : [] };
}

export function toTeam(d: StoredDoc, showMembers: boolean): Team {
  const { leaders, members } = lists(d);
  return {
    teamId: d._id,
    communityId: String(d.communityId),
    organizationId: typeof d.organizationId === 'string' ? d.organizationId : null,
    name: String(d.name),
    tags: (Array.isArray(d.tags) ? d.tags : []) as Team['tags'],
    leaders: showMembers ? leaders : [],
    members: showMembers ? members : [],
    memberCount: members.length,
    createdAt: Number(d.createdAt ?? 0),
  };
}

async function teamDoc(reader: Pick<Ctx['db'], 'collection'> | Tx, id: string): Promise<StoredDoc> {
  const d = (await reader.collection(C.teams).doc(id).get()).data;
  if (!d) throw new AppError('not-found', 'no such team', { reason: 'team.not_found' });
  return d;
}

/** Each leader must be a verified volunteer of the community; they get the leader role there. */
async function checkAndGrantLeaders(ctx: TxCtx, communityId: string, leaders: string[]): Promise<void> {
  for (const openid of leaders) {
    const v = await volunteerByOpenid(ctx.tx, openid);
    if (!v || v.status !== 'verified' || v.communityId !== communityId) {
      throw new AppError('failed-precondition', 'team leaders must be verified volunteers of the community', { reason: 'team.leader_not_verified' });
    }
    await changeRoles(ctx, openid, (roles) => withGrant(roles, { role: 'leader', communityId }));
  }
}

export async function createTeam(input: CreateTeamInput, ctx: TxCtx): Promise<Team> {
  await requireStaff(ctx, input.communityId);
  if (input.organizationId !== null) {
    const o = await organizationDoc(ctx.tx, input.organizationId);
    if (o.communityId !== input.communityId || o.status !== 'approved') {
      throw new AppError('failed-precondition', 'a team belongs to an approved organization of the same community', { reason: 'team.organization_not_approved' });
    }
  }
  await checkAndGrantLeaders(ctx, input.communityId, input.leaders);
  const id = randomId('team');
  const doc = { _id: id, communityId: input.communityId, organizationId: input.organizationId, name: input.name, tags: input.tags, leaders: input.leaders, members: [...input.leaders], createdAt: ctx.now() };
  await ctx.tx.collection(C.teams).add({ data: doc });
  await ctx.audit({ action: 'org.createTeam', subject: `${C.teams}/${id}`, after: { name: input.name, tags: input.tags, leaders: input.leaders, organizationId: input.organizationId } });
  return toTeam(doc, true);
}

export async function updateTeam(input: UpdateTeamInput, ctx: TxCtx): Promise<Team> {
  const d = await teamDoc(ctx.tx, input.teamId);
  const communityId = String(d.communityId);
  await requireStaff(ctx, communityId);
  const set: Record<string, unknown> = { updatedAt: ctx.now() };
  if (input.name !== undefined) set.name = input.name;
  if (input.tags !== undefined) set.tags = input.tags;
  if (input.leaders !== undefined) {
    await checkAndGrantLeaders(ctx, communityId, input.leaders);
    set.leaders = input.leaders;
    set.members = [...new Set([...lists(d).members, ...input.leaders])];
  }
  await ctx.tx.collection(C.teams).doc(d._id).update({ data: set });
  // A replaced leader keeps their membership but loses the leader role unless they lead another team here.
  if (input.leaders !== undefined) await revokeLeadersWithoutTeam(ctx, communityId, lists(d).leaders, { teamId: d._id, leaders: input.leaders });
  const after = { ...d, ...set };
  await ctx.audit({ action: 'org.updateTeam', subject: `${C.teams}/${d._id}`, before: { name: d.name, tags: d.tags, leaders: d.leaders }, after: { name: after.name, tags: after.tags, leaders: after.leaders } });
  return toTeam(after, true);
}

export async function dissolveTeam(input: DissolveTeamInput, ctx: TxCtx): Promise<DissolveTeamOutput> {
  const d = await teamDoc(ctx.tx, input.teamId);
  const communityId = String(d.communityId);
  await requireStaff(ctx, communityId);
  await ctx.tx.collection(C.teams).doc(d._id).remove();
  await ctx.audit({
    action: 'org.dissolveTeam',
    subject: `${C.teams}/${d._id}`,
    before: { name: d.name, tags: d.tags, leaders: d.leaders, members: d.members, organizationId: d.organizationId ?? null },
    after: { reason: input.reason },
  });
  const leadersRevoked = await revokeLeadersWithoutTeam(ctx, communityId, lists(d).leaders, { teamId: d._id, leaders: [] });
  return { teamId: d._id, dissolved: true, leadersRevoked };
}

async function setMember(ctx: TxCtx, d: StoredDoc, openid: string, member: boolean): Promise<StoredDoc> {
  const { leaders, members } = lists(d);
  if (member) {
    const v = await volunteerByOpenid(ctx.tx, openid);
    if (!v || v.status !== 'verified' || v.communityId !== d.communityId) {
      throw new AppError('failed-precondition', 'members must be verified volunteers of the team’s community', { reason: 'team.member_not_verified' });
    }
    if (members.includes(openid)) return d;
    if (members.length >= MAX_MEMBERS) throw new AppError('resource-exhausted', `at most ${MAX_MEMBERS} members`, { reason: 'team.full' });
  } else {
    if (leaders.includes(openid)) throw new AppError('failed-precondition', 'a leader stays a member; change the leaders first', { reason: 'team.leader_cannot_leave' });
    if (!members.includes(openid)) return d;
  }
  const next = member ? [...members, openid] : members.filter((m) => m !== openid);
  await ctx.tx.collection(C.teams).doc(d._id).update({ data: { members: next, updatedAt: ctx.now() } });
  await ctx.audit({ action: member ? 'org.addTeamMember' : 'org.removeTeamMember', subject: `${C.teams}/${d._id}`, after: { openid } });
  return { ...d, members: next };
}

export async function joinTeam(input: JoinTeamInput, ctx: TxCtx): Promise<Team> {
  const d = await teamDoc(ctx.tx, input.teamId);
  if (input.join) {
    const v = requireVerified(await volunteerByOpenid(ctx.tx, ctx.openid));
    if (v.communityId !== d.communityId) throw new AppError('permission-denied', 'this team is in another community', { reason: 'team.other_community' });
  }
  return toTeam(await setMember(ctx, d, ctx.openid, input.join), true);
}

export async function setTeamMember(input: SetTeamMemberInput, ctx: TxCtx): Promise<Team> {
  const d = await teamDoc(ctx.tx, input.teamId);
  const isLeader = lists(d).leaders.includes(ctx.openid);
  if (!isLeader) await requireStaff(ctx, String(d.communityId));
  return toTeam(await setMember(ctx, d, input.openid, input.member), true);
}

export async function listTeams(input: ListTeamsInput, ctx: Ctx): Promise<{ items: Team[]; next: string | null }> {
  const staff = isStaffOf(await ctx.user(), input.communityId);
  const page = await paginate(ctx.db, C.teams, {
    where: { communityId: input.communityId, ...(input.tag ? { tags: input.tag } : {}) },
    sort: [{ field: 'createdAt', order: 'asc' }],
    after: input.after,
    limit: input.limit,
  });
  return { items: page.items.map((d) => toTeam(d, staff || lists(d).members.includes(ctx.openid))), next: page.next };
}
