// The charity bundle as deployed: built by esbuild, run by the emulator's function runner, called
// through the dev gateway; and its timer fired through the dev route.
import { uniq } from '../../server/fixtures/db';
import { person } from './helpers';

jest.setTimeout(60_000);

async function call(openid: string, body: unknown): Promise<any> {
  const res = await fetch(`${process.env.EMULATOR_URL}/functions/charity`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify(body) });
  return res.json();
}

test('a need, an offer, a proposal by the real engine and a retry through the gateway', async () => {
  const community = uniq('gw').toLowerCase();
  const staff = await person('stf', [['staff', community]]);
  const donor = await person('don', []);
  const unit = `盒${uniq('u').slice(-5)}`;
  const need = await call(staff, { action: 'createNeed', requestId: uniq('rid'), input: { communityId: community, need: { category: 'food', item: '牛奶', quantity: 12, unit, urgency: 'normal', deadlineOn: '2099-12-31', beneficiaryGroup: 'children' } } });
  expect(need).toMatchObject({ ok: true, data: { status: 'open', quantity: 12 } });
  const offer = await call(donor, { action: 'createOffer', requestId: uniq('rid'), input: { offer: { kind: 'goods', category: 'food', item: '牛奶', quantity: 20, unit, condition: 'new', pickupArea: '和平街道', donorType: 'individual', donorName: '孙小明', availableUntil: '2099-12-31', restrictedCommunityId: community } } });
  expect(offer).toMatchObject({ ok: true, data: { status: 'open' } });
  const rid = uniq('rid');
  const [a, b] = await Promise.all([call(staff, { action: 'propose', requestId: rid, input: { communityId: community } }), call(staff, { action: 'propose', requestId: rid, input: { communityId: community } })]);
  expect(a).toMatchObject({ ok: true });
  expect(b).toEqual(a);
  expect(a.data.proposals).toEqual([expect.objectContaining({ offerId: offer.data.id, needId: need.data.id, quantity: 12, donorLabel: '孙某' })]);
  expect(await call(donor, { action: 'confirmAllocation', requestId: uniq('rid'), input: { allocationId: a.data.proposals[0].id } })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  expect(await call(staff, { action: 'confirmAllocation', requestId: uniq('rid'), input: { allocationId: { $ne: null } } })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
});

test('the timer fires through the dev route', async () => {
  const res = await fetch(`${process.env.EMULATOR_URL}/dev/functions/charity/triggers/remindDisclosures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ at: '2031-03-04T01:00:00Z' }) });
  const body = (await res.json()) as any;
  expect(body).toMatchObject({ ok: true, data: { result: { ok: true, data: { result: expect.objectContaining({ reminded: expect.any(Number), alreadyReminded: expect.any(Number) }) } } } });
});
