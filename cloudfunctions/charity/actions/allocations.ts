// Allocation and handover. Every step is an applyTransition (compare-and-set on status and the
// client's version, audited in the same transaction). Confirming reserves the quantity on the
// offer and the need by writing both documents in the same transaction: two staff confirming
// allocations of one offer both write it, so one of them conflicts, re-runs against the new
// allocatedQuantity and is refused if the offer no longer has enough (never over-allocated).
import { AllocationView, allocationMachine, AppError, dayOf, needMachine, offerMachine, ParsedInputOf } from '../../../core';
import type { CharityContract } from '../../../core/charity/charity.contract';
import { Collections } from '../../../server/collections';
import type { Ctx, TxCtx } from '../../../server/context';
import { paginate } from '../../../server/paginate';
import { sendSubscribeMessage } from '../../../server/openapi';
import { applyTransition } from '../../../server/transition';
import { denied, holdsOneOf, NEED_ROLES, notFound, precondition, requireOneOf, STAFF_ROLES } from '../../../server/charity/access';
import { AllocationDoc, allocationView, asDoc, HandoverDoc, NeedDoc, OfferDoc } from '../../../server/charity/docs';
import { newId } from '../../../server/charity/ids';
import { addLedgerEntry, GROUP_LABELS } from '../../../server/charity/ledger';
import { moveStock } from '../../../server/charity/stock';
import { holidayTable } from '../../../server/holidays';

type In<K extends keyof CharityContract['actions'] & string> = ParsedInputOf<CharityContract, K>;

/** A handover may be recorded a little after it happened, never before: clocks of phones drift this much. */
const FUTURE_SKEW_MS = 5 * 60_000;
const MAX_HANDOVERS = 50;
/** The donor's page of one allocation (the mini-program's donor area). */
export const DONOR_ALLOCATION_PAGE = 'pages/staff/allocations/index'; // with ?as=donor: the donor's own allocations

async function load<T>(ctx: TxCtx, collection: string, id: string, reason: string, what: string): Promise<T> {
  const doc = asDoc<T>((await ctx.tx.collection(collection).doc(id).get()).data);
  if (!doc) throw notFound(what, reason);
  return doc;
}
const loadAllocation = (ctx: TxCtx, id: string) => load<AllocationDoc>(ctx, Collections.charityAllocations, id, 'charity_allocation.not_found', 'allocation');
const loadOffer = (ctx: TxCtx, id: string) => load<OfferDoc>(ctx, Collections.charityOffers, id, 'charity_offer.not_found', 'offer');
const loadNeed = (ctx: TxCtx, id: string) => load<NeedDoc>(ctx, Collections.charityNeeds, id, 'charity_need.not_found', 'need');

const versioned = (version: number | undefined) => (version !== undefined ? { version } : {});

function out(doc: unknown, ctx: { openid: string }, staff: boolean): AllocationView {
  return allocationView(doc as AllocationDoc, ctx.openid, staff);
}

/** Moves `delta` of the reservation on the offer and the need (positive: reserve; negative: release). */
async function reserve(ctx: TxCtx, offer: OfferDoc, need: NeedDoc, delta: number): Promise<void> {
  const event = delta > 0 ? 'allocate' : 'release';
  const at = ctx.now();
  await applyTransition(ctx, offerMachine, { collection: Collections.charityOffers, id: offer._id, event, set: { allocatedQuantity: offer.allocatedQuantity + delta, updatedAt: at } });
  await applyTransition(ctx, needMachine, { collection: Collections.charityNeeds, id: need._id, event, set: { allocatedQuantity: need.allocatedQuantity + delta, updatedAt: at } });
}

/** Staff change the proposed quantity (checked against what is left now; confirm checks again). */
export async function adjustAllocation(input: In<'adjustAllocation'>, ctx: TxCtx): Promise<AllocationView> {
  const a = await loadAllocation(ctx, input.allocationId);
  await requireOneOf(ctx, STAFF_ROLES, a.communityId);
  const [offer, need] = await Promise.all([loadOffer(ctx, a.offerId), loadNeed(ctx, a.needId)]);
  checkRoom(offer, need, input.quantity);
  const r = await applyTransition(ctx, allocationMachine, {
    collection: Collections.charityAllocations,
    id: a._id,
    event: 'adjust',
    ...versioned(input.version),
    set: { quantity: input.quantity, note: input.note ?? a.note, updatedAt: ctx.now() },
  });
  return out(r.doc, ctx, true);
}

function checkRoom(offer: OfferDoc, need: NeedDoc, quantity: number): void {
  if (offer.status !== 'open') throw precondition(`the offer is ${offer.status}`, 'charity_allocation.offer_unavailable');
  if (need.status !== 'open') throw precondition(`the need is ${need.status}`, 'charity_allocation.need_unavailable');
  const offerLeft = offer.quantity - offer.allocatedQuantity;
  if (quantity > offerLeft) throw precondition(`the offer has ${offerLeft} ${offer.unit} left to allocate`, 'charity_allocation.offer_insufficient');
  const needLeft = need.quantity - need.allocatedQuantity;
  if (quantity > needLeft) throw precondition(`the need has ${needLeft} ${need.unit} left to fill`, 'charity_allocation.need_insufficient');
}

export async function confirmAllocation(input: In<'confirmAllocation'>, ctx: TxCtx): Promise<AllocationView> {
  const a = await loadAllocation(ctx, input.allocationId);
  await requireOneOf(ctx, STAFF_ROLES, a.communityId);
  const [offer, need] = await Promise.all([loadOffer(ctx, a.offerId), loadNeed(ctx, a.needId)]);
  const at = ctx.now();
  // The status check first, so a second confirm of the same allocation says so (not "insufficient").
  if (!allocationMachine.can(a.status, 'confirm')) {
    throw new AppError('failed-precondition', `the allocation is ${a.status}`, { reason: allocationMachine.reasonFor('confirm') });
  }
  if (offer.availableUntil < dayOf(at)) throw precondition(`the offer was available until ${offer.availableUntil}`, 'charity_allocation.offer_expired');
  if (offer.restrictedCommunityId && offer.restrictedCommunityId !== need.communityId) {
    throw precondition("the donor restricted this offer to another community", 'charity_allocation.restricted');
  }
  if (offer.restrictedPurpose && offer.restrictedPurpose !== need.purpose) {
    throw precondition('the donor restricted this offer to another purpose', 'charity_allocation.restricted');
  }
  checkRoom(offer, need, a.quantity);
  const r = await applyTransition(ctx, allocationMachine, {
    collection: Collections.charityAllocations,
    id: a._id,
    event: 'confirm',
    ...versioned(input.version),
    set: { confirmedBy: ctx.openid, confirmedAt: at, updatedAt: at },
  });
  await reserve(ctx, offer, need, a.quantity);
  const templateId = ctx.config.CHARITY_ALLOCATION_TEMPLATE_ID;
  if (templateId) {
    // After the commit only, once: the donor is asked to accept (at most one message, never on a replay).
    ctx.afterCommit('notify.allocationConfirmed', () =>
      sendSubscribeMessage(
        {
          touser: a.donorOpenid,
          templateId,
          page: `${DONOR_ALLOCATION_PAGE}?as=donor&id=${a._id}`,
          data: { thing1: a.offerItem, number2: a.quantity, thing3: a.needItem, time4: at },
        },
        ctx,
      ),
    );
  }
  return out(r.doc, ctx, true);
}

export async function rejectAllocation(input: In<'rejectAllocation'>, ctx: TxCtx): Promise<AllocationView> {
  const a = await loadAllocation(ctx, input.allocationId);
  await requireOneOf(ctx, STAFF_ROLES, a.communityId);
  const r = await applyTransition(ctx, allocationMachine, {
    collection: Collections.charityAllocations,
    id: a._id,
    event: 'reject',
    ...versioned(input.version),
    set: { note: input.reason, updatedAt: ctx.now() },
  });
  return out(r.doc, ctx, true);
}

async function donorsAllocation(ctx: TxCtx, id: string): Promise<AllocationDoc> {
  const a = await loadAllocation(ctx, id);
  if (a.donorOpenid !== ctx.openid) throw denied('only the donor of this offer may answer', 'charity_allocation.not_donor');
  return a;
}

export async function acceptAllocation(input: In<'acceptAllocation'>, ctx: TxCtx): Promise<AllocationView> {
  const a = await donorsAllocation(ctx, input.allocationId);
  const at = ctx.now();
  const r = await applyTransition(ctx, allocationMachine, { collection: Collections.charityAllocations, id: a._id, event: 'accept', ...versioned(input.version), set: { acceptedAt: at, updatedAt: at } });
  return out(r.doc, ctx, false);
}

export async function declineAllocation(input: In<'declineAllocation'>, ctx: TxCtx): Promise<AllocationView> {
  const a = await donorsAllocation(ctx, input.allocationId);
  const r = await applyTransition(ctx, allocationMachine, { collection: Collections.charityAllocations, id: a._id, event: 'decline', ...versioned(input.version), set: { updatedAt: ctx.now() } });
  const [offer, need] = await Promise.all([loadOffer(ctx, a.offerId), loadNeed(ctx, a.needId)]);
  await reserve(ctx, offer, need, -a.quantity);
  return out(r.doc, ctx, false);
}

/** Staff cancel what is not yet delivered; the rest of the reservation goes back to the offer and the need. */
export async function cancelAllocation(input: In<'cancelAllocation'>, ctx: TxCtx): Promise<AllocationView> {
  const a = await loadAllocation(ctx, input.allocationId);
  await requireOneOf(ctx, STAFF_ROLES, a.communityId);
  const r = await applyTransition(ctx, allocationMachine, { collection: Collections.charityAllocations, id: a._id, event: 'cancel', ...versioned(input.version), set: { note: input.reason, updatedAt: ctx.now() } });
  const release = a.quantity - a.deliveredQuantity;
  if (release > 0) {
    const [offer, need] = await Promise.all([loadOffer(ctx, a.offerId), loadNeed(ctx, a.needId)]);
    await reserve(ctx, offer, need, -release);
  }
  return out(r.doc, ctx, true);
}

/**
 * A handover of part or all of what is left: to the station (goods enter its stock) or directly
 * to the beneficiary. The received side enters the disclosure ledger with the donor's public
 * label; a direct handover also enters it as given out, under the need's beneficiary group.
 */
export async function recordHandover(input: In<'recordHandover'>, ctx: TxCtx): Promise<AllocationView> {
  const a = await loadAllocation(ctx, input.allocationId);
  await requireOneOf(ctx, STAFF_ROLES, a.communityId);
  const at = ctx.now();
  if (input.handedOverAt > at + FUTURE_SKEW_MS) {
    throw new AppError('invalid-argument', 'a handover cannot be recorded before it happens', {
      reason: 'charity_allocation.handover_in_future',
      issues: [{ path: ['input', 'handedOverAt'], code: 'too_big', message: 'not in the future' }],
    });
  }
  if (!allocationMachine.can(a.status, 'deliverPart')) {
    throw new AppError('failed-precondition', `the allocation is ${a.status}`, { reason: allocationMachine.reasonFor('deliverPart') });
  }
  const left = a.quantity - a.deliveredQuantity;
  if (input.quantity > left) throw precondition(`${left} ${a.unit} are left to hand over`, 'charity_allocation.over_delivery');
  if (a.handovers.length >= MAX_HANDOVERS) throw precondition(`at most ${MAX_HANDOVERS} handovers per allocation`, 'charity_allocation.too_many_handovers');

  const handover: HandoverDoc = {
    id: newId('ho'),
    to: input.to,
    receivedBy: input.receivedBy,
    quantity: input.quantity,
    handedOverAt: input.handedOverAt,
    note: input.note ?? null,
    photoFileId: input.photoFileId ?? null,
    recordedBy: ctx.openid,
  };
  const delivered = a.deliveredQuantity + input.quantity;
  const r = await applyTransition(ctx, allocationMachine, {
    collection: Collections.charityAllocations,
    id: a._id,
    event: delivered === a.quantity ? 'deliverAll' : 'deliverPart',
    ...versioned(input.version),
    set: { deliveredQuantity: delivered, handovers: [...a.handovers, handover], updatedAt: at },
  });

  const [offer, need] = await Promise.all([loadOffer(ctx, a.offerId), loadNeed(ctx, a.needId)]);
  const offerDelivered = offer.deliveredQuantity + input.quantity;
  await applyTransition(ctx, offerMachine, {
    collection: Collections.charityOffers,
    id: offer._id,
    event: offerDelivered === offer.quantity ? 'close' : 'deliver',
    set: { deliveredQuantity: offerDelivered, updatedAt: at },
  });
  const needDelivered = need.deliveredQuantity + input.quantity;
  await applyTransition(ctx, needMachine, {
    collection: Collections.charityNeeds,
    id: need._id,
    event: needDelivered === need.quantity ? 'fill' : 'deliver',
    set: { deliveredQuantity: needDelivered, updatedAt: at },
  });

  const source = `${Collections.charityAllocations}/${a._id}`;
  await addLedgerEntry(ctx.tx, { holidays: holidayTable(ctx.config), communityId: a.communityId, direction: 'received', label: a.donorLabel, item: a.offerItem, quantity: input.quantity, unit: a.unit, at: input.handedOverAt, source, now: at });
  if (input.to === 'beneficiary') {
    await addLedgerEntry(ctx.tx, { holidays: holidayTable(ctx.config), communityId: a.communityId, direction: 'given', label: GROUP_LABELS[need.beneficiaryGroup] ?? '社区居民', item: a.needItem, quantity: input.quantity, unit: a.unit, at: input.handedOverAt, source, now: at });
  } else if (offer.kind === 'goods') {
    const moved = await moveStock(ctx.tx, {
      communityId: a.communityId,
      item: a.offerItem,
      unit: a.unit,
      direction: 'in',
      quantity: input.quantity,
      counterpart: a.donorLabel,
      note: input.note ?? null,
      allocationId: a._id,
      by: ctx.openid,
      at,
    });
    await ctx.audit({ action: 'charity_stock.in', subject: `${Collections.charityStockItems}/${moved.item._id}`, before: { balance: moved.before }, after: { balance: moved.item.balance } });
  }
  return out(r.doc, ctx, true);
}

export async function listAllocations(input: In<'listAllocations'>, ctx: Ctx) {
  let where: Record<string, unknown>;
  let staff = false;
  if (input.communityId) {
    await requireOneOf(ctx, NEED_ROLES, input.communityId);
    staff = true;
    where = { communityId: input.communityId };
  } else {
    where = { donorOpenid: ctx.openid };
  }
  if (input.status) where.status = input.status;
  const page = await paginate(ctx.db, Collections.charityAllocations, { where, sort: [{ field: 'updatedAt', order: 'desc' }], after: input.after ?? null, limit: input.limit });
  return { items: page.items.map((d) => out(d, ctx, staff)), next: page.next };
}

export async function getAllocation(input: In<'getAllocation'>, ctx: Ctx): Promise<AllocationView> {
  const a = asDoc<AllocationDoc>((await ctx.db.collection(Collections.charityAllocations).doc(input.allocationId).get()).data);
  if (!a) throw notFound('allocation', 'charity_allocation.not_found');
  const staff = (await holdsOneOf(ctx, NEED_ROLES, a.communityId)) !== null;
  if (!staff && a.donorOpenid !== ctx.openid) throw denied('only the community and the donor see this allocation', 'charity_allocation.not_visible');
  return out(a, ctx, staff);
}
