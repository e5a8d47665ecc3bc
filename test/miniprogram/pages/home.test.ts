import { AppError } from '../../../miniprogram/services/errors';
import type { UserProfile } from '../../../miniprogram/services/types';
import { deferred, flush, load, renderPage, text } from '../helpers';

// The services layer is the boundary. The factory forwards to mockMe because jest.isolateModules
// (inside load) re-runs factories: every copy must reach the same jest.fn.
const mockMe = jest.fn<Promise<UserProfile>, []>();
jest.mock('../../../miniprogram/services/user', () => ({
  me: (...args: []) => mockMe(...args),
  setRole: jest.fn(),
}));

const mockDisclosure = jest.fn();
jest.mock('../../../miniprogram/services/wish', () => ({ wishDisclosure: (i: unknown) => mockDisclosure(i) }));

const id = load('pages/home/index', 'home-page');

const profile = (roles: UserProfile['roles']): UserProfile => ({ openid: 'o1', roles, createdAt: 1 });

beforeEach(() => {
  mockMe.mockReset();
  mockDisclosure.mockReset();
  mockDisclosure.mockRejectedValue(new Error('not needed in this test'));
});

test('shows a loading state until the profile arrives', async () => {
  const d = deferred<UserProfile>();
  mockMe.mockReturnValue(d.promise);
  const page = renderPage(id);

  expect(text(page, '.loading')).toBe('正在加载，请稍候…');
  expect(page.querySelector('.retry')).toBeUndefined();
  expect(page.querySelector('.greeting')).toBeUndefined();

  d.resolve(profile([]));
  await flush();
  expect(page.querySelector('.loading')).toBeUndefined();
  expect(text(page, '.greeting')).toBe('您好，居民朋友');
});

test('shows the profile with one chip per role, most responsible first, and no empty state', async () => {
  mockMe.mockResolvedValue(
    profile([
      { role: 'resident', communityId: 'c1' },
      { role: 'volunteer', communityId: 'c1' },
    ]),
  );
  const page = renderPage(id);
  await flush();

  expect(mockMe).toHaveBeenCalledTimes(1);
  expect(page.querySelectorAll('.chip').map((n) => (n.dom as HTMLElement).textContent)).toEqual(['志愿者', '居民']);
  expect(page.querySelector('.empty')).toBeUndefined();
});

test('a resident-only user sees the empty state that explains how to take part', async () => {
  mockMe.mockResolvedValue(profile([{ role: 'resident', communityId: 'c1' }]));
  const page = renderPage(id);
  await flush();

  expect(page.querySelectorAll('.chip')).toHaveLength(1);
  expect(text(page, '.empty-text')).toContain('联系社区工作人员');
});

test('an error shows the kind message and a big retry button; retry then succeeds', async () => {
  mockMe.mockRejectedValueOnce(new AppError('permission-denied', 'raw: not allowed')).mockResolvedValueOnce(profile([{ role: 'donor', communityId: 'c1' }]));
  const page = renderPage(id);
  await flush();

  expect(text(page, '.error-message')).toBe('您没有权限进行此操作');
  expect(page.querySelector('.chip')).toBeUndefined();
  const retry = page.querySelector('.retry');
  expect(retry).toBeDefined();
  expect((retry!.dom as HTMLElement).textContent).toBe('重新加载');

  retry!.dispatchEvent('tap');
  await flush(); // tap runs in a microtask
  await flush(); // then me() settles

  expect(mockMe).toHaveBeenCalledTimes(2);
  expect(page.querySelector('.error-message')).toBeUndefined();
  expect(page.querySelectorAll('.chip').map((n) => (n.dom as HTMLElement).textContent)).toEqual(['爱心人士']);
});

test('a network failure says so instead of blaming the system', async () => {
  mockMe.mockRejectedValue(new AppError('internal', 'request:fail', { reason: 'client.network' }, true));
  const page = renderPage(id);
  await flush();
  expect(text(page, '.error-message')).toBe('网络不太好，请检查网络后重试');
});

test('the page root carries the font scale from the WeChat setting (elder mode)', async () => {
  mockMe.mockResolvedValue(profile([]));
  (wx as any).getAppBaseInfo = () => ({ fontSizeScaleFactor: 1.3 });
  try {
    const page = renderPage(id);
    await flush();
    expect(page.data.rootStyle).toBe('--font-scale: 1.3;');
    expect((page.querySelector('.container')!.dom as HTMLElement).getAttribute('style')).toContain('--font-scale: 1.3');
  } finally {
    delete (wx as any).getAppBaseInfo;
  }
});

test('with more than one role: shows the active role and a switch that opens the "me" tab', async () => {
  mockMe.mockResolvedValue(profile([{ role: 'donor', communityId: 'c1' }]));
  const switchTab = jest.spyOn(wx, 'switchTab').mockImplementation((() => Promise.resolve()) as any);
  const page = renderPage(id);
  await flush();
  expect(text(page, '.active-role-label')).toBe('爱心人士');
  page.querySelector('.switch-role')!.dispatchEvent('tap');
  await flush();
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
  switchTab.mockRestore();
});

test('a resident-only user has no role switch', async () => {
  mockMe.mockResolvedValue(profile([]));
  const page = renderPage(id);
  await flush();
  expect(page.querySelector('.switch-role')).toBeUndefined();
});

test('the active role’s quick actions open their pages', async () => {
  mockMe.mockResolvedValue(profile([{ role: 'volunteer', communityId: 'c1' }]));
  const navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation((() => Promise.resolve()) as any);
  const page = renderPage(id);
  await flush();
  const actions = page.querySelectorAll('.action');
  expect(actions.map((n) => (n.dom as HTMLElement).textContent)).toEqual(['扫码签到 / 签退', '志愿活动', '我的志愿者证', '服务记录', '志愿服务证明', '心愿送达任务']);
  actions[0].dispatchEvent('tap');
  await flush();
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/volunteer/checkin/index' });
  navigateTo.mockRestore();
});

test('only a fund signer gets the fund approvals button, whatever role they act in', async () => {
  const labels = (page: any) => page.querySelectorAll('.action').map((n: any) => (n.dom as HTMLElement).textContent);
  mockMe.mockResolvedValue(profile([{ role: 'resident', communityId: 'c1' }]));
  const plain = renderPage(id);
  await flush();
  expect(labels(plain)).toContain('发布微心愿');
  expect(labels(plain)).not.toContain('小区公益基金（签字人审批）');

  mockMe.mockResolvedValue({ ...profile([{ role: 'volunteer', communityId: 'c1' }]), fundSignerCommunities: ['c1'] } as UserProfile);
  const navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation((() => Promise.resolve()) as any);
  const signer = renderPage(id);
  await flush();
  const actions = signer.querySelectorAll('.action');
  expect(labels(signer)[0]).toBe('扫码签到 / 签退');
  expect(labels(signer).filter((l: string) => l.includes('公益基金'))).toEqual(['小区公益基金（签字人审批）']);
  actions[actions.length - 1].dispatchEvent('tap');
  await flush();
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/fund/index' });
  navigateTo.mockRestore();
});

test('a resident sees this month in the community; a failure just hides it', async () => {
  mockMe.mockResolvedValue(profile([{ role: 'resident', communityId: 'c1' }]));
  mockDisclosure.mockResolvedValueOnce({ communityId: 'c1', month: '2026-12', figures: { posted: 5, verified: 4, claimed: 3, fulfilled: 2, expired: 0, averageDaysToFulfil: 6 }, fulfilled: [] });
  const navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation((() => Promise.resolve()) as any);
  const page = renderPage(id);
  await flush();
  await flush();
  expect(mockDisclosure).toHaveBeenCalledWith({ communityId: 'c1', month: expect.stringMatching(/^\d{4}-\d{2}$/) });
  expect(text(page, '.month-summary')).toBe('本月社区：新心愿5个，已被认领3个，已圆梦2个');
  page.querySelector('.month')!.dispatchEvent('tap');
  await flush();
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/resident/community/index' });
  navigateTo.mockRestore();

  const page2 = renderPage(id);
  await flush();
  await flush();
  expect(page2.querySelector('.month')).toBeUndefined();
});
