import { AppError } from '../../../../miniprogram/services/errors';
import { fund } from '../../fixtures/charity';
import { NOW } from '../../fixtures/wish';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockFigures = jest.fn();
const mockDisclosure = jest.fn();
const mockFunds = jest.fn();
const mockDue = jest.fn();
const mockNavigate = jest.fn();
jest.mock('../../../../miniprogram/services/activity', () => ({ activityFigures: (i: unknown) => mockFigures(i) }));
jest.mock('../../../../miniprogram/services/wish', () => ({ wishDisclosure: (i: unknown) => mockDisclosure(i) }));
jest.mock('../../../../miniprogram/services/charity', () => ({ listFunds: (i: unknown) => mockFunds(i), disclosuresDue: (i: unknown) => mockDue(i) }));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [{ role: 'staff', communityId: 'c1' }], createdAt: 1 }),
  activeRole: () => 'social-worker',
  communityFor: (r: string) => (r === 'social-worker' ? 'c1' : 'elsewhere'),
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), navigateTo: (u: string) => mockNavigate(u) }));

const id = load('pages/staff/figures/index', 'figures-page');
async function settle() {
  for (let i = 0; i < 6; i++) await flush();
}
const texts = (page: any, sel: string) => page.querySelectorAll(sel).map((n: any) => n.dom.textContent.trim());
const figures = (over: Record<string, unknown> = {}) => ({
  communityId: 'c1',
  month: '2026-12',
  verifiedVolunteers: 42,
  activities: 5,
  serviceRecords: 31,
  serviceMinutes: 5430,
  pendingVolunteers: 2,
  submittedActivities: 0,
  openCorrections: 1,
  pendingBackfills: 3,
  ...over,
});
const wishFigures = { posted: 12, verified: 10, claimed: 8, fulfilled: 6, expired: 0, averageDaysToFulfil: 4.25 };
const due = { today: '2026-12-02', entries: [{ entryId: 'e1', direction: 'received', label: '周某', item: '大米', on: '2026-11-20', dueOn: '2026-12-20', overdue: false }], projects: [] };

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  mockFigures.mockResolvedValue(figures());
  mockDisclosure.mockResolvedValue({ communityId: 'c1', month: '2026-12', figures: wishFigures, fulfilled: [] });
  mockFunds.mockResolvedValue({ items: [fund({ balanceFen: 380_000, pendingFen: 20_000 })] });
  mockDue.mockResolvedValue(due);
});
afterEach(() => jest.restoreAllMocks());

test('loading, then the month’s volunteering, the queues with their counts, the wishes and the funds', async () => {
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockFigures).toHaveBeenCalledWith({ communityId: 'c1', month: '2026-12' });
  expect(mockDisclosure).toHaveBeenCalledWith({ communityId: 'c1', month: '2026-12' });
  expect(mockFunds).toHaveBeenCalledWith({ communityId: 'c1' });
  expect(mockDue).toHaveBeenCalledWith({ communityId: 'c1' });
  expect(text(page, '.month')).toBe('2026年12月');
  expect(texts(page, '.volunteering')).toEqual(['开展的志愿活动5场', '确认的服务记录31人次', '确认的服务时长90.5小时', '在册志愿者（已审核）42人']);
  expect(texts(page, '.queue')).toEqual(['志愿者注册待审核：2项', '活动待发布：0项', '时长更正待处理：1项', '补录待第二人审批：3项', '待公开事项：1项']);
  // Only the queues with something waiting stand out.
  expect(page.querySelectorAll('.queue-waiting')).toHaveLength(4);
  expect(texts(page, '.wish .f-value')).toEqual(['12个', '8个', '6个', '4.3天']);
  expect(text(page, '.f-fund')).toBe('余额¥3800.00，待审批支出¥200.00');
});

test('each queue opens its review tab; the fund and the public page open too', async () => {
  const page = renderPage(id);
  await settle();
  const queues = page.querySelectorAll('.queue');
  queues[2].dispatchEvent('tap');
  queues[4].dispatchEvent('tap');
  page.querySelector('.go-fund')!.dispatchEvent('tap');
  page.querySelector('.public')!.dispatchEvent('tap');
  await settle();
  expect(mockNavigate.mock.calls.map((c) => c[0])).toEqual([
    '/pages/staff/review/index?tab=corrections',
    '/pages/staff/disclosures/index',
    '/pages/staff/fund/index',
    '/pages/resident/community/index',
  ]);
});

test('the previous month is read again; the funds are the current ones', async () => {
  const page = renderPage(id);
  await settle();
  mockFigures.mockResolvedValue(figures({ month: '2026-11', activities: 0, serviceRecords: 0, serviceMinutes: 0 }));
  page.querySelector('.prev')!.dispatchEvent('tap');
  await settle();
  expect(mockFigures).toHaveBeenLastCalledWith({ communityId: 'c1', month: '2026-11' });
  expect(mockDisclosure).toHaveBeenLastCalledWith({ communityId: 'c1', month: '2026-11' });
  expect(text(page, '.month')).toBe('2026年11月');
  expect(texts(page, '.volunteering')[2]).toBe('确认的服务时长0分钟');
  expect(texts(page, '.section-title')).toContain('公益基金（当前）');
  page.querySelector('.this-month')!.dispatchEvent('tap');
  await settle();
  expect(mockFigures).toHaveBeenLastCalledWith({ communityId: 'c1', month: '2026-12' });
});

test('a failing side source shows on its own card; the rest stands', async () => {
  mockDisclosure.mockRejectedValue(new AppError('internal', 'x'));
  mockFunds.mockResolvedValue({ items: [] });
  mockDue.mockRejectedValue(new AppError('internal', 'x'));
  const page = renderPage(id);
  await settle();
  expect(texts(page, '.volunteering')).toHaveLength(4);
  expect(text(page, '.wish-error')).toBe('系统开小差了，请稍后再试');
  expect(page.querySelectorAll('.wish')).toHaveLength(0);
  expect(text(page, '.no-fund')).toBe('社区还没有设立公益基金');
  expect(page.querySelectorAll('.go-fund')).toHaveLength(0);
  // Without the disclosures the queue of them is left out, and the card says why.
  expect(texts(page, '.queue')).toHaveLength(4);
  expect(text(page, '.due-error')).toMatch(/^待公开事项暂时读不到：/);
});

test('not staff: the refusal is the error state, and a retry asks again', async () => {
  mockFigures.mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'activity.staff_only' }));
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('只有社区工作人员可以操作');
  page.querySelector('#state')!.dispatchEvent('retry');
  await settle();
  expect(mockFigures).toHaveBeenCalledTimes(2);
  expect(texts(page, '.volunteering')).toHaveLength(4);
});
