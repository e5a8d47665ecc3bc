import { AppError } from '../../../../miniprogram/services/errors';
import { childNode, childText, flush, load, payloadBytes, renderPage, text } from '../../helpers';
import { summary } from '../../fixtures/activity';

const mockList = jest.fn();
const mockCommunity = jest.fn<string | undefined, []>();
const mockNavigate = jest.fn();
jest.mock('../../../../miniprogram/services/activity', () => ({ listActivities: (i: unknown) => mockList(i) }));
jest.mock('../../../../miniprogram/services/session', () => ({
  ...jest.requireActual('../../../../miniprogram/services/session'),
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: () => mockCommunity(),
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  navigateTo: (url: string) => mockNavigate(url),
}));

const id = load('pages/volunteer/activities/index', 'activities-page');
const titles = (page: any) => page.querySelectorAll('.item-title').map((n: any) => n.dom.textContent);

beforeEach(() => {
  mockList.mockReset();
  mockNavigate.mockReset();
  mockCommunity.mockReturnValue('c1');
});

test('loading, then the first page of the community’s activities', async () => {
  let resolve!: (v: unknown) => void;
  mockList.mockReturnValue(new Promise((r) => (resolve = r)));
  const page = renderPage(id);
  await flush();
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  resolve({ items: [summary(1), summary(2, { signedUp: 10, waitlisted: 2 })], next: null });
  await flush();
  expect(mockList).toHaveBeenCalledWith({ communityId: 'c1', limit: 20 });
  expect(titles(page)).toEqual(['活动1', '活动2']);
  expect(page.querySelectorAll('.item-places').map((n: any) => n.dom.textContent)).toEqual(['还剩7个名额', '已满，2人候补']);
  expect(text(page, '.more-end')).toBe('没有更多了');
});

test('infinite scroll: the next cursor page is appended by path, never the whole list again', async () => {
  const first = Array.from({ length: 20 }, (_, i) => summary(i));
  const second = Array.from({ length: 20 }, (_, i) => summary(20 + i));
  mockList.mockResolvedValueOnce({ items: first, next: 'cursor1' }).mockResolvedValueOnce({ items: second, next: null });
  const page = renderPage(id);
  await flush();
  const setData = jest.spyOn(page.instance as any, 'setData');
  await (page.instance as any).onReachBottom();
  expect(mockList).toHaveBeenLastCalledWith({ communityId: 'c1', after: 'cursor1', limit: 20 });
  expect(titles(page)).toHaveLength(40);
  expect(titles(page)[39]).toBe('活动39');
  const appended = setData.mock.calls.map((c) => c[0] as Record<string, unknown>).find((d) => 'items[20]' in d)!;
  expect(Object.keys(appended)).not.toContain('items');
  expect(Object.keys(appended).filter((k) => k.startsWith('items['))).toHaveLength(20);
  // A third reach-bottom without a cursor asks for nothing.
  await (page.instance as any).onReachBottom();
  expect(mockList).toHaveBeenCalledTimes(2);
  expect(payloadBytes(appended)).toBeLessThan(64 * 1024);
});

test('a failed next page keeps the list and offers a retry', async () => {
  mockList.mockResolvedValueOnce({ items: [summary(1)], next: 'c' }).mockRejectedValueOnce(new AppError('internal', 'x', { reason: 'client.network' }, true)).mockResolvedValueOnce({ items: [summary(2)], next: null });
  const page = renderPage(id);
  await flush();
  await (page.instance as any).onReachBottom();
  expect(text(page, '.more-retry')).toBe('网络不太好，请检查网络后重试（点此重试）');
  page.querySelector('.more-retry')!.dispatchEvent('tap');
  await flush();
  await flush();
  expect(titles(page)).toEqual(['活动1', '活动2']);
});

test('filters hide rows without reloading: "还有名额" and a category', async () => {
  mockList.mockResolvedValue({ items: [summary(1), summary(2, { signedUp: 10 }), summary(3, { category: 'environment' })], next: null });
  const page = renderPage(id);
  await flush();
  const filters = page.querySelectorAll('.filter');
  filters[1].dispatchEvent('tap');
  await flush();
  expect(titles(page)).toEqual(['活动1', '活动3']);
  filters[3].dispatchEvent('tap');
  await flush();
  expect(titles(page)).toEqual(['活动3']);
  filters[0].dispatchEvent('tap');
  await flush();
  expect(titles(page)).toHaveLength(3);
  expect(mockList).toHaveBeenCalledTimes(1);
});

test('tapping an activity opens its detail', async () => {
  mockList.mockResolvedValue({ items: [summary(7)], next: null });
  const page = renderPage(id);
  await flush();
  page.querySelector('.item')!.dispatchEvent('tap');
  await flush();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/volunteer/activity/index?activityId=act-0007');
});

test('empty: no activities, and not a volunteer yet (with a way to register)', async () => {
  mockList.mockResolvedValue({ items: [], next: null });
  const page = renderPage(id);
  await flush();
  expect(text(page, '.empty-text')).toContain('社区暂时没有可报名的活动');

  mockCommunity.mockReturnValue(undefined);
  const page2 = renderPage(id);
  await flush();
  expect(text(page2, '.empty-text')).toContain('成为志愿者后');
  page2.querySelector('.register')!.dispatchEvent('tap');
  await flush();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/volunteer/register/index');
});

test('error with retry', async () => {
  mockList.mockRejectedValueOnce(new AppError('permission-denied', 'x')).mockResolvedValueOnce({ items: [summary(1)], next: null });
  const page = renderPage(id);
  await flush();
  expect(childText(page, '#state', '.error-message')).toBe('您没有权限进行此操作');
  childNode(page, '#state', '.retry')!.dispatchEvent('tap');
  await flush();
  await flush();
  expect(titles(page)).toEqual(['活动1']);
});
