import type { RoleGrant, UserProfile } from '../../core';
import type { UserDoc } from '../../server/user-store';

export function toProfile(user: UserDoc): UserProfile {
  return { openid: user.openid, roles: user.roles, createdAt: user.createdAt };
}

export function roleCommunityIds(roles: readonly RoleGrant[]): string[] {
  return [...new Set(roles.map((r) => r.communityId))];
}
