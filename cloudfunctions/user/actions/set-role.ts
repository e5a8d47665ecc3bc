import { AppError, hasRole, SetRoleInput, UserProfile, withGrant } from '../../../core';
import { Collections } from '../../../server/collections';
import type { TxCtx } from '../../../server/context';
import { communitiesOf, requireRole } from '../../../server/roles';
import { readUser } from '../../../server/user-store';
import { roleCommunityIds, toProfile } from '../profile';

// A community admin grants a role in a community they administer. Runs in the kernel's
// transaction: the target's roles and the audit entry are written together, and requireRole
// guards the caller's admin grant (it writes the caller's profile), because under snapshot
// isolation a grant that is only read could be revoked meanwhile and the commit would still pass.
export async function setRole(input: SetRoleInput, ctx: TxCtx): Promise<UserProfile> {
  const communityId = input.communityId ?? (await onlyAdministeredCommunity(ctx));
  await requireRole(ctx, 'community-admin', communityId);

  const target = await readUser(ctx.tx, input.openid);
  if (!target) throw new AppError('not-found', 'no user with this openid has opened the app yet', { reason: 'user.not_found' });
  if (hasRole(target.roles, input.role, communityId)) return toProfile(target);

  const at = ctx.now();
  const roles = withGrant(target.roles, { role: input.role, communityId });
  await ctx.tx.collection(Collections.users).doc(input.openid).update({ data: { roles, roleCommunityIds: roleCommunityIds(roles), updatedAt: at } });
  await ctx.audit({
    action: 'user.setRole',
    subject: `${Collections.users}/${input.openid}`,
    before: { roles: target.roles },
    after: { roles },
  });
  return toProfile({ ...target, roles, updatedAt: at });
}

async function onlyAdministeredCommunity(ctx: TxCtx): Promise<string> {
  const communities = await communitiesOf(ctx, 'community-admin');
  if (communities.length === 0) throw new AppError('permission-denied', 'only a community admin can grant roles', { reason: 'role.missing' });
  if (communities.length > 1) {
    throw new AppError('invalid-argument', 'you administer several communities: say which one', { reason: 'user.community_required' });
  }
  return communities[0] as string;
}
