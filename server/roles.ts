// Role checks. Roles come only from the caller's profile in `users`; the first community admin
// comes from configuration (ADMIN_OPENIDS, BOOTSTRAP_COMMUNITY_ID) and is written to the profile by
// `user.me` (docs/operations.md, "Bootstrapping the first admin").
import { AppError, communitiesWithRole, hasRole, Role, RoleGrant } from '../core';
import type { ServerConfig } from './config';
import type { Ctx } from './context';
import type { UserDoc } from './user-store';

export async function requireRole(ctx: Ctx, role: Role, communityId: string): Promise<UserDoc> {
  const user = await ctx.user();
  if (!user || !hasRole(user.roles, role, communityId)) {
    throw new AppError('permission-denied', `requires role ${role} in community ${communityId}`, { reason: 'role.missing' });
  }
  return user;
}

/** Communities where the caller holds `role` (empty when none). */
export async function communitiesOf(ctx: Ctx, role: Role): Promise<string[]> {
  const user = await ctx.user();
  return user ? communitiesWithRole(user.roles, role) : [];
}

/** The grants configuration gives this openid (the bootstrap admin), possibly none. */
export function bootstrapGrants(config: ServerConfig, openid: string): RoleGrant[] {
  return config.ADMIN_OPENIDS.includes(openid) ? [{ role: 'community-admin', communityId: config.BOOTSTRAP_COMMUNITY_ID }] : [];
}
