import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { activity } from '../../fixtures/activity';

const mockGet = jest.fn();
const mockSignUp = jest.fn();
const mockCancel = jest.fn();
const mockSubscribe = jest.fn();
const mockToast = jest.fn();
jest.mock('../../../../miniprogram/services/activity', () => ({
  getActivity: (id: string) => mockGet(id),
  signUp: (id: string) => mockSignUp(id),
  cancelSignUp: (id: string) => mockCancel(id),
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  requestSubscribe: (ids: string[]) => mockSubscribe(ids),
  toast: (t: string) => mockToast(t),
  navigateTo: (u: string) => mockNavigate(u),
}));
const mockRoles = jest.fn(() => [] as Array<{ role: string; communityId: string }>);
const mockNavigate = jest.fn();
jest.mock('../../../../miniprogram/services/session', () => ({
  ...jest.requireActual('../../../../miniprogram/services/session'),
  roles: () => mockRoles(),
}));

const id = load('pages/volunteer/activity/index', 'activity-page');

beforeEach(() => {
  jest.clearAllMocks();
  jest.useFakeTimers({ now: Date.UTC(2026, 11, 2, 4, 0), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout'] });
  mockSubscribe.mockResolvedValue([]);
  mockRoles.mockReturnValue([]);
});
afterEach(() => jest.useRealTimers());

test('loading, then time, place, risks and eligibility of the activity', async () => {
  let resolve!: (v: unknown) => void;
  mockGet.mockReturnValue(new Promise((r) => (resolve = r)));
  const page = renderPage(id, { activityId: 'act-0001' });
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  resolve(activity({ risks: '需搬运重物，注意腰部' }));
  await flush();
  expect(mockGet).toHaveBeenCalledWith('act-0001');
  expect(text(page, '.a-title')).toBe('陪伴独居老人');
  expect(text(page, '.a-time')).toBe('时间：12月10日（周四）09:00–11:00');
  expect(text(page, '.a-risks')).toBe('需搬运重物，注意腰部');
  expect(page.querySelectorAll('.a-eligibility').map((n: any) => n.dom.textContent)).toEqual(['· 年满18周岁', '· 有风险的服务：需有覆盖活动全程的志愿者保险']);
  expect(text(page, '.a-places')).toBe('共10个名额，还剩7个');
});

test('sign up: subscription asked from the tap, then the confirmed state', async () => {
  mockGet.mockResolvedValueOnce(activity()).mockResolvedValueOnce(activity({ mySignup: 'confirmed', signedUp: 4 }));
  mockSignUp.mockResolvedValue({ activityId: 'act-0001', status: 'confirmed', waitlistPosition: null });
  const page = renderPage(id, { activityId: 'act-0001' });
  await flush();
  page.querySelector('.sign-up')!.dispatchEvent('tap');
  await flush();
  await flush();
  expect(mockSubscribe).toHaveBeenCalledTimes(1);
  expect(mockSignUp).toHaveBeenCalledWith('act-0001');
  expect(mockToast).toHaveBeenCalledWith('报名成功');
  expect(text(page, '.signup-text')).toBe('您已报名成功');
  expect(page.querySelector('.sign-up')).toBeUndefined();
  expect(page.querySelector('.cancel')).toBeDefined();
});

test('a full activity puts the volunteer on the waitlist and says at which place', async () => {
  mockGet.mockResolvedValueOnce(activity({ signedUp: 10 })).mockResolvedValueOnce(activity({ signedUp: 10, waitlisted: 3, mySignup: 'waitlisted' }));
  mockSignUp.mockResolvedValue({ activityId: 'act-0001', status: 'waitlisted', waitlistPosition: 3 });
  const page = renderPage(id, { activityId: 'act-0001' });
  await flush();
  expect(text(page, '.a-places')).toBe('名额已满，还可候补5人');
  page.querySelector('.sign-up')!.dispatchEvent('tap');
  await flush();
  await flush();
  expect(text(page, '.signup-text')).toBe('您在候补名单第3位，有人取消时会自动补上');
});

test('a refused sign-up explains why and keeps the button', async () => {
  mockGet.mockResolvedValue(activity());
  mockSignUp.mockRejectedValue(new AppError('failed-precondition', 'x', { reason: 'volunteer.not_verified' }));
  const page = renderPage(id, { activityId: 'act-0001' });
  await flush();
  page.querySelector('.sign-up')!.dispatchEvent('tap');
  await flush();
  await flush();
  expect(text(page, '.action-error')).toBe('您的志愿者注册还在审核中，通过后才能报名');
  expect(page.querySelector('.sign-up')).toBeDefined();
});

test('cancel asks once more inline; "不取消" keeps the sign-up, "确定取消" cancels', async () => {
  mockGet.mockResolvedValueOnce(activity({ mySignup: 'confirmed' })).mockResolvedValueOnce(activity({ mySignup: 'cancelled' }));
  mockCancel.mockResolvedValue({ signup: { activityId: 'act-0001', status: 'cancelled', waitlistPosition: null }, promoted: 1 });
  const page = renderPage(id, { activityId: 'act-0001' });
  await flush();
  page.querySelector('.cancel')!.dispatchEvent('tap');
  await flush();
  page.querySelector('.confirm-cancel-no')!.dispatchEvent('tap');
  await flush();
  expect(mockCancel).not.toHaveBeenCalled();
  page.querySelector('.cancel')!.dispatchEvent('tap');
  await flush();
  page.querySelector('.confirm-cancel-yes')!.dispatchEvent('tap');
  await flush();
  await flush();
  expect(mockCancel).toHaveBeenCalledWith('act-0001');
  expect(page.querySelector('.sign-up')).toBeDefined();
});

test('an activity that has started cannot be signed up for', async () => {
  mockGet.mockResolvedValue(activity({ startAt: Date.UTC(2026, 11, 2, 3, 0), endAt: Date.UTC(2026, 11, 2, 6, 0) }));
  const page = renderPage(id, { activityId: 'act-0001' });
  await flush();
  expect(text(page, '.a-status')).toBe('进行中');
  expect(page.querySelector('.sign-up')).toBeUndefined();
});

test('not found: a clear message', async () => {
  mockGet.mockRejectedValue(new AppError('not-found', 'x'));
  const page = renderPage(id, { activityId: 'act-9999' });
  await flush();
  expect(childText(page, '#state', '.error-message')).toBe('没有找到相关内容，可能已被删除');
});

test('a leader of the community also gets the code and roster buttons', async () => {
  mockRoles.mockReturnValue([{ role: 'leader', communityId: 'c1' }]);
  mockGet.mockResolvedValue(activity());
  const page = renderPage(id, { activityId: 'act-0001' });
  await flush();
  page.querySelector('.roster')!.dispatchEvent('tap');
  page.querySelector('.show-code')!.dispatchEvent('tap');
  await flush();
  expect(mockNavigate.mock.calls).toEqual([['/pages/volunteer/roster/index?activityId=act-0001'], ['/pages/volunteer/leader-code/index?activityId=act-0001']]);
});

test('a volunteer (or a leader of another community) does not', async () => {
  mockRoles.mockReturnValue([{ role: 'leader', communityId: 'c9' }]);
  mockGet.mockResolvedValue(activity());
  const page = renderPage(id, { activityId: 'act-0001' });
  await flush();
  expect(page.querySelector('.lead')).toBeUndefined();
});
