import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { activity, END } from '../../fixtures/activity';

const mockGet = jest.fn();
const mockRoster = jest.fn();
const mockRollCall = jest.fn();
const mockConfirm = jest.fn();
const mockFix = jest.fn();
const mockToast = jest.fn();
const mockByCard = jest.fn();
const mockScan = jest.fn();
jest.mock('../../../../miniprogram/services/activity', () => ({
  rollCallByCard: (i: unknown) => mockByCard(i),
  getActivity: (id: string) => mockGet(id),
  roster: (i: unknown) => mockRoster(i),
  rollCall: (i: unknown) => mockRollCall(i),
  confirmAttendance: (i: unknown) => mockConfirm(i),
  fixCheckOut: (i: unknown) => mockFix(i),
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  toast: (t: string) => mockToast(t),
  scanCode: () => mockScan(),
}));

const id = load('pages/volunteer/roster/index', 'roster-page');
const IN = Date.UTC(2026, 11, 10, 0, 58);
const entry = (n: number, over: Record<string, unknown> = {}) => ({
  volunteerNo: `V${n}`,
  maskedName: `刘某${n}`,
  openid: `o${n}`,
  signup: 'confirmed',
  attendance: null,
  checkedInAt: null,
  checkedOutAt: null,
  needsConfirmation: false,
  ...over,
});
const att = (openid: string, over: Record<string, unknown>) => ({ attendanceId: 'a', activityId: 'act-0001', openid, status: 'checked_in', checkedInAt: IN, checkedOutAt: null, pairs: 1, needsConfirmation: false, flags: [], ...over });
const states = (page: any) => page.querySelectorAll('.r-state').map((n: any) => n.dom.textContent);

async function tap(node: any) {
  node.dispatchEvent('tap');
  for (let i = 0; i < 4; i++) await flush();
}

beforeEach(() => {
  jest.clearAllMocks();
  mockGet.mockResolvedValue(activity());
});

test('loading, then everyone with their state', async () => {
  mockRoster.mockResolvedValue({
    items: [entry(1), entry(2, { attendance: 'checked_in', checkedInAt: IN }), entry(3, { attendance: 'checked_out', checkedInAt: IN, checkedOutAt: END, needsConfirmation: true })],
    next: null,
  });
  const page = renderPage(id, { activityId: 'act-0001' });
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await flush();
  await flush();
  expect(text(page, '.r-title')).toBe('陪伴独居老人');
  expect(states(page)).toEqual(['未签到', '已签到', '已签退']);
  expect(page.querySelectorAll('.needs')).toHaveLength(1);
});

test('roll call for someone without a smartphone: choose the reason, the row updates in place', async () => {
  mockRoster.mockResolvedValue({ items: [entry(1), entry(2)], next: null });
  mockRollCall.mockResolvedValue(att('o2', { needsConfirmation: true, flags: ['roll_call'] }));
  const page = renderPage(id, { activityId: 'act-0001' });
  await flush();
  await flush();
  await tap(page.querySelectorAll('.roll-in')[1]);
  await tap(page.querySelectorAll('.reason')[0]);
  expect(mockRollCall).toHaveBeenCalledWith({ activityId: 'act-0001', openid: 'o2', event: 'in', reason: '没有智能手机' });
  expect(states(page)).toEqual(['未签到', '已签到']);
  expect(mockToast).toHaveBeenCalledWith('已代签到');
});

test('confirming a flagged attendance, and closing a forgotten check-out at the activity’s end', async () => {
  mockRoster.mockResolvedValue({
    items: [entry(1, { attendance: 'checked_out', checkedInAt: IN, checkedOutAt: END, needsConfirmation: true }), entry(2, { attendance: 'checked_in', checkedInAt: IN })],
    next: null,
  });
  mockConfirm.mockResolvedValue(att('o1', { status: 'confirmed', checkedOutAt: END }));
  mockFix.mockResolvedValue(att('o2', { status: 'confirmed', checkedOutAt: END }));
  const page = renderPage(id, { activityId: 'act-0001' });
  await flush();
  await flush();
  await tap(page.querySelector('.confirm'));
  expect(mockConfirm).toHaveBeenCalledWith({ activityId: 'act-0001', openid: 'o1', accept: true });
  await tap(page.querySelector('.fix-out'));
  expect(mockFix).toHaveBeenCalledWith(expect.objectContaining({ activityId: 'act-0001', openid: 'o2', checkedOutAt: END }));
  expect(states(page)).toEqual(['已确认', '已确认']);
});

test('a refused action shows its reason on that row only', async () => {
  mockRoster.mockResolvedValue({ items: [entry(1), entry(2)], next: null });
  mockRollCall.mockRejectedValue(new AppError('failed-precondition', 'x', { reason: 'checkin.too_late' }));
  const page = renderPage(id, { activityId: 'act-0001' });
  await flush();
  await flush();
  await tap(page.querySelectorAll('.roll-in')[0]);
  await tap(page.querySelectorAll('.reason')[1]);
  expect(page.querySelectorAll('.r-error').map((n: any) => n.dom.textContent)).toEqual(['签到时间已过，请联系队长补登记']);
});

test('more pages are appended by path', async () => {
  mockRoster.mockResolvedValueOnce({ items: [entry(1)], next: 'n1' }).mockResolvedValueOnce({ items: [entry(2)], next: null });
  const page = renderPage(id, { activityId: 'act-0001' });
  await flush();
  await flush();
  const setData = jest.spyOn(page.instance as any, 'setData');
  await (page.instance as any).onReachBottom();
  expect(mockRoster).toHaveBeenLastCalledWith({ activityId: 'act-0001', after: 'n1', limit: 50 });
  expect(setData.mock.calls.some((c) => 'rows[1]' in (c[0] as object) && !('rows' in (c[0] as object)))).toBe(true);
  expect(states(page)).toHaveLength(2);
});

test('empty roster, and an error', async () => {
  mockRoster.mockResolvedValueOnce({ items: [], next: null }).mockRejectedValueOnce(new AppError('permission-denied', 'x'));
  const page = renderPage(id, { activityId: 'act-0001' });
  await flush();
  await flush();
  expect(text(page, '.empty-text')).toBe('还没有人报名这个活动。');
  const page2 = renderPage(id, { activityId: 'act-0001' });
  await flush();
  await flush();
  expect(childText(page2, '#state', '.error-message')).toBe('您没有权限进行此操作');
});

describe('roll call by the volunteer card', () => {
  const CARD = 'XFL-000002.hkx1a.AbCdEfGhIj';

  async function ready() {
    mockRoster.mockResolvedValue({ items: [entry(1), entry(2)], next: null });
    const page = renderPage(id, { activityId: 'act-0001' });
    for (let i = 0; i < 4; i++) await flush();
    return page;
  }

  test('scanning the card (a mini-program code: its scene) checks that person in, and their row follows', async () => {
    const page = await ready();
    mockScan.mockResolvedValue({ result: '', path: `pages/volunteer/card/index?scene=${encodeURIComponent(CARD)}` });
    mockByCard.mockResolvedValue(att('o2', {}));
    await tap(page.querySelector('.scan-card-in'));
    expect(mockByCard).toHaveBeenCalledWith({ activityId: 'act-0001', card: CARD, event: 'in' });
    expect(text(page, '.card-message')).toBe('刘某2已签到');
    expect(states(page)).toEqual(['未签到', '已签到']);
    mockByCard.mockResolvedValue(att('o2', { status: 'checked_out', checkedOutAt: END }));
    await tap(page.querySelector('.scan-card-out'));
    expect(mockByCard).toHaveBeenLastCalledWith({ activityId: 'act-0001', card: CARD, event: 'out' });
    expect(states(page)).toEqual(['未签到', '已签退']);
  });

  test('another code, an expired card and a cancelled scan: the leader reads why (nothing for a cancel)', async () => {
    const page = await ready();
    mockScan.mockResolvedValueOnce({ result: 'https://example.com/not-a-card' });
    await tap(page.querySelector('.scan-card-in'));
    expect(mockByCard).not.toHaveBeenCalled();
    expect(text(page, '.card-error')).toContain('这不是志愿者证上的二维码');
    mockScan.mockResolvedValueOnce({ result: CARD });
    mockByCard.mockRejectedValueOnce(new AppError('failed-precondition', 'x', { reason: 'card.expired' }));
    await tap(page.querySelector('.scan-card-in'));
    expect(text(page, '.card-error')).toBe('志愿者证二维码已过期，请对方刷新后再扫');
    expect(states(page)).toEqual(['未签到', '未签到']);
    const { PlatformError } = jest.requireActual('../../../../miniprogram/services/platform');
    mockScan.mockRejectedValueOnce(new PlatformError('cancelled', 'scanCode:fail cancel'));
    await tap(page.querySelector('.scan-card-in'));
    expect(page.querySelector('.card-error')).toBeUndefined();
  });
});
