import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { NOW } from '../../fixtures/wish';

const mockMovements = jest.fn();
jest.mock('../../../../miniprogram/services/charity', () => ({ listStockMovements: (i: unknown) => mockMovements(i) }));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [{ role: 'staff', communityId: 'c1' }], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));

const id = load('pages/staff/stock-history/index', 'stock-history-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
const texts = (page: any, sel: string) => page.querySelectorAll(sel).map((n: any) => n.dom.textContent.trim());
const movement = (over: Record<string, unknown> = {}) => ({
  id: 'm1',
  itemId: 'st_rice',
  item: '大米',
  unit: '袋',
  direction: 'in',
  quantity: 20,
  balanceAfter: 32,
  counterpart: '周某',
  note: null,
  allocationId: null,
  at: NOW,
  by: 'staff-a',
  ...over,
});

beforeEach(() => jest.clearAllMocks());

test('loading, then goods in, out and corrections with the balance after each; the recorder’s openid is never shown', async () => {
  mockMovements.mockResolvedValueOnce({
    items: [
      movement(),
      movement({ id: 'm2', direction: 'out', quantity: 2, balanceAfter: 30, counterpart: '李大爷', allocationId: 'al_1' }),
      movement({ id: 'm3', direction: 'correction', quantity: -1, balanceAfter: 29, counterpart: null, note: '物品损坏或过期，已处理' }),
    ],
    next: null,
  });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockMovements).toHaveBeenCalledWith({ communityId: 'c1', itemId: undefined, after: undefined, limit: 20 });
  expect(texts(page, '.m-title')).toEqual(['入库 大米 +20袋', '出库 大米 −2袋', '更正 大米 −1袋']);
  expect(page.querySelectorAll('.gain')).toHaveLength(1);
  expect(texts(page, '.m-line')).toEqual([
    '12月2日（周三）12:00',
    '捐赠人：周某',
    '之后结存 32袋',
    '12月2日（周三）12:00',
    '领取人：李大爷（按捐赠分配发放）',
    '之后结存 30袋',
    '12月2日（周三）12:00',
    '之后结存 29袋',
    '说明：物品损坏或过期，已处理',
  ]);
  expect((page.dom as HTMLElement).textContent).not.toContain('staff-a');
  expect(page.querySelectorAll('.scope')).toHaveLength(0);
});

test('opened for one item: only its history, and a button to see every item', async () => {
  mockMovements.mockResolvedValue({ items: [movement()], next: null });
  const page = renderPage(id, { itemId: 'st_rice', item: encodeURIComponent('大米') });
  await settle();
  expect(mockMovements).toHaveBeenCalledWith({ communityId: 'c1', itemId: 'st_rice', after: undefined, limit: 20 });
  expect(text(page, '.s-item')).toBe('“大米”的出入库记录');
  page.querySelector('.all')!.dispatchEvent('tap');
  await settle();
  expect(mockMovements).toHaveBeenLastCalledWith({ communityId: 'c1', itemId: undefined, after: undefined, limit: 20 });
  expect(page.querySelectorAll('.scope')).toHaveLength(0);
});

test('more pages are appended by path; a failed one is retried inline', async () => {
  mockMovements.mockResolvedValueOnce({ items: [movement()], next: 'cur1' });
  const page = renderPage(id);
  await settle();
  const setData = jest.spyOn(page.instance, 'setData');
  mockMovements.mockRejectedValueOnce(new AppError('internal', 'x'));
  page.instance.onReachBottom();
  await settle();
  expect(text(page, '.more-retry')).toMatch(/（点此重试）$/);
  mockMovements.mockResolvedValueOnce({ items: [movement({ id: 'm2', direction: 'out', quantity: 1, counterpart: '王奶奶' })], next: null });
  page.querySelector('.more-retry')!.dispatchEvent('tap');
  await settle();
  expect(mockMovements).toHaveBeenLastCalledWith({ communityId: 'c1', itemId: undefined, after: 'cur1', limit: 20 });
  expect(texts(page, '.m-title')).toEqual(['入库 大米 +20袋', '出库 大米 −1袋']);
  expect(setData.mock.calls.some((c: unknown[]) => 'rows[1]' in (c[0] as object) && !('rows' in (c[0] as object)))).toBe(true);
  expect(page.querySelectorAll('.more-retry')).toHaveLength(0);
});

test('empty; an error (not staff) with retry', async () => {
  mockMovements.mockResolvedValueOnce({ items: [], next: null });
  const empty = renderPage(id);
  await settle();
  expect(childText(empty, '#state', '.empty-text')).toBe('还没有出入库记录');

  mockMovements.mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'role.missing' }));
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('您还没有这个身份，请先联系社区工作人员开通');
  mockMovements.mockResolvedValueOnce({ items: [movement()], next: null });
  page.querySelector('#state')!.dispatchEvent('retry');
  await settle();
  expect(texts(page, '.m-title')).toEqual(['入库 大米 +20袋']);
});
