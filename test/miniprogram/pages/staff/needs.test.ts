import { AppError } from '../../../../miniprogram/services/errors';
import { need } from '../../fixtures/charity';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockList = jest.fn();
const mockCreate = jest.fn();
const mockUpdate = jest.fn();
const mockClose = jest.fn();
const mockCancel = jest.fn();
jest.mock('../../../../miniprogram/services/charity', () => ({
  listNeeds: (i: unknown) => mockList(i),
  createNeed: (i: unknown, o: unknown) => mockCreate(i, o),
  updateNeed: (i: unknown, o: unknown) => mockUpdate(i, o),
  closeNeed: (i: unknown) => mockClose(i),
  cancelNeed: (i: unknown) => mockCancel(i),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), toast: jest.fn() }));

const id = load('pages/staff/needs/index', 'needs-page');
async function settle() {
  for (let i = 0; i < 6; i++) await flush();
}
function type(page: any, sel: string, value: string) {
  page.querySelector(sel)!.dispatchEvent('input', { detail: { value } });
}
function tap(page: any, sel: string, i = 0) {
  page.querySelectorAll(sel)[i].dispatchEvent('tap');
}
const texts = (page: any, sel: string) => page.querySelectorAll(sel).map((n: any) => n.dom.textContent.trim());

beforeEach(() => jest.clearAllMocks());

test('loading, then the open needs with what is matched; more pages are appended', async () => {
  mockList
    .mockResolvedValueOnce({ items: [need(), need({ id: 'need_2', category: 'money', item: '善款', quantity: 200000, unit: 'fen', urgency: 'normal', purpose: 'education', allocatedQuantity: 50000, deliveredQuantity: 0 })], next: 'cur1' })
    .mockResolvedValueOnce({ items: [need({ id: 'need_3', category: 'service', item: '维修', unit: 'hour', quantity: 6, skill: 'repair' })], next: null });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockList).toHaveBeenCalledWith({ communityId: 'c1', status: 'open', after: undefined, limit: 20 });
  expect(texts(page, '.n-title')).toEqual(['棉被', '资金：善款']);
  expect(texts(page, '.n-amount')).toEqual(['10床', '¥2000.00']);
  expect(texts(page, '.n-line')).toEqual(expect.arrayContaining(['老年人 · 较急 · 2026年12月31日前', '用途：助学', '已匹配 ¥500.00，已送达 ¥0.00']));
  // A need with something matched can be closed but no longer cancelled.
  expect(page.querySelectorAll('.cancel')).toHaveLength(1);
  (page.instance as any).onReachBottom();
  await settle();
  expect(mockList).toHaveBeenLastCalledWith({ communityId: 'c1', status: 'open', after: 'cur1', limit: 20 });
  expect(texts(page, '.n-title')).toEqual(['棉被', '资金：善款', '服务：维修']);
  expect(texts(page, '.n-amount')[2]).toBe('6小时');
});

test('post a need: the form says what is missing, then sends the contract input and reloads the open list', async () => {
  mockList.mockResolvedValue({ items: [], next: null });
  mockCreate.mockResolvedValue(need());
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.empty-text')).toBe('没有这类需求');
  tap(page, '.new-need');
  await settle();
  tap(page, '.submit');
  await settle();
  expect(text(page, '.e-item')).toBe('请填写需要什么，例如“棉被”');
  expect(text(page, '.e-quantity')).toBe('请填写数量（整数）');
  expect(mockCreate).not.toHaveBeenCalled();
  tap(page, '.category', 2); // 被褥
  type(page, '.f-item', '棉被');
  type(page, '.f-quantity', '10');
  type(page, '.f-unit', '床');
  tap(page, '.urgency', 3); // 紧急
  tap(page, '.within', 0); // 一周内
  await settle();
  tap(page, '.submit');
  await settle();
  const input = mockCreate.mock.calls[0][0];
  expect(input).toMatchObject({ communityId: 'c1', need: { category: 'bedding', item: '棉被', quantity: 10, unit: '床', urgency: 'critical', beneficiaryGroup: 'elderly' } });
  expect(input.need.deadlineOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(page.querySelector('.form')).toBeUndefined();
  expect(mockList).toHaveBeenCalledTimes(2);
});

test('a money need is typed in yuan and sent in fen with its purpose; a refusal is shown and the retry keeps its requestId', async () => {
  mockList.mockResolvedValue({ items: [], next: null });
  mockCreate.mockRejectedValueOnce(new AppError('internal', 'lost', undefined, true, 'req-1')).mockResolvedValueOnce(need());
  const page = renderPage(id);
  await settle();
  tap(page, '.new-need');
  await settle();
  tap(page, '.category', 8); // 资金
  await settle();
  type(page, '.f-amount', '1500.5');
  tap(page, '.purpose', 1); // 助老
  await settle();
  tap(page, '.submit');
  await settle();
  expect(mockCreate.mock.calls[0][0].need).toMatchObject({ category: 'money', item: '善款', quantity: 150050, unit: 'fen', purpose: 'elderly-care' });
  expect(text(page, '.submit-error')).toBe('系统开小差了，请稍后再试');
  tap(page, '.submit');
  await settle();
  expect(mockCreate.mock.calls[1][1]).toEqual({ requestId: 'req-1' });
});

test('edit a need in place with the version seen; below what is matched is refused with its message', async () => {
  mockList.mockResolvedValue({ items: [need()], next: null });
  mockUpdate.mockResolvedValueOnce(need({ quantity: 12, version: 3 })).mockRejectedValueOnce(new AppError('failed-precondition', 'x', { reason: 'charity_need.below_allocated' }));
  const page = renderPage(id);
  await settle();
  tap(page, '.edit');
  await settle();
  // The form opens inside the need's card, under its row.
  expect(page.querySelector('.need .form')).toBeDefined();
  expect(texts(page, '.new-need')).toEqual(['发布社区需求']);
  expect((page.instance as any).data.form).toMatchObject({ item: '棉被', quantity: '10', unit: '床', within: 'keep' });
  expect(texts(page, '.within')).toContain('不改截止日期');
  type(page, '.f-quantity', '12');
  await settle();
  tap(page, '.submit');
  await settle();
  expect(mockUpdate.mock.calls[0][0]).toEqual({ needId: 'need_1', version: 2, need: { category: 'bedding', item: '棉被', quantity: 12, unit: '床', urgency: 'high', deadlineOn: '2026-12-31', beneficiaryGroup: 'elderly' } });
  expect(text(page, '.n-amount')).toBe('12床');
  tap(page, '.edit');
  await settle();
  type(page, '.f-quantity', '1');
  await settle();
  tap(page, '.submit');
  await settle();
  expect(text(page, '.submit-error')).toBe('已经匹配出去的数量不能改少');
});

test('close takes an inline confirmation; cancel takes a reason chosen from buttons; a row error stays on its row', async () => {
  mockList.mockResolvedValue({ items: [need(), need({ id: 'need_2', version: 0 })], next: null });
  mockClose.mockResolvedValue(need({ status: 'closed', version: 3 }));
  mockCancel.mockRejectedValue(new AppError('permission-denied', 'x'));
  const page = renderPage(id);
  await settle();
  tap(page, '.close');
  await settle();
  expect(mockClose).not.toHaveBeenCalled();
  tap(page, '.close-confirm');
  await settle();
  expect(mockClose).toHaveBeenCalledWith({ needId: 'need_1', version: 2 });
  expect(texts(page, '.n-status')).toEqual(['已完成', '进行中']);
  expect(page.querySelectorAll('.edit')).toHaveLength(1);
  tap(page, '.cancel');
  await settle();
  tap(page, '.reason', 1);
  await settle();
  expect(mockCancel).toHaveBeenCalledWith({ needId: 'need_2', version: 0, reason: '居民不再需要' });
  expect(text(page, '.n-error')).toBe('您没有权限进行此操作');
});

test('tabs list closed and cancelled needs; an error offers a retry', async () => {
  mockList.mockResolvedValueOnce({ items: [need()], next: null }).mockRejectedValueOnce(new AppError('permission-denied', 'x')).mockResolvedValueOnce({ items: [need({ status: 'closed' })], next: null });
  const page = renderPage(id, { tab: 'closed' });
  await settle();
  expect(mockList).toHaveBeenCalledWith({ communityId: 'c1', status: 'closed', after: undefined, limit: 20 });
  tap(page, '.tab', 2);
  await settle();
  expect(mockList).toHaveBeenLastCalledWith({ communityId: 'c1', status: 'cancelled', after: undefined, limit: 20 });
  expect(childText(page, '#state', '.error-message')).toBe('您没有权限进行此操作');
  page.querySelector('#state')!.querySelector('.retry')!.dispatchEvent('tap');
  await settle();
  expect(texts(page, '.n-status')).toEqual(['已完成']);
  expect(page.querySelectorAll('.edit')).toHaveLength(0);
});
