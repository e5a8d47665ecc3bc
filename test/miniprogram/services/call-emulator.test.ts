import { config } from '../../../miniprogram/config';
import { call } from '../../../miniprogram/services/call';
import { AppError, ERROR_CODES, messageForCode, userMessage } from '../../../miniprogram/services/errors';
import { err, failure, fakeRequest, ok } from './wx-fakes';

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/; // core/contract.ts RequestId


beforeEach(() => {
  Object.assign(config, {
    transport: 'emulator',
    emulatorUrl: 'http://127.0.0.1:9100',
    devOpenid: 'dev-openid-1',
    retries: 2,
    retryDelayMs: 0,
  });
});

test('POSTs {action,input,requestId} to the gateway with the dev identity and returns data', async () => {
  const { calls } = fakeRequest({ status: 200, body: ok({ openid: 'dev-openid-1', roles: [] }) });

  const data = await call('user', 'me', { a: 1 });

  expect(data).toEqual({ openid: 'dev-openid-1', roles: [] });
  expect(calls).toHaveLength(1);
  const req = calls[0];
  expect(req.url).toBe('http://127.0.0.1:9100/functions/user');
  expect(req.method).toBe('POST');
  expect(req.header).toEqual(expect.objectContaining({ 'x-wx-openid': 'dev-openid-1', 'content-type': 'application/json' }));
  expect(req.data).toEqual({ action: 'me', input: { a: 1 }, requestId: expect.stringMatching(REQUEST_ID) });
});

test('each logical call gets its own requestId; a given requestId is sent as is', async () => {
  const { calls } = fakeRequest({ status: 200, body: ok(null) });
  await call('user', 'me');
  await call('user', 'me');
  await call('user', 'me', {}, { requestId: 'user-chosen-id-1' });
  const ids = calls.map((c) => (c.data as any).requestId);
  expect(ids[0]).not.toBe(ids[1]);
  expect(ids[2]).toBe('user-chosen-id-1');
});

test('a network failure is retried with the SAME requestId, then succeeds', async () => {
  const { calls } = fakeRequest({ fail: 'request:fail net::ERR_CONNECTION_RESET' }, { status: 503, body: 'busy' }, { status: 200, body: ok(7) });

  await expect(call('user', 'setRole', { x: 1 })).resolves.toBe(7);

  expect(calls).toHaveLength(3);
  const ids = new Set(calls.map((c) => (c.data as any).requestId));
  expect(ids.size).toBe(1);
});

test('after the retries are used up the network failure reaches the caller kindly', async () => {
  const { calls } = fakeRequest({ fail: 'request:fail' });
  const e = await failure(call('user', 'me'));
  expect(calls).toHaveLength(3); // first try + config.retries
  expect(e).toBeInstanceOf(AppError);
  expect(e.code).toBe('internal');
  expect(e.details?.reason).toBe('client.network');
  expect(userMessage(e)).toBe('网络不太好，请检查网络后重试');
});

test('a timeout is reported as a network problem, not a server fault', async () => {
  fakeRequest({ fail: 'request:fail timeout' });
  const e = await failure(call('user', 'me', {}, { retries: 0 }));
  expect(e.details?.reason).toBe('client.timeout');
  expect(userMessage(e)).toBe('网络不太好，请检查网络后重试');
});

test.each(ERROR_CODES.map((c) => [c]))('envelope error %s → AppError with that code and its message, never retried', async (code) => {
  const { calls } = fakeRequest({ status: 200, body: err(code, 'raw server text', { reason: 'x.y' }) });
  const e = await failure(call('user', 'me'));
  expect(calls).toHaveLength(1);
  expect(e.code).toBe(code);
  expect(e.details).toEqual({ reason: 'x.y' });
  expect(userMessage(e)).toBe(messageForCode(code));
  expect(userMessage(e)).not.toContain('raw server text');
});

test('an envelope on a non-2xx status is the truth (gateway not in dev mode → 403 envelope)', async () => {
  fakeRequest({ status: 403, body: err('permission-denied', 'the function gateway is only served in dev mode') });
  const e = await failure(call('user', 'me'));
  expect(e.code).toBe('permission-denied');
  expect(userMessage(e)).toBe('您没有权限进行此操作');
});

test.each([
  [401, 'unauthenticated'],
  [403, 'permission-denied'],
  [404, 'not-found'],
  [500, 'internal'],
] as const)('HTTP %i without an envelope → %s, not retried', async (status, code) => {
  const { calls } = fakeRequest({ status, body: '<html>gateway</html>' });
  const e = await failure(call('user', 'me'));
  expect(calls).toHaveLength(1);
  expect(e.code).toBe(code);
  expect(e.details).toEqual(expect.objectContaining({ reason: 'client.http', status }));
});

test('a 2xx answer that is not an envelope is an internal error', async () => {
  fakeRequest({ status: 200, body: { hello: 'world' } });
  const e = await failure(call('user', 'me'));
  expect(e.code).toBe('internal');
  expect(e.details?.reason).toBe('client.bad_response');
});

test('a code outside the closed set becomes internal', async () => {
  fakeRequest({ status: 200, body: err('teapot') });
  const e = await failure(call('user', 'me'));
  expect(e.code).toBe('internal');
  expect(userMessage(e)).toBe('系统开小差了，请稍后再试');
});

test('input failing the contract schema is refused before any request', async () => {
  const { fn } = fakeRequest({ status: 200, body: ok(null) });
  const schema = {
    safeParse: (input: unknown) =>
      (input as { n?: unknown }).n === 1
        ? { success: true as const, data: { n: 1, defaulted: true } }
        : { success: false as const, error: { issues: [{ path: ['n'], message: 'expected 1' }] } },
  };

  const e = await failure(call('user', 'setRole', { n: 2 }, { schema }));
  expect(fn).not.toHaveBeenCalled();
  expect(e.code).toBe('invalid-argument');
  expect(e.details?.issues).toEqual([{ path: ['n'], message: 'expected 1' }]);
  expect(userMessage(e)).toBe('填写的内容有误，请检查后再试');

  await call('user', 'setRole', { n: 1 }, { schema });
  expect((fn.mock.calls[0][0] as any).data.input).toEqual({ n: 1, defaulted: true }); // parsed value is sent
});

// The first call may have landed (only its answer was lost). A page's "retry" button must send the
// same requestId, or a state change that did land is applied a second time; the error tells it which.
test('a failure of unknown outcome carries its requestId, so a page retry is the same logical call', async () => {
  const { calls } = fakeRequest({ fail: 'request:fail timeout' }, { status: 200, body: ok(7) });
  const e = await failure(call('user', 'setRole', { x: 1 }, { retries: 0 }));
  expect(e.requestId).toBe((calls[0].data as any).requestId);
  await expect(call('user', 'setRole', { x: 1 }, { retries: 0, requestId: e.requestId })).resolves.toBe(7);
  expect((calls[1].data as any).requestId).toBe((calls[0].data as any).requestId);
});

test('a definitive answer carries no requestId: fixing the input and trying again is a new call', async () => {
  fakeRequest({ status: 200, body: { ok: false, error: { code: 'failed-precondition', message: 'no' } } });
  const e = await failure(call('user', 'setRole', { x: 1 }, { retries: 0 }));
  expect(e.code).toBe('failed-precondition');
  expect(e.requestId).toBeUndefined();
});
