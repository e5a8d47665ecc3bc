import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockFunds = jest.fn();
const mockEntries = jest.fn();
const mockApprove = jest.fn();
const mockReject = jest.fn();
jest.mock('../../../../miniprogram/services/charity', () => ({
  listFunds: (i: unknown) => mockFunds(i),
  listFundEntries: (i: unknown) => mockEntries(i),
  approveDisbursement: (id: string, v: number) => mockApprove(id, v),
  rejectDisbursement: (i: unknown) => mockReject(i),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), toast: jest.fn() }));

const id = load('pages/staff/fund/index', 'fund-page');
async function settle() {
  for (let i = 0; i < 6; i++) await flush();
}
const fund = { id: 'fd_1', communityId: 'c1', name: '幸福里公益基金', signers: { convener: 'a', committeeMember: 'b', residentRep: 'c' }, balanceFen: 500000, incomeFen: 800000, spentFen: 300000, pendingFen: 20000, createdAt: 1 };
const entry = (over: Record<string, unknown> = {}) => ({
  id: 'fe_1',
  fundId: 'fd_1',
  kind: 'disbursement',
  amountFen: 20000,
  purpose: '独居老人助餐',
  counterpart: '社区食堂',
  evidenceFileIds: [],
  status: 'pending',
  approvals: [],
  version: 1,
  on: '2026-12-01',
  createdBy: 'x',
  createdAt: 1,
  ...over,
});

beforeEach(() => jest.clearAllMocks());

test('loading, then balances and the pending disbursements only; the first approval counts as one of two', async () => {
  mockFunds.mockResolvedValue({ items: [fund] });
  mockEntries.mockResolvedValue({ items: [entry(), entry({ id: 'fe_0', kind: 'income', status: 'recorded' }), entry({ id: 'fe_9', status: 'approved' })], next: null });
  mockApprove.mockResolvedValue(entry({ approvals: [{ role: 'convener', openid: 'a', at: 1 }], version: 2 }));
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockFunds).toHaveBeenCalledWith({ communityId: 'c1' });
  expect(text(page, '.f-balance')).toBe('余额 ¥5000.00，待批 ¥200.00');
  expect(page.querySelectorAll('.entry')).toHaveLength(1);
  page.querySelector('.approve')!.dispatchEvent('tap');
  await settle();
  expect(mockApprove).toHaveBeenCalledWith('fe_1', 1);
  expect(text(page, '.e-approvals')).toBe('已同意：召集人（需2位）');
  expect(text(page, '.e-status')).toBe('待审批');
});

test('reject with a reason; a non-signer is told why', async () => {
  mockFunds.mockResolvedValue({ items: [fund] });
  mockEntries.mockResolvedValue({ items: [entry(), entry({ id: 'fe_2' })], next: null });
  mockReject.mockResolvedValue(entry({ status: 'rejected' }));
  mockApprove.mockRejectedValue(new AppError('permission-denied', 'x'));
  const page = renderPage(id);
  await settle();
  page.querySelectorAll('.reject')[0].dispatchEvent('tap');
  await settle();
  page.querySelectorAll('.reason')[1].dispatchEvent('tap');
  await settle();
  expect(mockReject).toHaveBeenCalledWith({ entryId: 'fe_1', version: 1, reason: '凭证不全，请补充' });
  expect(page.querySelectorAll('.e-status').map((n: any) => n.dom.textContent)).toEqual(['已驳回', '待审批']);
  page.querySelector('.approve')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.e-error')).toBe('您没有权限进行此操作');
});

test('no fund: the empty state; nothing pending; an error', async () => {
  mockFunds.mockResolvedValueOnce({ items: [] });
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.empty-text')).toBe('社区还没有设立公益基金');

  mockFunds.mockResolvedValueOnce({ items: [fund] });
  mockEntries.mockResolvedValueOnce({ items: [], next: null });
  const page2 = renderPage(id);
  await settle();
  expect(text(page2, '.none-pending')).toBe('没有待审批的支出。');

  mockFunds.mockRejectedValueOnce(new AppError('internal', 'x'));
  const page3 = renderPage(id);
  await settle();
  expect(childText(page3, '#state', '.error-message')).toBe('系统开小差了，请稍后再试');
});
