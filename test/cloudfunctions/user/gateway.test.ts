// The same function as deployed: the esbuild bundle run by the emulator's function runner, called
// through the dev gateway with the caller in x-wx-openid.
import { TEST_ADMIN_OPENID } from '../../support/env';
import { uniq } from '../../server/fixtures/db';

async function call(openid: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${process.env.EMULATOR_URL}/functions/user`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

test('me, setRole and its retry through the runner and gateway', async () => {
  const target = uniq('gw');
  expect(await call(target, { action: 'me', input: {}, openid: TEST_ADMIN_OPENID })).toMatchObject({
    status: 200,
    body: { ok: true, data: { openid: target, roles: [] } },
  });
  await call(TEST_ADMIN_OPENID, { action: 'me', input: {} });
  const rid = uniq('rid');
  const grant = { action: 'setRole', input: { openid: target, role: 'volunteer' }, requestId: rid };
  const [a, b] = await Promise.all([call(TEST_ADMIN_OPENID, grant), call(TEST_ADMIN_OPENID, grant)]);
  expect(a.body).toMatchObject({ ok: true, data: { roles: [{ role: 'volunteer', communityId: 'demo-community' }] } });
  expect(b.body).toEqual(a.body);
  expect((await call(target, grant)).body).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
});

test('hostile bodies are invalid-argument through the gateway too', async () => {
  for (const body of [{ action: 'nope' }, { action: 'setRole', input: { openid: 'x', role: 'staff' } }, { action: 'me', input: 'x'.repeat(100_000) }]) {
    const res = await call(uniq('h'), body);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  }
});
