// The charity flow end to end in-process (real SDK against the emulator): offer → need → propose →
// confirm → donor accepts → partial handover to the station, rest directly to the beneficiary →
// stock, disclosure ledger, public masked view.
import { defineCharity } from '../../../cloudfunctions/charity/function';
import { db, uniq } from '../../server/fixtures/db';
import { call, cast, Cast, goodsOffer, need, ok, simpleMatch, T0 } from './helpers';

const fn = defineCharity({ match: simpleMatch });
jest.setTimeout(60_000);
let c: Cast;
beforeAll(async () => {
  c = await cast();
});

test('offer, need, proposal, confirmation, acceptance, partial deliveries, stock and disclosure', async () => {
  // A unit of its own: other test files' open offers (shared database) cannot fill this need first.
  const unit = `床${uniq('u').slice(-5)}`;
  const offer = await ok(c.donor, 'createOffer', { offer: goodsOffer({ unit }) });
  expect(offer).toMatchObject({ status: 'open', quantity: 10, unit, allocatedQuantity: 0, mine: true, category: 'bedding' });
  const n = await ok(c.socialWorker, 'createNeed', { communityId: c.community, need: need({ unit }) });
  expect(n).toMatchObject({ status: 'open', quantity: 6, unit });

  const proposed = await fn.invoke({ action: 'propose', input: { communityId: c.community }, requestId: 'propose-flow-1' }, { openid: c.staff, now: () => T0 });
  expect(proposed).toMatchObject({ ok: true });
  const data = (proposed as { data: any }).data;
  const mine = data.proposals.filter((p: any) => p.offerId === offer.id && p.needId === n.id);
  expect(mine).toHaveLength(1);
  const a = mine[0];
  expect(a).toMatchObject({ status: 'proposed', quantity: 6, donorLabel: '周某', explanation: { score: 10, binding: ['need-filled'] } });
  expect(a.explanation.text).toContain('需求已满足');

  // The donor cannot confirm; staff can.
  expect(await call(c.donor, 'confirmAllocation', { allocationId: a.id })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  process.env.CHARITY_ALLOCATION_TEMPLATE_ID = 'tmpl-allocation';
  const confirmRid = uniq('rid');
  const confirmed = await ok(c.staff, 'confirmAllocation', { allocationId: a.id, version: a.version }, { requestId: confirmRid });
  // A retry replays the answer and does not message the donor again.
  expect(await ok(c.staff, 'confirmAllocation', { allocationId: a.id, version: a.version }, { requestId: confirmRid })).toEqual(confirmed);
  delete process.env.CHARITY_ALLOCATION_TEMPLATE_ID;
  const outbox = ((await (await fetch(`${process.env.EMULATOR_URL}/dev/outbox`)).json()) as { data: Array<{ api: string; params: any }> }).data;
  const toDonor = outbox.filter((e) => e.api === 'subscribeMessage.send' && e.params.touser === c.donor);
  expect(toDonor).toHaveLength(1);
  expect(toDonor[0]!.params.page).toBe(`pages/staff/allocations/index?as=donor&id=${a.id}`);
  expect(confirmed).toMatchObject({ status: 'confirmed', version: a.version + 1 });
  const offerAfter = (await db().collection('charity_offers').doc(offer.id).get()).data;
  expect(offerAfter).toMatchObject({ allocatedQuantity: 6, status: 'open' });
  // Allocated: the donor can no longer edit or withdraw.
  expect(await call(c.donor, 'withdrawOffer', { offerId: offer.id })).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'charity_offer.already_allocated' } } });

  expect(await call(c.staff, 'acceptAllocation', { allocationId: a.id })).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'charity_allocation.not_donor' } } });
  await ok(c.donor, 'acceptAllocation', { allocationId: a.id });

  const part = await ok(c.staff, 'recordHandover', { allocationId: a.id, to: 'station', receivedBy: '李站长', quantity: 4, handedOverAt: T0 - 3600_000, note: '第一批' });
  expect(part).toMatchObject({ status: 'delivering', deliveredQuantity: 4 });
  expect(await call(c.staff, 'recordHandover', { allocationId: a.id, to: 'beneficiary', receivedBy: '张桂兰', quantity: 3, handedOverAt: T0 })).toMatchObject({
    ok: false,
    error: { code: 'failed-precondition', details: { reason: 'charity_allocation.over_delivery' } },
  });
  const done = await ok(c.staff, 'recordHandover', { allocationId: a.id, to: 'beneficiary', receivedBy: '张桂兰', quantity: 2, handedOverAt: T0 });
  expect(done).toMatchObject({ status: 'delivered', deliveredQuantity: 6 });
  expect(done.handovers.map((h: any) => h.receivedBy)).toEqual(['李站长', '张桂兰']);
  // The donor sees the beneficiary masked.
  const seen = await ok(c.donor, 'getAllocation', { allocationId: a.id });
  expect(seen.handovers.map((h: any) => h.receivedBy)).toEqual(['李站长', '张某']);

  expect((await db().collection('charity_needs').doc(n.id).get()).data).toMatchObject({ status: 'closed', deliveredQuantity: 6 });
  expect((await db().collection('charity_offers').doc(offer.id).get()).data).toMatchObject({ status: 'open', deliveredQuantity: 6, allocatedQuantity: 6 });

  const stock = await ok(c.staff, 'listStock', { communityId: c.community });
  expect(stock.items).toEqual([expect.objectContaining({ item: '冬季棉被', unit, balance: 4, receivedTotal: 4 })]);

  const due = await ok(c.staff, 'disclosuresDue', { communityId: c.community });
  expect(due.entries).toHaveLength(3);
  // Received 2026-11-23 (Monday): due 7 working days later, 2026-12-02.
  expect(due.entries.filter((e: any) => e.direction === 'received').map((e: any) => e.dueOn)).toEqual(['2026-12-02', '2026-12-02']);
  expect(await ok(c.resident, 'publicLedger', { communityId: c.community, month: '2026-11' })).toMatchObject({ received: [], given: [] });
  const pub = await ok(c.staff, 'publishDisclosures', { communityId: c.community, entryIds: due.entries.map((e: any) => e.entryId) });
  expect(pub).toEqual({ published: 3, alreadyPublished: 0 });
  const ledger = await ok(c.resident, 'publicLedger', { communityId: c.community, month: '2026-11' });
  expect(ledger.received.map((e: any) => [e.label, e.item, e.quantity])).toEqual(expect.arrayContaining([['周某', '冬季棉被', 4], ['周某', '冬季棉被', 2]]));
  expect(ledger.given.map((e: any) => [e.label, e.item, e.quantity])).toEqual([['社区老人', '棉被', 2]]);
  expect(JSON.stringify(ledger)).not.toContain('张桂兰');
  expect(JSON.stringify(ledger)).not.toContain('周建国');

  // Every step left its audit entry.
  const actions = (await db().collection('audit_log').where({ subject: `charity_allocations/${a.id}` }).get()).data.map((e) => e.action);
  expect(actions).toEqual(['charity_allocation.confirm', 'charity_allocation.accept', 'charity_allocation.deliverPart', 'charity_allocation.deliverAll']);
});

test('propose with the real engine: donor restrictions hold, every proposal is explained, a rerun supersedes', async () => {
  const d = await cast();
  const community = d.community;
  const need1 = await ok(d.staff, 'createNeed', { communityId: community, need: need({ category: 'money', unit: 'fen', quantity: 80_000, purpose: 'education', item: '助学金', urgency: 'critical' }) });
  const money = (over: Record<string, unknown>) => ({ kind: 'money', amountFen: 50_000, donorType: 'company', donorName: '某某公司', availableUntil: '2026-12-31', ...over });
  const fits = await ok(d.donor, 'createOffer', { offer: money({ restrictedCommunityId: community, restrictedPurpose: 'education' }) });
  const otherCommunity = await ok(d.donor, 'createOffer', { offer: money({ restrictedCommunityId: 'some-other-community' }) });
  const otherPurpose = await ok(d.donor, 'createOffer', { offer: money({ restrictedCommunityId: community, restrictedPurpose: 'medical' }) });

  const first = await ok(d.staff, 'propose', { communityId: community });
  const ids = first.proposals.map((p: any) => p.offerId);
  expect(ids).toContain(fits.id);
  expect(ids).not.toContain(otherCommunity.id);
  expect(ids).not.toContain(otherPurpose.id);
  const p = first.proposals.find((x: any) => x.offerId === fits.id);
  expect(p).toMatchObject({ needId: need1.id, quantity: 50_000, unit: 'fen', status: 'proposed' });
  expect(p.explanation.score).toBeGreaterThan(0);
  expect(p.explanation.terms.map((t: any) => t.term)).toEqual(expect.arrayContaining(['categoryFit', 'urgency', 'deadline', 'distance', 'expiry', 'fairness']));
  expect(p.explanation.binding).toContain('offer-exhausted');
  expect(first.objective).toBeGreaterThan(0);

  // Staff explain the same proposal again: the earlier pending ones give way.
  const second = await ok(d.staff, 'propose', { communityId: community });
  expect(second.superseded).toBe(first.proposals.length);
  expect((await db().collection('charity_allocations').doc(p.id).get()).data).toMatchObject({ status: 'rejected' });
  expect(second.proposals.find((x: any) => x.offerId === fits.id)).toMatchObject({ quantity: 50_000 });
});
