// Offers from donors: goods, money pledges, services. Anyone signed in may offer (they are the
// donor); only the donor edits or withdraws, and only while nothing of the offer is allocated.
import { ParsedInputOf, offerMachine, OfferView } from '../../../core';
import type { CharityContract } from '../../../core/charity/charity.contract';
import { Collections } from '../../../server/collections';
import type { Ctx, TxCtx } from '../../../server/context';
import { paginate } from '../../../server/paginate';
import { applyTransition } from '../../../server/transition';
import { denied, notFound, precondition, requireOneOf, STAFF_ROLES } from '../../../server/charity/access';
import { asDoc, OfferDoc, offerFields, offerView } from '../../../server/charity/docs';
import { newId } from '../../../server/charity/ids';
import { checkTexts } from '../text';

type In<K extends keyof CharityContract['actions'] & string> = ParsedInputOf<CharityContract, K>;

export async function createOffer(input: In<'createOffer'>, ctx: TxCtx): Promise<OfferView> {
  await checkTexts(ctx, { 'offer.donorName': input.offer.donorName, 'offer.description': input.offer.description });
  const at = ctx.now();
  const doc: OfferDoc = {
    _id: newId('off'),
    ...offerFields(input.offer),
    allocatedQuantity: 0,
    deliveredQuantity: 0,
    status: 'open',
    version: 0,
    donorOpenid: ctx.openid,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.tx.collection(Collections.charityOffers).add({ data: doc as unknown as Record<string, unknown> });
  await ctx.audit({ action: 'charity_offer.create', subject: `${Collections.charityOffers}/${doc._id}`, after: { status: 'open', kind: doc.kind, quantity: doc.quantity, unit: doc.unit } });
  return offerView(doc, ctx.openid);
}

async function ownOffer(ctx: TxCtx, offerId: string): Promise<OfferDoc> {
  const offer = asDoc<OfferDoc>((await ctx.tx.collection(Collections.charityOffers).doc(offerId).get()).data);
  if (!offer) throw notFound('offer', 'charity_offer.not_found');
  if (offer.donorOpenid !== ctx.openid) throw denied('only the donor may change this offer', 'charity_offer.not_donor');
  if (offer.allocatedQuantity > 0 || offer.deliveredQuantity > 0) {
    throw precondition('part of this offer is already allocated: it can no longer be edited or withdrawn', 'charity_offer.already_allocated');
  }
  return offer;
}

export async function updateOffer(input: In<'updateOffer'>, ctx: TxCtx): Promise<OfferView> {
  const offer = await ownOffer(ctx, input.offerId);
  if (offer.kind !== input.offer.kind) throw precondition('an offer keeps its kind; withdraw it and make a new one', 'charity_offer.kind_changed');
  await checkTexts(ctx, { 'offer.donorName': input.offer.donorName, 'offer.description': input.offer.description });
  const set = { ...offerFields(input.offer), updatedAt: ctx.now() };
  const r = await applyTransition(ctx, offerMachine, { collection: Collections.charityOffers, id: offer._id, event: 'edit', version: input.version, set });
  return offerView(r.doc as unknown as OfferDoc, ctx.openid);
}

export async function withdrawOffer(input: In<'withdrawOffer'>, ctx: TxCtx): Promise<OfferView> {
  const offer = await ownOffer(ctx, input.offerId);
  const r = await applyTransition(ctx, offerMachine, {
    collection: Collections.charityOffers,
    id: offer._id,
    event: 'withdraw',
    ...(input.version !== undefined ? { version: input.version } : {}),
    set: { updatedAt: ctx.now() },
  });
  return offerView(r.doc as unknown as OfferDoc, ctx.openid);
}

export async function listMyOffers(input: In<'listMyOffers'>, ctx: Ctx) {
  const where: Record<string, unknown> = { donorOpenid: ctx.openid };
  if (input.status) where.status = input.status;
  const page = await paginate(ctx.db, Collections.charityOffers, { where, sort: [{ field: 'createdAt', order: 'desc' }], after: input.after ?? null, limit: input.limit });
  return { items: page.items.map((d) => offerView(d as unknown as OfferDoc, ctx.openid)), next: page.next };
}

/** Staff: offers this community may receive (unrestricted, or restricted to it). */
export async function listOffers(input: In<'listOffers'>, ctx: Ctx) {
  await requireOneOf(ctx, STAFF_ROLES, input.communityId);
  const _ = ctx.db.command;
  const where = { status: input.status, restrictedCommunityId: _.in([null, input.communityId]) };
  const page = await paginate(ctx.db, Collections.charityOffers, { where, sort: [{ field: 'createdAt', order: 'desc' }], after: input.after ?? null, limit: input.limit });
  return { items: page.items.map((d) => offerView(d as unknown as OfferDoc, ctx.openid)), next: page.next };
}
