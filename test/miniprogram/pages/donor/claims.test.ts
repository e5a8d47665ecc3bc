import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { NOW, view } from '../../fixtures/wish';

const mockMine = jest.fn();
const mockNavigate = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({ myWishes: (i: unknown) => mockMine(i) }));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  navigateTo: (u: string) => mockNavigate(u),
}));

const id = load('pages/donor/claims/index', 'claims-page');
async function settle() {
  for (let i = 0; i < 4; i++) await Promise.resolve();
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.useFakeTimers({ now: NOW });
});
afterEach(() => jest.useRealTimers());

test('my claims with the deadline counting down each minute; the thank-you once sent', async () => {
  mockMine.mockResolvedValue({
    items: [
      view({ status: 'claimed', claimedByYou: true, claimDueAt: NOW + 2 * 60_000 + 1 }),
      view({ id: 'w_00000000000000000002', item: '轮椅维修', status: 'thanked', thanksMessage: '谢谢您！' }),
    ],
    next: null,
  });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockMine).toHaveBeenCalledWith({ as: 'claimed', limit: 20 });
  expect(text(page, '.c-due')).toBe('送达期限：还剩3分钟');
  expect(text(page, '.c-thanks')).toBe('感谢留言：谢谢您！');
  jest.advanceTimersByTime(60_000);
  expect(text(page, '.c-due')).toBe('送达期限：还剩2分钟');
  jest.advanceTimersByTime(3 * 60_000);
  expect(text(page, '.c-due')).toBe('送达期限：已超时');
  page.querySelector('.claim')!.dispatchEvent('tap');
  await settle();
});

test('empty leads to browsing; error state', async () => {
  mockMine.mockResolvedValueOnce({ items: [], next: null }).mockRejectedValueOnce(new AppError('unauthenticated', 'x'));
  const page = renderPage(id);
  await settle();
  expect(text(page, '.empty-text')).toBe('您还没有认领心愿。');
  (page.instance as any).onBrowseTap();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/donor/wishes/index');
  const page2 = renderPage(id);
  await settle();
  expect(childText(page2, '#state', '.error-message')).toBe('登录已失效，请重新进入小程序');
});

test('leaving stops the clock', async () => {
  mockMine.mockResolvedValue({ items: [view({ status: 'claimed', claimedByYou: true, claimDueAt: NOW + 10 * 60_000 })], next: null });
  const page = renderPage(id);
  await settle();
  const setData = jest.spyOn(page.instance as any, 'setData');
  (page as any).triggerPageLifeTime('hide');
  jest.advanceTimersByTime(5 * 60_000);
  expect(setData).not.toHaveBeenCalled();
});
