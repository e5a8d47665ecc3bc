// Who may act in a community. Staff rights are per community: a 'staff' or 'community-admin'
// grant in community A gives nothing in community B. Like requireRole, a check inside a
// state-changing action also guards the caller's profile (a concurrent revoke makes the commit
// conflict and the retry re-checks: ADR 0002).
import { AppError, hasRole } from '../../core';
import { Collections } from '../collections';
import type { Ctx, TxCtx } from '../context';
import { guardRead } from '../transaction';
import type { UserDoc } from '../user-store';

export function isStaffOf(user: UserDoc | null, communityId: string): boolean {
  return !!user && (hasRole(user.roles, 'staff', communityId) || hasRole(user.roles, 'community-admin', communityId));
}

export async function requireStaff(ctx: Ctx | TxCtx, communityId: string): Promise<UserDoc> {
  const user = await ctx.user();
  if (!isStaffOf(user, communityId)) {
    throw new AppError('permission-denied', `only staff of community ${communityId} may do this`, { reason: 'role.missing' });
  }
  if ('tx' in ctx) await guardRead(ctx.tx, Collections.users, ctx.openid);
  return user as UserDoc;
}

export async function requireAdmin(ctx: Ctx | TxCtx, communityId: string): Promise<UserDoc> {
  const user = await ctx.user();
  if (!user || !hasRole(user.roles, 'community-admin', communityId)) {
    throw new AppError('permission-denied', `only an admin of community ${communityId} may do this`, { reason: 'role.missing' });
  }
  if ('tx' in ctx) await guardRead(ctx.tx, Collections.users, ctx.openid);
  return user;
}
