// Posting, verification, publishing, expiry handling, claiming, delivery, sign-off and thanks:
// every status change is one applyTransition (compare-and-set + audit in the action's transaction)
// after the caller's relation to the wish is checked against core's WISH_EVENT_ACTORS.
import {
  AppError,
  CONFIRM_MODE_ACTORS,
  dayOf,
  daysBetween,
  isNearDuplicate,
  MAX_POOL_DONORS,
  OPEN_WISH_STATUSES,
  wantedByInstant,
  WishActor,
  wishActorMay,
  wishContract,
  WishEvent,
  wishMachine,
  WishView,
  unstartedWishLifecycle,
} from '../../../core';
import type { ParsedInputOf } from '../../../core';
import type { Ctx, TxCtx } from '../../../server/context';
import type { DocData } from '../../../server/db';
import { checkText } from '../../../server/openapi';
import { open } from '../../../server/pii';
import { applyTransition } from '../../../server/transition';
import { guardRead } from '../../../server/transaction';
import { Collections } from '../../../server/collections';
import { notify, WishMessage } from '../notify';
import { actorsOf, denied, isStaffOf, loadRecipient, loadWish, newId, poolClaimant, R, RecipientDoc, requireStaff, settingsOf, toView, W, WishDoc } from '../store';
import { aad, codeHash } from './recipients';

type In<K extends keyof typeof wishContract.actions> = ParsedInputOf<typeof wishContract, K>;

const DAY = 86_400_000;
/** Declared by the volunteer domain (database/volunteers.ts); read here for the card's community name only. */
const COMMUNITIES = 'communities';
const HOUR = 3_600_000;
/** How far ahead a wanted-by day may be. */
const MAX_WANTED_DAYS = 180;
const CLAIMED_OR_LATER = new Set(['claimed', 'delivered', 'confirmed', 'thanked']);

function invalidField(field: string, message: string, reason: string): AppError {
  return new AppError('invalid-argument', message, { reason, issues: [{ path: ['input', field], code: 'custom', message }] });
}

function checkWantedOn(wantedOn: string, now: number): void {
  const days = daysBetween(dayOf(now), wantedOn);
  if (days < 1 || days > MAX_WANTED_DAYS) {
    throw invalidField('wantedOn', `the wanted-by day must be between tomorrow and ${MAX_WANTED_DAYS} days ahead`, 'wish.bad_wanted_on');
  }
}

function checkValue(valueFen: number, ctx: Pick<Ctx, 'config'>): void {
  const cap = settingsOf(ctx).valueCapFen;
  if (valueFen > cap) throw invalidField('valueFen', `a wish may be worth at most ¥${cap / 100}`, 'wish.value_over_cap');
}

async function screenText(ctx: TxCtx, fields: Record<string, string>): Promise<void> {
  for (const [field, text] of Object.entries(fields)) await checkText(ctx, text, { scene: 'forum', field });
}

async function communityName(ctx: TxCtx, communityId: string): Promise<string> {
  // The communities collection belongs to the volunteer domain (database/volunteers.ts); its name is optional here.
  const doc = (await ctx.db.collection(COMMUNITIES).doc(communityId).get()).data;
  return typeof doc?.name === 'string' ? doc.name : communityId;
}

/** Open wishes of a recipient, read in the transaction. */
async function openWishesOf(ctx: TxCtx, recipientId: string): Promise<WishDoc[]> {
  const _ = ctx.db.command;
  const res = await ctx.tx
    .collection(W)
    .where({ recipientId, status: _.in([...OPEN_WISH_STATUSES]) })
    .limit(100)
    .get();
  return res.data as WishDoc[];
}

async function view(ctx: Ctx | TxCtx, w: WishDoc, recipient?: RecipientDoc): Promise<WishView> {
  const r = recipient ?? (await loadRecipient('tx' in ctx ? ctx.tx : ctx.db, w.recipientId));
  return toView(w, await actorsOf(ctx, w, r), ctx.openid, ctx.now(), settingsOf(ctx), r);
}

function afterCommitNotify(ctx: TxCtx, kind: WishMessage, to: Array<string | null>, w: WishDoc, at: number): void {
  const settings = settingsOf(ctx);
  for (const touser of new Set(to.filter((x): x is string => !!x))) {
    ctx.afterCommit(`notify.${kind}`, () => notify(kind, touser, w, settings, ctx.log, at));
  }
}

/**
 * The caller may send `event` (their relation to the wish) and the wish's status allows it; then
 * the compare-and-set with its audit entry. Permission is judged first, so a stranger learns
 * nothing about the status.
 */
async function transition(
  ctx: TxCtx,
  w: WishDoc,
  actors: Set<WishActor>,
  event: WishEvent,
  set: DocData,
  version?: number,
): Promise<WishDoc> {
  if (!wishActorMay(event, actors)) throw denied(`you may not ${event} this wish`);
  const result = await applyTransition(ctx, wishMachine, {
    collection: W,
    id: w._id,
    event,
    ...(version !== undefined ? { version } : {}),
    set: { ...set, updatedAt: ctx.now() },
  });
  return result.doc as WishDoc;
}

async function load(ctx: TxCtx, wishId: string): Promise<{ w: WishDoc; r: RecipientDoc; actors: Set<WishActor> }> {
  const w = await loadWish(ctx.tx, wishId);
  const r = await loadRecipient(ctx.tx, w.recipientId);
  const actors = await actorsOf(ctx, w, r);
  // Staff-ness is read from the caller's profile: guard it against a concurrent revoke (ADR 0002).
  if (actors.has('staff')) await guardRead(ctx.tx, Collections.users, ctx.openid);
  return { w, r, actors };
}

// ---------------------------------------------------------------------------------------------
// Posting and review

export async function post(input: In<'post'>, ctx: TxCtx): Promise<WishView> {
  const r = await loadRecipient(ctx.tx, input.recipientId);
  let postedAs: WishDoc['postedAs'];
  if (r.openid === ctx.openid) postedAs = 'self';
  else if (r.familyOpenids.includes(ctx.openid)) postedAs = 'family';
  else if (await isStaffOf(ctx, r.communityId)) {
    postedAs = 'staff';
    await requireStaff(ctx, r.communityId);
  } else throw denied('you may post only for yourself, a family member bound to you, or as staff of the community', 'wish.not_your_recipient');

  const now = ctx.now();
  checkValue(input.valueFen, ctx);
  checkWantedOn(input.wantedOn, now);
  if (input.photos.length > 0 && !input.photoConsent) {
    throw invalidField('photoConsent', 'photos need the recipient\'s consent to be shown', 'wish.photo_needs_consent');
  }
  await screenText(ctx, { item: input.item, description: input.description });

  const open = await openWishesOf(ctx, r._id);
  const settings = settingsOf(ctx);
  if (open.length >= settings.maxOpenPerRecipient) {
    throw new AppError('failed-precondition', `this recipient already has ${open.length} open wishes (at most ${settings.maxOpenPerRecipient})`, {
      reason: 'wish.too_many_open',
    });
  }
  // Two posts for one recipient at once both write the recipient: one conflicts and re-counts.
  await guardRead(ctx.tx, R, r._id);

  const id = newId('w');
  const w: WishDoc = {
    _id: id,
    communityId: r.communityId,
    communityName: await communityName(ctx, r.communityId),
    recipientId: r._id,
    postedBy: ctx.openid,
    postedAs,
    item: input.item,
    description: input.description,
    category: input.category,
    valueFen: input.valueFen,
    wantedOn: input.wantedOn,
    wantedBy: wantedByInstant(input.wantedOn),
    photos: input.photos,
    photoConsent: input.photoConsent,
    maskedName: r.maskedName,
    ageBand: r.ageBand,
    group: r.showGroup ? r.group : null,
    status: 'submitted',
    version: 0,
    nearDuplicates: open.filter((o) => isNearDuplicate(o, input)).map((o) => o._id),
    ...unstartedWishLifecycle(),
    createdAt: now,
    updatedAt: now,
  };
  await ctx.tx.collection(W).add({ data: w });
  await ctx.audit({
    action: 'wish.post',
    subject: `${W}/${id}`,
    after: { status: 'submitted', recipientId: r._id, postedAs, category: w.category, valueFen: w.valueFen, nearDuplicates: w.nearDuplicates },
  });
  if (w.nearDuplicates.length > 0) ctx.log.info('near-duplicate wish flagged for staff', { wishId: id, nearDuplicates: w.nearDuplicates });
  return view(ctx, w, r);
}

export async function revise(input: In<'revise'>, ctx: TxCtx): Promise<WishView> {
  const { w, r, actors } = await load(ctx, input.wishId);
  if (!wishActorMay('revise', actors)) throw denied('only the poster may revise this wish');
  const now = ctx.now();
  checkValue(input.valueFen, ctx);
  checkWantedOn(input.wantedOn, now);
  await screenText(ctx, { item: input.item, description: input.description });
  const next = await transition(
    ctx,
    w,
    actors,
    'revise',
    {
      item: input.item,
      description: input.description,
      category: input.category,
      valueFen: input.valueFen,
      wantedOn: input.wantedOn,
      wantedBy: wantedByInstant(input.wantedOn),
      rejection: null,
    },
    input.version,
  );
  return view(ctx, next, r);
}

export async function verify(input: In<'verify'>, ctx: TxCtx): Promise<WishView> {
  const { w, r, actors } = await load(ctx, input.wishId);
  if (!wishActorMay('verify', actors)) throw denied('only staff of the community may verify');
  if (r.under14 && !r.guardianConsent) {
    throw new AppError('failed-precondition', 'the recipient is under 14: record the guardian\'s consent first', { reason: 'wish.guardian_consent_required' });
  }
  const now = ctx.now();
  const next = await transition(ctx, w, actors, 'verify', { verification: { method: input.method, note: input.note, by: ctx.openid, at: now }, verifiedAt: now }, input.version);
  return view(ctx, next, r);
}

export async function reject(input: In<'reject'>, ctx: TxCtx): Promise<WishView> {
  const { w, r, actors } = await load(ctx, input.wishId);
  const next = await transition(ctx, w, actors, 'reject', { rejection: { reason: input.reason, by: ctx.openid, at: ctx.now() } }, input.version);
  return view(ctx, next, r);
}

export async function publish(input: In<'publish'>, ctx: TxCtx): Promise<WishView> {
  const { w, r, actors } = await load(ctx, input.wishId);
  if (!wishActorMay('publish', actors)) throw denied('only staff of the community may publish');
  const now = ctx.now();
  if (w.wantedBy <= now) throw new AppError('failed-precondition', 'the wanted-by day has passed: close the wish or ask the poster to revise it', { reason: 'wish.wanted_on_passed' });
  // The card is taken from the recipient as it is now (consent to show the group may have changed).
  const next = await transition(
    ctx,
    w,
    actors,
    'publish',
    { publishedAt: now, maskedName: r.maskedName, ageBand: r.ageBand, group: r.showGroup ? r.group : null, pooled: input.pooled, pledgedFen: 0, pledges: [] },
    input.version,
  );
  return view(ctx, next, r);
}

export async function republish(input: In<'republish'>, ctx: TxCtx): Promise<WishView> {
  const { w, r, actors } = await load(ctx, input.wishId);
  if (!wishActorMay('republish', actors)) throw denied('only staff of the community may re-publish');
  const now = ctx.now();
  checkWantedOn(input.wantedOn, now);
  const next = await transition(
    ctx,
    w,
    actors,
    'republish',
    { publishedAt: now, wantedOn: input.wantedOn, wantedBy: wantedByInstant(input.wantedOn), expiredAt: null },
    input.version,
  );
  return view(ctx, next, r);
}

export async function close(input: In<'close'>, ctx: TxCtx): Promise<WishView> {
  const { w, r, actors } = await load(ctx, input.wishId);
  const next = await transition(ctx, w, actors, 'close', { closure: { reason: input.reason, by: ctx.openid, at: ctx.now() } }, input.version);
  return view(ctx, next, r);
}

// ---------------------------------------------------------------------------------------------
// Claims

/** The fields that end a claim (cancel, timer release). */
export const CLAIM_CLEARED = { claimedBy: null, claimedAt: null, claimDueAt: null, claimRemindAt: null, remindedAt: null, delivery: null, pledgedFen: 0, pledges: [] } as const;

const alreadyClaimed = () => new AppError('failed-precondition', 'this wish has already been claimed by another donor', { reason: 'wish.already_claimed' });

export async function claim(input: In<'claim'>, ctx: TxCtx): Promise<WishView> {
  // The status first: a published wish's status is public (claimed ones leave the donors' list),
  // and under a rush of donors most attempts end here, after one read.
  const w = await loadWish(ctx.tx, input.wishId);
  if (w.status !== 'published') {
    if (CLAIMED_OR_LATER.has(w.status)) throw alreadyClaimed();
    throw new AppError('failed-precondition', `this wish is ${w.status} and cannot be claimed`, { reason: wishMachine.reasonFor('claim') });
  }
  if (w.pooled) throw new AppError('failed-precondition', 'this is a pooled wish: pledge a share instead', { reason: 'wish.pooled' });
  const r = await loadRecipient(ctx.tx, w.recipientId);
  if (ctx.openid === w.postedBy || ctx.openid === r.openid || r.familyOpenids.includes(ctx.openid)) {
    throw denied('you cannot claim a wish you posted or that is for you or your family', 'wish.own_wish');
  }
  const settings = settingsOf(ctx);
  const held = await ctx.tx.collection(W).where({ claimedBy: ctx.openid, status: 'claimed' }).limit(settings.maxOpenClaimsPerDonor).get();
  if (held.data.length >= settings.maxOpenClaimsPerDonor) {
    throw new AppError('failed-precondition', `you already hold ${held.data.length} undelivered claims (at most ${settings.maxOpenClaimsPerDonor})`, {
      reason: 'wish.claim_limit',
    });
  }
  // Two claims by one donor at once both write this document: one conflicts and re-counts.
  const donorRef = ctx.tx.collection(Collections.wishDonors).doc(ctx.openid);
  const donor = (await donorRef.get()).data;
  const now = ctx.now();
  await donorRef.set({ data: { openid: ctx.openid, claims: (typeof donor?.claims === 'number' ? donor.claims : 0) + 1, lastClaimAt: now } });
  const due = now + settings.claimDays * DAY;
  let next: WishDoc;
  try {
    next = await transition(ctx, w, new Set(['donor'] as const), 'claim', {
      claimedBy: ctx.openid,
      claimedAt: now,
      claimDueAt: due,
      claimRemindAt: due - settings.remindHours * HOUR,
      remindedAt: null,
      delivery: null,
    }, input.version);
  } catch (e) {
    // Another donor's claim committed between our first read and the compare-and-set.
    if (e instanceof AppError && e.details?.reason === wishMachine.reasonFor('claim') && CLAIMED_OR_LATER.has((await loadWish(ctx.tx, w._id)).status)) {
      throw alreadyClaimed();
    }
    throw e;
  }
  afterCommitNotify(ctx, 'claimed', [w.postedBy, r.openid], next, now);
  return toView(next, await actorsOf(ctx, next, r), ctx.openid, now, settings, r);
}

export async function cancelClaim(input: In<'cancelClaim'>, ctx: TxCtx): Promise<WishView> {
  const { w, r, actors } = await load(ctx, input.wishId);
  const next = await transition(ctx, w, actors, 'cancelClaim', { ...CLAIM_CLEARED }, input.version);
  return view(ctx, next, r);
}

/**
 * Pooled mode (拼好愿): a donor pledges a share of a pooled wish's value, once per wish; the pledge
 * that covers the value claims the wish for the pool (poolClaimant: no single donor may cancel
 * it), with the delivery deadline and reminders of any claim. Concurrent pledges all write the
 * wish, so they serialise and the total never exceeds the value.
 */
export async function pledge(input: In<'pledge'>, ctx: TxCtx): Promise<WishView> {
  const w = await loadWish(ctx.tx, input.wishId);
  if (w.status !== 'published') {
    if (CLAIMED_OR_LATER.has(w.status)) throw alreadyClaimed();
    throw new AppError('failed-precondition', `this wish is ${w.status} and takes no pledges`, { reason: 'wish.cannot_pledge' });
  }
  if (!w.pooled) throw new AppError('failed-precondition', 'this wish is claimed by one donor, not pooled', { reason: 'wish.not_pooled' });
  const r = await loadRecipient(ctx.tx, w.recipientId);
  if (ctx.openid === w.postedBy || ctx.openid === r.openid || r.familyOpenids.includes(ctx.openid)) {
    throw denied('you cannot pledge to a wish you posted or that is for you or your family', 'wish.own_wish');
  }
  const pledges = w.pledges ?? [];
  const pledged = w.pledgedFen ?? 0;
  if (pledges.some((p) => p.donor === ctx.openid)) throw new AppError('already-exists', 'you have already pledged to this wish', { reason: 'wish.already_pledged' });
  if (pledges.length >= MAX_POOL_DONORS) throw new AppError('failed-precondition', `at most ${MAX_POOL_DONORS} donors pool one wish`, { reason: 'wish.pool_full' });
  const remaining = w.valueFen - pledged;
  if (input.shareFen > remaining) {
    throw new AppError('failed-precondition', `only ¥${remaining / 100} remains to be pledged`, { reason: 'wish.pledge_too_large' });
  }
  const now = ctx.now();
  const nextPledges = [...pledges, { donor: ctx.openid, fen: input.shareFen, at: now }];
  const total = pledged + input.shareFen;
  let next: WishDoc;
  if (total < w.valueFen) {
    await ctx.tx.collection(W).doc(w._id).update({ data: { pledges: ctx.db.command.set(nextPledges), pledgedFen: total, version: w.version + 1, updatedAt: now } });
    await ctx.audit({ action: 'wish.pledge', subject: `${W}/${w._id}`, before: { pledgedFen: pledged, version: w.version }, after: { pledgedFen: total, shareFen: input.shareFen, version: w.version + 1 } });
    next = { ...w, pledges: nextPledges, pledgedFen: total, version: w.version + 1, updatedAt: now };
  } else {
    const settings = settingsOf(ctx);
    const due = now + settings.claimDays * DAY;
    await ctx.audit({ action: 'wish.pledge', subject: `${W}/${w._id}`, before: { pledgedFen: pledged }, after: { pledgedFen: total, shareFen: input.shareFen } });
    next = await transition(ctx, w, new Set(['donor'] as const), 'claim', {
      pledges: nextPledges,
      pledgedFen: total,
      claimedBy: poolClaimant(w._id),
      claimedAt: now,
      claimDueAt: due,
      claimRemindAt: due - settings.remindHours * HOUR,
      remindedAt: null,
      delivery: null,
    });
    afterCommitNotify(ctx, 'claimed', [w.postedBy, r.openid], next, now);
  }
  return toView(next, await actorsOf(ctx, next, r), ctx.openid, now, settingsOf(ctx), r);
}

/** Who gets a donor's message for a wish: its single donor, or every donor who pledged to the pool. */
export function donorsOf(w: WishDoc): string[] {
  if (w.claimedBy && !w.claimedBy.startsWith('pool:')) return [w.claimedBy];
  return (w.pledges ?? []).map((p) => p.donor);
}

export async function assignVolunteer(input: In<'assignVolunteer'>, ctx: TxCtx): Promise<WishView> {
  const { w, r, actors } = await load(ctx, input.wishId);
  if (!actors.has('staff')) throw denied('only staff of the community may assign a volunteer');
  if (w.status !== 'claimed') throw new AppError('failed-precondition', `a volunteer is assigned to a claimed wish; this one is ${w.status}`, { reason: 'wish.cannot_assign_volunteer' });
  const vol = (await ctx.tx.collection(Collections.users).doc(input.volunteerOpenid).get()).data as { roles?: Array<{ role: string; communityId: string }> } | null;
  if (!vol?.roles?.some((g) => g.role === 'volunteer' && g.communityId === w.communityId)) {
    throw new AppError('failed-precondition', 'that person is not a volunteer of this community', { reason: 'wish.not_a_volunteer' });
  }
  if (input.volunteerOpenid === w.claimedBy || input.volunteerOpenid === r.openid) {
    throw new AppError('failed-precondition', 'the donor or the recipient cannot be the delivering volunteer', { reason: 'wish.not_a_volunteer' });
  }
  const delivery = { mode: 'volunteer' as const, volunteerOpenid: input.volunteerOpenid, by: null, photo: null, note: null, at: null };
  const now = ctx.now();
  await ctx.tx.collection(W).doc(w._id).update({ data: { delivery: ctx.db.command.set(delivery), version: w.version + 1, updatedAt: now } });
  await ctx.audit({ action: 'wish.assignVolunteer', subject: `${W}/${w._id}`, before: { delivery: w.delivery, version: w.version }, after: { delivery, version: w.version + 1 } });
  const next = { ...w, delivery, version: w.version + 1, updatedAt: now };
  return toView(next, await actorsOf(ctx, next, r), ctx.openid, now, settingsOf(ctx), r);
}

/** The recipient's door address, to the assigned volunteer only, only while the delivery is open. */
export async function deliveryAddress(input: In<'deliveryAddress'>, ctx: Ctx): Promise<{ wishId: string; address: string; recipientName: string }> {
  const w = await loadWish(ctx.db, input.wishId);
  if (w.status !== 'claimed' || w.delivery?.mode !== 'volunteer' || w.delivery.volunteerOpenid !== ctx.openid) {
    throw denied('the address is shown only to the volunteer assigned to deliver this wish, until it is delivered', 'wish.address_not_yours');
  }
  const r = await loadRecipient(ctx.db, w.recipientId);
  if (!r.addressSealed) throw new AppError('failed-precondition', 'no address on file: deliver through the community station', { reason: 'wish.no_address' });
  ctx.log.info('delivery address shown', { wishId: w._id });
  return { wishId: w._id, address: open(r.addressSealed, aad(r._id, 'address')), recipientName: r.maskedName };
}

// ---------------------------------------------------------------------------------------------
// Delivery, sign-off, thanks

export async function deliver(input: In<'deliver'>, ctx: TxCtx): Promise<WishView> {
  const { w, r, actors } = await load(ctx, input.wishId);
  const ok = input.mode === 'station' ? actors.has('staff') : actors.has('assigned-volunteer');
  if (!ok) {
    throw denied(input.mode === 'station' ? 'staff of the community record a receipt at the station' : 'only the volunteer assigned may record a delivery by volunteer');
  }
  const now = ctx.now();
  const delivery = {
    mode: input.mode,
    volunteerOpenid: w.delivery?.volunteerOpenid ?? null,
    by: ctx.openid,
    photo: input.photo ?? null,
    note: input.note ?? null,
    at: now,
  };
  const next = await transition(ctx, w, actors, 'deliver', { delivery, deliveredAt: now }, input.version);
  afterCommitNotify(ctx, 'delivered', [w.postedBy, r.openid, ...r.familyOpenids], next, now);
  return view(ctx, next, r);
}

export async function confirm(input: In<'confirm'>, ctx: TxCtx): Promise<WishView> {
  const { w, r, actors } = await load(ctx, input.wishId);
  if (!CONFIRM_MODE_ACTORS[input.mode].some((a) => actors.has(a))) throw denied(`you may not sign off this wish by ${input.mode}`);
  const now = ctx.now();
  if (input.mode === 'code') {
    if (w.status === 'delivered' && (!r.codeHash || r.codeHash !== codeHash(r._id, input.code))) {
      throw new AppError('failed-precondition', 'this is not the recipient\'s current confirmation code', { reason: 'wish.wrong_code' });
    }
  }
  const note = input.mode === 'witnessed' ? input.note : null;
  const next = await transition(ctx, w, actors, 'confirm', { confirmation: { mode: input.mode, by: ctx.openid, note, at: now }, confirmedAt: now });
  if (input.mode === 'code') {
    // One-time: the printed code is used up by this sign-off (staff issue a new card for the next).
    await ctx.tx.collection(R).doc(r._id).update({ data: { codeHash: null, codeSealed: null, codeIssuedAt: null, updatedAt: now, version: r.version + 1 } });
  }
  afterCommitNotify(ctx, 'confirmed', donorsOf(w), next, now);
  return view(ctx, next, { ...r, ...(input.mode === 'code' ? { codeHash: null, codeSealed: null, codeIssuedAt: null } : {}) });
}

export async function thank(input: In<'thank'>, ctx: TxCtx): Promise<WishView> {
  const { w, r, actors } = await load(ctx, input.wishId);
  if (!wishActorMay('thank', actors)) throw denied('the recipient, their family or staff thank the donor');
  if (input.photo && !(actors.has('staff') && w.photoConsent)) {
    throw new AppError('failed-precondition', 'a thank-you photo needs the recipient\'s photo consent and staff approval (staff attach it)', { reason: 'wish.photo_not_allowed' });
  }
  await screenText(ctx, { message: input.message });
  const now = ctx.now();
  const next = await transition(ctx, w, actors, 'thank', { thanks: { message: input.message, photo: input.photo ?? null, by: ctx.openid, at: now }, thankedAt: now });
  return view(ctx, next, r);
}

export { view as wishView };
