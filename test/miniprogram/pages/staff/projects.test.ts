import { AppError } from '../../../../miniprogram/services/errors';
import { project } from '../../fixtures/charity';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockList = jest.fn();
const mockRegister = jest.fn();
const mockReport = jest.fn();
jest.mock('../../../../miniprogram/services/charity', () => ({
  listProjects: (c: string) => mockList(c),
  registerProject: (i: unknown, o: unknown) => mockRegister(i, o),
  reportProject: (i: unknown) => mockReport(i),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), toast: jest.fn() }));

const id = load('pages/staff/projects/index', 'projects-page');
async function settle() {
  for (let i = 0; i < 6; i++) await flush();
}
function type(page: any, sel: string, value: string) {
  page.querySelector(sel)!.dispatchEvent('input', { detail: { value } });
}
const texts = (page: any, sel: string) => page.querySelectorAll(sel).map((n: any) => n.dom.textContent.trim());

beforeEach(() => jest.clearAllMocks());

test('loading, then the projects: a late report is marked; a short project needs none; reports newest first', async () => {
  mockList.mockResolvedValue({
    items: [
      project({ nextReportOn: '2020-01-01', reports: [{ on: '2026-04-01', summary: '第一季度送餐1200份' }, { on: '2026-07-01', summary: '第二季度送餐1500份' }] }),
      project({ id: 'pj_2', name: '冬季送温暖', startOn: '2026-12-01', endOn: '2027-01-31', long: false, nextReportOn: null }),
    ],
  });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockList).toHaveBeenCalledWith('c1');
  expect(texts(page, '.p-name')).toEqual(['银龄助餐', '冬季送温暖']);
  expect(texts(page, '.p-period')[0]).toBe('2026年1月1日–2026年12月31日，长期项目，每三个月报告进展');
  expect(texts(page, '.p-due')).toEqual(['下次进展报告：2020年1月1日前（已逾期）', '不超过六个月，结束后公开即可']);
  expect(page.querySelectorAll('.late')).toHaveLength(1);
  expect(texts(page, '.p-report')).toEqual(['2026年7月1日：第二季度送餐1500份', '2026年4月1日：第一季度送餐1200份']);
});

test('report progress inline: an empty report is not sent; the row shows the new due day', async () => {
  mockList.mockResolvedValue({ items: [project({ nextReportOn: '2020-01-01' })] });
  mockReport.mockResolvedValue(project({ lastReportOn: '2026-12-02', nextReportOn: '2099-03-02', reports: [{ on: '2026-12-02', summary: '送餐300份' }] }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.report')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.report-submit')!.dispatchEvent('tap');
  await settle();
  expect(mockReport).not.toHaveBeenCalled();
  expect(text(page, '.p-error')).toBe('请写几句这段时间的进展');
  type(page, '.f-summary', '送餐300份');
  await settle();
  page.querySelector('.report-submit')!.dispatchEvent('tap');
  await settle();
  expect(mockReport).toHaveBeenCalledWith({ projectId: 'pj_1', summary: '送餐300份' });
  expect(text(page, '.p-due')).toBe('下次进展报告：2099年3月2日前');
  expect(texts(page, '.p-report')).toEqual(['2026年12月2日：送餐300份']);
  expect(page.querySelector('.f-summary')).toBeUndefined();
});

test('register a project: the days are checked, then it is appended', async () => {
  mockList.mockResolvedValue({ items: [] });
  mockRegister.mockResolvedValue(project({ id: 'pj_9', name: '儿童课后托管' }));
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.empty-text')).toBe('还没有登记公益项目');
  page.querySelector('.open-form')!.dispatchEvent('tap');
  await settle();
  type(page, '.f-start', '2026-13-01');
  type(page, '.f-end', '2026-01-01');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.e-name')).toBe('请填写项目名称');
  expect(text(page, '.e-start')).toBe('请按 2026-12-01 的格式填写开始日期');
  type(page, '.f-name', '儿童课后托管');
  type(page, '.f-start', '2026-02-01');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.e-end')).toBe('结束日期不能早于开始日期');
  type(page, '.f-end', '2026-12-31');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockRegister).toHaveBeenCalledWith({ communityId: 'c1', name: '儿童课后托管', startOn: '2026-02-01', endOn: '2026-12-31' }, { requestId: undefined });
  expect(texts(page, '.p-name')).toEqual(['儿童课后托管']);
  expect(page.querySelector('.form')).toBeUndefined();
});

test('not staff: the error state, and a retry', async () => {
  mockList.mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'role.missing' })).mockResolvedValueOnce({ items: [project()] });
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('您还没有这个身份，请先联系社区工作人员开通');
  page.querySelector('#state')!.querySelector('.retry')!.dispatchEvent('tap');
  await settle();
  expect(texts(page, '.p-name')).toEqual(['银龄助餐']);
});
