import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { summary } from '../../fixtures/activity';
import { volunteer } from '../../fixtures/volunteer';
import { view } from '../../fixtures/wish';

const mockQueue = jest.fn();
const mockVerify = jest.fn();
const mockRejectWish = jest.fn();
const mockPublishWish = jest.fn();
const mockListVolunteers = jest.fn();
const mockReviewVolunteer = jest.fn();
const mockListActivities = jest.fn();
const mockPublishActivity = jest.fn();
const mockRejectActivity = jest.fn();
const mockCorrections = jest.fn();
const mockResolve = jest.fn();
const mockBackfills = jest.fn();
const mockApproveBackfill = jest.fn();
const mockRefuseBackfill = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({
  wishQueue: (i: unknown) => mockQueue(i),
  verifyWish: (i: unknown) => mockVerify(i),
  rejectWish: (i: unknown) => mockRejectWish(i),
  publishWish: (id: string, v: number) => mockPublishWish(id, v),
}));
jest.mock('../../../../miniprogram/services/volunteer', () => ({
  listVolunteers: (i: unknown) => mockListVolunteers(i),
  reviewVolunteer: (i: unknown) => mockReviewVolunteer(i),
}));
jest.mock('../../../../miniprogram/services/activity', () => ({
  listActivities: (i: unknown) => mockListActivities(i),
  publishActivity: (id: string) => mockPublishActivity(id),
  rejectActivity: (id: string, note: string) => mockRejectActivity(id, note),
  pendingCorrections: (i: unknown) => mockCorrections(i),
  resolveCorrection: (i: unknown) => mockResolve(i),
  pendingBackfills: (i: unknown) => mockBackfills(i),
  approveBackfill: (i: unknown) => mockApproveBackfill(i),
  refuseBackfill: (i: unknown) => mockRefuseBackfill(i),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: (r: string) => (r === 'staff' ? 'c1' : undefined),
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), toast: jest.fn() }));

const id = load('pages/staff/review/index', 'review-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
const card = (over: Record<string, unknown> = {}) => ({ ...volunteer({ status: 'pending' }), openid: 'ov', age: 36, residentialArea: '幸福里一网格', ...over });

beforeEach(() => jest.clearAllMocks());

test('wish verification: loading, then verify by home visit; the wish stays with its next step (publish)', async () => {
  mockQueue.mockResolvedValue({ items: [view({ status: 'submitted', events: ['verify', 'reject'], nearDuplicates: ['w_00000000000000000009'], recipientPhoneMasked: '138****0000' })], next: null });
  mockVerify.mockResolvedValue(view({ status: 'verified', version: 5 }));
  mockPublishWish.mockResolvedValue(view({ status: 'published', version: 6 }));
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockQueue).toHaveBeenCalledWith({ communityId: 'c1', status: 'submitted', after: undefined, limit: 20 });
  expect(page.querySelectorAll('.r-line').map((n: any) => n.dom.textContent)).toContain('注意：这位居民还有1个相似的心愿');
  page.querySelector('.act-verify-visit')!.dispatchEvent('tap');
  await settle();
  expect(mockVerify).toHaveBeenCalledWith({ wishId: view().id, version: 4, method: 'home-visit', note: '上门核实，情况属实' });
  expect(text(page, '.r-done')).toBe('已核实');
  page.querySelector('.act-publish')!.dispatchEvent('tap');
  await settle();
  expect(mockPublishWish).toHaveBeenCalledWith(view().id, 5);
  expect(text(page, '.r-done')).toBe('已公开');
  expect(page.querySelectorAll('.act')).toHaveLength(0);
});

test('reject with a reason chosen from big buttons', async () => {
  mockQueue.mockResolvedValue({ items: [view({ status: 'submitted' })], next: null });
  mockRejectWish.mockResolvedValue(view({ status: 'rejected' }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.act-reject')!.dispatchEvent('tap');
  await settle();
  page.querySelectorAll('.reason')[0].dispatchEvent('tap');
  await settle();
  expect(mockRejectWish).toHaveBeenCalledWith({ wishId: view().id, version: 4, reason: '经核实情况不符' });
  expect(text(page, '.r-done')).toBe('已退回');
});

test('volunteers tab: verify a pending registration; a self-review is refused with its reason', async () => {
  mockQueue.mockResolvedValue({ items: [], next: null });
  mockListVolunteers.mockResolvedValue({ items: [card(), card({ volunteerId: 'v2' })], next: null });
  mockReviewVolunteer.mockResolvedValueOnce({}).mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'volunteer.self_review' }));
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.empty-text')).toBe('没有待处理的事项');
  page.querySelectorAll('.tab')[1].dispatchEvent('tap');
  await settle();
  expect(mockListVolunteers).toHaveBeenCalledWith({ communityId: 'c1', status: 'pending', after: null, limit: 20 });
  expect(text(page, '.r-title')).toBe('刘晓（36岁）');
  page.querySelectorAll('.act-verify')[0].dispatchEvent('tap');
  await settle();
  expect(mockReviewVolunteer).toHaveBeenCalledWith({ volunteerId: 'v1', decision: 'verify', version: 1 });
  page.querySelectorAll('.act-verify')[0].dispatchEvent('tap'); // the second row's (the first has no actions now)
  await settle();
  expect(page.querySelectorAll('.r-error').map((n: any) => n.dom.textContent)).toEqual(['不能审核自己的申请']);
});

test('activities tab: publish a submitted activity', async () => {
  mockListActivities.mockResolvedValue({ items: [summary(1, { status: 'submitted' })], next: null });
  mockPublishActivity.mockResolvedValue({});
  const page = renderPage(id, { tab: 'activities' });
  await settle();
  expect(mockListActivities).toHaveBeenCalledWith({ communityId: 'c1', status: 'submitted', after: undefined, limit: 20 });
  page.querySelector('.act-publish')!.dispatchEvent('tap');
  await settle();
  expect(mockPublishActivity).toHaveBeenCalledWith('act-0001');
  expect(text(page, '.r-done')).toBe('已公开');
});

test('not staff: the refusal is the error state; more rows are appended by path', async () => {
  mockQueue.mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'wish.staff_only' }));
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('只有社区工作人员可以操作');

  mockQueue.mockResolvedValueOnce({ items: [view()], next: 'n' }).mockResolvedValueOnce({ items: [view({ id: 'w_00000000000000000002' })], next: null });
  const page2 = renderPage(id);
  await settle();
  const setData = jest.spyOn(page2.instance as any, 'setData');
  await (page2.instance as any).onReachBottom();
  expect(setData.mock.calls.some((c) => 'rows[1]' in (c[0] as object) && !('rows' in (c[0] as object)))).toBe(true);
});

const correctionItem = (over: Record<string, unknown> = {}) => ({
  correctionId: 'cor_1',
  recordId: 'rec_1',
  status: 'open',
  minutes: 180,
  previousMinutes: 120,
  note: '签退时手机没电，实际服务到11点',
  resolutionNote: null,
  volunteerNo: '3101012026000123',
  maskedName: '刘某',
  activityId: 'act-0001',
  activityTitle: '陪伴独居老人',
  date: '2026-11-20',
  place: '幸福里社区服务站',
  organizingUnit: '幸福里社区',
  createdAt: 1,
  ...over,
});
const backfillItem = (over: Record<string, unknown> = {}) => ({
  backfillId: 'bf_1',
  activityId: 'act-0001',
  status: 'requested',
  minutes: 120,
  requestedBy: 'staff-a',
  approvedBy: null,
  recordId: null,
  volunteerNo: '3101012026000123',
  maskedName: '刘某',
  activityTitle: '陪伴独居老人',
  activityDate: '2026-11-20',
  activityMinutes: 150,
  evidence: '纸质签到表照片，队长王某签字',
  note: '老人不用智能手机',
  requestedByName: '张某',
  requestedByMe: false,
  createdAt: 1,
  ...over,
});
const texts = (page: any, sel: string) => page.querySelectorAll(sel).map((n: any) => n.dom.textContent.trim());

test('corrections tab: the record and the asked minutes; accept records them, refuse sends the chosen reason as the note', async () => {
  mockCorrections.mockResolvedValue({ items: [correctionItem(), correctionItem({ correctionId: 'cor_2' })], next: null });
  mockResolve.mockResolvedValueOnce({}).mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'correction.own_record' }));
  const page = renderPage(id, { tab: 'corrections' });
  await settle();
  expect(mockCorrections).toHaveBeenCalledWith({ communityId: 'c1', after: undefined, limit: 20 });
  expect(texts(page, '.r-title')[0]).toBe('刘某（3101012026000123）申请更正时长');
  expect(texts(page, '.r-line').slice(0, 3)).toEqual(['陪伴独居老人 · 2026年11月20日 · 幸福里社区服务站', '记录 2小时 → 申请改为 3小时', '理由：签退时手机没电，实际服务到11点']);
  page.querySelectorAll('.act-accept')[0].dispatchEvent('tap');
  await settle();
  expect(mockResolve).toHaveBeenCalledWith({ correctionId: 'cor_1', accept: true, note: '核实无误，同意更正' });
  expect(text(page, '.r-done')).toBe('已同意更正');
  page.querySelectorAll('.act-reject')[0].dispatchEvent('tap');
  await settle();
  page.querySelectorAll('.reason')[1].dispatchEvent('tap');
  await settle();
  expect(mockResolve).toHaveBeenLastCalledWith({ correctionId: 'cor_2', accept: false, note: '没有能证明的材料' });
  expect(text(page, '.r-error')).toBe('不能处理自己的服务记录');
});

test('corrections: accept at the hours staff verified instead of those asked; a bad figure is not sent', async () => {
  mockCorrections.mockResolvedValue({ items: [correctionItem()], next: null });
  mockResolve.mockResolvedValue({});
  const page = renderPage(id, { tab: 'corrections' });
  await settle();
  expect(texts(page, '.act')).toEqual(['同意，改为3小时', '核实后按其他时长更正', '不同意']);
  page.querySelector('.act-adjust')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.hours-input')!.dispatchEvent('input', { detail: { value: '0' } });
  page.querySelector('.adjust-confirm')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.hours-error')).toBe('请填写核实的服务小时数，例如 2.5');
  expect(mockResolve).not.toHaveBeenCalled();
  page.querySelector('.hours-input')!.dispatchEvent('input', { detail: { value: '2.5' } });
  await settle();
  expect(page.querySelectorAll('.hours-error')).toHaveLength(0);
  page.querySelector('.adjust-confirm')!.dispatchEvent('tap');
  await settle();
  expect(mockResolve).toHaveBeenCalledWith({ correctionId: 'cor_1', accept: true, minutes: 150, note: '核实后更正为2.5小时' });
  expect(text(page, '.r-done')).toBe('已按核实的时长更正');
  expect(page.querySelectorAll('.act')).toHaveLength(0);
  expect(page.querySelectorAll('.adjust-confirm')).toHaveLength(0);
});

test('corrections: the hours panel and the reasons panel open one at a time', async () => {
  mockCorrections.mockResolvedValue({ items: [correctionItem()], next: null });
  const page = renderPage(id, { tab: 'corrections' });
  await settle();
  page.querySelector('.act-adjust')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.act-reject')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelectorAll('.hours-input')).toHaveLength(0);
  expect(page.querySelectorAll('.reason')).toHaveLength(3);
  page.querySelector('.act-reject')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelectorAll('.reason')).toHaveLength(0);
});

test('back-fills tab: another staff member approves; the requester is told they were the first approver and may only withdraw', async () => {
  mockBackfills.mockResolvedValue({ items: [backfillItem(), backfillItem({ backfillId: 'bf_2', requestedBy: 'o', requestedByName: null, requestedByMe: true })], next: null });
  mockApproveBackfill.mockResolvedValue({});
  mockRefuseBackfill.mockResolvedValue({});
  const page = renderPage(id);
  await settle();
  page.querySelectorAll('.tab')[4].dispatchEvent('tap');
  await settle();
  expect(mockBackfills).toHaveBeenCalledWith({ communityId: 'c1', after: undefined, limit: 20 });
  expect(texts(page, '.r-line')).toEqual(
    expect.arrayContaining(['补录 2小时（活动共 2.5小时）', '证明：纸质签到表照片，队长王某签字', '申请人（第一位审批人）：张某']),
  );
  // One approve button: the requester's row has none, and says why.
  expect(page.querySelectorAll('.act-approve')).toHaveLength(1);
  expect(texts(page, '.r-notice')).toEqual(['这条补录是您申请的，您已是第一位审批人，不能再批准；需要另一位工作人员批准。']);
  page.querySelector('.act-approve')!.dispatchEvent('tap');
  await settle();
  expect(mockApproveBackfill).toHaveBeenCalledWith({ backfillId: 'bf_1', note: '核对证明无误' });
  expect(texts(page, '.r-done')).toEqual(['已批准补录']);
  expect(texts(page, '.act-reject')).toEqual(['撤回这条补录']);
  page.querySelector('.act-reject')!.dispatchEvent('tap');
  await settle();
  page.querySelectorAll('.reason')[0].dispatchEvent('tap');
  await settle();
  expect(mockRefuseBackfill).toHaveBeenCalledWith({ backfillId: 'bf_2', note: '证明材料不足' });
  expect(page.querySelectorAll('.r-notice')).toHaveLength(0);
});

test('back-fills: a server refusal of a second approval by the same person is shown in words', async () => {
  mockBackfills.mockResolvedValue({ items: [backfillItem()], next: null });
  mockApproveBackfill.mockRejectedValue(new AppError('permission-denied', 'x', { reason: 'backfill.same_approver' }));
  const page = renderPage(id, { tab: 'backfills' });
  await settle();
  page.querySelector('.act-approve')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.r-error')).toBe('补录需要另一位工作人员审批，不能自己批准自己的申请');
  expect(page.querySelectorAll('.act-approve')).toHaveLength(1);
});

test('the back-fills tab offers to ask for a new back-fill', async () => {
  mockBackfills.mockResolvedValue({ items: [], next: null });
  const navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation((() => Promise.resolve()) as any);
  const page = renderPage(id);
  await settle();
  expect(page.querySelectorAll('.new-backfill')).toHaveLength(0);
  page.querySelectorAll('.tab')[4].dispatchEvent('tap');
  await settle();
  page.querySelector('.new-backfill')!.dispatchEvent('tap');
  await settle();
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/backfill/index' });
  navigateTo.mockRestore();
});

test('corrections: an empty queue', async () => {
  mockCorrections.mockResolvedValue({ items: [], next: null });
  const page = renderPage(id, { tab: 'corrections' });
  await settle();
  expect(childText(page, '#state', '.empty-text')).toBe('没有待处理的事项');
});
