import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { card, NOW } from '../../fixtures/wish';

const mockDisclosure = jest.fn();
const mockLedger = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({ wishDisclosure: (i: unknown) => mockDisclosure(i) }));
jest.mock('../../../../miniprogram/services/charity', () => ({ publicLedger: (i: unknown) => mockLedger(i) }));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  homeCommunity: () => 'c1',
  currentFontScale: () => 1,
}));

const id = load('pages/resident/community/index', 'community-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
const figures = { posted: 12, verified: 10, claimed: 8, fulfilled: 6, expired: 0, averageDaysToFulfil: 4.25 };

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

test('this month’s figures, fulfilled wishes and the public ledger', async () => {
  mockDisclosure.mockResolvedValue({ communityId: 'c1', month: '2026-12', figures, fulfilled: [{ ...card(1, { item: '轮椅维修' }), fulfilledAt: NOW }] });
  mockLedger.mockResolvedValue({
    communityId: 'c1',
    month: '2026-12',
    received: [{ id: 'l1', direction: 'received', label: '周某', item: '大米', quantity: 20, unit: '袋', amountFen: null }],
    given: [],
    receivedFen: 0,
    givenFen: 0,
  });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockDisclosure).toHaveBeenCalledWith({ communityId: 'c1', month: '2026-12' });
  expect(text(page, '.month')).toBe('2026年12月');
  expect(page.querySelectorAll('.f-value').map((n: any) => n.dom.textContent)).toEqual(['12个', '8个', '6个', '4.3天']);
  expect(text(page, '.fulfilled')).toBe('轮椅维修（王某，6–13岁，儿童）');
  expect(text(page, '.received')).toBe('收到 · 周某：大米 20袋');
});

test('previous month; an empty month says so; a failing ledger does not hide the wishes', async () => {
  mockDisclosure.mockResolvedValue({ communityId: 'c1', month: '2026-11', figures: { ...figures, averageDaysToFulfil: null }, fulfilled: [] });
  mockLedger.mockRejectedValue(new AppError('internal', 'x'));
  const page = renderPage(id);
  await settle();
  page.querySelector('.prev')!.dispatchEvent('tap');
  await settle();
  expect(mockDisclosure).toHaveBeenLastCalledWith({ communityId: 'c1', month: '2026-11' });
  expect(text(page, '.none-fulfilled')).toBe('这个月还没有圆梦的心愿。');
  expect(text(page, '.ledger-error')).toBe('系统开小差了，请稍后再试');
});

test('error state', async () => {
  mockDisclosure.mockRejectedValue(new AppError('not-found', 'x', { reason: 'community.not_found' }));
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('没有找到相关内容，可能已被删除');
});
