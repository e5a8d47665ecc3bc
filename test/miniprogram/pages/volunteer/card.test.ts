import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { volunteer } from '../../fixtures/volunteer';

const mockMe = jest.fn();
const mockBank = jest.fn();
const mockCode = jest.fn();
const mockRequestMove = jest.fn();
const mockWithdraw = jest.fn();
const mockNavigate = jest.fn();
jest.mock('../../../../miniprogram/services/volunteer', () => ({
  volunteerMe: () => mockMe(),
  timeBank: (i: unknown) => mockBank(i),
  cardCode: () => mockCode(),
  requestMove: (i: unknown) => mockRequestMove(i),
  withdrawMove: (id: string) => mockWithdraw(id),
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  navigateTo: (u: string) => mockNavigate(u),
  toast: () => undefined,
}));

const id = load('pages/volunteer/card/index', 'card-page');
async function settle() {
  for (let i = 0; i < 6; i++) await flush();
}

// 2026-12-02 10:05 China time.
const EXPIRES = Date.UTC(2026, 11, 2, 2, 5);
const code = (over: Record<string, unknown> = {}) => ({
  code: 'XFL-000002.hkx1a.AbCdEfGhIj',
  page: 'pages/volunteer/card/index',
  imageBase64: 'iVBORw0KGgo=',
  contentType: 'image/png',
  expiresAt: EXPIRES,
  refreshAt: EXPIRES - 60_000,
  ...over,
});
const move = (over: Record<string, unknown> = {}) => ({
  moveId: 'move-1',
  volunteerNo: 'XFL-000002',
  maskedName: '刘某',
  fromCommunityId: 'c1',
  toCommunityId: 'hpl',
  status: 'requested',
  note: null,
  refuseReason: null,
  createdAt: EXPIRES,
  decidedAt: null,
  ...over,
});

beforeEach(() => {
  jest.clearAllMocks();
  jest.useRealTimers();
  mockBank.mockResolvedValue({ balanceMinutes: 240 });
  mockCode.mockResolvedValue(code());
});

test('loading, then number, status, stars, hours, time-bank credits and the personal code', async () => {
  mockMe.mockResolvedValue({ volunteer: volunteer(), move: null });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(text(page, '.c-no')).toBe('3101012026000123');
  expect(text(page, '.c-status')).toBe('已认证');
  expect(text(page, '.c-stars')).toBe('★');
  expect(text(page, '.c-hours')).toBe('累计服务：102.5小时');
  expect(text(page, '.c-next')).toBe('再服务197.5小时升一星');
  expect(text(page, '.c-credits')).toBe('时间银行余额：4小时');
  expect((page.data as any).code.src).toBe('data:image/png;base64,iVBORw0KGgo=');
  expect(text(page, '.code-valid')).toContain('本码 10:05 前有效');
  page.querySelector('.records')!.dispatchEvent('tap');
  await flush();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/volunteer/records/index');
});

async function microSettle() {
  for (let i = 0; i < 12; i++) await Promise.resolve();
}

test('the personal code is renewed at refreshAt; a failed renewal removes it and offers a retry', async () => {
  jest.useFakeTimers({ now: EXPIRES - 5 * 60_000 });
  mockMe.mockResolvedValue({ volunteer: volunteer(), move: null });
  mockCode.mockResolvedValueOnce(code()).mockRejectedValueOnce(new AppError('internal', 'x')).mockResolvedValueOnce(code({ imageBase64: 'bmV3', expiresAt: EXPIRES + 5 * 60_000, refreshAt: EXPIRES + 4 * 60_000 }));
  const page = renderPage(id);
  await microSettle();
  expect(mockCode).toHaveBeenCalledTimes(1);
  jest.advanceTimersByTime(4 * 60_000 - 1_000);
  expect(mockCode).toHaveBeenCalledTimes(1);
  jest.advanceTimersByTime(1_000);
  await microSettle();
  expect(mockCode).toHaveBeenCalledTimes(2);
  expect(page.querySelector('.qr')).toBeUndefined();
  expect(text(page, '.code-error-text')).toContain('志愿者码暂时无法显示');
  page.querySelector('.code-retry')!.dispatchEvent('tap');
  await microSettle();
  expect((page.data as any).code.src).toBe('data:image/png;base64,bmV3');
  // Leaving the page stops the renewals.
  (page as any).triggerPageLifeTime('hide');
  jest.advanceTimersByTime(10 * 60_000);
  await microSettle();
  expect(mockCode).toHaveBeenCalledTimes(3);
  jest.useRealTimers();
});

test('opened by scanning a card with WeChat: it says what the code is for, whoever opened it', async () => {
  mockMe.mockResolvedValue({ volunteer: null, move: null });
  const page = renderPage(id, { scene: 'XFL-000002.hkx1a.AbCdEfGhIj' });
  await settle();
  expect(text(page, '.scanned')).toContain('队长请在活动的「名单与点名」页');
  expect(text(page, '.empty-text')).toContain('您还不是志愿者');
  mockMe.mockResolvedValue({ volunteer: volunteer(), move: null });
  const page2 = renderPage(id);
  await settle();
  expect(page2.querySelector('.scanned')).toBeUndefined();
});

test('a rejected registration shows why; no credits, no code, no move are offered', async () => {
  mockMe.mockResolvedValue({ volunteer: volunteer({ status: 'rejected', rejectReason: '身份证信息与本人不符' }), move: null });
  const page = renderPage(id);
  await settle();
  expect(text(page, '.c-reject')).toBe('未通过原因：身份证信息与本人不符');
  expect(mockBank).not.toHaveBeenCalled();
  expect(mockCode).not.toHaveBeenCalled();
  expect(page.querySelector('.move')).toBeUndefined();
});

test('not a volunteer: the empty state leads to registration', async () => {
  mockMe.mockResolvedValue({ volunteer: null, move: null });
  const page = renderPage(id);
  await settle();
  expect(text(page, '.empty-text')).toContain('您还不是志愿者');
  page.querySelector('.register')!.dispatchEvent('tap');
  await flush();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/volunteer/register/index');
});

test('error state; a failing time bank does not break the card', async () => {
  mockMe.mockRejectedValueOnce(new AppError('unauthenticated', 'x')).mockResolvedValueOnce({ volunteer: volunteer(), move: null });
  mockBank.mockRejectedValue(new AppError('internal', 'x'));
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('登录已失效，请重新进入小程序');
  const page2 = renderPage(id);
  await settle();
  expect(text(page2, '.c-no')).toBe('3101012026000123');
  expect(page2.querySelector('.c-credits')).toBeUndefined();
});

test('moving: request with the community number, see it waiting, withdraw it; a refusal shows the reason', async () => {
  mockMe.mockResolvedValue({ volunteer: volunteer(), move: null });
  mockRequestMove.mockRejectedValueOnce(new AppError('not-found', 'x', { reason: 'community.not_found' })).mockResolvedValueOnce(move());
  mockWithdraw.mockResolvedValue(move({ status: 'withdrawn' }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.move-open')!.dispatchEvent('tap');
  await flush();
  page.querySelector('.move-submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.move-error')).toContain('请填写要转入的社区编号');
  expect(mockRequestMove).not.toHaveBeenCalled();
  page.querySelector('.f-community')!.dispatchEvent('input', { detail: { value: ' HPL ' } });
  await flush();
  page.querySelector('.move-submit')!.dispatchEvent('tap');
  await settle();
  expect(mockRequestMove).toHaveBeenLastCalledWith({ toCommunityId: 'hpl', note: null });
  expect(text(page, '.move-error')).toBe('没有找到这个社区，请核对社区编号');
  page.querySelector('.move-submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.move-status')).toBe('已申请转到社区 hpl，等待对方社区审核');
  page.querySelector('.move-withdraw')!.dispatchEvent('tap');
  await settle();
  expect(mockWithdraw).toHaveBeenCalledWith('move-1');
  expect(page.querySelector('.move-status')).toBeUndefined();
  expect(page.querySelector('.move-open')).toBeDefined();

  mockMe.mockResolvedValue({ volunteer: volunteer(), move: move({ status: 'refused', refuseReason: '本社区查无此居住登记，请先办理', decidedAt: EXPIRES }) });
  const refused = renderPage(id);
  await settle();
  expect(text(refused, '.move-status')).toBe('转社区申请未通过：本社区查无此居住登记，请先办理');
  expect(refused.querySelector('.move-open')).toBeDefined();
});
