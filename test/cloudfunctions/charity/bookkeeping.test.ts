// A model check of the allocation bookkeeping (fast-check): random sequences of every allocation
// step (adjust, confirm, reject, accept, decline, partial and full handovers, cancel, a new
// proposal), by the right people, in any order. Whatever is refused, afterwards:
//   offer/need.allocatedQuantity = Σ quantity of confirmed-or-later allocations (a cancelled one
//     keeps only what it delivered), never above the quantity;
//   deliveredQuantity = Σ delivered, never above what is allocated;
//   an offer is closed exactly when all of it was delivered, a need exactly when filled;
//   the station's balance = what was handed over to the station;
//   no step ever answers `internal`.
import fc from 'fast-check';
import { defineCharity } from '../../../cloudfunctions/charity/function';
import { db, uniq } from '../../server/fixtures/db';
import { goodsOffer, need, person, simpleMatch, T0 } from './helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
jest.setTimeout(300_000);
const fn = defineCharity({ match: simpleMatch });
const invoke = (openid: string, action: string, input: unknown) => fn.invoke({ action, input, requestId: uniq('rid') }, { openid, now: () => T0 }) as Promise<any>;

const Op = fc.oneof(
  fc.record({ kind: fc.constantFrom('confirm', 'reject', 'accept', 'decline', 'cancel'), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('adjust'), pick: fc.nat(20), quantity: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('handover'), pick: fc.nat(20), quantity: fc.integer({ min: 1, max: 6 }), to: fc.constantFrom('station', 'beneficiary') }),
  fc.record({ kind: fc.constant('propose') }),
);

test('allocation bookkeeping holds under any sequence of steps', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(Op, { minLength: 4, maxLength: 14 }), async (ops) => {
      const community = uniq('bk').toLowerCase();
      const unit = `件${uniq('u').slice(-5)}`;
      const [staff, donor] = await Promise.all([person('stf', [['staff', community]]), person('don', [])]);
      const offers = [];
      for (const quantity of [6, 4]) offers.push((await invoke(donor, 'createOffer', { offer: goodsOffer({ unit, quantity, restrictedCommunityId: community }) })).data);
      const needs = [];
      for (const quantity of [5, 7]) needs.push((await invoke(staff, 'createNeed', { communityId: community, need: need({ unit, quantity }) })).data);
      let allocations: string[] = (await invoke(staff, 'propose', { communityId: community })).data.proposals.map((p: any) => p.id);

      for (const op of ops) {
        let r: any;
        if (op.kind === 'propose') {
          r = await invoke(staff, 'propose', { communityId: community });
          if (r.ok) allocations = [...allocations, ...r.data.proposals.map((p: any) => p.id)];
        } else {
          if (allocations.length === 0) continue;
          const allocationId = allocations[op.pick % allocations.length]!;
          if (op.kind === 'adjust') r = await invoke(staff, 'adjustAllocation', { allocationId, quantity: op.quantity });
          else if (op.kind === 'confirm') r = await invoke(staff, 'confirmAllocation', { allocationId });
          else if (op.kind === 'reject') r = await invoke(staff, 'rejectAllocation', { allocationId, reason: '不合适' });
          else if (op.kind === 'accept') r = await invoke(donor, 'acceptAllocation', { allocationId });
          else if (op.kind === 'decline') r = await invoke(donor, 'declineAllocation', { allocationId });
          else if (op.kind === 'cancel') r = await invoke(staff, 'cancelAllocation', { allocationId, reason: '取消' });
          else if (op.kind === 'handover') r = await invoke(staff, 'recordHandover', { allocationId, to: op.to, receivedBy: '接收人', quantity: op.quantity, handedOverAt: T0 });
        }
        if (r && !r.ok) expect(['failed-precondition']).toContain(r.error.code);
      }

      const all = (await db().collection('charity_allocations').where({ communityId: community }).limit(1000).get()).data;
      const reserved = (a: any) => (['confirmed', 'accepted', 'delivering', 'delivered'].includes(a.status) ? a.quantity : a.status === 'cancelled' ? a.deliveredQuantity : 0);
      for (const [collection, key, list] of [['charity_offers', 'offerId', offers], ['charity_needs', 'needId', needs]] as const) {
        for (const x of list) {
          const doc = (await db().collection(collection).doc(x.id).get()).data!;
          const mine = all.filter((a) => a[key] === x.id);
          const allocated = mine.reduce((s, a) => s + reserved(a), 0);
          const delivered = mine.reduce((s, a) => s + (a.deliveredQuantity as number), 0);
          expect({ id: x.id, allocated: doc.allocatedQuantity, delivered: doc.deliveredQuantity }).toEqual({ id: x.id, allocated, delivered });
          expect(doc.allocatedQuantity).toBeLessThanOrEqual(doc.quantity as number);
          expect(doc.deliveredQuantity).toBeLessThanOrEqual(doc.allocatedQuantity as number);
          expect(doc.status === 'closed').toBe(doc.deliveredQuantity === doc.quantity);
        }
      }
      for (const a of all) {
        expect(a.deliveredQuantity).toBeLessThanOrEqual(a.quantity as number);
        expect((a.handovers as any[]).reduce((s, h) => s + h.quantity, 0)).toBe(a.deliveredQuantity);
      }
      const toStation = all.flatMap((a) => a.handovers as any[]).filter((h) => h.to === 'station').reduce((s, h) => s + h.quantity, 0);
      const stock = (await db().collection('charity_stock_items').where({ communityId: community }).get()).data;
      expect(stock.reduce((s, i) => s + (i.balance as number), 0)).toBe(toStation);
    }),
    { numRuns: RUNS },
  );
});
