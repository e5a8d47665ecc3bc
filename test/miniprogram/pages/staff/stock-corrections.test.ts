import { AppError } from '../../../../miniprogram/services/errors';
import { correction } from '../../fixtures/charity';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockList = jest.fn();
const mockRequest = jest.fn();
const mockApprove = jest.fn();
const mockReject = jest.fn();
jest.mock('../../../../miniprogram/services/charity', () => ({
  listStockCorrections: (i: unknown) => mockList(i),
  requestStockCorrection: (i: unknown, o: unknown) => mockRequest(i, o),
  approveStockCorrection: (id: string, v: number) => mockApprove(id, v),
  rejectStockCorrection: (id: string, v: number) => mockReject(id, v),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'me', roles: [], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), toast: jest.fn() }));

const id = load('pages/staff/stock-corrections/index', 'stock-corrections-page');
async function settle() {
  for (let i = 0; i < 6; i++) await flush();
}
function type(page: any, sel: string, value: string) {
  page.querySelector(sel)!.dispatchEvent('input', { detail: { value } });
}
function tap(page: any, sel: string, i = 0) {
  page.querySelectorAll(sel)[i].dispatchEvent('tap');
}
const texts = (page: any, sel: string) => page.querySelectorAll(sel).map((n: any) => n.dom.textContent.trim());

beforeEach(() => jest.clearAllMocks());

test('loading, then the pending corrections; mine says a second person must decide and has no buttons', async () => {
  mockList.mockResolvedValue({ items: [correction(), correction({ id: 'sc_2', delta: 3, requestedBy: 'me' })], next: null });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockList).toHaveBeenCalledWith({ communityId: 'c1', status: 'pending', after: undefined, limit: 20 });
  expect(texts(page, '.c-title')).toEqual(['大米：-2袋', '大米：+3袋']);
  expect(texts(page, '.c-line')).toEqual(expect.arrayContaining(['原因：盘点数量不符']));
  expect(texts(page, '.c-line')[1]).toMatch(/^另一位工作人员于.*申请$/);
  expect(texts(page, '.c-line')[3]).toMatch(/^您于.*申请$/);
  expect(page.querySelectorAll('.approve')).toHaveLength(1);
  expect(texts(page, '.c-notice')).toEqual(['这是您申请的更正，需要另一位工作人员审批。']);
});

test('approve with the version seen; reject takes an inline confirmation; the same person is refused in words', async () => {
  mockList.mockResolvedValue({ items: [correction(), correction({ id: 'sc_2', version: 1 })], next: null });
  mockApprove.mockResolvedValueOnce(correction({ status: 'applied', version: 1, decidedBy: 'me' })).mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'charity_stock_correction.same_person' }));
  mockReject.mockResolvedValue(correction({ id: 'sc_2', status: 'rejected', version: 2 }));
  const page = renderPage(id);
  await settle();
  tap(page, '.approve');
  await settle();
  expect(mockApprove).toHaveBeenCalledWith('sc_1', 0);
  expect(texts(page, '.c-status')).toEqual(['已更正', '待审批']);
  tap(page, '.approve');
  await settle();
  expect(text(page, '.c-error')).toBe('库存更正需要另一位工作人员审批，不能审批自己提出的更正');
  tap(page, '.reject');
  await settle();
  expect(mockReject).not.toHaveBeenCalled();
  tap(page, '.reject-confirm');
  await settle();
  expect(mockReject).toHaveBeenCalledWith('sc_2', 1);
  expect(texts(page, '.c-status')).toEqual(['已更正', '已驳回']);
  expect(page.querySelectorAll('.approve')).toHaveLength(0);
});

test('opened from a shelf row: the form is filled with the item; it asks for what is missing, then sends a signed delta and reloads', async () => {
  mockList.mockResolvedValue({ items: [], next: null });
  mockRequest.mockResolvedValue(correction());
  const page = renderPage(id, { item: encodeURIComponent('大米'), unit: encodeURIComponent('袋') });
  await settle();
  expect(childText(page, '#state', '.empty-text')).toBe('没有这类更正');
  tap(page, '.submit');
  await settle();
  expect(text(page, '.e-quantity')).toBe('请填写相差的数量（整数）');
  expect(text(page, '.e-reason')).toBe('请选择原因');
  type(page, '.f-quantity', '2');
  tap(page, '.reason-choice', 1);
  await settle();
  tap(page, '.submit');
  await settle();
  expect(mockRequest).toHaveBeenCalledWith({ communityId: 'c1', item: '大米', unit: '袋', delta: -2, reason: '物品损坏或过期，已处理' }, { requestId: undefined });
  expect(page.querySelector('.form')).toBeUndefined();
  expect(mockList).toHaveBeenCalledTimes(2);

  tap(page, '.open-form');
  await settle();
  type(page, '.f-item', '食用油');
  type(page, '.f-quantity', '1');
  tap(page, '.sign', 1);
  tap(page, '.reason-choice', 0);
  await settle();
  mockRequest.mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'role.missing' }));
  tap(page, '.submit');
  await settle();
  expect(mockRequest.mock.calls[1][0]).toMatchObject({ item: '食用油', delta: 1 });
  expect(text(page, '.submit-error')).toBe('您还没有这个身份，请先联系社区工作人员开通');
});

test('a second tap while the approval is on its way sends nothing more', async () => {
  mockList.mockResolvedValue({ items: [correction()], next: null });
  let answer!: (v: unknown) => void;
  mockApprove.mockReturnValue(new Promise((r) => (answer = r)));
  const page = renderPage(id);
  await settle();
  tap(page, '.approve');
  await settle();
  tap(page, '.approve');
  await settle();
  expect(mockApprove).toHaveBeenCalledTimes(1);
  answer(correction({ status: 'applied', version: 1 }));
  await settle();
  expect(texts(page, '.c-status')).toEqual(['已更正']);
});

test('history tabs; an error state with retry', async () => {
  mockList.mockRejectedValueOnce(new AppError('permission-denied', 'x')).mockResolvedValueOnce({ items: [correction({ status: 'applied' })], next: null });
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('您没有权限进行此操作');
  tap(page, '.tab', 1);
  await settle();
  expect(mockList).toHaveBeenLastCalledWith({ communityId: 'c1', status: 'applied', after: undefined, limit: 20 });
  expect(texts(page, '.c-status')).toEqual(['已更正']);
  expect(page.querySelectorAll('.approve')).toHaveLength(0);
});
