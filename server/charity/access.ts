// Who may do what in the charity domain (docs/charity.md has the matrix). Roles come only from the
// caller's profile; inside a transaction the grant is guarded like requireRole does (ADR 0002).
import { AppError, hasRole, Role } from '../../core';
import { Collections } from '../collections';
import type { Ctx, TxCtx } from '../context';
import { guardRead } from '../transaction';
import type { UserDoc } from '../user-store';

/** Run the station, confirm allocations, publish disclosures. */
export const STAFF_ROLES: readonly Role[] = ['staff', 'community-admin'];
/** Post and manage needs: staff and social workers (PRODUCT: "needs posted by community staff or social workers"). */
export const NEED_ROLES: readonly Role[] = ['staff', 'community-admin', 'social-worker'];

export async function holdsOneOf(ctx: Ctx | TxCtx, roles: readonly Role[], communityId: string): Promise<UserDoc | null> {
  const user = await ctx.user();
  return user && roles.some((r) => hasRole(user.roles, r, communityId)) ? user : null;
}

/** The caller holds one of `roles` in `communityId`, or permission-denied (role.missing). */
export async function requireOneOf(ctx: Ctx | TxCtx, roles: readonly Role[], communityId: string): Promise<UserDoc> {
  const user = await holdsOneOf(ctx, roles, communityId);
  if (!user) {
    throw new AppError('permission-denied', `requires one of ${roles.join(', ')} in community ${communityId}`, { reason: 'role.missing' });
  }
  if ('tx' in ctx) await guardRead(ctx.tx, Collections.users, ctx.openid);
  return user;
}

export function denied(message: string, reason: string): AppError {
  return new AppError('permission-denied', message, { reason });
}

export function notFound(what: string, reason: string): AppError {
  return new AppError('not-found', `${what} not found`, { reason });
}

export function precondition(message: string, reason: string): AppError {
  return new AppError('failed-precondition', message, { reason });
}
