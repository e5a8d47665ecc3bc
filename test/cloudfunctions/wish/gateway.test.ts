// The wish function as deployed: the esbuild bundle run by the emulator's runner, called through
// the dev gateway with the caller in x-wx-openid; the timer fired through the dev trigger route.
import { uniq } from '../../server/fixtures/db';
import { dayOf } from '../../../core';
import { community, Community, plantRecipient, plantWish } from './helpers';

let c: Community;
beforeAll(async () => {
  c = await community('gw');
});

async function call(openid: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${process.env.EMULATOR_URL}/functions/wish`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

test('post, verify, publish, browse, claim and its retry through the runner and gateway', async () => {
  const r = await plantRecipient(c, { openid: null, familyOpenids: [] });
  // The runner's clock is the real one: a wanted-by day 20 days from now.
  const wantedOn = dayOf(Date.now() + 20 * 86_400_000);
  const posted = await call(c.staff, {
    action: 'post',
    input: { recipientId: r._id, item: '冬季棉被', description: '需要厚棉被', category: 'daily-living', valueFen: 25000, wantedOn },
    requestId: uniq('gw'),
  });
  expect(posted.body).toMatchObject({ ok: true, data: { status: 'submitted', wantedOn } });
  const id = posted.body.data.id as string;
  expect((await call(c.staff, { action: 'verify', input: { wishId: id, method: 'phone-call', note: '电话核实' }, requestId: uniq('gw') })).body).toMatchObject({ ok: true });
  expect((await call(c.staff, { action: 'publish', input: { wishId: id }, requestId: uniq('gw') })).body).toMatchObject({ ok: true, data: { status: 'published' } });
  const page = await call(c.donor, { action: 'browse', input: { communityId: c.id, category: 'daily-living' } });
  expect(page.body.data.items.map((x: { id: string }) => x.id)).toContain(id);
  const rid = uniq('claim');
  const claim = { action: 'claim', input: { wishId: id }, requestId: rid };
  const [a, b] = await Promise.all([call(c.donor, claim), call(c.donor, claim)]);
  expect(a.body).toMatchObject({ ok: true, data: { status: 'claimed', claimedByYou: true } });
  expect(b.body).toEqual(a.body);
  expect((await call(c.donor2, { action: 'claim', input: { wishId: id }, requestId: uniq('gw') })).body).toMatchObject({
    ok: false,
    error: { code: 'failed-precondition', details: { reason: 'wish.already_claimed' } },
  });
});

test('a claimed wish read by the donor carries no address or phone through the gateway', async () => {
  const r = await plantRecipient(c, { phoneMasked: '139****0000' });
  const w = await plantWish(c, r, 'claimed', { claimedBy: c.donor2 });
  const res = await call(c.donor2, { action: 'get', input: { wishId: w._id } });
  expect(res.body).toMatchObject({ ok: true, data: { claimedByYou: true, recipientPhoneMasked: null } });
  expect(JSON.stringify(res.body)).not.toContain('139');
});

test('hostile bodies are invalid-argument through the gateway too', async () => {
  for (const body of [{ action: 'claim', input: { wishId: { $ne: null } }, requestId: uniq('h') }, { action: 'browse', input: 'x'.repeat(100_000) }, { action: 'post', input: {} }]) {
    const res = await call(uniq('h'), body);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  }
});

test('the sweep trigger fires through the dev route', async () => {
  // Dated 2018: no test's wish is due then, so this firing changes nothing of theirs.
  const res = await fetch(`${process.env.EMULATOR_URL}/dev/functions/wish/triggers/sweep`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ at: '2018-03-01T00:00:00Z' }),
  });
  const body = (await res.json()) as any;
  expect(body).toMatchObject({ ok: true, data: { result: { ok: true, data: { result: { released: 0, reminded: 0, expired: 0 } } } } });
});
