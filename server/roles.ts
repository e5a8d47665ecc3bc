// Role checks. Roles come only from the caller's profile in `users`; the first community admin
// comes from configuration (ADMIN_OPENIDS, BOOTSTRAP_COMMUNITY_ID) and is written to the profile by
// `user.me` (docs/operations.md, "Bootstrapping the first admin").
import { AppError, communitiesWithRole, hasRole, Role, RoleGrant } from '../core';
import { Collections } from './collections';
import type { ServerConfig } from './config';
import type { Ctx, TxCtx } from './context';
import { guardRead } from './transaction';
import type { UserDoc } from './user-store';

/**
 * The caller holds `role` in `communityId`. Inside a state-changing action the grant is also
 * guarded: the profile it was read from is written in the same transaction, so a revoke that
 * commits before we do makes our commit conflict and the retry re-checks (write skew, ADR 0002).
 */
export async function requireRole(ctx: Ctx | TxCtx, role: Role, communityId: string): Promise<UserDoc> {
  const user = await ctx.user();
  if (!user || !hasRole(user.roles, role, communityId)) {
    throw new AppError('permission-denied', `requires role ${role} in community ${communityId}`, { reason: 'role.missing' });
  }
  if ('tx' in ctx) await guardRead(ctx.tx, Collections.users, ctx.openid);
  return user;
}

/** Communities where the caller holds `role` (empty when none). */
export async function communitiesOf(ctx: Pick<Ctx, 'user'>, role: Role): Promise<string[]> {
  const user = await ctx.user();
  return user ? communitiesWithRole(user.roles, role) : [];
}

/** The grants configuration gives this openid (the bootstrap admin), possibly none. */
export function bootstrapGrants(config: ServerConfig, openid: string): RoleGrant[] {
  return config.ADMIN_OPENIDS.includes(openid) ? [{ role: 'community-admin', communityId: config.BOOTSTRAP_COMMUNITY_ID }] : [];
}
