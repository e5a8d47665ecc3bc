import { AppError } from '../../../../miniprogram/services/errors';
import { END, START, summary } from '../../fixtures/activity';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockList = jest.fn();
const mockFinish = jest.fn();
const mockRecords = jest.fn();
const mockConfirm = jest.fn();
jest.mock('../../../../miniprogram/services/activity', () => ({
  listActivities: (i: unknown) => mockList(i),
  finishActivity: (id: string) => mockFinish(id),
  activityRecords: (i: unknown) => mockRecords(i),
  confirmRecords: (id: string) => mockConfirm(id),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [{ role: 'staff', communityId: 'c1' }], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), toast: jest.fn() }));

const id = load('pages/staff/activity-close/index', 'activity-close-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
const texts = (page: any, sel: string) => page.querySelectorAll(sel).map((n: any) => n.dom.textContent.trim());
const record = (over: Record<string, unknown> = {}) => ({
  recordId: 'act-0001_o1',
  volunteerNo: '3101012026000123',
  activityId: 'act-0001',
  activityTitle: '活动1',
  category: 'elderly-care',
  date: '2026-12-10',
  place: '幸福里社区服务站',
  content: '陪伴',
  minutes: 120,
  organizingUnit: '幸福里社区居委会',
  leaderName: '赵队长',
  policyVersion: 'v1',
  status: 'draft',
  revision: 0,
  ...over,
});

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(END + 60_000);
});
afterEach(() => jest.restoreAllMocks());

test('待结束考勤: an ended activity is finished and the row says how many records were written; one still running cannot be', async () => {
  mockList.mockResolvedValue({ items: [summary(1), summary(2, { startAt: END + 86_400_000, endAt: END + 90_000_000 })], next: null });
  mockFinish.mockResolvedValue({ activity: {}, records: 5, unconfirmedAttendance: 2 });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockList).toHaveBeenCalledWith({ communityId: 'c1', status: 'published', after: undefined, limit: 20 });
  expect(page.querySelectorAll('.finish')).toHaveLength(1);
  expect(text(page, '.c-not-over')).toBe('活动还没结束');
  page.querySelector('.finish')!.dispatchEvent('tap');
  await settle();
  expect(mockFinish).toHaveBeenCalledWith('act-0001');
  expect(text(page, '.c-done')).toBe('已结束考勤，生成5条服务记录；还有2人的考勤要队长在名单里确认');
  expect(page.querySelectorAll('.finish')).toHaveLength(0);
});

test('a refused finish stays on its row with the reason', async () => {
  mockList.mockResolvedValue({ items: [summary(1)], next: null });
  mockFinish.mockRejectedValue(new AppError('failed-precondition', 'x', { reason: 'activity.not_over' }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.finish')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.c-error')).toBe('活动还没有结束，结束后才能结束考勤');
  expect(page.querySelectorAll('.finish')).toHaveLength(1);
});

test('待确认记录: the records open inline, then all drafts are confirmed in one tap', async () => {
  mockList.mockResolvedValue({ items: [summary(1, { status: 'ended' })], next: null });
  mockRecords.mockResolvedValue({ items: [record(), record({ recordId: 'r2', volunteerNo: '3101012026000124', minutes: 90 }), record({ recordId: 'r3', status: 'confirmed', minutes: 60 })], next: null });
  mockConfirm.mockResolvedValue({ confirmed: 2, closed: true });
  const page = renderPage(id, { tab: 'confirm' });
  await settle();
  expect(mockList).toHaveBeenCalledWith({ communityId: 'c1', status: 'ended', after: undefined, limit: 20 });
  page.querySelector('.records')!.dispatchEvent('tap');
  await settle();
  expect(mockRecords).toHaveBeenCalledWith({ activityId: 'act-0001', limit: 100 });
  expect(texts(page, '.record')).toEqual(['3101012026000123 · 2小时 · 待确认', '3101012026000124 · 1.5小时 · 待确认', '3101012026000123 · 1小时 · 已确认']);
  expect(text(page, '.confirm')).toBe('核对无误，确认2条记录');
  page.querySelector('.confirm')!.dispatchEvent('tap');
  await settle();
  expect(mockConfirm).toHaveBeenCalledWith('act-0001');
  expect(text(page, '.c-done')).toBe('已确认2条，时长已记入志愿者的时间银行；活动已关闭');
  expect(page.querySelectorAll('.records')).toHaveLength(0);
});

test('records: collapse, a failed read shows on the row, no drafts means no confirm button', async () => {
  mockList.mockResolvedValue({ items: [summary(1, { status: 'ended' })], next: null });
  mockRecords.mockRejectedValueOnce(new AppError('internal', 'x')).mockResolvedValueOnce({ items: [record({ status: 'confirmed' })], next: null });
  const page = renderPage(id);
  await settle();
  page.querySelectorAll('.tab')[1].dispatchEvent('tap');
  await settle();
  page.querySelector('.records')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelectorAll('.c-error')).toHaveLength(1);
  page.querySelector('.records')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelectorAll('.c-error')).toHaveLength(0);
  expect(page.querySelectorAll('.confirm')).toHaveLength(0);
  expect(texts(page, '.record')).toEqual(['3101012026000123 · 2小时 · 已确认']);
  page.querySelector('.records')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelectorAll('.record')).toHaveLength(0);
});

test('empty tabs; not staff: the error state with retry; more pages appended', async () => {
  mockList.mockResolvedValueOnce({ items: [], next: null });
  const empty = renderPage(id);
  await settle();
  expect(childText(empty, '#state', '.empty-text')).toBe('没有进行中的活动');

  mockList.mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'activity.staff_only' }));
  const page = renderPage(id, { tab: 'confirm' });
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('只有社区工作人员可以操作');
  mockList.mockResolvedValueOnce({ items: [summary(1, { status: 'ended' })], next: 'cur' });
  page.querySelector('#state')!.dispatchEvent('retry');
  await settle();
  mockList.mockResolvedValueOnce({ items: [summary(2, { status: 'ended' })], next: null });
  page.instance.onReachBottom();
  await settle();
  expect(mockList).toHaveBeenLastCalledWith({ communityId: 'c1', status: 'ended', after: 'cur', limit: 20 });
  expect(texts(page, '.c-title')).toEqual(['活动1', '活动2']);
});
