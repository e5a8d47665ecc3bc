// Offers and needs: who edits what and when, retries, restrictions, content screening, visibility.
import { db, uniq } from '../../server/fixtures/db';
import { defineCharity } from '../../../cloudfunctions/charity/function';
import type { MatchInput } from '../../../core/charity/matching/types';
import { call, cast, Cast, goodsOffer, need, ok, simpleMatch, T0 } from './helpers';

const fn = defineCharity({ match: simpleMatch });

jest.setTimeout(60_000);
let c: Cast;
beforeAll(async () => {
  c = await cast();
});

test('a donor edits and withdraws an unallocated offer; versions guard concurrent edits', async () => {
  const o = await ok(c.donor, 'createOffer', { offer: goodsOffer({ quantity: 4 }) });
  const edited = await ok(c.donor, 'updateOffer', { offerId: o.id, version: 0, offer: goodsOffer({ quantity: 6, item: '加厚棉被' }) });
  expect(edited).toMatchObject({ quantity: 6, item: '加厚棉被', version: 1, status: 'open' });
  expect(await call(c.donor, 'updateOffer', { offerId: o.id, version: 0, offer: goodsOffer() })).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'state.stale_version' } } });
  expect(await call(c.donor, 'updateOffer', { offerId: o.id, version: 1, offer: { kind: 'money', amountFen: 100, donorType: 'individual', donorName: '周', availableUntil: '2026-12-31' } })).toMatchObject({
    ok: false,
    error: { code: 'failed-precondition', details: { reason: 'charity_offer.kind_changed' } },
  });
  expect(await ok(c.donor, 'withdrawOffer', { offerId: o.id })).toMatchObject({ status: 'withdrawn' });
  expect(await call(c.donor, 'withdrawOffer', { offerId: o.id })).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'charity_offer.cannot_withdraw' } } });
  expect(await call(c.donor, 'withdrawOffer', { offerId: 'off_nothing' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  const mine = await ok(c.donor, 'listMyOffers', { status: 'withdrawn' });
  expect(mine.items.map((x: any) => x.id)).toContain(o.id);
});

test('a retry with the same requestId returns the first answer and creates one offer', async () => {
  const requestId = uniq('retry');
  const [a, b] = await Promise.all([call(c.donor, 'createOffer', { offer: goodsOffer() }, { requestId }), call(c.donor, 'createOffer', { offer: goodsOffer() }, { requestId })]);
  expect(a).toMatchObject({ ok: true });
  expect(b).toEqual(a);
  const id = (a as any).data.id;
  expect((await db().collection('audit_log').where({ requestId }).count()).total).toBe(1);
  expect((await db().collection('charity_offers').doc(id).get()).data).toMatchObject({ donorOpenid: c.donor });
  expect(await call(c.donor, 'createOffer', { offer: goodsOffer({ quantity: 2 }) }, { requestId })).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason: 'request.request_id_reused' } } });
});

test('money pledges and services map to fen and hours; restricted offers are seen only by their community', async () => {
  const money = await ok(c.donor, 'createOffer', { offer: { kind: 'money', amountFen: 50_000, restrictedPurpose: 'education', restrictedCommunityId: c.community, donorType: 'company', donorName: '某某科技有限公司', showName: true, availableUntil: '2026-12-31' } });
  expect(money).toMatchObject({ category: 'money', unit: 'fen', quantity: 50_000, item: '善款', restrictedPurpose: 'education' });
  const service = await ok(c.donor, 'createOffer', { offer: { kind: 'service', skill: 'repair', hours: 8, area: '和平街道', donorType: 'individual', donorName: '吴师傅', availableUntil: '2026-12-31' } });
  expect(service).toMatchObject({ category: 'service', unit: 'hour', quantity: 8, skill: 'repair' });
  const listed = await ok(c.staff, 'listOffers', { communityId: c.community, limit: 100 });
  expect(listed.items.map((x: any) => x.id)).toEqual(expect.arrayContaining([money.id, service.id]));
  const outsiderCommunity = ((await db().collection('users').doc(c.outsider).get()).data!.roleCommunityIds as string[])[0];
  const elsewhere = await ok(c.outsider, 'listOffers', { communityId: outsiderCommunity, limit: 100 });
  expect(elsewhere.items.map((x: any) => x.id)).not.toContain(money.id);
});

test('text others will read is screened', async () => {
  const r = await call(c.donor, 'createOffer', { offer: goodsOffer({ description: '欢迎来赌博' }) });
  expect(r).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason: 'content.rejected' } } });
  expect(await call(c.staff, 'createNeed', { communityId: c.community, need: need({ item: '诈骗工具' }) })).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason: 'content.rejected' } } });
});

test('needs: money in fen, services in hours; editing keeps what is allocated; close and cancel rules', async () => {
  const n = await ok(c.socialWorker, 'createNeed', { communityId: c.community, need: need({ category: 'money', unit: '元', quantity: 30_000, purpose: 'education', item: '助学金' }) });
  expect(n).toMatchObject({ unit: 'fen', purpose: 'education' });
  const s = await ok(c.staff, 'createNeed', { communityId: c.community, need: need({ category: 'service', skill: 'repair', unit: '次', quantity: 3, item: '维修水管' }) });
  expect(s).toMatchObject({ unit: 'hour', skill: 'repair' });
  expect(await ok(c.staff, 'cancelNeed', { needId: s.id, reason: '已自行解决' })).toMatchObject({ status: 'cancelled' });
  expect(await call(c.staff, 'closeNeed', { needId: s.id })).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'charity_need.cannot_close' } } });
  // Public: anyone lists open needs; other statuses are for the community's people.
  const open = await ok(c.resident, 'listNeeds', { communityId: c.community, limit: 100 });
  expect(open.items.map((x: any) => x.id)).toContain(n.id);
  expect(open.items.map((x: any) => x.id)).not.toContain(s.id);
  expect(await call(c.resident, 'listNeeds', { communityId: c.community, status: 'cancelled' })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  expect((await ok(c.socialWorker, 'listNeeds', { communityId: c.community, status: 'cancelled', limit: 100 })).items.map((x: any) => x.id)).toContain(s.id);
});

test('a need with allocations cannot be cancelled, closed early or edited below them', async () => {
  const unit = `件${uniq('u').slice(-5)}`;
  const o = await ok(c.donor, 'createOffer', { offer: goodsOffer({ unit, quantity: 5, restrictedCommunityId: c.community }) });
  const n = await ok(c.staff, 'createNeed', { communityId: c.community, need: need({ unit, quantity: 8 }) });
  const proposed = (await fn.invoke({ action: 'propose', input: { communityId: c.community }, requestId: uniq('rid') }, { openid: c.staff, now: () => T0 })) as any;
  const a = proposed.data.proposals.find((p: any) => p.offerId === o.id && p.needId === n.id);
  expect(a.quantity).toBe(5);
  await ok(c.staff, 'confirmAllocation', { allocationId: a.id });
  expect(await call(c.staff, 'cancelNeed', { needId: n.id, reason: 'x' })).toMatchObject({ ok: false, error: { details: { reason: 'charity_need.already_allocated' } } });
  expect(await call(c.staff, 'closeNeed', { needId: n.id })).toMatchObject({ ok: false, error: { details: { reason: 'charity_need.open_allocations' } } });
  expect(await call(c.staff, 'updateNeed', { needId: n.id, version: 1, need: need({ unit, quantity: 4 }) })).toMatchObject({ ok: false, error: { details: { reason: 'charity_need.below_allocated' } } });
  // The donor declines: the reservation goes back to both sides.
  expect(await ok(c.donor, 'declineAllocation', { allocationId: a.id })).toMatchObject({ status: 'declined' });
  expect((await db().collection('charity_offers').doc(o.id).get()).data).toMatchObject({ allocatedQuantity: 0 });
  expect((await db().collection('charity_needs').doc(n.id).get()).data).toMatchObject({ allocatedQuantity: 0 });
  expect(await ok(c.staff, 'cancelNeed', { needId: n.id, reason: '重复登记' })).toMatchObject({ status: 'cancelled' });
});

test('a need links only micro-wishes and projects of its own community', async () => {
  const wishId = uniq('wish');
  await db().collection('wishes').add({ data: { _id: wishId, communityId: c.community, item: '书包', status: 'published', createdAt: T0 } });
  const foreignWish = uniq('wish');
  await db().collection('wishes').add({ data: { _id: foreignWish, communityId: 'another-community', item: '书包', status: 'published', createdAt: T0 } });
  const project = await ok(c.staff, 'registerProject', { communityId: c.community, name: '开学季', startOn: '2026-08-01', endOn: '2026-09-30' });
  const linked = await ok(c.staff, 'createNeed', { communityId: c.community, need: need({ category: 'study', item: '书包', unit: '个', linkedWishIds: [wishId, wishId], projectId: project.id }) });
  expect(linked).toMatchObject({ linkedWishIds: [wishId], projectId: project.id });
  expect(await call(c.staff, 'createNeed', { communityId: c.community, need: need({ linkedWishIds: [foreignWish] }) })).toMatchObject({ ok: false, error: { code: 'not-found', details: { reason: 'charity_need.wish_not_found' } } });
  expect(await call(c.staff, 'createNeed', { communityId: c.community, need: need({ linkedWishIds: ['no-such-wish'] }) })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  expect(await call(c.staff, 'createNeed', { communityId: c.community, need: need({ projectId: 'prj_missing' }) })).toMatchObject({ ok: false, error: { code: 'not-found', details: { reason: 'charity_need.project_not_found' } } });
});

test('propose gives the engine the community’s stored location (wx-server-sdk reads it back as a Geo.Point)', async () => {
  const seen: MatchInput[] = [];
  const capturing = defineCharity({ match: (input) => (seen.push(input), simpleMatch(input)) });
  await ok(c.donor, 'createOffer', { offer: goodsOffer() });
  const bedding = await ok(c.staff, 'createNeed', { communityId: c.community, need: need() });
  expect(await call(c.staff, 'propose', { communityId: c.community }, { fn: capturing })).toMatchObject({ ok: true });
  expect(seen).toHaveLength(1);
  // cast() stores { type: 'Point', coordinates: [113.3245, 23.1291] }.
  expect(seen[0]!.needs.find((n) => n.id === bedding.id)?.location).toEqual({ lat: 23.1291, lng: 113.3245 });
});
