import { config } from '../../../miniprogram/config';
import { call } from '../../../miniprogram/services/call';
import { AppError, userMessage } from '../../../miniprogram/services/errors';
import { err, failure, fakeCloud, fakeRequest, ok } from './wx-fakes';


beforeEach(() => {
  Object.assign(config, { transport: 'cloud', retries: 2, retryDelayMs: 0 });
});

test('calls wx.cloud.callFunction({name, data:{action,input,requestId}}) and unwraps the envelope', async () => {
  const request = fakeRequest({ status: 200, body: ok('wrong transport') });
  const { calls } = fakeCloud({ result: ok({ openid: 'o1', roles: [] }) });

  await expect(call('user', 'me', {})).resolves.toEqual({ openid: 'o1', roles: [] });

  expect(calls).toEqual([{ name: 'user', data: { action: 'me', input: {}, requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) } }]);
  expect(request.fn).not.toHaveBeenCalled();
});

test('an envelope error keeps its code and gets the kind message', async () => {
  fakeCloud({ result: err('permission-denied', 'not an admin of c1', { reason: 'user.not_admin' }) });
  const e = await failure(call('user', 'setRole', {}));
  expect(e.code).toBe('permission-denied');
  expect(e.details?.reason).toBe('user.not_admin');
  expect(userMessage(e)).toBe('您没有权限进行此操作');
});

test('a network errMsg is retried with the same requestId', async () => {
  const { calls } = fakeCloud({ reject: 'cloud.callFunction:fail request:fail network error' }, { result: ok(1) });
  await expect(call('user', 'setRole', { r: 1 })).resolves.toBe(1);
  expect(calls).toHaveLength(2);
  expect(calls[1].data.requestId).toBe(calls[0].data.requestId);
});

test('a function that does not exist → not-found, not retried', async () => {
  const { calls } = fakeCloud({ reject: 'cloud.callFunction:fail -404011 cloud function execution error: FunctionName parameter could not be found' });
  const e = await failure(call('nope', 'x'));
  expect(calls).toHaveLength(1);
  expect(e.code).toBe('not-found');
});

test('a crashed function (no envelope) → internal, not retried', async () => {
  const { calls } = fakeCloud({ reject: 'cloud.callFunction:fail errCode: -504002 functions execute fail | errMsg: TypeError' });
  const e = await failure(call('user', 'me'));
  expect(calls).toHaveLength(1);
  expect(e.code).toBe('internal');
  expect(userMessage(e)).toBe('系统开小差了，请稍后再试');
});

test('a timeout errMsg is retried and then reported as a network problem', async () => {
  const { calls } = fakeCloud({ reject: 'cloud.callFunction:fail errCode: -504003 timeout' });
  const e = await failure(call('user', 'me'));
  expect(calls).toHaveLength(3);
  expect(e.details?.reason).toBe('client.timeout');
  expect(userMessage(e)).toBe('网络不太好，请检查网络后重试');
});

test('a result that is not an envelope is internal', async () => {
  fakeCloud({ result: undefined });
  const e = await failure(call('user', 'me'));
  expect(e.code).toBe('internal');
});

// A crashed function's own error text follows the platform's code in errMsg; words in it
// ("timeout", "not found", "network") must not decide how the call is classified.
test.each([
  ["TypeError: Cannot read properties of undefined (reading 'timeout')"],
  ['Error: config file not found'],
  ['Error: network interface eth0 missing'],
])('a crashed function whose own message says %p → internal, not retried', async (own) => {
  const { calls } = fakeCloud({ reject: `cloud.callFunction:fail errCode: -504002 functions execute fail | errMsg: ${own}` });
  const e = await failure(call('user', 'me'));
  expect(calls).toHaveLength(1);
  expect(e.code).toBe('internal');
  expect(e.details?.reason).toBe('client.cloud');
  expect(e.retryable).toBe(false);
});

test('a generic errCode -1 on a dropped connection is still a retried network failure', async () => {
  const fn = jest.fn(async () => {
    if (fn.mock.calls.length === 1) throw { errCode: -1, errMsg: 'cloud.callFunction:fail request:fail' };
    return { result: ok(1), errMsg: 'cloud.callFunction:ok', requestID: 'test' };
  });
  (wx.cloud as any).callFunction = fn;
  await expect(call('user', 'me')).resolves.toBe(1);
  expect(fn).toHaveBeenCalledTimes(2);
});
