// A person's standing in a community, kept consistent in the caller's transaction: the role grants
// on their profile (users.roles) and their places in the community's teams (teams.members/leaders).
// The leader role in a community follows from leading a team there: it is granted when someone is
// named a leader and revoked when they lead no team there any more (leaders changed, team
// dissolved, account erased, moved to another community). The activity pages, roster, rotating
// code, roll call and check-out fixes check teams.leaders and this grant (server/activity/access.ts).
import { RoleGrant } from '../../core';
import { Collections } from '../collections';
import type { TxCtx } from '../context';
import type { StoredDoc } from '../db';
import { newUserDoc, readUser } from '../user-store';
import { VolunteerCollections as C } from './collections';

const listOf = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);

/**
 * Rewrites the person's grants with `change` (creating the profile when they never opened the app);
 * writes only when something changed. Returns the grants before and after.
 */
export async function changeRoles(ctx: TxCtx, openid: string, change: (roles: RoleGrant[]) => RoleGrant[]): Promise<{ before: RoleGrant[]; after: RoleGrant[] }> {
  const user = await readUser(ctx.tx, openid);
  const before = user?.roles ?? [];
  const after = change([...before]);
  const same = after.length === before.length && after.every((g, i) => g.role === before[i]!.role && g.communityId === before[i]!.communityId);
  if (same) return { before, after: before };
  const data = { roles: after, roleCommunityIds: [...new Set(after.map((r) => r.communityId))], updatedAt: ctx.now() };
  if (user) await ctx.tx.collection(Collections.users).doc(openid).update({ data });
  else await ctx.tx.collection(Collections.users).add({ data: { ...newUserDoc(openid, ctx.now()), ...data } });
  return { before, after };
}

export const without = (roles: RoleGrant[], communityId: string, ...names: RoleGrant['role'][]) =>
  roles.filter((r) => !(r.communityId === communityId && names.includes(r.role)));

/** The teams of the community (or all of them) the person is in. */
async function teamsOf(ctx: TxCtx, openid: string, communityId: string | null): Promise<StoredDoc[]> {
  const where = communityId === null ? { members: openid } : { members: openid, communityId };
  return (await ctx.tx.collection(C.teams).where(where).limit(1000).get()).data;
}

/** Removes the person from every team of the community (or every team), as member and as leader. */
export async function leaveTeams(ctx: TxCtx, openid: string, communityId: string | null): Promise<string[]> {
  const left: string[] = [];
  for (const t of await teamsOf(ctx, openid, communityId)) {
    const members = listOf(t.members).filter((m) => m !== openid);
    const leaders = listOf(t.leaders).filter((m) => m !== openid);
    await ctx.tx.collection(C.teams).doc(t._id).update({ data: { members, leaders, updatedAt: ctx.now() } });
    left.push(t._id);
  }
  return left;
}

/**
 * Each of `openids` who no longer leads a team of the community loses the leader grant there.
 * `changed` is the team this transaction just rewrote (or removed: leaders []), so its new
 * leaders count instead of what a query could still see. Returns who lost the grant.
 */
export async function revokeLeadersWithoutTeam(ctx: TxCtx, communityId: string, openids: readonly string[], changed: { teamId: string; leaders: readonly string[] }): Promise<string[]> {
  const revoked: string[] = [];
  for (const openid of openids) {
    if (changed.leaders.includes(openid)) continue;
    const leading = (await ctx.tx.collection(C.teams).where({ communityId, leaders: openid }).limit(2).get()).data.filter((t) => t._id !== changed.teamId);
    if (leading.length > 0) continue;
    const { before, after } = await changeRoles(ctx, openid, (roles) => without(roles, communityId, 'leader'));
    if (after !== before) revoked.push(openid);
  }
  if (revoked.length) await ctx.audit({ action: 'org.revokeLeader', subject: `${C.teams}/${changed.teamId}`, after: { communityId, revoked } });
  return revoked;
}
