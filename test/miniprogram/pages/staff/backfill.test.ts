import { AppError } from '../../../../miniprogram/services/errors';
import { END, START, summary } from '../../fixtures/activity';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockList = jest.fn();
const mockRoster = jest.fn();
const mockRequest = jest.fn();
const mockNavigate = jest.fn();
jest.mock('../../../../miniprogram/services/activity', () => ({
  listActivities: (i: unknown) => mockList(i),
  roster: (i: unknown) => mockRoster(i),
  requestBackfill: (i: unknown, o: unknown) => mockRequest(i, o),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'staff-a', roles: [{ role: 'staff', communityId: 'c1' }], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), navigateTo: (u: string) => mockNavigate(u) }));

const id = load('pages/staff/backfill/index', 'backfill-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
function type(page: any, sel: string, value: string) {
  page.querySelector(sel)!.dispatchEvent('input', { detail: { value } });
}
const texts = (page: any, sel: string) => page.querySelectorAll(sel).map((n: any) => n.dom.textContent.trim());
const entry = (over: Record<string, unknown> = {}) => ({
  volunteerNo: '3101012026000123',
  maskedName: '刘某',
  openid: 'o-liu',
  signup: 'confirmed',
  attendance: null,
  checkedInAt: null,
  checkedOutAt: null,
  needsConfirmation: false,
  ...over,
});
const LENGTH_HOURS = (END - START) / 3_600_000;

beforeEach(() => {
  jest.clearAllMocks();
  mockList.mockResolvedValue({ items: [summary(1, { status: 'ended', title: '陪伴独居老人' })], next: null });
  mockRoster.mockResolvedValue({ items: [entry(), entry({ openid: 'o-wang', maskedName: '王某', attendance: 'confirmed', checkedInAt: START, checkedOutAt: END })], next: null });
});

async function toForm(page: any) {
  await settle();
  page.querySelector('.activity')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.choose')!.dispatchEvent('tap');
  await settle();
}

test('activity, then the person, then the form; the request is sent and the page says a second approver is needed', async () => {
  mockRequest.mockResolvedValue({ backfillId: 'bf_1', status: 'requested' });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockList).toHaveBeenCalledWith({ communityId: 'c1', status: 'ended', after: undefined, limit: 20 });
  expect(text(page, '.activity')).toMatch(/^陪伴独居老人（/);
  page.querySelector('.activity')!.dispatchEvent('tap');
  await settle();
  expect(mockRoster).toHaveBeenCalledWith({ activityId: 'act-0001', after: undefined, limit: 50 });
  // Someone with a confirmed attendance already has a record: no button, a hint instead.
  expect(texts(page, '.p-name')).toEqual(['刘某（3101012026000123）', '王某（3101012026000123）']);
  expect(page.querySelectorAll('.choose')).toHaveLength(1);
  expect(text(page, '.p-has-record')).toBe('已有服务记录，时长不对请让本人申请更正');
  page.querySelector('.choose')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.f-who')).toBe('为 刘某（3101012026000123）补录');
  // The form opens with the whole activity's length.
  expect(page.instance.data.form.hours).toBe(String(LENGTH_HOURS));
  type(page, '.f-hours', '1.5');
  type(page, '.f-evidence', '纸质签到表照片，队长王某签字');
  type(page, '.f-note', '老人不用智能手机');
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockRequest).toHaveBeenCalledWith(
    { activityId: 'act-0001', openid: 'o-liu', minutes: 90, evidence: '纸质签到表照片，队长王某签字', note: '老人不用智能手机' },
    { requestId: undefined },
  );
  expect(text(page, '.d-title')).toBe('已提交补录申请');
  expect(text(page, '.d-text')).toContain('需要另一位工作人员');
  page.querySelector('.to-review')!.dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/staff/review/index?tab=backfills');
  page.querySelector('.another')!.dispatchEvent('tap');
  await settle();
  expect(mockRoster).toHaveBeenCalledTimes(2);
  expect(page.querySelectorAll('.choose')).toHaveLength(1);
});

test('the form is checked on the phone: hours within the activity, evidence and a note; nothing is sent until it passes', async () => {
  const page = renderPage(id);
  await toForm(page);
  type(page, '.f-hours', String(LENGTH_HOURS + 1));
  type(page, '.f-evidence', '签到表');
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockRequest).not.toHaveBeenCalled();
  expect(text(page, '.e-minutes')).toMatch(/^不能超过活动时长/);
  expect(text(page, '.e-evidence')).toBe('请写明证明材料（至少10个字），例如：纸质签到表照片，队长签字');
  expect(text(page, '.e-note')).toBe('请写一句为什么要补录');
  expect(text(page, '.submit-error')).toBe('请按提示修改后再提交');
  type(page, '.f-hours', 'abc');
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.e-minutes')).toBe('请填写补录的小时数，例如 2.5');
});

test('a refusal is shown in words; a lost answer is retried with the same requestId', async () => {
  mockRequest.mockRejectedValueOnce(new AppError('already-exists', 'x', { reason: 'record.exists' }));
  const page = renderPage(id);
  await toForm(page);
  type(page, '.f-evidence', '纸质签到表照片，队长王某签字');
  type(page, '.f-note', '老人不用智能手机');
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.submit-error')).toBe('此人在这次活动已有服务记录，请走更正流程');

  mockRequest.mockRejectedValueOnce(new AppError('internal', 'x', undefined, true, 'req-77'));
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelectorAll('.done')).toHaveLength(0);
  mockRequest.mockResolvedValueOnce({ backfillId: 'bf_1', status: 'requested' });
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockRequest).toHaveBeenLastCalledWith(expect.objectContaining({ openid: 'o-liu' }), { requestId: 'req-77' });
  expect(text(page, '.d-title')).toBe('已提交补录申请');
});

test('closed activities; going back; empty lists; an error with retry', async () => {
  const page = renderPage(id);
  await settle();
  mockList.mockResolvedValueOnce({ items: [], next: null });
  page.querySelectorAll('.status')[1].dispatchEvent('tap');
  await settle();
  expect(mockList).toHaveBeenLastCalledWith({ communityId: 'c1', status: 'closed', after: undefined, limit: 20 });
  expect(childText(page, '#state', '.empty-text')).toBe('没有可以补录的活动');
  page.querySelectorAll('.status')[0].dispatchEvent('tap');
  await settle();
  page.querySelector('.activity')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.choose')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.back')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelectorAll('.choose')).toHaveLength(1);
  page.querySelector('.back')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelectorAll('.activity')).toHaveLength(1);

  mockList.mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'activity.staff_only' }));
  const denied = renderPage(id);
  await settle();
  expect(childText(denied, '#state', '.error-message')).toBe('只有社区工作人员可以操作');
  denied.querySelector('#state')!.dispatchEvent('retry');
  await settle();
  expect(denied.querySelectorAll('.activity')).toHaveLength(1);
});
