// Races through the real SDK and the emulator's optimistic transactions: staff of several
// communities confirming allocations of one offer at once never over-allocate it; concurrent
// stock movements leave the balance exact and never negative; forty unrelated offers at once all commit.
import { defineCharity } from '../../../cloudfunctions/charity/function';
import { db, uniq } from '../../server/fixtures/db';
import { call, goodsOffer, need, ok, person, simpleMatch, T0 } from './helpers';

const fn = defineCharity({ match: simpleMatch });
// The races below serialise on the documents they share (an offer, a stock item): give the racers time.
jest.setTimeout(60_000);
const as = (openid: string, action: string, input: unknown) => fn.invoke({ action, input, requestId: uniq('rid') }, { openid, now: () => T0 }) as Promise<any>;

test('five staff confirming allocations of one offer at once: never over-allocated', async () => {
  const donor = await person('don', []);
  // A distinctive unit keeps other tests' open offers out of these communities' proposals.
  const unit = `件${uniq('u').slice(-6)}`;
  const offer = await ok(donor, 'createOffer', { offer: goodsOffer({ quantity: 10, unit }) });
  // Five communities each need 4 of it: each one's proposal takes 4 of the same 10.
  const sides = await Promise.all(
    Array.from({ length: 5 }, async () => {
      const community = uniq('race').toLowerCase();
      const staff = await person('stf', [['staff', community]]);
      await ok(staff, 'createNeed', { communityId: community, need: need({ quantity: 4, unit }) });
      const proposed = await as(staff, 'propose', { communityId: community });
      const mine = proposed.data.proposals.filter((p: any) => p.offerId === offer.id);
      expect(mine).toHaveLength(1);
      expect(mine[0].quantity).toBe(4);
      return { staff, allocationId: mine[0].id as string };
    }),
  );

  const results = await Promise.all(sides.map((s) => as(s.staff, 'confirmAllocation', { allocationId: s.allocationId })));

  const confirmed = results.filter((r) => r.ok);
  const refused = results.filter((r) => !r.ok);
  expect(confirmed).toHaveLength(2);
  for (const r of refused) expect(r.error).toMatchObject({ code: 'failed-precondition', details: { reason: 'charity_allocation.offer_insufficient' } });
  const stored = (await db().collection('charity_offers').doc(offer.id).get()).data!;
  expect(stored.allocatedQuantity).toBe(8);
  const reserving = (await db().collection('charity_allocations').where({ offerId: offer.id, status: 'confirmed' }).get()).data;
  expect(reserving.reduce((s, a) => s + (a.quantity as number), 0)).toBe(stored.allocatedQuantity);
});

test('two confirmations that each want the whole offer: exactly one wins', async () => {
  const donor = await person('don', []);
  const unit = `件${uniq('u').slice(-6)}`;
  const offer = await ok(donor, 'createOffer', { offer: goodsOffer({ quantity: 10, unit }) });
  const sides = await Promise.all(
    Array.from({ length: 2 }, async () => {
      const community = uniq('adj').toLowerCase();
      const staff = await person('stf', [['staff', community]]);
      await ok(staff, 'createNeed', { communityId: community, need: need({ quantity: 10, unit }) });
      const proposed = await as(staff, 'propose', { communityId: community });
      return { staff, allocationId: proposed.data.proposals.find((p: any) => p.offerId === offer.id).id as string };
    }),
  );
  // Both proposals are for all 10: the first to confirm takes them, the second is refused.
  const [a, b] = await Promise.all(sides.map((s) => as(s.staff, 'confirmAllocation', { allocationId: s.allocationId })));
  expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
  expect((await db().collection('charity_offers').doc(offer.id).get()).data).toMatchObject({ allocatedQuantity: 10 });
});

test('concurrent stock movements: the balance is exact and never negative', async () => {
  const community = uniq('stk').toLowerCase();
  const [s1, s2] = await Promise.all([person('stf', [['staff', community]]), person('stf', [['staff', community]])]);
  const item = { communityId: community, item: '大米', unit: '袋', counterpart: '王五' };
  await ok(s1, 'recordStockMovement', { ...item, direction: 'in', quantity: 50 });

  // 6 takes of 10 from 50 (5 fit before any delivery) racing 2 deliveries of 3: eight transactions
  // on one document, within the kernel's TX_MAX_ATTEMPTS (10) even when each round lets one through.
  const outs = Array.from({ length: 6 }, (_, i) => as(i % 2 ? s1 : s2, 'recordStockMovement', { ...item, direction: 'out', quantity: 10 }));
  const ins = Array.from({ length: 2 }, (_, i) => as(i % 2 ? s1 : s2, 'recordStockMovement', { ...item, direction: 'in', quantity: 3 }));
  const results = await Promise.all([...outs, ...ins]);

  const outOk = results.slice(0, 6).filter((r) => r.ok).length;
  const inOk = results.slice(6).filter((r) => r.ok).length;
  for (const r of results) if (!r.ok) expect(r.error).toMatchObject({ code: 'failed-precondition', details: { reason: 'charity_stock.insufficient' } });
  expect(inOk).toBe(2);
  const expected = 50 + 3 * inOk - 10 * outOk;
  const items = (await db().collection('charity_stock_items').where({ communityId: community }).get()).data;
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({ balance: expected, receivedTotal: 56, givenTotal: 10 * outOk });
  expect(expected).toBeGreaterThanOrEqual(0);
  // Five takes fit in the first 50 whatever the order; a sixth only after both deliveries (56).
  expect(outOk).toBeGreaterThanOrEqual(5);
  expect(outOk).toBeLessThanOrEqual(5);
  // The movements tell the same story: every balanceAfter is non-negative and the last one is the balance.
  const moves = (await db().collection('charity_stock_movements').where({ communityId: community }).orderBy('at', 'asc').limit(100).get()).data;
  expect(moves).toHaveLength(1 + inOk + outOk);
  const sum = moves.reduce((s, m) => s + (m.direction === 'out' ? -(m.quantity as number) : (m.quantity as number)), 0);
  expect(sum).toBe(expected);
  for (const m of moves) expect(m.balanceAfter).toBeGreaterThanOrEqual(0);
});

test('a stock correction needs a second person and never makes the balance negative', async () => {
  const community = uniq('cor').toLowerCase();
  const [s1, s2] = await Promise.all([person('stf', [['staff', community]]), person('stf', [['staff', community]])]);
  await ok(s1, 'recordStockMovement', { communityId: community, item: '食用油', unit: '桶', direction: 'in', quantity: 5, counterpart: '某超市' });
  const cor = await ok(s1, 'requestStockCorrection', { communityId: community, item: '食用油', unit: '桶', delta: -2, reason: '盘点发现破损两桶' });
  expect(await call(s1, 'approveStockCorrection', { correctionId: cor.id })).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'charity_stock_correction.same_person' } } });
  const stock0 = (await ok(s1, 'listStock', { communityId: community })).items[0];
  expect(stock0.balance).toBe(5);
  expect(await ok(s2, 'approveStockCorrection', { correctionId: cor.id })).toMatchObject({ status: 'applied', decidedBy: s2 });
  expect((await ok(s1, 'listStock', { communityId: community })).items[0].balance).toBe(3);
  const tooMuch = await ok(s1, 'requestStockCorrection', { communityId: community, item: '食用油', unit: '桶', delta: -4, reason: '再次盘点' });
  expect(await call(s2, 'approveStockCorrection', { correctionId: tooMuch.id })).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'charity_stock.insufficient' } } });
  expect((await db().collection('charity_stock_corrections').doc(tooMuch.id).get()).data).toMatchObject({ status: 'pending' });
  expect(await call(s2, 'approveStockCorrection', { correctionId: cor.id })).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'charity_stock_correction.cannot_approve' } } });
});

test('forty donors offering at once: every offer is created, none answers internal', async () => {
  // Different documents: nothing in common to conflict on since the audit log has a chain per
  // subject (ADR 0003); with its single head, rounds like this one ran out of attempts.
  const donors = await Promise.all(Array.from({ length: 40 }, () => person('don', [])));
  const results = await Promise.all(donors.map((d) => as(d, 'createOffer', { offer: goodsOffer({ quantity: 2 }) })));
  expect(results.filter((r) => !r.ok)).toEqual([]);
  const ids = results.map((r) => r.data.id as string);
  expect(new Set(ids).size).toBe(40);
  expect((await db().collection('charity_offers').where({ _id: db().command.in(ids) }).count()).total).toBe(40);
});
