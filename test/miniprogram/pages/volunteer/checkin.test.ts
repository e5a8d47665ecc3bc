import { AppError } from '../../../../miniprogram/services/errors';
import { PlatformError } from '../../../../miniprogram/services/platform';
import { flush, load, renderPage, text } from '../../helpers';

const mockCheckIn = jest.fn();
const mockCheckOut = jest.fn();
const mockScan = jest.fn();
const mockLocation = jest.fn();
const mockSettings = jest.fn();
jest.mock('../../../../miniprogram/services/activity', () => ({
  checkIn: (i: unknown, o: unknown) => mockCheckIn(i, o),
  checkOut: (i: unknown, o: unknown) => mockCheckOut(i, o),
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  scanCode: () => mockScan(),
  getLocation: () => mockLocation(),
  openSettings: () => mockSettings(),
}));
// The consent card subscribes to the privacy service; it has its own test.
jest.mock('../../../../miniprogram/services/privacy', () => ({ onPrivacyRequest: () => () => {}, agreePrivacy: jest.fn(), declinePrivacy: jest.fn(), openPrivacyContract: jest.fn() }));

const ROTATING = 'act-0001.hq3ft.Zk3_9aQw-1';
const POSTER = 'act-0001.p.Zk3_9aQw-1';
const id = load('pages/volunteer/checkin/index', 'checkin-page');
const lines = (page: any) => page.querySelectorAll('.result-line').map((n: any) => n.dom.textContent);
const attendance = (over: Record<string, unknown> = {}) => ({
  attendanceId: 'a1',
  activityId: 'act-0001',
  openid: 'o',
  status: 'checked_in',
  checkedInAt: Date.UTC(2026, 11, 10, 0, 55),
  checkedOutAt: null,
  pairs: 1,
  needsConfirmation: false,
  flags: [],
  activityTitle: '陪伴独居老人',
  ...over,
});

async function tap(page: any, sel: string) {
  page.querySelector(sel)!.dispatchEvent('tap');
  for (let i = 0; i < 5; i++) await flush();
}

beforeEach(() => {
  jest.clearAllMocks();
  mockLocation.mockResolvedValue({ lat: 31.2, lng: 121.4, accuracy: 15 });
});

test('scan button → camera → location → check-in → a result that says what happened', async () => {
  mockScan.mockResolvedValue({ result: '', path: `pages/volunteer/checkin/index?scene=${encodeURIComponent(ROTATING)}` });
  mockCheckIn.mockResolvedValue(attendance());
  const page = renderPage(id);
  expect(text(page, '.check-in')).toBe('扫码签到');
  await tap(page, '.check-in');
  expect(mockCheckIn).toHaveBeenCalledWith({ scene: ROTATING, location: { lat: 31.2, lng: 121.4, accuracyM: 15 } }, { requestId: undefined });
  expect(text(page, '.result-title')).toBe('签到成功');
  expect(lines(page)).toEqual(['活动：陪伴独居老人', '签到时间：12月10日（周四）08:55']);
  expect(page.querySelector('.reason')).toBeUndefined();
});

test('opened by the code itself (query.scene): choose 签退 without scanning again', async () => {
  mockCheckOut.mockResolvedValue(attendance({ status: 'checked_out', checkedOutAt: Date.UTC(2026, 11, 10, 3, 5) }));
  const page = renderPage(id, { scene: encodeURIComponent(ROTATING) });
  expect(text(page, '.check-out')).toBe('签退');
  await tap(page, '.check-out');
  expect(mockScan).not.toHaveBeenCalled();
  expect(mockCheckOut).toHaveBeenCalledWith(expect.objectContaining({ scene: ROTATING }), { requestId: undefined });
  expect(text(page, '.result-title')).toBe('签退成功');
  expect(lines(page)[1]).toBe('签退时间：12月10日（周四）11:05');
});

test('location refused with a rotating code: checked in without it, flagged for the leader', async () => {
  mockLocation.mockRejectedValue(new PlatformError('denied', 'getLocation:fail auth deny'));
  mockCheckIn.mockResolvedValue(attendance({ needsConfirmation: true, flags: ['no_location'] }));
  const page = renderPage(id, { scene: ROTATING });
  await tap(page, '.check-in');
  expect(mockCheckIn).toHaveBeenCalledWith({ scene: ROTATING }, { requestId: undefined });
  expect(lines(page)).toContain('没有获取到您的位置，需要队长确认后才计入时长');
});

test('a poster code without location is refused on the phone, with a way to the settings', async () => {
  mockLocation.mockRejectedValue(new PlatformError('denied', 'getLocation:fail auth deny'));
  const page = renderPage(id, { scene: POSTER });
  await tap(page, '.check-in');
  expect(mockCheckIn).not.toHaveBeenCalled();
  expect(text(page, '.result-title')).toBe('签到没有成功');
  expect(lines(page)[0]).toContain('确认您在活动现场');
  await tap(page, '.settings');
  expect(mockSettings).toHaveBeenCalled();
});

test('a refusal explains why and names the reason for the leader', async () => {
  mockCheckIn.mockRejectedValue(new AppError('failed-precondition', 'x', { reason: 'checkin.code_expired' }));
  const page = renderPage(id, { scene: ROTATING });
  await tap(page, '.check-in');
  expect(text(page, '.result-title')).toBe('签到没有成功');
  expect(lines(page)).toEqual(['这个签到码已过期，请扫队长手机上最新的码']);
  expect(text(page, '.reason')).toBe('原因代码：checkin.code_expired（可告诉队长）');
  expect(page.querySelector('.retry')).toBeUndefined();
  await tap(page, '.again');
  expect(text(page, '.check-in')).toBe('扫码签到');
});

test('a lost answer offers "再试一次" with the same requestId', async () => {
  mockCheckIn
    .mockRejectedValueOnce(new AppError('internal', 'timeout', { reason: 'client.timeout' }, true, 'req-123456789'))
    .mockResolvedValueOnce(attendance());
  const page = renderPage(id, { scene: ROTATING });
  await tap(page, '.check-in');
  expect(lines(page)).toEqual(['网络不太好，请检查网络后重试']);
  await tap(page, '.retry');
  expect(mockCheckIn).toHaveBeenLastCalledWith(expect.objectContaining({ scene: ROTATING }), { requestId: 'req-123456789' });
  expect(text(page, '.result-title')).toBe('签到成功');
});

test('a QR code that is not ours never reaches the server', async () => {
  mockScan.mockResolvedValue({ result: 'https://example.com/promo' });
  const page = renderPage(id);
  await tap(page, '.check-in');
  expect(mockCheckIn).not.toHaveBeenCalled();
  expect(lines(page)[0]).toContain('这不是本小程序的活动签到码');
});

test('a cancelled scan stays on the choice with a calm note', async () => {
  mockScan.mockRejectedValue(new PlatformError('cancelled', 'scanCode:fail cancel'));
  const page = renderPage(id);
  await tap(page, '.check-in');
  expect(text(page, '.cancelled')).toBe('已取消扫码，需要时再点上面的按钮。');
  expect(page.querySelector('.result')).toBeUndefined();
});

test('while the call runs the page says so (loading state)', async () => {
  mockCheckIn.mockReturnValue(new Promise(() => {}));
  const page = renderPage(id, { scene: ROTATING });
  await tap(page, '.check-in');
  expect(text(page, '.loading')).toBe('正在签到，请稍候…');
});
