// The function runner through its two doors: functions.invokeFunction (admin) and the warm pool's
// behaviour under identity swaps, throws, timeouts, crashes and nested calls.
import type { RunningEmulator } from '../../../emulator/emulator';
import { invokeAdmin, startFixtureEmulator, callGateway } from './harness';

describe('function runner, pool of 2', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startFixtureEmulator({ poolSize: 2 });
  }, 30_000); // starting an emulator takes well over jest's 5 s on a loaded machine
  afterAll(() => emu?.close());

  test('each of many concurrent invocations sees its own identity in reused workers', async () => {
    const openids = Array.from({ length: 24 }, (_, i) => `user-${i}-${'x'.repeat(i % 3)}`);
    const answers = await Promise.all(
      openids.map((openid, i) =>
        callGateway(emu, 'whoami', { action: 'me', input: {}, requestId: `r${i}`, delayMs: 5 + (i % 4) * 5 }, { 'x-wx-openid': openid, 'x-wx-unionid': `u-${openid}` }),
      ),
    );
    answers.forEach(({ status, body }, i) => {
      expect(status).toBe(200);
      expect(body.wx).toMatchObject({ OPENID: openids[i], UNIONID: `u-${openids[i]}`, ENV: 'local-env', SOURCE: 'wx_client' });
      expect(typeof body.wx.APPID).toBe('string');
      expect(body.wx.API_TOKEN).toBeUndefined(); // blacklisted by getWXContext
      expect(body.event.userInfo).toEqual({ appId: body.wx.APPID, openId: openids[i] });
      expect(body.event.requestId).toBe(`r${i}`);
      expect(body.context).toMatchObject({ function_name: 'whoami', namespace: 'local-env', time_limit_in_ms: 3000 });
    });
    // 24 invocations, 2 warm processes: workers are reused, not forked per call.
    expect(new Set(answers.map((a) => a.body.pid)).size).toBeLessThanOrEqual(2);
  });

  test('per-invocation tokens are distinct and stop resolving once the invocation ends', async () => {
    const a = await callGateway(emu, 'whoami', { action: 'me' }, { 'x-wx-openid': 'tok-a' });
    const b = await callGateway(emu, 'whoami', { action: 'me' }, { 'x-wx-openid': 'tok-b' });
    expect(a.body.token).toEqual(expect.any(String));
    expect(a.body.token).not.toBe(b.body.token);
    expect(emu.runner!.resolveCaller(a.body.token)).toBeUndefined();
    expect(emu.runner!.resolveCaller('made-up')).toBeUndefined();
    // While live, a token resolves to its caller: the openapi suite sees it attributed in the outbox.
  });

  test('a function that throws answers FUNCTIONS_EXECUTE_FAIL with its message', async () => {
    const res = await invokeAdmin(emu, 'boom', { why: 'kaput' });
    expect(res.code).toBe('FUNCTIONS_EXECUTE_FAIL');
    expect(res.message).toContain('boom: kaput');
    expect(res.requestId).toBeTruthy();
  });

  test('a successful invokeFunction answers response_data as JSON text', async () => {
    const res = await invokeAdmin(emu, 'echo', { input: { reply: { ok: true, data: [1, 'two'] } } });
    expect(res.code).toBeUndefined();
    expect(JSON.parse(res.data.response_data)).toEqual({ ok: true, data: [1, 'two'] });
  });

  test('an unknown function is FUNCTIONS_NOT_EXIST, and names cannot escape the functions root', async () => {
    expect((await invokeAdmin(emu, 'nope', {})).code).toBe('FUNCTIONS_NOT_EXIST');
    expect((await invokeAdmin(emu, '../functions/whoami', {})).code).toBe('FUNCTIONS_NOT_EXIST');
  });

  test('a timeout kills the worker, reports FUNCTIONS_TIME_LIMIT_EXCEEDED, and the next call works', async () => {
    const before = await invokeAdmin(emu, 'sleepy', { quick: true });
    const started = Date.now();
    const res = await invokeAdmin(emu, 'sleepy', {});
    expect(res.code).toBe('FUNCTIONS_TIME_LIMIT_EXCEEDED');
    expect(res.message).toMatch(/1000 ms/);
    expect(Date.now() - started).toBeLessThan(2500); // the 1 s limit of config.json, not the 5 s sleep
    const after = await Promise.all([1, 2, 3].map(() => invokeAdmin(emu, 'sleepy', { quick: true })));
    after.forEach((r) => expect(JSON.parse(r.data.response_data).pid).toEqual(expect.any(Number)));
    expect(JSON.parse(before.data.response_data).pid).toEqual(expect.any(Number));
    expect(emu.runner!.stats().base).toBe(2);
  });

  test('a function that exits its process is reported and its worker replaced', async () => {
    const res = await invokeAdmin(emu, 'boom', { exit: true });
    expect(res.code).toBe('FUNCTIONS_EXECUTE_FAIL');
    expect(res.message).toMatch(/exited/);
    const next = await invokeAdmin(emu, 'echo', { input: { reply: 'still here' } });
    expect(JSON.parse(next.data.response_data)).toBe('still here');
  });
});

describe('nested calls with a pool of 1', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startFixtureEmulator({ poolSize: 1 });
  }, 30_000); // starting an emulator takes well over jest's 5 s on a loaded machine
  afterAll(() => emu?.close());

  test('a function calling another does not deadlock; the callee gets APPID and SOURCE, not OPENID', async () => {
    const { status, body } = await callGateway(emu, 'nested', { action: 'x', input: {} }, { 'x-wx-openid': 'caller-1', 'x-wx-appid': 'wx-app-1' });
    expect(status).toBe(200);
    expect(body.me).toMatchObject({ OPENID: 'caller-1', APPID: 'wx-app-1', SOURCE: 'wx_client' });
    expect(body.errMsg).toBe('callFunction:ok');
    expect(body.callee.wx).toMatchObject({ APPID: 'wx-app-1', SOURCE: 'wx_client,scf', ENV: 'local-env' });
    expect(body.callee.wx.OPENID).toBe('');
    expect(body.callee.event.from).toBe('nested');
    expect(emu.runner!.stats().base).toBe(1);
  });

  test('several callers at once, each holding the only base worker in turn, all complete', async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4].map((i) => callGateway(emu, 'nested', { action: 'x', input: {} }, { 'x-wx-openid': `c-${i}` })),
    );
    answers.forEach((a, i) => {
      expect(a.status).toBe(200);
      expect(a.body.me.OPENID).toBe(`c-${i + 1}`);
      expect(a.body.callee.wx.SOURCE).toBe('wx_client,scf');
    });
  });

  test('a nested call to a throwing function fails in the caller with code FUNCTIONS_EXECUTE_FAIL (errCode -1)', async () => {
    const { body } = await callGateway(emu, 'nested', { target: 'boom', data: { why: 'inner' } }, { 'x-wx-openid': 'c' });
    expect(body.error).toMatchObject({ errCode: -1, code: 'FUNCTIONS_EXECUTE_FAIL' });
    expect(body.error.errMsg).toContain('boom: inner');
  });

  test('a nested call to a missing function fails clearly', async () => {
    const { body } = await callGateway(emu, 'nested', { target: 'ghost' }, { 'x-wx-openid': 'c' });
    expect(body.error.code).toBe('FUNCTIONS_NOT_EXIST');
    expect(body.error.errMsg).toContain('ghost');
  });
});
