// The dev function gateway (POST /functions/<name>): status codes and the app's envelope.
import type { RunningEmulator } from '../../../emulator/emulator';
import { callGateway, startFixtureEmulator } from './harness';

describe('dev function gateway', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startFixtureEmulator({ poolSize: 1 });
  }, 30_000); // starting an emulator takes well over jest's 5 s on a loaded machine
  afterAll(() => emu?.close());

  const as = (openid: string) => ({ 'x-wx-openid': openid });

  test('passes the function envelope through with HTTP 200, success or domain error', async () => {
    const ok = await callGateway(emu, 'echo', { action: 'a', input: { reply: { ok: true, data: { n: 1 } } }, requestId: 'r1' }, as('o1'));
    expect(ok).toEqual({ status: 200, body: { ok: true, data: { n: 1 } } });
    const domain = { ok: false, error: { code: 'failed-precondition', message: 'closed', details: { reason: 'wish.closed' } } };
    const bad = await callGateway(emu, 'echo', { action: 'a', input: { reply: domain } }, as('o1'));
    expect(bad).toEqual({ status: 200, body: domain });
  });

  test('without the x-wx-openid header: 401 unauthenticated', async () => {
    const res = await callGateway(emu, 'whoami', { action: 'me', input: {} });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  test('an unknown function: 404 not-found', async () => {
    const res = await callGateway(emu, 'ghost', { action: 'x', input: {} }, as('o1'));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  test('a function that throws: 500 internal with reason function.crashed', async () => {
    const res = await callGateway(emu, 'boom', { action: 'x', input: {} }, as('o1'));
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'internal', details: { reason: 'function.crashed' } } });
    expect(res.body.error.message).toContain('boom');
  });

  test('a function past its time limit: 500 internal with reason function.timeout, then the gateway still serves', async () => {
    const res = await callGateway(emu, 'sleepy', { action: 'x', input: {} }, as('o1'));
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'internal', details: { reason: 'function.timeout' } } });
    const next = await callGateway(emu, 'whoami', { action: 'me', input: {} }, as('o2'));
    expect(next.status).toBe(200);
    expect(next.body.wx.OPENID).toBe('o2');
  });

  test('x-wx-appid and x-wx-unionid reach getWXContext', async () => {
    const res = await callGateway(emu, 'whoami', { action: 'me', input: {} }, { 'x-wx-openid': 'o3', 'x-wx-appid': 'wxabc', 'x-wx-unionid': 'un3' });
    expect(res.body.wx).toMatchObject({ OPENID: 'o3', APPID: 'wxabc', UNIONID: 'un3' });
  });
});

describe('gateway outside dev mode', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startFixtureEmulator({ poolSize: 1, dev: false });
  }, 30_000); // starting an emulator takes well over jest's 5 s on a loaded machine
  afterAll(() => emu?.close());

  test('is refused with 403, and the dev outbox route does not exist', async () => {
    const res = await callGateway(emu, 'whoami', { action: 'me', input: {} }, { 'x-wx-openid': 'o1' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect((await fetch(`${emu.url}/dev/outbox`)).status).toBe(404);
  });
});
