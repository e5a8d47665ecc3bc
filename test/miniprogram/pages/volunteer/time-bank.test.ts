import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockBank = jest.fn();
const mockTransfer = jest.fn();
const mockDonate = jest.fn();
const mockInvite = jest.fn();
const mockAccept = jest.fn();
jest.mock('../../../../miniprogram/services/volunteer', () => ({
  createFamilyInvite: (i: unknown) => mockInvite(i),
  acceptFamilyInvite: (c: string) => mockAccept(c),
  timeBank: (i: unknown) => mockBank(i),
  transfer: (i: unknown) => mockTransfer(i),
  donate: (i: unknown) => mockDonate(i),
}));
jest.mock('../../../../miniprogram/services/session', () => ({ communityFor: () => 'c1', currentFontScale: () => 1 }));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), toast: jest.fn() }));

const id = load('pages/volunteer/time-bank/index', 'time-bank-page');
const entry = (n: number, minutes: number, kind = 'credit') => ({ entryId: `e${n}`, kind, minutes, serviceMinutes: 0, at: Date.UTC(2026, 10, n, 2), recordId: null, note: null });
const bank = (over: Record<string, unknown> = {}) => ({
  balanceMinutes: 300,
  earnedMinutes: 420,
  totalMinutes: 420,
  stars: 0,
  hoursToNext: 93,
  capMinutes: null,
  bindings: [{ bindingId: 'b-1', relation: 'parent', counterpartName: '张阿姨', since: 1 }],
  ledger: [entry(1, 120), entry(2, -60, 'transfer-out')],
  next: null,
  ...over,
});
async function settle() {
  for (let i = 0; i < 4; i++) await flush();
}

beforeEach(() => jest.clearAllMocks());

test('loading, then the balance and the ledger with signed amounts', async () => {
  mockBank.mockResolvedValue(bank());
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(text(page, '.b-balance')).toBe('5小时');
  expect(page.querySelectorAll('.e-amount').map((n: any) => n.dom.textContent)).toEqual(['+2小时', '−1小时']);
  expect(page.querySelectorAll('.e-kind').map((n: any) => n.dom.textContent)).toEqual(['服务存入', '转给家人']);
});

test('transfer to a bound family member: hours checked against the balance, then sent in minutes', async () => {
  mockBank.mockResolvedValue(bank());
  mockTransfer.mockResolvedValue({ balanceMinutes: 210, entryId: 'e9' });
  const page = renderPage(id);
  await settle();
  page.querySelector('.to-family')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.hours')!.dispatchEvent('input', { detail: { value: '9' } });
  await settle();
  page.querySelector('.send')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.form-error')).toBe('余额不足，目前有5小时');
  page.querySelector('.hours')!.dispatchEvent('input', { detail: { value: '1.5' } });
  await settle();
  page.querySelector('.send')!.dispatchEvent('tap');
  await settle();
  expect(mockTransfer).toHaveBeenCalledWith({ bindingId: 'b-1', minutes: 90 });
  expect(mockBank).toHaveBeenCalledTimes(2); // reloaded after the transfer
});

test('donate to the community; a refusal is shown in the form', async () => {
  mockBank.mockResolvedValue(bank());
  mockDonate.mockRejectedValue(new AppError('failed-precondition', 'x', { reason: 'timebank.insufficient_balance' }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.donate')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.hours')!.dispatchEvent('input', { detail: { value: '1' } });
  await settle();
  page.querySelector('.send')!.dispatchEvent('tap');
  await settle();
  expect(mockDonate).toHaveBeenCalledWith({ communityId: 'c1', minutes: 60 });
  expect(text(page, '.form-error')).toBe('时间银行余额不足');
});

test('no family and no entries: empty texts; more ledger pages appended by path; error state', async () => {
  mockBank.mockResolvedValueOnce(bank({ bindings: [], ledger: [], next: null }));
  const page = renderPage(id);
  await settle();
  expect(text(page, '.no-family')).toContain('还没有绑定家人');
  expect(text(page, '.empty-ledger')).toContain('还没有明细');

  mockBank.mockResolvedValueOnce(bank({ next: 'n1' })).mockResolvedValueOnce(bank({ ledger: [entry(3, 30)], next: null }));
  const page2 = renderPage(id);
  await settle();
  const setData = jest.spyOn(page2.instance as any, 'setData');
  await (page2.instance as any).onReachBottom();
  expect(setData.mock.calls.some((c) => 'ledger[2]' in (c[0] as object) && !('ledger' in (c[0] as object)))).toBe(true);

  mockBank.mockRejectedValueOnce(new AppError('permission-denied', 'x'));
  const page3 = renderPage(id);
  await settle();
  expect(childText(page3, '#state', '.error-message')).toBe('您没有权限进行此操作');
});

test('family binding: invite with a relation shows the code; accepting a typed code binds and reloads', async () => {
  mockBank.mockResolvedValue(bank({ bindings: [] }));
  mockInvite.mockResolvedValue({ code: 'K7Q2M9PA', expiresAt: Date.UTC(2026, 11, 3, 4, 0) });
  mockAccept.mockRejectedValueOnce(new AppError('failed-precondition', 'x', { reason: 'family.invite_invalid' })).mockResolvedValueOnce({});
  const page = renderPage(id);
  await settle();
  page.querySelector('.family')!.dispatchEvent('tap');
  await settle();
  page.querySelectorAll('.relation')[1].dispatchEvent('tap'); // 子女
  await settle();
  page.querySelector('.invite')!.dispatchEvent('tap');
  await settle();
  expect(mockInvite).toHaveBeenCalledWith({ relation: 'child' });
  expect(text(page, '.invite-code')).toBe('K7Q2M9PA');

  page.querySelector('.code')!.dispatchEvent('input', { detail: { value: 'abc' } });
  await settle();
  page.querySelector('.accept')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.family-error')).toBe('请填写家人手机上显示的8位邀请码');
  expect(mockAccept).not.toHaveBeenCalled();
  page.querySelector('.code')!.dispatchEvent('input', { detail: { value: 'h3jk7mpq' } });
  await settle();
  page.querySelector('.accept')!.dispatchEvent('tap');
  await settle();
  expect(mockAccept).toHaveBeenCalledWith('H3JK7MPQ');
  expect(text(page, '.family-error')).toBe('邀请码不对或已过期');
  page.querySelector('.accept')!.dispatchEvent('tap');
  await settle();
  expect(mockBank).toHaveBeenCalledTimes(2);
});
