import { AppError } from '../../../miniprogram/services/errors';
import type { UserProfile } from '../../../miniprogram/services/types';
import { childNode, childText, flush, load, renderPage, text } from '../helpers';

const mockMe = jest.fn<Promise<UserProfile>, []>();
jest.mock('../../../miniprogram/services/user', () => ({ me: () => mockMe() }));

const id = load('pages/me/index', 'me-page');
const store: Record<string, unknown> = {};
const labels = (page: any) => page.querySelectorAll('.role').map((n: any) => (n.dom as HTMLElement).textContent);

beforeEach(() => {
  for (const k of Object.keys(store)) delete store[k];
  (wx as any).getStorageSync = (k: string) => (k in store ? store[k] : '');
  (wx as any).setStorageSync = (k: string, v: unknown) => {
    store[k] = v;
  };
  (wx as any).showToast = jest.fn();
  mockMe.mockReset();
});

test('loading, then one button per role with the active one marked; a tap switches and remembers', async () => {
  let resolve!: (p: UserProfile) => void;
  mockMe.mockReturnValue(new Promise((r) => (resolve = r)));
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');

  resolve({ openid: 'o', createdAt: 1, roles: [{ role: 'volunteer', communityId: 'c1' }, { role: 'donor', communityId: 'c1' }] });
  await flush();
  expect(labels(page)).toEqual(['志愿者（当前）', '爱心人士', '居民']);

  page.querySelectorAll('.role')[1].dispatchEvent('tap');
  await flush();
  expect(labels(page)).toEqual(['志愿者', '爱心人士（当前）', '居民']);
  expect(store.activeRole).toBe('donor');
  expect((wx as any).showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已切换为爱心人士' }));
});

test('error state with retry', async () => {
  mockMe.mockRejectedValueOnce(new AppError('unauthenticated', 'x')).mockResolvedValueOnce({ openid: 'o', createdAt: 1, roles: [] });
  const page = renderPage(id);
  await flush();
  expect(childText(page, '#state', '.error-message')).toBe('登录已失效，请重新进入小程序');
  childNode(page, '#state', '.retry')!.dispatchEvent('tap');
  await flush();
  await flush();
  expect(labels(page)).toEqual(['居民（当前）']);
});

test('elder switch: stored, and the page root scale grows at once (1 → 1.25)', async () => {
  mockMe.mockResolvedValue({ openid: 'o', createdAt: 1, roles: [] });
  const page = renderPage(id);
  await flush();
  expect(page.data.rootStyle).toBe('--font-scale: 1;');
  expect(text(page, '.elder')).toBe('大字模式：未开启（点此开启）');
  page.querySelector('.elder')!.dispatchEvent('tap');
  await flush();
  expect(store.elderMode).toBe(true);
  expect(page.data.rootStyle).toBe('--font-scale: 1.25;');
  expect(text(page, '.elder')).toBe('大字模式：已开启（点此关闭）');
});
