import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockDue = jest.fn();
const mockNavigate = jest.fn();
jest.mock('../../../../miniprogram/services/charity', () => ({ disclosuresDue: (i: unknown) => mockDue(i) }));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  navigateTo: (u: string) => mockNavigate(u),
}));

const id = load('pages/staff/disclosures/index', 'disclosures-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}

beforeEach(() => jest.clearAllMocks());

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
