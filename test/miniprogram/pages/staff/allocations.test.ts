import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockList = jest.fn();
const mockPropose = jest.fn();
const mockConfirm = jest.fn();
const mockAdjust = jest.fn();
const mockReject = jest.fn();
const mockAccept = jest.fn();
const mockDecline = jest.fn();
const mockHandover = jest.fn();
jest.mock('../../../../miniprogram/services/charity', () => ({
  listAllocations: (i: unknown) => mockList(i),
  proposeAllocations: (c: string) => mockPropose(c),
  confirmAllocation: (id: string, v: number) => mockConfirm(id, v),
  adjustAllocation: (i: unknown) => mockAdjust(i),
  rejectAllocation: (i: unknown) => mockReject(i),
  acceptAllocation: (id: string, v: number) => mockAccept(id, v),
  declineAllocation: (id: string, v: number) => mockDecline(id, v),
  recordHandover: (i: unknown) => mockHandover(i),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), toast: jest.fn() }));

const id = load('pages/staff/allocations/index', 'allocations-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
const alloc = (over: Record<string, unknown> = {}) => ({
  id: 'al_1',
  offerId: 'of_1',
  needId: 'nd_1',
  communityId: 'c1',
  category: 'food',
  offerItem: '大米',
  needItem: '困难家庭口粮',
  unit: '袋',
  quantity: 10,
  deliveredQuantity: 0,
  status: 'proposed',
  version: 2,
  explanation: { score: 8.5, terms: [{ term: 'category', value: 5 }, { term: 'urgency', value: 3.5 }, { term: 'distance', value: 0 }], binding: ['need.quantity'], text: '类别一致，需求紧急，数量受需求量限制' },
  donorLabel: '周某',
  mine: false,
  proposedAt: 1,
  note: null,
  handovers: [],
  updatedAt: 1,
  ...over,
});

beforeEach(() => jest.clearAllMocks());

test('staff: loading, then proposals with why; confirm one', async () => {
  mockList.mockResolvedValue({ items: [alloc()], next: null });
  mockConfirm.mockResolvedValue(alloc({ status: 'confirmed', version: 3 }));
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockList).toHaveBeenCalledWith({ communityId: 'c1', after: undefined, limit: 20 });
  expect(text(page, '.a-why')).toBe('为什么这样匹配：类别一致，需求紧急，数量受需求量限制');
  expect(page.querySelectorAll('.a-term').map((n: any) => n.dom.textContent)).toEqual(['· 类别匹配 +5', '· 需求紧急 +3.5']);
  page.querySelector('.confirm')!.dispatchEvent('tap');
  await settle();
  expect(mockConfirm).toHaveBeenCalledWith('al_1', 2);
  expect(text(page, '.a-status')).toBe('已确认，等待捐赠方接受');
  expect(page.querySelector('.confirm')).toBeUndefined();
});

test('adjust the quantity (checked) and reject with a reason', async () => {
  mockList.mockResolvedValue({ items: [alloc(), alloc({ id: 'al_2' })], next: null });
  mockAdjust.mockResolvedValue(alloc({ quantity: 6, version: 3 }));
  mockReject.mockResolvedValue(alloc({ id: 'al_2', status: 'rejected' }));
  const page = renderPage(id);
  await settle();
  page.querySelectorAll('.adjust')[0].dispatchEvent('tap');
  await settle();
  page.querySelector('.quantity')!.dispatchEvent('input', { detail: { value: '0' } });
  await settle();
  page.querySelector('.adjust-send')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.a-error')).toBe('请填写大于0的整数');
  page.querySelector('.quantity')!.dispatchEvent('input', { detail: { value: '6' } });
  await settle();
  page.querySelector('.adjust-send')!.dispatchEvent('tap');
  await settle();
  expect(mockAdjust).toHaveBeenCalledWith({ allocationId: 'al_1', version: 2, quantity: 6 });
  page.querySelectorAll('.reject')[1].dispatchEvent('tap');
  await settle();
  page.querySelectorAll('.reason')[0].dispatchEvent('tap');
  await settle();
  expect(mockReject).toHaveBeenCalledWith({ allocationId: 'al_2', version: 2, reason: '这家需求已经由其他渠道解决' });
});

test('propose: the engine’s new proposals are listed with what it considered', async () => {
  mockList.mockResolvedValueOnce({ items: [], next: null }).mockResolvedValueOnce({ items: [alloc()], next: null });
  mockPropose.mockResolvedValue({ proposals: [alloc()], superseded: 0, objective: 8.5, offersConsidered: 3, needsConsidered: 4 });
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.empty-text')).toBe('还没有匹配建议，点上面的按钮生成');
  page.querySelector('.propose')!.dispatchEvent('tap');
  await settle();
  expect(mockPropose).toHaveBeenCalledWith('c1');
  expect(text(page, '.propose-note')).toBe('新生成1条建议（考虑了3份捐赠、4项需求）');
  expect(page.querySelectorAll('.alloc')).toHaveLength(1);
});

test('donor mode: own allocations, accept a confirmed one; errors', async () => {
  mockList.mockResolvedValueOnce({ items: [alloc({ status: 'confirmed', mine: true })], next: null });
  mockAccept.mockResolvedValue(alloc({ status: 'accepted', mine: true }));
  const page = renderPage(id, { as: 'donor' });
  await settle();
  expect(mockList).toHaveBeenCalledWith({ after: undefined, limit: 20 });
  expect(page.querySelector('.propose')).toBeUndefined();
  page.querySelector('.accept')!.dispatchEvent('tap');
  await settle();
  expect(mockAccept).toHaveBeenCalledWith('al_1', 2);
  expect(text(page, '.a-status')).toBe('捐赠方已接受');

  mockList.mockRejectedValueOnce(new AppError('permission-denied', 'x'));
  const page2 = renderPage(id);
  await settle();
  expect(childText(page2, '#state', '.error-message')).toBe('您没有权限进行此操作');
});

test('handover: staff record what was handed over of an accepted allocation, checked against what is left', async () => {
  mockList.mockResolvedValue({ items: [alloc({ status: 'accepted', deliveredQuantity: 4 }), alloc({ id: 'al_2', status: 'proposed' })], next: null });
  mockHandover.mockResolvedValueOnce(alloc({ status: 'delivering', deliveredQuantity: 7, version: 3 }));
  jest.spyOn(Date, 'now').mockReturnValue(1_800_000_000_000);
  const page = renderPage(id);
  await settle();
  expect(page.querySelectorAll('.handover')).toHaveLength(1);
  expect(text(page, '.handover')).toBe('登记交付（还有6）');
  page.querySelector('.handover')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.handover-send')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.a-error')).toBe('请填写接收人（受助人或服务站经手人）');
  page.querySelector('.received-by')!.dispatchEvent('input', { detail: { value: '李大爷' } });
  page.querySelector('.handover-quantity')!.dispatchEvent('input', { detail: { value: '7' } });
  await settle();
  page.querySelector('.handover-send')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.a-error')).toBe('最多还能交付6');
  expect(mockHandover).not.toHaveBeenCalled();
  page.querySelectorAll('.handover-to')[1].dispatchEvent('tap');
  page.querySelector('.handover-quantity')!.dispatchEvent('input', { detail: { value: '3' } });
  await settle();
  page.querySelector('.handover-send')!.dispatchEvent('tap');
  await settle();
  expect(mockHandover).toHaveBeenCalledWith({ allocationId: 'al_1', version: 2, handedOverAt: 1_800_000_000_000, to: 'station', receivedBy: '李大爷', quantity: 3 });
  expect(text(page, '.handover')).toBe('登记交付（还有3）');
  expect(page.querySelectorAll('.handover-send')).toHaveLength(0);
  (Date.now as jest.Mock).mockRestore();
});

test('handover: a fully delivered allocation and the donor’s view have no handover button', async () => {
  mockList.mockResolvedValue({ items: [alloc({ status: 'delivered', deliveredQuantity: 10 }), alloc({ id: 'al_2', status: 'accepted', mine: true })], next: null });
  const staff = renderPage(id);
  await settle();
  // Only the accepted one (the second row) can be handed over.
  expect(staff.querySelectorAll('.handover')).toHaveLength(1);
  expect(staff.instance.data.rows.map((r: any) => r.canHandOver)).toEqual([false, true]);
  const donor = renderPage(id, { as: 'donor' });
  await settle();
  expect(donor.querySelectorAll('.handover')).toHaveLength(0);
});
