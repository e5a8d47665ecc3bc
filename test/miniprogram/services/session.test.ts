import type { UserProfile } from '../../../miniprogram/services/types';

const mockMe = jest.fn<Promise<UserProfile>, []>();
jest.mock('../../../miniprogram/services/user', () => ({ me: () => mockMe() }));

import * as session from '../../../miniprogram/services/session';

const store: Record<string, unknown> = {};
beforeEach(() => {
  for (const k of Object.keys(store)) delete store[k];
  (wx as any).getStorageSync = (k: string) => (k in store ? store[k] : '');
  (wx as any).setStorageSync = (k: string, v: unknown) => {
    store[k] = v;
  };
  mockMe.mockReset();
  session.resetSessionForTests();
});

const profile = (roles: UserProfile['roles']): UserProfile => ({ openid: 'o1', roles, createdAt: 1 });

test('the profile is fetched once and reused; refresh asks again', async () => {
  mockMe.mockResolvedValue(profile([]));
  await session.profile();
  await session.profile();
  expect(mockMe).toHaveBeenCalledTimes(1);
  await session.profile(true);
  expect(mockMe).toHaveBeenCalledTimes(2);
});

test('switching roles: only held roles, remembered across launches', async () => {
  mockMe.mockResolvedValue(profile([{ role: 'volunteer', communityId: 'c1' }, { role: 'donor', communityId: 'c1' }]));
  await session.profile();
  expect(session.activeRole()).toBe('volunteer');
  expect(session.switchRole('donor')).toBe('donor');
  expect(store.activeRole).toBe('donor');
  expect(session.switchRole('staff')).toBe('donor'); // not held: unchanged
  session.resetSessionForTests();
  await session.profile();
  expect(session.activeRole()).toBe('donor');
});

test('communityFor: the community of that role', async () => {
  mockMe.mockResolvedValue(profile([{ role: 'donor', communityId: 'c2' }, { role: 'volunteer', communityId: 'c1' }]));
  await session.profile();
  expect(session.communityFor('volunteer')).toBe('c1');
  expect(session.communityFor('donor')).toBe('c2');
});

test('fundCommunity: the staffed community, else the first whose fund the person signs', async () => {
  mockMe.mockResolvedValue({ ...profile([]), fundSignerCommunities: ['c3', 'c4'] } as UserProfile);
  await session.profile(true);
  expect(session.fundCommunity()).toBe('c3');
  mockMe.mockResolvedValue({ ...profile([{ role: 'resident', communityId: 'c1' }, { role: 'staff', communityId: 'c2' }]), fundSignerCommunities: ['c3'] } as UserProfile);
  await session.profile(true);
  expect(session.fundCommunity()).toBe('c2');
  mockMe.mockResolvedValue(profile([{ role: 'resident', communityId: 'c1' }]));
  await session.profile(true);
  expect(session.fundCommunity()).toBe('c1');
});

test('elder mode: stored, and multiplies the WeChat font scale', () => {
  (wx as any).getAppBaseInfo = () => ({ fontSizeScaleFactor: 1.2 });
  try {
    expect(session.elderMode()).toBe(false);
    expect(session.currentFontScale()).toBe(1.2);
    session.setElderMode(true);
    expect(session.elderMode()).toBe(true);
    expect(session.currentFontScale()).toBe(1.5);
  } finally {
    delete (wx as any).getAppBaseInfo;
  }
});
