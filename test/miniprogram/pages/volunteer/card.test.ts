import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { volunteer } from '../../fixtures/volunteer';

const mockMe = jest.fn();
const mockBank = jest.fn();
const mockNavigate = jest.fn();
jest.mock('../../../../miniprogram/services/volunteer', () => ({ volunteerMe: () => mockMe(), timeBank: (i: unknown) => mockBank(i) }));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  navigateTo: (u: string) => mockNavigate(u),
}));

const id = load('pages/volunteer/card/index', 'card-page');
async function settle() {
  for (let i = 0; i < 4; i++) await flush();
}

beforeEach(() => jest.clearAllMocks());

test('loading, then number, status, stars, hours and time-bank credits', async () => {
  mockMe.mockResolvedValue({ volunteer: volunteer() });
  mockBank.mockResolvedValue({ balanceMinutes: 240 });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(text(page, '.c-no')).toBe('3101012026000123');
  expect(text(page, '.c-status')).toBe('已认证');
  expect(text(page, '.c-stars')).toBe('★');
  expect(text(page, '.c-hours')).toBe('累计服务：102.5小时');
  expect(text(page, '.c-next')).toBe('再服务197.5小时升一星');
  expect(text(page, '.c-credits')).toBe('时间银行余额：4小时');
  page.querySelector('.records')!.dispatchEvent('tap');
  await flush();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/volunteer/records/index');
});

test('a rejected registration shows why; no credits are asked for', async () => {
  mockMe.mockResolvedValue({ volunteer: volunteer({ status: 'rejected', rejectReason: '身份证信息与本人不符' }) });
  const page = renderPage(id);
  await settle();
  expect(text(page, '.c-reject')).toBe('未通过原因：身份证信息与本人不符');
  expect(mockBank).not.toHaveBeenCalled();
});

test('not a volunteer: the empty state leads to registration', async () => {
  mockMe.mockResolvedValue({ volunteer: null });
  const page = renderPage(id);
  await settle();
  expect(text(page, '.empty-text')).toContain('您还不是志愿者');
  page.querySelector('.register')!.dispatchEvent('tap');
  await flush();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/volunteer/register/index');
});

test('error state; a failing time bank does not break the card', async () => {
  mockMe.mockRejectedValueOnce(new AppError('unauthenticated', 'x')).mockResolvedValueOnce({ volunteer: volunteer() });
  mockBank.mockRejectedValue(new AppError('internal', 'x'));
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('登录已失效，请重新进入小程序');
  const page2 = renderPage(id);
  await settle();
  expect(text(page2, '.c-no')).toBe('3101012026000123');
  expect(page2.querySelector('.c-credits')).toBeUndefined();
});
