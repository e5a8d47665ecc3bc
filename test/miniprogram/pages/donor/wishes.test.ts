import { AppError } from '../../../../miniprogram/services/errors';
import { childNode, childText, flush, load, renderPage, text } from '../../helpers';
import { card } from '../../fixtures/wish';

const mockBrowse = jest.fn();
const mockRecommend = jest.fn();
const mockNavigate = jest.fn();
const mockLocate = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({
  browseWishes: (i: unknown) => mockBrowse(i),
  recommendWishes: (i: unknown) => mockRecommend(i),
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  navigateTo: (u: string) => mockNavigate(u),
  getLocation: () => mockLocate(),
}));

const id = load('pages/donor/wishes/index', 'wishes-page');
const items = (page: any) => page.querySelectorAll('.w-item').map((n: any) => n.dom.textContent);
async function settle() {
  for (let i = 0; i < 4; i++) await flush();
}

beforeEach(() => {
  jest.clearAllMocks();
  mockLocate.mockRejectedValue(Object.assign(new Error('getLocation:fail auth deny'), { errMsg: 'getLocation:fail auth deny' }));
});

test('loading, then masked cards: item, who (masked), value, wanted-by; no address anywhere', async () => {
  let resolve!: (v: unknown) => void;
  mockBrowse.mockReturnValue(new Promise((r) => (resolve = r)));
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  resolve({ items: [card(1, { urgent: true }), card(2)], next: null });
  await settle();
  expect(mockBrowse).toHaveBeenCalledWith({ sort: 'newest', limit: 20 });
  expect(items(page)).toEqual(['书包1', '书包2']);
  expect(text(page, '.w-who')).toBe('王某，6–13岁，儿童 · 幸福里社区');
  expect(text(page, '.w-value')).toBe('¥120.00');
  expect(page.querySelectorAll('.urgent-badge')).toHaveLength(1);
});

test('filters and sort go to the server; infinite scroll appends by path', async () => {
  mockBrowse.mockResolvedValue({ items: [card(1)], next: 'n1' });
  const page = renderPage(id);
  await settle();
  page.querySelectorAll('.category')[2].dispatchEvent('tap'); // 生活用品
  await settle();
  expect(mockBrowse).toHaveBeenLastCalledWith({ sort: 'newest', limit: 20, category: 'daily-living' });
  page.querySelector('.urgent')!.dispatchEvent('tap');
  await settle();
  page.querySelectorAll('.sort')[1].dispatchEvent('tap');
  await settle();
  expect(mockBrowse).toHaveBeenLastCalledWith({ sort: 'wanted-by', limit: 20, category: 'daily-living', urgent: true });

  mockBrowse.mockResolvedValueOnce({ items: Array.from({ length: 20 }, (_, i) => card(100 + i)), next: null });
  const setData = jest.spyOn(page.instance as any, 'setData');
  await (page.instance as any).onReachBottom();
  expect(mockBrowse).toHaveBeenLastCalledWith({ sort: 'wanted-by', limit: 20, category: 'daily-living', urgent: true, after: 'n1' });
  const appended = setData.mock.calls.map((c) => c[0] as object).find((d) => 'rows[1]' in d)!;
  expect(Object.keys(appended)).not.toContain('rows');
  expect(items(page)).toHaveLength(21);
  expect(text(page, '.more-end')).toBe('没有更多了');
});

test('the recommended tab says why each wish is suggested', async () => {
  mockBrowse.mockResolvedValue({ items: [], next: null });
  mockRecommend.mockResolvedValue({
    items: [{ card: card(7), score: 80, parts: { category: 30, budget: 25, urgency: 4, waiting: 15, spread: 5, distance: 7.5 } }],
    considered: 12,
  });
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.empty-text')).toBe('暂时没有符合条件的心愿');
  page.querySelector('.tab-recommended')!.dispatchEvent('tap');
  await settle();
  expect(mockRecommend).toHaveBeenCalledWith({ categories: [], limit: 10 });
  expect(text(page, '.why')).toBe('推荐理由：符合您关注的类别、在您的预算以内、已经等待较久');
  expect(page.querySelector('.more')).toBeUndefined();
});

const PARTS = { category: 15, budget: 12.5, urgency: 4, waiting: 15, spread: 10, distance: 13 };

test('recommended with the donor\'s position: asked from the tap, sent rounded to about a kilometre, the distance said with the reasons', async () => {
  mockBrowse.mockResolvedValue({ items: [], next: null });
  mockLocate.mockResolvedValue({ lat: 31.234567, lng: 121.476543, accuracy: 30 });
  mockRecommend.mockResolvedValue({ items: [{ card: card(7), score: 70, parts: PARTS }, { card: card(8), score: 50, parts: { ...PARTS, distance: 0 } }], considered: 2 });
  const page = renderPage(id);
  await settle();
  page.querySelector('.tab-recommended')!.dispatchEvent('tap');
  await settle();
  expect(mockLocate).toHaveBeenCalledTimes(1);
  expect(mockRecommend).toHaveBeenCalledWith({ categories: [], limit: 10, location: { lat: 31.23, lng: 121.48 } });
  expect(page.querySelectorAll('.why').map((n: any) => n.dom.textContent)).toEqual([
    '推荐理由：已经等待较久、来自还较少被帮助的社区；离您较近',
    '推荐理由：已经等待较久、来自还较少被帮助的社区；离您较远',
  ]);
  expect(text(page, '.location-note')).toBe('已按您的大致位置推荐附近的心愿');
  expect(page.querySelector('.locate')).toBeUndefined();
  // Back and forth between the tabs: the position is not asked again on this visit.
  page.querySelectorAll('.tab')[0].dispatchEvent('tap');
  await settle();
  page.querySelector('.tab-recommended')!.dispatchEvent('tap');
  await settle();
  expect(mockLocate).toHaveBeenCalledTimes(1);
});

test('position refused: recommended without it (neutral distance), says so, and offers to try again from a tap', async () => {
  mockBrowse.mockResolvedValue({ items: [], next: null });
  mockRecommend.mockResolvedValue({ items: [{ card: card(7), score: 60, parts: { ...PARTS, distance: 7.5 } }], considered: 1 });
  const page = renderPage(id);
  await settle();
  page.querySelector('.tab-recommended')!.dispatchEvent('tap');
  await settle();
  expect(mockRecommend).toHaveBeenLastCalledWith({ categories: [], limit: 10 });
  expect(text(page, '.why')).toBe('推荐理由：已经等待较久、来自还较少被帮助的社区');
  expect(text(page, '.location-note')).toBe('未获得位置权限，距离按中等计算（可点“使用我的位置”重试）');
  mockLocate.mockResolvedValueOnce({ lat: 30, lng: 120, accuracy: 50 });
  page.querySelector('.locate')!.dispatchEvent('tap');
  await settle();
  expect(mockRecommend).toHaveBeenLastCalledWith({ categories: [], limit: 10, location: { lat: 30, lng: 120 } });
  expect(page.querySelector('.locate')).toBeUndefined();
});

test('tapping a card opens the wish; errors show with retry', async () => {
  mockBrowse.mockRejectedValueOnce(new AppError('internal', 'x', { reason: 'client.network' }, true)).mockResolvedValueOnce({ items: [card(3)], next: null });
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('网络不太好，请检查网络后重试');
  childNode(page, '#state', '.retry')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.wish')!.dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenCalledWith(`/pages/donor/wish/index?wishId=${card(3).id}`);
});
