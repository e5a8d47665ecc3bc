import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockList = jest.fn();
const mockRecord = jest.fn();
jest.mock('../../../../miniprogram/services/charity', () => ({
  listStock: (i: unknown) => mockList(i),
  recordStockMovement: (i: unknown) => mockRecord(i),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));
const mockNavigate = jest.fn();
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), toast: jest.fn(), navigateTo: (u: string) => mockNavigate(u) }));

const id = load('pages/staff/stock/index', 'stock-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
function type(page: any, sel: string, value: string) {
  page.querySelector(sel)!.dispatchEvent('input', { detail: { value } });
}
const item = (over: Record<string, unknown> = {}) => ({ id: 'st_rice', communityId: 'c1', item: '大米', unit: '袋', balance: 12, receivedTotal: 30, givenTotal: 18, updatedAt: 1, ...over });
const movement = { id: 'm1', itemId: 'st_rice', item: '大米', unit: '袋', direction: 'out', quantity: 2, balanceAfter: 10, counterpart: '李大爷', note: null, allocationId: null, at: 1, by: 'o' };

beforeEach(() => jest.clearAllMocks());

test('loading, then the shelf; out of stock is marked', async () => {
  mockList.mockResolvedValue({ items: [item(), item({ id: 'st_oil', item: '食用油', unit: '桶', balance: 0 })], next: null });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockList).toHaveBeenCalledWith({ communityId: 'c1', limit: 50 });
  expect(page.querySelectorAll('.s-balance').map((n: any) => n.dom.textContent)).toEqual(['12袋', '0桶']);
  expect(page.querySelectorAll('.low')).toHaveLength(1);
});

test('goods out: tap the item to fill the form, give it to a resident; the row changes in place', async () => {
  mockList.mockResolvedValue({ items: [item()], next: null });
  mockRecord.mockResolvedValue({ item: item({ balance: 10, givenTotal: 20 }), movement });
  const page = renderPage(id);
  await settle();
  page.querySelector('.stock-row')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.e-quantity')).toBe('请填写数量（整数）');
  expect(text(page, '.e-counterpart')).toBe('请填写领取人');
  type(page, '.f-quantity', '2');
  type(page, '.f-counterpart', '李大爷');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockRecord).toHaveBeenCalledWith({ communityId: 'c1', item: '大米', unit: '袋', direction: 'out', quantity: 2, counterpart: '李大爷', showName: false });
  expect(text(page, '.s-balance')).toBe('10袋');
  expect(page.querySelector('.form')).toBeUndefined();
});

test('goods in of a new item appends it; an over-draw is refused with its message', async () => {
  mockList.mockResolvedValue({ items: [], next: null });
  mockRecord
    .mockResolvedValueOnce({ item: item({ id: 'st_quilt', item: '棉被', unit: '床', balance: 5 }), movement })
    .mockRejectedValueOnce(new AppError('failed-precondition', 'x', { reason: 'charity_stock.insufficient' }));
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.empty-text')).toBe('服务站还没有库存记录');
  page.querySelector('.dir-in')!.dispatchEvent('tap');
  await settle();
  type(page, '.f-item', '棉被');
  type(page, '.f-unit', '床');
  type(page, '.f-quantity', '5');
  type(page, '.f-counterpart', '周先生');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockRecord.mock.calls[0][0]).toMatchObject({ direction: 'in', item: '棉被', counterpart: '周先生' });
  expect(text(page, '.s-item')).toBe('棉被');
  page.querySelector('.dir-out')!.dispatchEvent('tap');
  await settle();
  type(page, '.f-quantity', '50');
  type(page, '.f-counterpart', '李大爷');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.submit-error')).toBe('库存不够，请核对数量');
});

test('error state', async () => {
  mockList.mockRejectedValue(new AppError('permission-denied', 'x'));
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('您没有权限进行此操作');
});

test('corrections open on their own page, with the item last tapped', async () => {
  mockList.mockResolvedValue({ items: [item()], next: null });
  const page = renderPage(id);
  await settle();
  expect(text(page, '.corrections')).toBe('库存更正');
  page.querySelector('.corrections')!.dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenLastCalledWith('/pages/staff/stock-corrections/index');
  page.querySelector('.stock-row')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.corrections')).toBe('更正“大米”');
  page.querySelector('.corrections')!.dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenLastCalledWith(`/pages/staff/stock-corrections/index?item=${encodeURIComponent('大米')}&unit=${encodeURIComponent('袋')}`);
});

test('the history opens for the item last tapped; typing another item opens the whole history', async () => {
  mockList.mockResolvedValue({ items: [item()], next: null });
  const page = renderPage(id);
  await settle();
  expect(text(page, '.history')).toBe('出入库记录');
  page.querySelector('.stock-row')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.history')).toBe('“大米”的出入库记录');
  page.querySelector('.history')!.dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenLastCalledWith(`/pages/staff/stock-history/index?itemId=st_rice&item=${encodeURIComponent('大米')}`);
  type(page, '.f-item', '面粉');
  await settle();
  page.querySelector('.history')!.dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenLastCalledWith('/pages/staff/stock-history/index');
});
