// `propose`: staff of a community ask the engine (core/charity/matching) for the best allocation
// of the open offers this community may receive to its open needs, with what is already reserved
// taken off both sides. The engine's allocations are stored as `proposed`, each with its
// explanation; the community's earlier proposals still pending are superseded (rejected with a
// note), so a proposal always reflects one run. Nothing is reserved until staff confirm, and
// confirm checks the quantities again in its own transaction.
import { AllocationView, allocationMachine, AppError, dayOf, latLngFromStored, ParsedInputOf } from '../../../core';
import type { CharityContract } from '../../../core/charity/charity.contract';
import type { MatchInput, MatchResult } from '../../../core/charity/matching/types';
import { Collections } from '../../../server/collections';
import type { TxCtx } from '../../../server/context';
import type { DocData, ReadDb, StoredDoc } from '../../../server/db';
import { applyTransition } from '../../../server/transition';
import { requireOneOf, STAFF_ROLES } from '../../../server/charity/access';
import { AllocationDoc, allocationView, donorLabelOf, NeedDoc, OfferDoc } from '../../../server/charity/docs';
import { newId } from '../../../server/charity/ids';
import { explain, toMatchNeed, toMatchOffer } from '../../../server/charity/matching';

type In<K extends keyof CharityContract['actions'] & string> = ParsedInputOf<CharityContract, K>;
export type Matcher = (input: MatchInput) => MatchResult;

/** Per run: the offers and needs read, and the proposals stored (best first by quantity × score). */
export const PROPOSE_LIMITS = { offers: 2000, needs: 1000, proposals: 200, superseded: 200 } as const;
const PAGE = 500;
/** Declared by the volunteers domain (database/volunteers.ts): the community's location is its station's. */
const COMMUNITIES = 'communities';

async function readAll(db: ReadDb, collection: string, where: DocData, max: number): Promise<StoredDoc[]> {
  const out: StoredDoc[] = [];
  const _ = db.command;
  let last = '';
  while (out.length < max) {
    const page = (await db.collection(collection).where({ ...where, _id: _.gt(last) }).orderBy('_id', 'asc').limit(Math.min(PAGE, max - out.length)).get()).data;
    out.push(...page);
    if (page.length < PAGE) break;
    last = page[page.length - 1]!._id;
  }
  return out;
}

export function proposeWith(match: Matcher) {
  return async function propose(input: In<'propose'>, ctx: TxCtx) {
    await requireOneOf(ctx, STAFF_ROLES, input.communityId);
    const at = ctx.now();
    const today = dayOf(at);
    const _ = ctx.db.command;

    const community = (await ctx.db.collection(COMMUNITIES).doc(input.communityId).get()).data;
    const location = latLngFromStored(community?.location);

    const needs = ((await readAll(ctx.db, Collections.charityNeeds, { communityId: input.communityId, status: 'open' }, PROPOSE_LIMITS.needs)) as unknown as NeedDoc[]).filter(
      (n) => n.quantity > n.allocatedQuantity,
    );
    const offers = (
      (await readAll(ctx.db, Collections.charityOffers, { status: 'open', restrictedCommunityId: _.in([null, input.communityId]) }, PROPOSE_LIMITS.offers)) as unknown as OfferDoc[]
    ).filter((o) => o.quantity > o.allocatedQuantity && o.availableUntil >= today);

    const result = needs.length && offers.length ? match({ offers: offers.map(toMatchOffer), needs: needs.map((n) => toMatchNeed(n, location)), parameters: { now: at } }) : null;

    // Earlier pending proposals of this community give way to this run.
    const pending = (await ctx.db.collection(Collections.charityAllocations).where({ communityId: input.communityId, status: 'proposed' }).limit(PROPOSE_LIMITS.superseded).get()).data;
    let superseded = 0;
    for (const p of pending) {
      try {
        await applyTransition(ctx, allocationMachine, { collection: Collections.charityAllocations, id: p._id, event: 'reject', set: { note: '已被新的匹配方案取代', supersededAt: at, updatedAt: at } });
        superseded += 1;
      } catch (e) {
        // Confirmed or rejected by someone else since it was listed: it is no longer pending.
        if (!(e instanceof AppError && e.details?.reason === allocationMachine.reasonFor('reject'))) throw e;
      }
    }

    const offerById = new Map(offers.map((o) => [o._id, o]));
    const needById = new Map(needs.map((n) => [n._id, n]));
    const chosen = [...(result?.allocations ?? [])].sort((a, b) => b.quantity * b.score - a.quantity * a.score || a.offerId.localeCompare(b.offerId) || a.needId.localeCompare(b.needId)).slice(0, PROPOSE_LIMITS.proposals);
    const batchId = newId('batch');
    const proposals: AllocationView[] = [];
    for (const a of chosen) {
      const offer = offerById.get(a.offerId);
      const need = needById.get(a.needId);
      if (!offer || !need) throw new Error(`matching engine returned an unknown pair ${a.offerId} → ${a.needId}`);
      const doc: AllocationDoc = {
        _id: newId('alc'),
        offerId: offer._id,
        needId: need._id,
        communityId: need.communityId,
        donorOpenid: offer.donorOpenid,
        category: need.category,
        offerItem: offer.item,
        needItem: need.item,
        unit: a.unit,
        quantity: a.quantity,
        deliveredQuantity: 0,
        status: 'proposed',
        version: 0,
        explanation: explain(a),
        donorLabel: donorLabelOf(offer),
        batchId,
        proposedAt: at,
        proposedBy: ctx.openid,
        note: null,
        handovers: [],
        updatedAt: at,
      };
      await ctx.tx.collection(Collections.charityAllocations).add({ data: doc as unknown as Record<string, unknown> });
      proposals.push(allocationView(doc, ctx.openid, true));
    }
    await ctx.audit({
      action: 'charity_allocation.propose',
      subject: `${Collections.charityAllocations}/${batchId}`,
      after: { communityId: input.communityId, proposals: proposals.map((p) => p.id), objective: result?.objective ?? 0, superseded },
    });
    return { proposals, superseded, objective: result?.objective ?? 0, offersConsidered: offers.length, needsConsidered: needs.length };
  };
}
