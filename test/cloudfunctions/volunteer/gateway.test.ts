// The deployed bundles (esbuild, run by the emulator's function runner) through the dev gateway:
// registration sealed with the runner's keys opens in-process with the same keys, and the org
// function answers too.
import { db, uniq } from '../../server/fixtures/db';
import { makeCommunity, makeUser, registration } from './support';

async function call(fn: string, openid: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${process.env.EMULATOR_URL}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

jest.setTimeout(60_000);

test('register, review and me through the runner; hostile bodies are invalid-argument', async () => {
  const A = await makeCommunity();
  const staff = await makeUser([{ role: 'staff', communityId: A }]);
  const openid = uniq('gw');
  const reg = await call('volunteer', openid, { action: 'register', input: registration(A, { name: '黄蓉' }), requestId: uniq('rid') });
  expect(reg.body).toMatchObject({ ok: true, data: { status: 'pending', maskedName: '黄某' } });
  const review = await call('volunteer', staff, { action: 'review', input: { volunteerId: reg.body.data.volunteerId, decision: 'verify' }, requestId: uniq('rid') });
  expect(review.body).toMatchObject({ ok: true, data: { status: 'verified' } });
  const me = await call('volunteer', openid, { action: 'me', input: {} });
  expect(me.body).toMatchObject({ ok: true, data: { volunteer: { name: '黄蓉', status: 'verified' } } });
  expect((await db().collection('volunteers').doc(reg.body.data.volunteerId).get()).data).toMatchObject({ status: 'verified' });

  const community = await call('org', openid, { action: 'getCommunity', input: { communityId: A } });
  expect(community.body).toMatchObject({ ok: true, data: { communityId: A } });
  for (const body of [{ action: 'register', input: { name: '<x>' }, requestId: uniq('rid') }, { action: 'nope' }, { action: 'verifyCertificate', input: 'x'.repeat(50_000) }]) {
    expect((await call('volunteer', openid, body)).body).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  }
});
