import type { FundSignerRole } from '../../../../miniprogram/core/index';
import { AppError } from '../../../../miniprogram/services/errors';
import { fund, fundEntry as entry } from '../../fixtures/charity';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockFunds = jest.fn();
const mockEntries = jest.fn();
const mockApprove = jest.fn();
const mockReject = jest.fn();
const mockGetFund = jest.fn();
const mockIncome = jest.fn();
const mockDisburse = jest.fn();
const mockNavigate = jest.fn();
let mockMe = 'sign-a';
jest.mock('../../../../miniprogram/services/charity', () => ({
  listFunds: (i: unknown) => mockFunds(i),
  listFundEntries: (i: unknown) => mockEntries(i),
  approveDisbursement: (id: string, v: number) => mockApprove(id, v),
  rejectDisbursement: (i: unknown) => mockReject(i),
  getFund: (id: string) => mockGetFund(id),
  recordFundIncome: (i: unknown, o: unknown) => mockIncome(i, o),
  requestDisbursement: (i: unknown, o: unknown) => mockDisburse(i, o),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: mockMe, roles: [], createdAt: 1 }),
  fundCommunity: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), toast: jest.fn(), navigateTo: (u: string) => mockNavigate(u) }));

const id = load('pages/staff/fund/index', 'fund-page');
async function settle() {
  for (let i = 0; i < 8; i++) await flush();
}
function type(page: any, sel: string, value: string) {
  page.querySelector(sel)!.dispatchEvent('input', { detail: { value } });
}
const texts = (page: any, sel: string) => page.querySelectorAll(sel).map((n: any) => n.dom.textContent.trim());
const approval = (role: FundSignerRole, openid: string) => ({ role, openid, at: 1 });

beforeEach(() => {
  jest.clearAllMocks();
  mockMe = 'sign-a';
});

test('loading, then balances, who signs, and the pending disbursements only; the first approval says one more is needed and from whom', async () => {
  mockFunds.mockResolvedValue({ items: [fund()] });
  mockEntries.mockResolvedValue({ items: [entry(), entry({ id: 'fe_0', kind: 'income', status: 'recorded' }), entry({ id: 'fe_9', status: 'approved' })], next: null });
  mockApprove.mockResolvedValue(entry({ approvals: [approval('convener', 'sign-a')], version: 2 }));
  mockGetFund.mockResolvedValue(fund({ pendingFen: 20000 }));
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockFunds).toHaveBeenCalledWith({ communityId: 'c1' });
  expect(text(page, '.f-balance')).toBe('余额 ¥5000.00，待批 ¥200.00');
  expect(text(page, '.f-signers')).toBe('签字人：召集人、委员、居民代表（您是召集人）');
  expect(page.querySelectorAll('.entry')).toHaveLength(1);
  expect(text(page, '.e-approvals')).toBe('还没有人同意。还需2位签字人同意，可由召集人、委员、居民代表中的两位同意。');
  page.querySelector('.approve')!.dispatchEvent('tap');
  await settle();
  expect(mockApprove).toHaveBeenCalledWith('fe_1', 1);
  expect(text(page, '.e-approvals')).toBe('已同意：召集人。还需1位签字人同意，可由委员、居民代表中的一位同意。');
  expect(text(page, '.e-status')).toBe('待审批');
  // The same signer has no second button: they are told to wait for another.
  expect(page.querySelectorAll('.approve')).toHaveLength(0);
  expect(text(page, '.e-notice')).toBe('您已同意，等待另一位签字人。');
  expect(mockGetFund).toHaveBeenCalledWith('fd_1');
});

test('the second signer makes it count and the balance is read again', async () => {
  mockMe = 'sign-c';
  mockFunds.mockResolvedValue({ items: [fund()] });
  mockEntries.mockResolvedValue({ items: [entry({ approvals: [approval('committeeMember', 'sign-b')] })], next: null });
  mockApprove.mockResolvedValue(entry({ status: 'approved', approvals: [approval('committeeMember', 'sign-b'), approval('residentRep', 'sign-c')], version: 2 }));
  mockGetFund.mockResolvedValue(fund({ balanceFen: 480000, spentFen: 320000, pendingFen: 0 }));
  const page = renderPage(id);
  await settle();
  expect(text(page, '.e-approvals')).toBe('已同意：委员。还需1位签字人同意，可由召集人、居民代表中的一位同意。');
  page.querySelector('.approve')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.e-status')).toBe('已批准');
  expect(text(page, '.e-approvals')).toBe('已同意：委员、居民代表。');
  expect(text(page, '.f-balance')).toBe('余额 ¥4800.00，待批 ¥0.00');
});

test('pending disbursements older than the first page of entries are found: pages are read until their amounts reach the fund’s pending total', async () => {
  mockFunds.mockResolvedValue({ items: [fund({ pendingFen: 50000 })] });
  mockEntries
    .mockResolvedValueOnce({ items: [entry(), entry({ id: 'fe_in', kind: 'income', status: 'recorded' })], next: 'p2' })
    .mockResolvedValueOnce({ items: [entry({ id: 'fe_old', amountFen: 30000, purpose: '楼道照明' })], next: 'p3' });
  const page = renderPage(id);
  await settle();
  expect(mockEntries.mock.calls.map((c) => c[0])).toEqual([
    { fundId: 'fd_1', after: undefined, limit: 100 },
    { fundId: 'fd_1', after: 'p2', limit: 100 },
  ]);
  expect(texts(page, '.e-title')).toEqual(['¥200.00 · 独居老人助餐', '¥300.00 · 楼道照明']);
});

test('staff who are not signers see who may approve, and no buttons', async () => {
  mockMe = 'staff-1';
  mockFunds.mockResolvedValue({ items: [fund()] });
  mockEntries.mockResolvedValue({ items: [entry()], next: null });
  const page = renderPage(id);
  await settle();
  expect(text(page, '.f-signers')).toBe('签字人：召集人、委员、居民代表');
  expect(page.querySelectorAll('.approve')).toHaveLength(0);
  expect(text(page, '.e-notice')).toBe('只有本基金的三位签字人可以审批，您可以提醒他们。');
});

test('reject with a reason; a refusal (not enough balance) stays on its row', async () => {
  mockFunds.mockResolvedValue({ items: [fund()] });
  mockEntries.mockResolvedValue({ items: [entry(), entry({ id: 'fe_2' })], next: null });
  mockReject.mockResolvedValue(entry({ status: 'rejected' }));
  mockApprove.mockRejectedValue(new AppError('failed-precondition', 'x', { reason: 'charity_fund.insufficient_balance' }));
  mockGetFund.mockResolvedValue(fund());
  const page = renderPage(id);
  await settle();
  page.querySelectorAll('.reject')[0].dispatchEvent('tap');
  await settle();
  page.querySelectorAll('.reason')[1].dispatchEvent('tap');
  await settle();
  expect(mockReject).toHaveBeenCalledWith({ entryId: 'fe_1', version: 1, reason: '凭证不全，请补充' });
  expect(texts(page, '.e-status')).toEqual(['已驳回', '待审批']);
  page.querySelector('.approve')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.e-error')).toBe('基金余额不够支付这笔支出');
});

test('record income: the form checks the amount and the day, sends fen, and the figures are read again', async () => {
  mockMe = 'staff-1';
  mockFunds.mockResolvedValue({ items: [fund()] });
  mockEntries.mockResolvedValue({ items: [], next: null });
  mockIncome.mockResolvedValue(entry({ kind: 'income', status: 'recorded' }));
  mockGetFund.mockResolvedValue(fund({ balanceFen: 530000, incomeFen: 830000 }));
  const page = renderPage(id);
  await settle();
  expect(text(page, '.none-pending')).toBe('没有待审批的支出。');
  page.querySelector('.income')!.dispatchEvent('tap');
  await settle();
  type(page, '.f-received', '2099-01-01');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.e-amount')).toBe('请填写金额（元），例如 300');
  expect(text(page, '.e-received')).toBe('请填写收到的日期，例如 2026-12-01，不能晚于今天');
  type(page, '.f-amount', '300');
  type(page, '.f-counterpart', '周先生');
  type(page, '.f-purpose', '助老餐补');
  type(page, '.f-received', '2026-11-30');
  page.querySelector('.show-name')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockIncome).toHaveBeenCalledWith({ fundId: 'fd_1', amountFen: 30000, purpose: '助老餐补', donorName: '周先生', showName: true, receivedOn: '2026-11-30' }, { requestId: undefined });
  expect(page.querySelector('.form')).toBeUndefined();
  expect(text(page, '.f-balance')).toBe('余额 ¥5300.00，待批 ¥200.00');
});

test('request a disbursement: it joins the pending list by path; a lost answer is retried with the same requestId', async () => {
  mockMe = 'staff-1';
  mockFunds.mockResolvedValue({ items: [fund()] });
  mockEntries.mockResolvedValue({ items: [entry()], next: null });
  mockDisburse.mockRejectedValueOnce(new AppError('internal', 'lost', undefined, true, 'req-9')).mockResolvedValueOnce(entry({ id: 'fe_new', amountFen: 12000, purpose: '助学', counterpart: '幸福里小学' }));
  mockGetFund.mockResolvedValue(fund());
  const page = renderPage(id);
  await settle();
  page.querySelector('.disburse')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelector('.f-received')).toBeUndefined();
  type(page, '.f-amount', '120');
  type(page, '.f-counterpart', '幸福里小学');
  type(page, '.f-purpose', '助学');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.submit-error')).toBe('系统开小差了，请稍后再试');
  const setData = jest.spyOn(page.instance as any, 'setData');
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockDisburse).toHaveBeenLastCalledWith({ fundId: 'fd_1', amountFen: 12000, purpose: '助学', payee: '幸福里小学' }, { requestId: 'req-9' });
  expect(setData.mock.calls.some((c) => 'rows[1]' in (c[0] as object) && !('rows' in (c[0] as object)))).toBe(true);
  expect(texts(page, '.e-title')).toEqual(['¥200.00 · 独居老人助餐', '¥120.00 · 助学']);
});

test('entries open on their own page; no fund: the empty state; an error', async () => {
  mockFunds.mockResolvedValueOnce({ items: [fund()] });
  mockEntries.mockResolvedValueOnce({ items: [], next: null });
  const page = renderPage(id);
  await settle();
  page.querySelector('.entries')!.dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/staff/fund-entries/index?fundId=fd_1');

  mockFunds.mockResolvedValueOnce({ items: [] });
  const page2 = renderPage(id);
  await settle();
  expect(childText(page2, '#state', '.empty-text')).toBe('社区还没有设立公益基金');

  mockFunds.mockRejectedValueOnce(new AppError('internal', 'x'));
  const page3 = renderPage(id);
  await settle();
  expect(childText(page3, '#state', '.error-message')).toBe('系统开小差了，请稍后再试');
});
