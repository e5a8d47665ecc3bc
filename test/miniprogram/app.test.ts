import { AppError } from '../../miniprogram/services/errors';

const mockMe = jest.fn();
jest.mock('../../miniprogram/services/user', () => ({ me: (...args: unknown[]) => mockMe(...args) }));

/** app.ts calls App(options); setup-wx records them. Each test gets a fresh app module. */
function launchApp(): IAppOption & { onLaunch(): void } {
  jest.isolateModules(() => {
    require('../../miniprogram/app');
  });
  const app = (globalThis as any).__appOptions;
  app.globalData = { roles: [], elderMode: false };
  return app;
}

beforeEach(() => mockMe.mockReset());

test('launch loads the profile into globalData', async () => {
  const roles = [{ role: 'volunteer', communityId: 'c1' }];
  mockMe.mockResolvedValue({ openid: 'o1', roles, createdAt: 1 });
  const app = launchApp();
  await app.loadProfile.call(app);
  expect(app.globalData.profile).toMatchObject({ openid: 'o1' });
  expect(app.globalData.roles).toEqual(roles);
  expect(app.globalData.launchErrorCode).toBeUndefined();
});

test('a failed launch does not throw: it records the code and leaves the page to explain', async () => {
  mockMe.mockRejectedValue(new AppError('unauthenticated', 'no openid'));
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  const app = launchApp();
  await expect(app.loadProfile.call(app)).resolves.toBeUndefined();
  expect(app.globalData.profile).toBeUndefined();
  expect(app.globalData.launchErrorCode).toBe('unauthenticated');
  warn.mockRestore();
});

test('onLaunch starts the profile load without waiting for it', () => {
  mockMe.mockReturnValue(new Promise(() => {}));
  const app = launchApp();
  app.onLaunch.call(app);
  expect(mockMe).toHaveBeenCalledTimes(1);
});
