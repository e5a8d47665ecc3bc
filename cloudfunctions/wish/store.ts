// Stored shapes of the wish function and the reads every action shares: a wish, its recipient,
// the caller's relations to it (core wishActorsOf), and the views the contract allows.
import {
  AppError,
  dayOf,
  hasRole,
  isUrgent,
  RecipientAgeBand,
  RecipientGroup,
  WishActor,
  wishActorsOf,
  WishCard,
  WishCategory,
  wishEventsFor,
  WishStatus,
  WishView,
} from '../../core';
import { Collections } from '../../server/collections';
import type { Ctx, TxCtx } from '../../server/context';
import type { StoredDoc } from '../../server/db';
import type { DocReader } from '../../server/user-store';
import { guardRead } from '../../server/transaction';
import { wishSettings, WishSettings } from '../../server/wish/config';
import { newWishDomainId } from '../../server/wish/ids';

export const W = Collections.wishes;
export const R = Collections.wishRecipients;

export function newId(prefix: 'w' | 'r'): string {
  return newWishDomainId(prefix);
}

export interface RecipientDoc extends StoredDoc {
  communityId: string;
  maskedName: string;
  /** Sealed with aad `wish_recipients/<id>/<field>`. */
  nameSealed: string | null;
  phoneSealed: string | null;
  phoneMasked: string | null;
  addressSealed: string | null;
  sensitiveStatusSealed: string | null;
  ageBand: RecipientAgeBand;
  under14: boolean;
  group: RecipientGroup;
  showGroup: boolean;
  /** The recipient's own WeChat (registered themselves), else null. */
  openid: string | null;
  familyOpenids: string[];
  guardianConsent: { guardianNameSealed: string | null; relation: string; method: string; note: string | null; by: string; at: number } | null;
  /** sha256 of the printed one-time code (server side: codeHash()); null when none is valid. */
  codeHash: string | null;
  /** The same code sealed, to print again. */
  codeSealed: string | null;
  codeIssuedAt: number | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export interface WishDoc extends StoredDoc {
  communityId: string;
  communityName: string;
  recipientId: string;
  postedBy: string;
  postedAs: 'self' | 'family' | 'staff';
  item: string;
  description: string;
  category: WishCategory;
  valueFen: number;
  wantedOn: string;
  /** End of wantedOn (China time), epoch ms: the urgency sort and the expiry timer. */
  wantedBy: number;
  photos: string[];
  photoConsent: boolean;
  // The masked card, copied from the recipient when posted.
  maskedName: string;
  ageBand: RecipientAgeBand;
  group: RecipientGroup | null;
  status: WishStatus;
  version: number;
  nearDuplicates: string[];
  verification: { method: string; note: string | null; by: string; at: number } | null;
  verifiedAt: number | null;
  rejection: { reason: string; by: string; at: number } | null;
  /** 0 until first published (a sort key must exist in every listed document). */
  publishedAt: number;
  /** The donor holding the claim; for a pooled wish, POOL_CLAIMANT(id) once the pledges cover it. */
  claimedBy: string | null;
  claimedAt: number | null;
  /** Pooled (拼好愿): absent on wishes written before pooling existed (read as false / 0 / []). */
  pooled?: boolean;
  pledgedFen?: number;
  pledges?: Array<{ donor: string; fen: number; at: number }>;
  claimDueAt: number | null;
  claimRemindAt: number | null;
  remindedAt: number | null;
  delivery: { mode: 'station' | 'volunteer'; volunteerOpenid: string | null; by: string | null; photo: string | null; note: string | null; at: number | null } | null;
  deliveredAt: number | null;
  confirmation: { mode: 'recipient' | 'family' | 'code' | 'witnessed'; by: string; note: string | null; at: number } | null;
  confirmedAt: number | null;
  thanks: { message: string; photo: string | null; by: string; at: number } | null;
  thankedAt: number | null;
  expiredAt: number | null;
  closure: { reason: string; by: string; at: number } | null;
  createdAt: number;
  updatedAt: number;
}

type Reader = DocReader;

export async function loadWish(reader: Reader, id: string): Promise<WishDoc> {
  const doc = (await reader.collection(W).doc(id).get()).data;
  if (!doc) throw new AppError('not-found', 'no such wish', { reason: 'wish.not_found' });
  return doc as WishDoc;
}

export async function loadRecipient(reader: Reader, id: string): Promise<RecipientDoc> {
  const doc = (await reader.collection(R).doc(id).get()).data;
  if (!doc) throw new AppError('not-found', 'no such recipient', { reason: 'wish.recipient_not_found' });
  return doc as RecipientDoc;
}

/** Staff or community admin of `communityId` (read from the caller's profile). */
export async function isStaffOf(ctx: Pick<Ctx, 'user'>, communityId: string): Promise<boolean> {
  const user = await ctx.user();
  return !!user && (hasRole(user.roles, 'staff', communityId) || hasRole(user.roles, 'community-admin', communityId));
}

/**
 * Refuses unless the caller is staff of `communityId`. In a transaction the profile the grant was
 * read from is also written, so a revoke that commits first makes this one conflict (ADR 0002).
 */
export async function requireStaff(ctx: Ctx | TxCtx, communityId: string): Promise<void> {
  if (!(await isStaffOf(ctx, communityId))) {
    throw new AppError('permission-denied', `only staff of ${communityId} may do this`, { reason: 'wish.staff_only' });
  }
  if ('tx' in ctx) await guardRead(ctx.tx, Collections.users, ctx.openid);
}

export async function actorsOf(ctx: Ctx | TxCtx, wish: WishDoc, recipient: RecipientDoc): Promise<Set<WishActor>> {
  return wishActorsOf({
    caller: ctx.openid,
    postedBy: wish.postedBy,
    recipientOpenid: recipient.openid,
    familyOpenids: recipient.familyOpenids,
    isStaff: await isStaffOf(ctx, wish.communityId),
    claimedBy: wish.claimedBy,
    volunteerOpenid: wish.delivery?.volunteerOpenid ?? null,
  });
}

export function denied(message: string, reason = 'wish.not_allowed'): AppError {
  return new AppError('permission-denied', message, { reason });
}

export function settingsOf(ctx: Pick<Ctx, 'config'>): WishSettings {
  return wishSettings(ctx.config);
}

export function toCard(w: WishDoc, now: number, urgentDays: number): WishCard {
  return {
    id: w._id,
    item: w.item,
    category: w.category,
    valueFen: w.valueFen,
    maskedName: w.maskedName,
    ageBand: w.ageBand,
    group: w.group,
    communityId: w.communityId,
    communityName: w.communityName,
    wantedOn: w.wantedOn,
    urgent: isUrgent(w.wantedOn, dayOf(now), urgentDays),
    publishedAt: w.publishedAt,
    status: w.status,
    pooled: w.pooled === true,
    pledgedFen: w.pledgedFen ?? 0,
  };
}

/**
 * The claimant of a covered pooled wish: no single donor holds it (none may cancel it, it counts
 * against no donor's limit). ':' never occurs in an openid, so it is no one's.
 */
export function poolClaimant(wishId: string): string {
  return `pool:${wishId}`;
}

/**
 * A wish for someone with relations to it. Staff additionally get near-duplicate flags and the
 * masked phone; nobody gets the address here (deliveryAddress, assigned volunteer only).
 */
export function toView(w: WishDoc, actors: Set<WishActor>, caller: string, now: number, settings: WishSettings, recipient: RecipientDoc | null): WishView {
  const staff = actors.has('staff');
  const party = staff || actors.has('poster') || actors.has('recipient') || actors.has('family');
  return {
    ...toCard(w, now, settings.urgentDays),
    description: w.description,
    version: w.version,
    postedAs: w.postedAs,
    createdAt: w.createdAt,
    youAre: [...actors],
    events: wishEventsFor(w.status, actors),
    rejectionReason: party ? (w.rejection?.reason ?? null) : null,
    verification: w.verification ? { method: w.verification.method, note: staff ? w.verification.note : null, at: w.verification.at } : null,
    claimedByYou: w.claimedBy !== null && w.claimedBy === caller,
    claimDueAt: party || actors.has('claimer') ? w.claimDueAt : null,
    deliveryMode: w.delivery?.mode ?? null,
    volunteerAssigned: !!w.delivery?.volunteerOpenid,
    confirmationMode: w.confirmation?.mode ?? null,
    thanksMessage: w.thanks?.message ?? null,
    closeReason: party ? (w.closure?.reason ?? null) : null,
    nearDuplicates: staff ? w.nearDuplicates : [],
    // Photos only with the recipient's consent, and then to anyone who may see the wish.
    photos: w.photoConsent || party ? w.photos : [],
    recipientPhoneMasked: staff && recipient ? recipient.phoneMasked : null,
  };
}
