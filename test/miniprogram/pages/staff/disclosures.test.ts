import { AppError, userMessage } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockDue = jest.fn();
const mockPublish = jest.fn();
const mockNavigate = jest.fn();
const mockSubscribe = jest.fn();
const mockToast = jest.fn();
let mockTemplates: string[] = [];
jest.mock('../../../../miniprogram/services/charity', () => ({ disclosuresDue: (i: unknown) => mockDue(i), publishDisclosures: (i: unknown) => mockPublish(i) }));
jest.mock('../../../../miniprogram/services/user', () => ({ subscribeTemplatesFor: (scene: string) => (scene === 'disclosuresDue' ? mockTemplates : []) }));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  navigateTo: (u: string) => mockNavigate(u),
  requestSubscribe: (ids: string[]) => mockSubscribe(ids),
  toast: (m: string) => mockToast(m),
}));

const id = load('pages/staff/disclosures/index', 'disclosures-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}

beforeEach(() => {
  jest.clearAllMocks();
  mockTemplates = [];
});
const texts = (page: any, sel: string) => page.querySelectorAll(sel).map((n: any) => n.dom.textContent.trim());
const receipt = (i: number, overdue = false) => ({ entryId: `e${i}`, direction: 'received', label: '周某', item: `物品${i}`, on: '2026-11-28', dueOn: '2026-12-05', overdue });

test('overdue first, with a count', async () => {
  mockDue.mockResolvedValue({
    today: '2026-12-02',
    entries: [
      { entryId: 'e1', direction: 'received', label: '周某', item: '大米', on: '2026-11-28', dueOn: '2026-12-05', overdue: false },
      { entryId: 'e2', direction: 'given', label: '困难家庭', item: '棉被', on: '2026-11-10', dueOn: '2026-11-24', overdue: true },
    ],
    projects: [{ projectId: 'p1', name: '冬季送温暖', dueOn: '2026-12-10', overdue: false }],
  });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockDue).toHaveBeenCalledWith({ communityId: 'c1' });
  expect(text(page, '.overdue-summary')).toBe('有1项已超期，请尽快公开');
  expect(page.querySelectorAll('.d-text').map((n: any) => n.dom.textContent)).toEqual(['发放：困难家庭 棉被（2026年11月10日）', '收到：周某 大米（2026年11月28日）', '项目：冬季送温暖']);
  page.querySelector('.figures')!.dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/resident/community/index');
});

test('nothing due: the empty state; and an error', async () => {
  mockDue.mockResolvedValueOnce({ today: '2026-12-02', entries: [], projects: [] }).mockRejectedValueOnce(new AppError('permission-denied', 'x'));
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.empty-text')).toBe('没有待公开的事项，都按时公开了');
  const page2 = renderPage(id);
  await settle();
  expect(childText(page2, '#state', '.error-message')).toBe('您没有权限进行此操作');
});

test('publish one receipt on its row; the counts follow; a project leads to its progress report', async () => {
  mockDue.mockResolvedValue({ today: '2026-12-02', entries: [receipt(1, true), receipt(2)], projects: [{ projectId: 'p1', name: '冬季送温暖', dueOn: '2026-12-10', overdue: false }] });
  mockPublish.mockResolvedValueOnce({ published: 1, alreadyPublished: 0 });
  const page = renderPage(id);
  await settle();
  expect(text(page, '.publish-all')).toBe('公开全部2条收支');
  expect(page.querySelectorAll('.publish')).toHaveLength(2);
  page.querySelectorAll('.publish')[0].dispatchEvent('tap');
  await settle();
  expect(mockPublish).toHaveBeenCalledWith({ communityId: 'c1', entryIds: ['e1'] });
  expect(texts(page, '.d-done')).toEqual(['已公开']);
  expect(page.querySelectorAll('.overdue-summary')).toHaveLength(0);
  expect(text(page, '.publish-all')).toBe('公开全部1条收支');
  page.querySelector('.report')!.dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/staff/projects/index');
});

test('a refused row keeps its button and says why', async () => {
  mockDue.mockResolvedValue({ today: '2026-12-02', entries: [receipt(1)], projects: [] });
  mockPublish.mockRejectedValueOnce(new AppError('permission-denied', 'x'));
  const page = renderPage(id);
  await settle();
  page.querySelector('.publish')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.d-error')).toBe('您没有权限进行此操作');
  expect(page.querySelectorAll('.publish')).toHaveLength(1);
});

test('publish all: in batches of 100 the contract accepts; a failed batch keeps what was published', async () => {
  const entries = Array.from({ length: 150 }, (_, i) => receipt(i + 1));
  mockDue.mockResolvedValue({ today: '2026-12-02', entries, projects: [] });
  mockPublish.mockResolvedValueOnce({ published: 100, alreadyPublished: 0 }).mockRejectedValueOnce(new AppError('internal', 'x'));
  const page = renderPage(id);
  await settle();
  page.querySelector('.publish-all')!.dispatchEvent('tap');
  await settle();
  expect(mockPublish.mock.calls.map((c) => c[0].entryIds.length)).toEqual([100, 50]);
  expect(page.querySelectorAll('.d-done')).toHaveLength(100);
  expect(text(page, '.publish-all')).toBe('公开全部50条收支');
  expect(text(page, '.all-error')).toBe(userMessage(new AppError('internal', 'x')));

  mockPublish.mockResolvedValueOnce({ published: 50, alreadyPublished: 0 });
  page.querySelector('.publish-all')!.dispatchEvent('tap');
  await settle();
  expect(mockPublish.mock.calls[2][0].entryIds).toEqual(entries.slice(100).map((e) => e.entryId));
  expect(page.querySelectorAll('.d-done')).toHaveLength(150);
  expect(page.querySelectorAll('.publish-all')).toHaveLength(0);
  expect(mockToast).toHaveBeenCalledWith('已公开50条');
});

test('the reminder subscription is offered only with a configured template, and asked from the tap', async () => {
  mockDue.mockResolvedValue({ today: '2026-12-02', entries: [], projects: [] });
  const without = renderPage(id);
  await settle();
  expect(without.querySelectorAll('.subscribe')).toHaveLength(0);

  mockTemplates = ['tpl-due'];
  mockSubscribe.mockResolvedValue(['tpl-due']);
  const page = renderPage(id);
  await settle();
  page.querySelector('.subscribe')!.dispatchEvent('tap');
  await settle();
  expect(mockSubscribe).toHaveBeenCalledWith(['tpl-due']);
  expect(mockToast).toHaveBeenCalledWith('已订阅到期提醒');
});
