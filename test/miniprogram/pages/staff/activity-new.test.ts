import { AppError } from '../../../../miniprogram/services/errors';
import { PlatformError } from '../../../../miniprogram/services/platform';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { activity } from '../../fixtures/activity';

const mockCreate = jest.fn();
const mockPublish = jest.fn();
const mockLocation = jest.fn();
const mockCommunity = jest.fn<string | undefined, [string]>();
jest.mock('../../../../miniprogram/services/activity', () => ({
  createActivity: (i: unknown) => mockCreate(i),
  publishActivity: (id: string) => mockPublish(id),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: (r: string) => mockCommunity(r),
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  getLocation: () => mockLocation(),
  navigateTo: jest.fn(),
}));
jest.mock('../../../../miniprogram/services/privacy', () => ({ onPrivacyRequest: () => () => {}, agreePrivacy: jest.fn(), declinePrivacy: jest.fn(), openPrivacyContract: jest.fn() }));

const id = load('pages/staff/activity-new/index', 'activity-new-page');
const NOW = Date.UTC(2026, 11, 2, 4, 0);
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
function type(page: any, sel: string, value: string) {
  page.querySelector(sel)!.dispatchEvent('input', { detail: { value } });
}
async function fill(page: any) {
  type(page, '.f-title', '冬季清扫积雪');
  type(page, '.f-content', '清扫小区主干道积雪');
  type(page, '.f-risks', '路面湿滑，注意防滑');
  type(page, '.f-place', '幸福里北门');
  type(page, '.f-day', '2026-12-10');
  type(page, '.f-start', '09:00');
  type(page, '.f-end', '11:30');
  type(page, '.f-capacity', '12');
  type(page, '.f-unit', '幸福里社区居委会');
  type(page, '.f-leader', '张队长');
  await settle();
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  mockCommunity.mockImplementation((r) => (r === 'staff' ? 'c1' : undefined));
  mockLocation.mockResolvedValue({ lat: 31.23, lng: 121.47, accuracy: 12 });
});
afterEach(() => jest.restoreAllMocks());

test('fill, take the place from here, save and publish', async () => {
  mockCreate.mockResolvedValue(activity({ activityId: 'act-new1', status: 'draft' }));
  mockPublish.mockResolvedValue(activity({ activityId: 'act-new1' }));
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  await fill(page);
  page.querySelector('.here')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.place-text')).toBe('已记录位置（精度约12米），签到范围200米');
  page.querySelector('.insurance')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockCreate).toHaveBeenCalledWith({
    communityId: 'c1',
    title: '冬季清扫积雪',
    content: '清扫小区主干道积雪',
    category: 'elderly-care',
    risks: '路面湿滑，注意防滑',
    place: { name: '幸福里北门', lat: 31.23, lng: 121.47, radiusM: 200 },
    startAt: Date.UTC(2026, 11, 10, 1, 0),
    endAt: Date.UTC(2026, 11, 10, 3, 30),
    capacity: 12,
    eligibility: { minAge: 14, trainings: [], insuranceRequired: true, teamOnly: false },
    organizingUnit: '幸福里社区居委会',
    leaderName: '张队长',
  });
  expect(mockPublish).toHaveBeenCalledWith('act-new1');
  expect(text(page, '.done .title')).toBe('活动已发布');
});

test('checked on the phone: place from here, times, capacity', async () => {
  const page = renderPage(id);
  await settle();
  await fill(page);
  type(page, '.f-end', '08:00');
  type(page, '.f-capacity', '0');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.e-place')).toContain('使用我现在的位置');
  expect(text(page, '.e-end')).toBe('结束时间需要晚于开始时间');
  expect(text(page, '.e-capacity')).toBe('请填写1到1000之间的人数');
  expect(mockCreate).not.toHaveBeenCalled();
});

test('a failed publish after a created draft does not create a second one on retry', async () => {
  mockCreate.mockResolvedValue(activity({ activityId: 'act-new2', status: 'draft' }));
  mockPublish.mockRejectedValueOnce(new AppError('internal', 'x', { reason: 'client.network' }, true)).mockResolvedValueOnce(activity());
  mockLocation.mockRejectedValueOnce(new PlatformError('denied', 'auth deny')).mockResolvedValueOnce({ lat: 31, lng: 121, accuracy: 5 });
  const page = renderPage(id);
  await settle();
  await fill(page);
  page.querySelector('.here')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.e-place')).toBe('没有位置权限：请允许后再点一次');
  page.querySelector('.here')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.submit-error')).toBe('网络不太好，请检查网络后重试');
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockCreate).toHaveBeenCalledTimes(1);
  expect(mockPublish).toHaveBeenCalledTimes(2);
  expect(text(page, '.done .title')).toBe('活动已发布');
});

test('not staff: the page says who may publish', async () => {
  mockCommunity.mockReturnValue(undefined);
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('只有社区工作人员和社工可以发布活动');
});
