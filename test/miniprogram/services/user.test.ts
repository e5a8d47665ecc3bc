import { config } from '../../../miniprogram/config';
import { me, setRole, subscribeTemplatesFor } from '../../../miniprogram/services/user';
import { fakeRequest, ok } from './wx-fakes';

beforeEach(() => {
  Object.assign(config, { transport: 'emulator', retries: 0, retryDelayMs: 0 });
});

test('me() calls user.me; concurrent callers share one request, a later call asks again', async () => {
  const profile = { openid: 'o1', roles: [], createdAt: 1 };
  const { calls } = fakeRequest({ status: 200, body: ok(profile) });

  const [a, b] = await Promise.all([me(), me()]);
  expect(a).toEqual(profile);
  expect(b).toEqual(profile);
  expect(calls).toHaveLength(1);
  expect(calls[0].url).toMatch(/\/functions\/user$/);
  expect(calls[0].data).toEqual(expect.objectContaining({ action: 'me', input: {} }));

  await me();
  expect(calls).toHaveLength(2);
});

test('a failed me() does not stick: the next call tries again', async () => {
  const { calls } = fakeRequest({ fail: 'request:fail' }, { status: 200, body: ok({ openid: 'o1', roles: [], createdAt: 1 }) });
  await expect(me()).rejects.toMatchObject({ code: 'internal' });
  await expect(me()).resolves.toMatchObject({ openid: 'o1' });
  expect(calls).toHaveLength(2);
});

test('setRole() sends its input to user.setRole', async () => {
  const { calls } = fakeRequest({ status: 200, body: ok({ openid: 'o2', roles: [{ role: 'volunteer', communityId: 'c1' }], createdAt: 1 }) });
  const out = await setRole({ openid: 'o2', role: 'volunteer', communityId: 'c1' });
  expect(out.roles).toEqual([{ role: 'volunteer', communityId: 'c1' }]);
  expect(calls[0].data).toEqual(expect.objectContaining({ action: 'setRole', input: { openid: 'o2', role: 'volunteer', communityId: 'c1' } }));
});

test('setRole() input that breaks the contract (core/user.contract.ts) is refused before any request', async () => {
  const { fn } = fakeRequest({ status: 200, body: ok(null) });
  const bad = { openid: 'not an openid!', role: 'volunteer' } as const;
  await expect(setRole(bad)).rejects.toMatchObject({
    code: 'invalid-argument',
    details: { reason: 'client.validation', issues: [expect.objectContaining({ path: ['openid'] })] },
  });
  await expect(setRole({ openid: 'o2', role: 'mayor' } as any)).rejects.toMatchObject({ code: 'invalid-argument' });
  expect(fn).not.toHaveBeenCalled();
});

test('subscribe templates come from the last user.me answer, at most 3 per prompt', async () => {
  fakeRequest({ status: 200, body: ok({ openid: 'o1', roles: [], createdAt: 1, subscribeTemplates: { wishPosted: ['t1', 't2'], wishClaimed: ['a', 'b', 'c', 'd'], offerMade: [], disclosuresDue: [], activitySignup: [] } }) });
  await me();
  expect(subscribeTemplatesFor('wishPosted')).toEqual(['t1', 't2']);
  expect(subscribeTemplatesFor('wishClaimed')).toEqual(['a', 'b', 'c']);
  expect(subscribeTemplatesFor('offerMade')).toEqual([]);
});

test('before any user.me answer a prompt asks for nothing', () => {
  jest.isolateModules(() => {
    const fresh = require('../../../miniprogram/services/user') as typeof import('../../../miniprogram/services/user');
    expect(fresh.subscribeTemplatesFor('wishPosted')).toEqual([]);
  });
});
