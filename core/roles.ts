import { z } from './zod-setup';

// Every role except resident is granted for one community; a user may hold several grants.
// Resident is the default for every profile; a 'resident' grant in a community means the
// community verified that the person lives there.
export const Role = z.enum(['resident', 'volunteer', 'donor', 'leader', 'social-worker', 'staff', 'community-admin']);
export type Role = z.infer<typeof Role>;

export const CommunityId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'community id: 2–63 lowercase letters, digits or dashes');
export type CommunityId = z.infer<typeof CommunityId>;

export const RoleGrant = z.object({
  role: Role,
  communityId: CommunityId,
});
export type RoleGrant = z.infer<typeof RoleGrant>;

export function hasRole(grants: readonly RoleGrant[], role: Role, communityId: string): boolean {
  return grants.some((g) => g.role === role && g.communityId === communityId);
}

/** Communities in which the grants include `role`. */
export function communitiesWithRole(grants: readonly RoleGrant[], role: Role): string[] {
  return [...new Set(grants.filter((g) => g.role === role).map((g) => g.communityId))];
}

/** Adds a grant once; returns the same array when it was already there. */
export function withGrant(grants: readonly RoleGrant[], grant: RoleGrant): RoleGrant[] {
  return hasRole(grants, grant.role, grant.communityId) ? [...grants] : [...grants, { role: grant.role, communityId: grant.communityId }];
}
