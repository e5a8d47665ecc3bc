import { AppError } from '../../../../miniprogram/services/errors';
import { fund, fundEntry } from '../../fixtures/charity';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockGetFund = jest.fn();
const mockEntries = jest.fn();
jest.mock('../../../../miniprogram/services/charity', () => ({
  getFund: (id: string) => mockGetFund(id),
  listFundEntries: (i: unknown) => mockEntries(i),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  currentFontScale: () => 1,
}));

const id = load('pages/staff/fund-entries/index', 'fund-entries-page');
async function settle() {
  for (let i = 0; i < 6; i++) await flush();
}
const texts = (page: any, sel: string) => page.querySelectorAll(sel).map((n: any) => n.dom.textContent.trim());

beforeEach(() => jest.clearAllMocks());

test('loading, then the fund’s figures and its entries; the next page is appended by path, a failed one retried inline', async () => {
  mockGetFund.mockResolvedValue(fund());
  mockEntries
    .mockResolvedValueOnce({ items: [fundEntry({ id: 'fe_0', kind: 'income', status: 'recorded', purpose: '居民捐款', counterpart: '周某' }), fundEntry()], next: 'c1' })
    .mockRejectedValueOnce(new AppError('internal', 'x', { reason: 'client.network' }))
    .mockResolvedValueOnce({ items: [fundEntry({ id: 'fe_2', status: 'approved' })], next: null });
  const page = renderPage(id, { fundId: 'fd_1' });
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockGetFund).toHaveBeenCalledWith('fd_1');
  expect(mockEntries).toHaveBeenCalledWith({ fundId: 'fd_1', after: undefined, limit: 20 });
  expect(text(page, '.f-name')).toBe('幸福里公益基金');
  expect(text(page, '.f-totals')).toBe('累计收入 ¥8000.00，支出 ¥3000.00');
  expect(texts(page, '.e-title')).toEqual(['收入 ¥200.00 · 居民捐款', '支出 ¥200.00 · 独居老人助餐']);
  expect(texts(page, '.e-status')).toEqual(['已入账', '待审批']);
  await (page.instance as any).onReachBottom();
  await settle();
  expect(text(page, '.more-retry')).toBe('网络不太好，请检查网络后重试（点此重试）');
  const setData = jest.spyOn(page.instance as any, 'setData');
  page.querySelector('.more-retry')!.dispatchEvent('tap');
  await settle();
  expect(mockEntries).toHaveBeenLastCalledWith({ fundId: 'fd_1', after: 'c1', limit: 20 });
  expect(setData.mock.calls.some((c) => 'rows[2]' in (c[0] as object) && !('rows' in (c[0] as object)))).toBe(true);
  expect(texts(page, '.e-status')).toEqual(['已入账', '待审批', '已批准']);
});

test('empty; an error (not a signer nor staff) with retry', async () => {
  mockGetFund.mockResolvedValueOnce(fund());
  mockEntries.mockResolvedValueOnce({ items: [], next: null });
  const page = renderPage(id, { fundId: 'fd_1' });
  await settle();
  expect(childText(page, '#state', '.empty-text')).toBe('这个基金还没有收支记录');

  mockGetFund.mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'role.missing' })).mockResolvedValueOnce(fund());
  mockEntries.mockResolvedValueOnce({ items: [fundEntry()], next: null });
  const page2 = renderPage(id, { fundId: 'fd_1' });
  await settle();
  expect(childText(page2, '#state', '.error-message')).toBe('您还没有这个身份，请先联系社区工作人员开通');
  page2.querySelector('#state')!.querySelector('.retry')!.dispatchEvent('tap');
  await settle();
  expect(texts(page2, '.e-title')).toEqual(['支出 ¥200.00 · 独居老人助餐']);
});
