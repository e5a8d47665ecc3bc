import { AppError } from '../../../../miniprogram/services/errors';
import { childNode, childText, flush, load, renderPage, text } from '../../helpers';
import { NOW, view } from '../../fixtures/wish';

const mockQueue = jest.fn();
const mockAssign = jest.fn();
const mockVolunteers = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({
  wishQueue: (i: unknown) => mockQueue(i),
  assignVolunteer: (i: unknown) => mockAssign(i),
}));
jest.mock('../../../../miniprogram/services/volunteer', () => ({ listVolunteers: (i: unknown) => mockVolunteers(i) }));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), toast: jest.fn() }));

const id = load('pages/staff/wish-assign/index', 'wish-assign-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
const claimed = (i: number, over = {}) =>
  view({ id: `w_${String(i).padStart(20, '0')}`, item: `轮椅${i}`, status: 'claimed', youAre: ['staff'], events: ['deliver'], claimDueAt: NOW + 2 * 86_400_000, ...over });
const vol = (n: string, no: string) => ({ openid: `o_${no}`, name: n, volunteerNo: no });

beforeEach(() => {
  for (const m of [mockQueue, mockAssign, mockVolunteers]) m.mockReset();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

test('loading, then claimed wishes with their deadline and whether someone delivers them', async () => {
  mockQueue.mockResolvedValue({ items: [claimed(1), claimed(2, { deliveryMode: 'volunteer', volunteerAssigned: true })], next: null });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockQueue).toHaveBeenCalledWith({ communityId: 'c1', status: 'claimed', after: undefined, limit: 20 });
  expect(page.querySelectorAll('.a-item').map((n: any) => n.dom.textContent)).toEqual(['轮椅1', '轮椅2']);
  expect(text(page, '.a-due')).toBe('送达期限：还剩2天0小时');
  expect(page.querySelectorAll('.a-delivery').map((n: any) => n.dom.textContent)).toEqual(['还没有指派志愿者（捐赠人也可以送到服务站）', '已有志愿者负责送到家']);
  expect(page.querySelectorAll('.pick').map((n: any) => n.dom.textContent)).toEqual(['指派志愿者送到家', '改派志愿者']);
});

test('pick a verified volunteer of the community: the list is loaded once, the row changes in place', async () => {
  mockQueue.mockResolvedValue({ items: [claimed(1), claimed(2)], next: null });
  mockVolunteers.mockResolvedValue({ items: [vol('张伟', 'V001'), vol('刘芳', 'V002')], next: null });
  mockAssign.mockRejectedValueOnce(new AppError('failed-precondition', 'x', { reason: 'wish.not_a_volunteer' })).mockResolvedValueOnce(claimed(1, { deliveryMode: 'volunteer', volunteerAssigned: true }));
  const page = renderPage(id);
  await settle();
  page.querySelectorAll('.pick')[0].dispatchEvent('tap');
  await settle();
  expect(mockVolunteers).toHaveBeenCalledWith({ communityId: 'c1', status: 'verified', limit: 50 });
  expect(page.querySelectorAll('.volunteer').map((n: any) => n.dom.textContent)).toEqual(['张伟（V001）', '刘芳（V002）']);
  page.querySelectorAll('.volunteer')[1].dispatchEvent('tap');
  await settle();
  expect(text(page, '.a-error')).toBe('这位不是本社区的志愿者，或是捐赠人、心愿人本人，请换一位');
  page.querySelectorAll('.volunteer')[0].dispatchEvent('tap');
  await settle();
  expect(mockAssign).toHaveBeenLastCalledWith({ wishId: 'w_00000000000000000001', volunteerOpenid: 'o_V001' });
  expect(text(page, '.a-assigned')).toBe('已指派：张伟（V001）');
  expect(page.querySelectorAll('.a-delivery').map((n: any) => n.dom.textContent)[0]).toBe('已有志愿者负责送到家');
  page.querySelectorAll('.pick')[1].dispatchEvent('tap');
  await settle();
  expect(mockVolunteers).toHaveBeenCalledTimes(1);
});

test('no volunteers yet, or their list failing, is said in the picker (with retry)', async () => {
  mockQueue.mockResolvedValue({ items: [claimed(1)], next: null });
  mockVolunteers.mockRejectedValueOnce(new AppError('internal', 'x', { reason: 'client.network' }, true)).mockResolvedValueOnce({ items: [], next: null });
  const page = renderPage(id);
  await settle();
  page.querySelector('.pick')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.v-retry')).toContain('网络不太好');
  page.querySelector('.v-retry')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.v-empty')).toBe('社区还没有已审核的志愿者。');
});

test('more pages appended by path; empty and error states', async () => {
  mockQueue.mockResolvedValueOnce({ items: [claimed(1)], next: 'n1' }).mockResolvedValueOnce({ items: [claimed(2)], next: null });
  const page = renderPage(id);
  await settle();
  const setData = jest.spyOn(page.instance as any, 'setData');
  await (page.instance as any).onReachBottom();
  expect(mockQueue).toHaveBeenLastCalledWith({ communityId: 'c1', status: 'claimed', after: 'n1', limit: 20 });
  expect(setData.mock.calls.some((c) => 'rows[1]' in (c[0] as object) && !('rows' in (c[0] as object)))).toBe(true);

  mockQueue.mockResolvedValueOnce({ items: [], next: null });
  const empty = renderPage(id);
  await settle();
  expect(text(empty, '.empty-text')).toBe('现在没有等待送达的心愿。');

  mockQueue.mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'wish.staff_only' })).mockResolvedValueOnce({ items: [claimed(1)], next: null });
  const failed = renderPage(id);
  await settle();
  expect(childText(failed, '#state', '.error-message')).toBe('只有社区工作人员可以操作');
  childNode(failed, '#state', '.retry')!.dispatchEvent('tap');
  await settle();
  expect(failed.querySelectorAll('.wish')).toHaveLength(1);
});
