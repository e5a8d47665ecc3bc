import { AppError } from '../../../../miniprogram/services/errors';
import { childNode, childText, flush, load, renderPage, text } from '../../helpers';
import { NOW, view } from '../../fixtures/wish';

const mockQueue = jest.fn();
const mockRepublish = jest.fn();
const mockClose = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({
  wishQueue: (i: unknown) => mockQueue(i),
  republishWish: (i: unknown) => mockRepublish(i),
  closeWish: (i: unknown) => mockClose(i),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));

const id = load('pages/staff/wish-manage/index', 'wish-manage-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
const expired = (over = {}) => view({ status: 'expired', youAre: ['staff'], events: ['republish', 'close'], version: 6, ...over });

beforeEach(() => {
  for (const m of [mockQueue, mockRepublish, mockClose]) m.mockReset();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

test('expired wishes: put back up with a new wanted-by day', async () => {
  mockQueue.mockResolvedValue({ items: [expired()], next: null });
  mockRepublish.mockResolvedValue(view({ status: 'published', youAre: ['staff'], events: ['close'], wantedOn: '2026-12-16' }));
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockQueue).toHaveBeenCalledWith({ communityId: 'c1', status: 'expired', after: undefined, limit: 20 });
  page.querySelector('.republish-open')!.dispatchEvent('tap');
  await settle();
  page.querySelectorAll('.within')[1].dispatchEvent('tap'); // two weeks
  await settle();
  page.querySelector('.republish')!.dispatchEvent('tap');
  await settle();
  expect(mockRepublish).toHaveBeenCalledWith({ wishId: expired().id, version: 6, wantedOn: '2026-12-16' });
  expect(text(page, '.m-done')).toBe('已重新发布，等待认领');
  expect(page.querySelector('.republish-open')).toBeUndefined();
  expect(page.querySelector('.close-open')).toBeDefined();
});

test('close with a chosen reason; a refusal stays on the row', async () => {
  mockQueue.mockResolvedValue({ items: [expired()], next: null });
  mockClose
    .mockRejectedValueOnce(new AppError('failed-precondition', 'x', { reason: 'wish.cannot_close' }))
    .mockResolvedValueOnce(view({ status: 'closed', youAre: ['staff'], events: [] }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.close-open')!.dispatchEvent('tap');
  await settle();
  page.querySelectorAll('.reason')[1].dispatchEvent('tap');
  await settle();
  expect(text(page, '.m-error')).toBe('当前状态下无法进行此操作，请刷新后再试');
  page.querySelectorAll('.reason')[1].dispatchEvent('tap');
  await settle();
  expect(mockClose).toHaveBeenLastCalledWith({ wishId: expired().id, version: 6, reason: '已通过其他途径解决' });
  expect(text(page, '.m-done')).toBe('已关闭：已通过其他途径解决');
  expect(page.querySelector('.close-open')).toBeUndefined();
});

test('the published tab lists those waiting for a donor; empty, paging and error states', async () => {
  mockQueue.mockResolvedValueOnce({ items: [], next: null }).mockResolvedValueOnce({ items: [expired({ status: 'published', events: ['close'] })], next: 'n1' });
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.empty-text')).toBe('没有过期的心愿');
  page.querySelectorAll('.tab')[1].dispatchEvent('tap');
  await settle();
  expect(mockQueue).toHaveBeenLastCalledWith({ communityId: 'c1', status: 'published', after: undefined, limit: 20 });
  expect(page.querySelector('.republish-open')).toBeUndefined();
  mockQueue.mockResolvedValueOnce({ items: [expired({ id: 'w_00000000000000000002', status: 'published', events: ['close'] })], next: null });
  const setData = jest.spyOn(page.instance as any, 'setData');
  await (page.instance as any).onReachBottom();
  expect(mockQueue).toHaveBeenLastCalledWith({ communityId: 'c1', status: 'published', after: 'n1', limit: 20 });
  expect(setData.mock.calls.some((c) => 'rows[1]' in (c[0] as object) && !('rows' in (c[0] as object)))).toBe(true);

  mockQueue.mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'wish.staff_only' })).mockResolvedValueOnce({ items: [expired()], next: null });
  const failed = renderPage(id);
  await settle();
  expect(childText(failed, '#state', '.error-message')).toBe('只有社区工作人员可以操作');
  childNode(failed, '#state', '.retry')!.dispatchEvent('tap');
  await settle();
  expect(failed.querySelectorAll('.wish')).toHaveLength(1);
});
