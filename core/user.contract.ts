import { z } from './zod-setup';
import { defineContract } from './contract';
import { CommunityId, Role, RoleGrant } from './roles';

export const OpenId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'openid: 1–128 characters of A–Z a–z 0–9 _ -');
export type OpenId = z.infer<typeof OpenId>;

export const UserProfile = z.object({
  openid: OpenId,
  roles: z.array(RoleGrant),
  createdAt: z.number().int(),
});
export type UserProfile = z.infer<typeof UserProfile>;

export const MeInput = z.object({});
export type MeInput = z.infer<typeof MeInput>;

export const SetRoleInput = z.object({
  openid: OpenId,
  role: Role,
  /** Optional when the caller administers exactly one community. */
  communityId: CommunityId.optional(),
});
export type SetRoleInput = z.infer<typeof SetRoleInput>;

export const userContract = defineContract({
  name: 'user',
  actions: {
    // Creates the profile on first call, but needs no requestId: the profile's id is the openid,
    // so repeating the call cannot create a second one.
    me: { input: MeInput, output: UserProfile, mutates: false },
    // A community admin grants a role in a community they administer.
    setRole: { input: SetRoleInput, output: UserProfile, mutates: true },
  },
});
export type UserContract = typeof userContract;
