// The `wish` cloud function's contract: every action's input and output (docs/wishes.md).
// Outputs are allow-lists: a donor-facing shape has no field that could carry an address, a phone,
// an ID number, a full name or the exact sensitive status.
import { defineContract, PageCursor } from '../contract';
import { CommunityId } from '../roles';
import { Day } from '../time';
import { OpenId } from '../user.contract';
import { z } from '../zod-setup';
import { CONFIRM_MODES, WishStatus } from './machine';
import { FamilyCode, RecipientAgeBand, WishConfirmCode, WishMonth, RecipientGroup, WishCategory } from './rules';
import { LatLng } from '../geo';

/** Ids this function makes: a prefix and 20 hex digits ('w_…' wishes, 'r_…' recipients). */
export const WishId = z.string().regex(/^w_[0-9a-f]{20}$/, 'a wish id');
export type WishId = z.infer<typeof WishId>;
export const RecipientId = z.string().regex(/^r_[0-9a-f]{20}$/, 'a recipient id');
export type RecipientId = z.infer<typeof RecipientId>;

/** Trimmed text without control characters, `min`..`max` characters. */
const Text = (min: number, max: number) =>
  z
    .string()
    .max(max * 4)
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(min)
        .max(max)
        .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'no control characters'),
    );

/** A CloudBase file id, as wx.cloud.uploadFile returns it. */
const FileId = z.string().regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[^\s?#%\\]{1,850}$/, 'a cloud:// file id');
/** Money in fen: a positive integer (the cap is configuration: WISH_VALUE_CAP_FEN). */
const Fen = z.number().int().min(1).max(100_000_000);
const Version = z.number().int().min(0).max(1_000_000);
const PhoneText = z.string().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'a phone number');

// ---------------------------------------------------------------------------------------------
// Recipients (who a wish is for): kept by the wish function, personal data sealed (server/pii.ts).

export const RegisterRecipientInput = z.object({
  communityId: CommunityId,
  /** true: the caller registers themselves (their WeChat signs off); false: staff register a resident. */
  self: z.boolean(),
  name: Text(1, 20),
  phone: PhoneText.optional(),
  /** Door address: sealed; shown only to the volunteer assigned to deliver, until delivery. */
  address: Text(1, 120).optional(),
  ageBand: RecipientAgeBand,
  group: RecipientGroup,
  /** The recipient agreed that the group label appears on the public card. */
  showGroup: z.boolean().default(false),
  /** The exact sensitive status (低保, 特困, disability…), staff only; sealed, never on a card. */
  sensitiveStatus: Text(1, 40).optional(),
});
export type RegisterRecipientInput = z.input<typeof RegisterRecipientInput>;

export const RecipientView = z.object({
  id: RecipientId,
  communityId: CommunityId,
  maskedName: z.string(),
  ageBand: RecipientAgeBand,
  group: RecipientGroup,
  showGroup: z.boolean(),
  under14: z.boolean(),
  guardianConsent: z.boolean(),
  hasOwnWeChat: z.boolean(),
  /** The caller is this recipient (registered with their own WeChat): whom "for myself" posts for. */
  you: z.boolean(),
  familyCount: z.number().int(),
  /** Masked (138****5678); staff only, else null. */
  phoneMasked: z.string().nullable(),
  hasConfirmCode: z.boolean(),
});
export type RecipientView = z.infer<typeof RecipientView>;

/**
 * Recipients as a list. `mine`: the ones the caller is or is bound family of (whom they may post
 * for; at most 20, no cursor). `staff`: a community's recipients, newest first, for staff (codes,
 * family, guardian consent).
 */
export const RecipientsInput = z
  .object({
    as: z.enum(['mine', 'staff']),
    /** Required with `as: 'staff'`. */
    communityId: CommunityId.optional(),
    after: PageCursor.optional(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .refine((i) => i.as !== 'staff' || i.communityId !== undefined, { path: ['communityId'], message: 'the community is required with as: staff' });
export type RecipientsInput = z.input<typeof RecipientsInput>;
export const RecipientPage = z.object({ items: z.array(RecipientView), next: PageCursor.nullable() });

/** `code`: the family member's binding code (familyCode), scanned or typed; never their openid. */
export const BindFamilyInput = z.object({ recipientId: RecipientId, code: FamilyCode });
/** The new code itself is not in this answer (which the idempotency record keeps in clear): familyCode shows it. */
export const IssueFamilyCodeOutput = z.object({ expiresAt: z.number().int() });
export const FamilyCodeView = z.object({
  /** Formatted XXXX-XXXX, to read out or type; one-time, valid until expiresAt. */
  code: z.string(),
  /** The page the mini-program code opens when scanned with WeChat (it says what the code is for). */
  page: z.string(),
  /** The mini-program code image (scene: the 8 characters), base64. */
  imageBase64: z.string(),
  contentType: z.string(),
  expiresAt: z.number().int(),
});
export type FamilyCodeView = z.infer<typeof FamilyCodeView>;
export const GuardianConsentInput = z.object({
  recipientId: RecipientId,
  guardianName: Text(1, 20),
  relation: z.enum(['parent', 'grandparent', 'legal-guardian', 'other']),
  /** How consent was given: a signed paper form, or in person before staff. */
  method: z.enum(['paper-form', 'in-person']),
  note: Text(0, 200).optional(),
});
export const IssueCodeInput = z.object({ recipientId: RecipientId });
/** The code itself is not in this answer (which the idempotency record keeps in clear): printConfirmCode shows it. */
export const IssueCodeOutput = z.object({ recipientId: RecipientId, issuedAt: z.number().int() });
export const PrintCodeOutput = z.object({
  recipientId: RecipientId,
  /** Formatted XXXXX-XXXXX, to print on the recipient's card; stored sealed. */
  code: z.string(),
  issuedAt: z.number().int(),
  maskedName: z.string(),
});

// ---------------------------------------------------------------------------------------------
// Wishes

export const PostWishInput = z.object({
  recipientId: RecipientId,
  item: Text(1, 40),
  description: Text(1, 500),
  category: WishCategory,
  valueFen: Fen,
  /** The day the recipient wants it by (China time); between tomorrow and 180 days ahead. */
  wantedOn: Day,
  /** Photos of the need; only with the recipient's consent to show them. */
  photos: z.array(FileId).max(3).default([]),
  photoConsent: z.boolean().default(false),
});
export type PostWishInput = z.input<typeof PostWishInput>;

export const WishIdInput = z.object({ wishId: WishId, version: Version.optional() });
export const PublishInput = z.object({
  wishId: WishId,
  version: Version.optional(),
  /** Pooled (拼好愿): several donors pledge shares until the value is covered, instead of one donor claiming. */
  pooled: z.boolean().default(false),
});
export const PledgeInput = z.object({ wishId: WishId, shareFen: Fen });
/** At most this many donors pool one wish. */
export const MAX_POOL_DONORS = 20;
export const VerifyInput = z.object({
  wishId: WishId,
  version: Version.optional(),
  method: z.enum(['home-visit', 'phone-call']),
  note: Text(1, 300),
});
export const ReasonInput = z.object({ wishId: WishId, version: Version.optional(), reason: Text(1, 200) });
export const ReviseInput = z.object({
  wishId: WishId,
  version: Version.optional(),
  item: Text(1, 40),
  description: Text(1, 500),
  category: WishCategory,
  valueFen: Fen,
  wantedOn: Day,
});
export const RepublishInput = z.object({ wishId: WishId, version: Version.optional(), wantedOn: Day });
export const AssignVolunteerInput = z.object({ wishId: WishId, volunteerOpenid: OpenId });
export const DeliverInput = z.object({
  wishId: WishId,
  version: Version.optional(),
  /** station: staff record receipt at the community station; volunteer: the assigned volunteer handed it over. */
  mode: z.enum(['station', 'volunteer']),
  photo: FileId.optional(),
  note: Text(0, 200).optional(),
});
export const ConfirmInput = z.discriminatedUnion('mode', [
  z.object({ wishId: WishId, mode: z.literal('recipient') }),
  z.object({ wishId: WishId, mode: z.literal('family') }),
  z.object({ wishId: WishId, mode: z.literal('code'), code: WishConfirmCode }),
  z.object({ wishId: WishId, mode: z.literal('witnessed'), note: Text(1, 200) }),
]);
export type ConfirmInput = z.input<typeof ConfirmInput>;
export const ThankInput = z.object({
  wishId: WishId,
  message: Text(1, 200),
  /** A photo for the donor: only staff may attach one (their approval), and only with the recipient's photo consent. */
  photo: FileId.optional(),
});

/** The masked public card (the only shape a donor ever gets). */
export const WishCard = z.object({
  id: WishId,
  item: z.string(),
  category: WishCategory,
  valueFen: z.number().int(),
  /** First character + 某. */
  maskedName: z.string(),
  ageBand: RecipientAgeBand,
  /** Only when the recipient agreed; otherwise null. */
  group: RecipientGroup.nullable(),
  communityId: CommunityId,
  communityName: z.string(),
  wantedOn: Day,
  urgent: z.boolean(),
  publishedAt: z.number().int(),
  status: WishStatus,
  /** Pooled (拼好愿): donors pledge shares; pledgedFen of valueFen is covered so far. */
  pooled: z.boolean(),
  pledgedFen: z.number().int(),
});
export type WishCard = z.infer<typeof WishCard>;

/** A wish as its parties (poster, recipient, family), its donor or staff see it; never an address. */
export const WishView = WishCard.extend({
  description: z.string(),
  version: z.number().int(),
  postedAs: z.enum(['self', 'family', 'staff']),
  createdAt: z.number().int(),
  /** The caller's relations and what they may do now (the page's buttons). */
  youAre: z.array(z.string()),
  events: z.array(z.string()),
  rejectionReason: z.string().nullable(),
  verification: z.object({ method: z.string(), note: z.string().nullable(), at: z.number().int() }).nullable(),
  claimedByYou: z.boolean(),
  claimDueAt: z.number().int().nullable(),
  deliveryMode: z.enum(['station', 'volunteer']).nullable(),
  volunteerAssigned: z.boolean(),
  confirmationMode: z.enum(CONFIRM_MODES).nullable(),
  thanksMessage: z.string().nullable(),
  closeReason: z.string().nullable(),
  /** Staff only: other open wishes of the same recipient that look the same. */
  nearDuplicates: z.array(WishId),
  photos: z.array(z.string()),
  /** Staff only: the recipient's masked phone; null for everyone else. */
  recipientPhoneMasked: z.string().nullable(),
});
export type WishView = z.infer<typeof WishView>;

export const BrowseSort = z.enum(['newest', 'wanted-by', 'value-asc', 'value-desc']);
export type BrowseSort = z.infer<typeof BrowseSort>;

export const BrowseInput = z.object({
  category: WishCategory.optional(),
  communityId: CommunityId.optional(),
  minFen: z.number().int().min(0).max(100_000_000).optional(),
  maxFen: z.number().int().min(0).max(100_000_000).optional(),
  /** Only wishes wanted within WISH_URGENT_DAYS. */
  urgent: z.boolean().optional(),
  sort: BrowseSort.default('newest'),
  after: PageCursor.optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type BrowseInput = z.input<typeof BrowseInput>;
export const CardPage = z.object({ items: z.array(WishCard), next: PageCursor.nullable() });

export const RecommendInput = z.object({
  categories: z.array(WishCategory).max(5).default([]),
  budgetFen: z.number().int().min(1).max(100_000_000).optional(),
  communityId: CommunityId.optional(),
  /** The donor's position (wx.getLocation, gcj02), for the distance part; never stored. */
  location: LatLng.optional(),
  limit: z.number().int().min(1).max(20).default(10),
});
export const ScoredCard = z.object({
  card: WishCard,
  score: z.number(),
  parts: z.object({ category: z.number(), budget: z.number(), urgency: z.number(), waiting: z.number(), spread: z.number(), distance: z.number() }),
});
export const RecommendOutput = z.object({ items: z.array(ScoredCard), considered: z.number().int() });

export const MineInput = z.object({
  /**
   * posted: wishes I posted or that are for me / my family; claimed: my claims as a donor;
   * delivering: wishes staff assigned me to deliver as a volunteer, until signed off.
   */
  as: z.enum(['posted', 'claimed', 'delivering']),
  after: PageCursor.optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export const ViewPage = z.object({ items: z.array(WishView), next: PageCursor.nullable() });

export const QueueInput = z.object({
  communityId: CommunityId,
  status: WishStatus,
  after: PageCursor.optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const DeliveryAddressOutput = z.object({ wishId: WishId, address: z.string(), recipientName: z.string() });

export const DisclosureInput = z.object({ communityId: CommunityId, month: WishMonth });
export const DisclosureOutput = z.object({
  communityId: CommunityId,
  month: WishMonth,
  figures: z.object({
    posted: z.number().int(),
    verified: z.number().int(),
    claimed: z.number().int(),
    fulfilled: z.number().int(),
    expired: z.number().int(),
    /** Mean days from posting to sign-off of the wishes fulfilled this month; null when none. */
    averageDaysToFulfil: z.number().nullable(),
  }),
  /** Masked cards of the wishes fulfilled (signed off) this month. */
  fulfilled: z.array(WishCard.extend({ fulfilledAt: z.number().int() })),
});

export const WishTimerSummary = z.object({ released: z.number().int(), reminded: z.number().int(), expired: z.number().int() });

export const wishContract = defineContract({
  name: 'wish',
  actions: {
    registerRecipient: { input: RegisterRecipientInput, output: RecipientView, mutates: true },
    recipients: { input: RecipientsInput, output: RecipientPage, mutates: false },
    issueFamilyCode: { input: z.object({}), output: IssueFamilyCodeOutput, mutates: true },
    familyCode: { input: z.object({}), output: FamilyCodeView, mutates: false },
    bindFamily: { input: BindFamilyInput, output: RecipientView, mutates: true },
    recordGuardianConsent: { input: GuardianConsentInput, output: RecipientView, mutates: true },
    issueConfirmCode: { input: IssueCodeInput, output: IssueCodeOutput, mutates: true },
    printConfirmCode: { input: IssueCodeInput, output: PrintCodeOutput, mutates: false },

    post: { input: PostWishInput, output: WishView, mutates: true },
    revise: { input: ReviseInput, output: WishView, mutates: true },
    verify: { input: VerifyInput, output: WishView, mutates: true },
    reject: { input: ReasonInput, output: WishView, mutates: true },
    publish: { input: PublishInput, output: WishView, mutates: true },
    republish: { input: RepublishInput, output: WishView, mutates: true },
    close: { input: ReasonInput, output: WishView, mutates: true },

    claim: { input: WishIdInput, output: WishView, mutates: true },
    cancelClaim: { input: WishIdInput, output: WishView, mutates: true },
    pledge: { input: PledgeInput, output: WishView, mutates: true },
    assignVolunteer: { input: AssignVolunteerInput, output: WishView, mutates: true },
    deliver: { input: DeliverInput, output: WishView, mutates: true },
    confirm: { input: ConfirmInput, output: WishView, mutates: true },
    thank: { input: ThankInput, output: WishView, mutates: true },

    get: { input: z.object({ wishId: WishId }), output: WishView, mutates: false },
    deliveryAddress: { input: z.object({ wishId: WishId }), output: DeliveryAddressOutput, mutates: false },
    browse: { input: BrowseInput, output: CardPage, mutates: false },
    recommend: { input: RecommendInput, output: RecommendOutput, mutates: false },
    mine: { input: MineInput, output: ViewPage, mutates: false },
    queue: { input: QueueInput, output: ViewPage, mutates: false },
    disclosure: { input: DisclosureInput, output: DisclosureOutput, mutates: false },
  },
});
export type WishContract = typeof wishContract;
