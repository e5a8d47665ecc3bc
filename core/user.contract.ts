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

/** A subscribe-message template id from the mini-program's admin console (订阅消息). */
export const TemplateId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'template id: 1–128 characters of A–Z a–z 0–9 _ -');

/** The templates one prompt asks for: WeChat allows at most 3 per wx.requestSubscribeMessage. */
const PromptTemplates = z.array(TemplateId).max(3);

/**
 * The places the mini-program asks a person to subscribe (always from their own tap), each with the
 * templates the server later sends that person from there. The server's configuration is the one
 * source (cloudfunctions/user/subscribe-templates.ts); an unconfigured template is left out.
 */
export const SubscribeTemplates = z.object({
  /** Posting a wish: the poster hears when it is claimed and when it is delivered. */
  wishPosted: PromptTemplates,
  /** Claiming a wish or pledging a share: the donor's reminder, release and sign-off messages. */
  wishClaimed: PromptTemplates,
  /** Offering goods, money or services: the allocation the donor is asked to accept. */
  offerMade: PromptTemplates,
  /** Staff on the disclosures page: the daily reminder that disclosures are due. */
  disclosuresDue: PromptTemplates,
  /** Signing up for an activity: moving up from the waitlist. */
  activitySignup: PromptTemplates,
});
export type SubscribeTemplates = z.infer<typeof SubscribeTemplates>;
export type SubscribeScene = keyof SubscribeTemplates;

/**
 * What user.me answers: the profile, the subscribe templates of each prompt and the communities in
 * which the caller is a named signer of a community fund (小区公益基金; usually none). Fund signers are
 * often residents with no role grant, so the app learns from this list whether, and where, to offer
 * them the fund approvals.
 */
export const MeView = UserProfile.extend({ subscribeTemplates: SubscribeTemplates, fundSignerCommunities: z.array(CommunityId) });
export type MeView = z.infer<typeof MeView>;

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
    me: { input: MeInput, output: MeView, mutates: false },
    // A community admin grants a role in a community they administer.
    setRole: { input: SetRoleInput, output: UserProfile, mutates: true },
  },
});
export type UserContract = typeof userContract;
