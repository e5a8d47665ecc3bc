import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockRecords = jest.fn();
const mockCorrect = jest.fn();
jest.mock('../../../../miniprogram/services/activity', () => ({
  myRecords: (i: unknown) => mockRecords(i),
  requestCorrection: (i: unknown) => mockCorrect(i),
}));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), toast: jest.fn() }));

const id = load('pages/volunteer/records/index', 'records-page');
const rec = (n: number, over: Record<string, unknown> = {}) => ({
  recordId: `r${n}`,
  volunteerNo: 'V1',
  activityId: 'act-0001',
  activityTitle: `活动${n}`,
  category: 'elderly-care',
  date: '2026-11-20',
  place: '服务站',
  content: '陪伴',
  minutes: 120,
  organizingUnit: '居委会',
  leaderName: '张',
  policyVersion: 'exact@1',
  status: 'confirmed',
  revision: 0,
  source: 'attendance',
  rating: null,
  ratedOn: null,
  dueOn: '2026-12-04',
  overdue: false,
  confirmedAt: 1,
  ...over,
});
async function settle() {
  for (let i = 0; i < 4; i++) await flush();
}

beforeEach(() => jest.clearAllMocks());

test('loading, then each record with hours and status; drafts show their deadline', async () => {
  mockRecords.mockResolvedValue({ items: [rec(1), rec(2, { status: 'draft', overdue: true })], next: null });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(page.querySelectorAll('.rec-hours').map((n: any) => n.dom.textContent)).toEqual(['2小时', '2小时']);
  expect(page.querySelectorAll('.rec-status').map((n: any) => n.dom.textContent)).toEqual(['已记录', '待确认']);
  expect(text(page, '.overdue')).toBe('应在2026年12月4日前确认（已超期，可联系社区）');
  expect(page.querySelectorAll('.correct')).toHaveLength(1);
});

test('a correction request: hours and a reason, checked on the phone, then sent', async () => {
  mockRecords.mockResolvedValue({ items: [rec(1)], next: null });
  mockCorrect.mockResolvedValue({});
  const page = renderPage(id);
  await settle();
  page.querySelector('.correct')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.c-minutes')!.dispatchEvent('input', { detail: { value: '2.5' } });
  await settle();
  page.querySelector('.send')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.c-error')).toBe('请写一下原因，例如“签退时手机没电”');
  page.querySelector('.c-note')!.dispatchEvent('input', { detail: { value: '签退时手机没电' } });
  await settle();
  page.querySelector('.send')!.dispatchEvent('tap');
  await settle();
  expect(mockCorrect).toHaveBeenCalledWith({ recordId: 'r1', minutes: 150, note: '签退时手机没电' });
  expect(text(page, '.requested')).toBe('已申请更正，等待处理');
});

test('more records are appended by path; empty and error states', async () => {
  mockRecords.mockResolvedValueOnce({ items: [rec(1)], next: 'n' }).mockResolvedValueOnce({ items: [rec(2)], next: null });
  const page = renderPage(id);
  await settle();
  const setData = jest.spyOn(page.instance as any, 'setData');
  await (page.instance as any).onReachBottom();
  expect(mockRecords).toHaveBeenLastCalledWith({ after: 'n', limit: 20 });
  expect(setData.mock.calls.some((c) => 'rows[1]' in (c[0] as object) && !('rows' in (c[0] as object)))).toBe(true);

  mockRecords.mockResolvedValueOnce({ items: [], next: null }).mockRejectedValueOnce(new AppError('internal', 'x'));
  const empty = renderPage(id);
  await settle();
  expect(childText(empty, '#state', '.empty-text')).toContain('还没有服务记录');
  const failed = renderPage(id);
  await settle();
  expect(childText(failed, '#state', '.error-message')).toBe('系统开小差了，请稍后再试');
});
