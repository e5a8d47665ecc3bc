import { AppError } from '../../../../miniprogram/services/errors';
import { childNode, childText, flush, load, renderPage, text } from '../../helpers';
import { NOW, view } from '../../fixtures/wish';

const mockMine = jest.fn();
const mockAddress = jest.fn();
const mockDeliver = jest.fn();
const mockConfirm = jest.fn();
const mockSetStorage = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({
  myWishes: (i: unknown) => mockMine(i),
  deliveryAddress: (id: string) => mockAddress(id),
  deliverWish: (i: unknown) => mockDeliver(i),
  confirmWish: (i: unknown) => mockConfirm(i),
}));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), toast: jest.fn() }));

const id = load('pages/volunteer/delivery/index', 'delivery-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
const WID = 'w_00000000000000000001';
const assigned = (over = {}) => view({ status: 'claimed', youAre: ['assigned-volunteer'], events: ['deliver'], claimDueAt: NOW + 86_400_000, deliveryMode: 'volunteer', volunteerAssigned: true, ...over });
const delivered = (over = {}) => assigned({ status: 'delivered', events: ['confirm'], claimDueAt: null, ...over });

beforeEach(() => {
  for (const m of [mockMine, mockAddress, mockDeliver, mockConfirm, mockSetStorage]) m.mockReset();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  (wx as any).setStorageSync = mockSetStorage;
  (wx as any).setStorage = mockSetStorage;
});
afterEach(() => jest.restoreAllMocks());

test('loading, then my deliveries with their deadline', async () => {
  mockMine.mockResolvedValue({ items: [assigned(), delivered({ id: 'w_00000000000000000002', item: '助行器' })], next: null });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockMine).toHaveBeenCalledWith({ as: 'delivering', after: undefined, limit: 20 });
  expect(page.querySelectorAll('.d-status').map((n: any) => n.dom.textContent)).toEqual(['待送达', '已送达，待签收']);
  expect(text(page, '.d-due')).toBe('送达期限：还剩1天0小时');
  expect(page.querySelectorAll('.address')).toHaveLength(1);
  expect(page.querySelectorAll('.confirm')).toHaveLength(1);
});

test('the address: fetched on a tap, shown on screen only (never stored), hidden on a tap and when the page is hidden', async () => {
  mockMine.mockResolvedValue({ items: [assigned()], next: null });
  mockAddress.mockResolvedValue({ wishId: WID, address: '幸福里3栋201', recipientName: '李某' });
  const page = renderPage(id);
  await settle();
  expect(page.querySelector('.d-address')).toBeUndefined();
  page.querySelector('.address')!.dispatchEvent('tap');
  await settle();
  expect(mockAddress).toHaveBeenCalledWith(WID);
  expect(text(page, '.d-address')).toBe('幸福里3栋201');
  expect(mockSetStorage).not.toHaveBeenCalled();
  page.querySelector('.address')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelector('.d-address')).toBeUndefined();
  expect(mockAddress).toHaveBeenCalledTimes(1);

  page.querySelector('.address')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.d-address')).toBe('幸福里3栋201');
  (page as any).triggerPageLifeTime('hide');
  await settle();
  expect(page.querySelector('.d-address')).toBeUndefined();
  expect((page.instance as any).data.rows[0].address).toBe('');
});

test('a refused address says what to do instead', async () => {
  mockMine.mockResolvedValue({ items: [assigned()], next: null });
  mockAddress
    .mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'wish.address_not_yours' }))
    .mockRejectedValueOnce(new AppError('failed-precondition', 'x', { reason: 'wish.no_address' }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.address')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.d-address-note')).toContain('请联系社区工作人员');
  page.querySelector('.address')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.d-address-note')).toBe('这位居民没有登记地址，请联系社区工作人员，改为送到社区服务站');
  expect(page.querySelector('.d-address')).toBeUndefined();
});

test('deliver, then sign off with the printed card: the code is checked on the phone first', async () => {
  mockMine.mockResolvedValue({ items: [assigned()], next: null });
  mockAddress.mockResolvedValue({ wishId: WID, address: '幸福里3栋201', recipientName: '李某' });
  mockDeliver.mockResolvedValue(delivered());
  mockConfirm.mockRejectedValueOnce(new AppError('failed-precondition', 'x', { reason: 'wish.wrong_code' })).mockResolvedValueOnce(view({ status: 'confirmed', youAre: ['assigned-volunteer'], events: [] }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.address')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.deliver')!.dispatchEvent('tap');
  await settle();
  expect(mockDeliver).toHaveBeenCalledWith({ wishId: WID, mode: 'volunteer' });
  expect(page.querySelector('.d-address')).toBeUndefined(); // gone with the delivery
  expect(text(page, '.d-done')).toBe('已记录送达');
  page.querySelector('.code')!.dispatchEvent('input', { detail: { value: 'abcde' } });
  await settle();
  page.querySelector('.confirm')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.d-error')).toBe('请输入居民签收卡上的10位签收码');
  expect(mockConfirm).not.toHaveBeenCalled();
  page.querySelector('.code')!.dispatchEvent('input', { detail: { value: 'abcde-23456' } });
  await settle();
  page.querySelector('.confirm')!.dispatchEvent('tap');
  await settle();
  expect(mockConfirm).toHaveBeenCalledWith({ wishId: WID, mode: 'code', code: 'ABCDE23456' });
  expect(text(page, '.d-error')).toBe('签收码不对，请核对卡片上的签收码');
  page.querySelector('.confirm')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.d-status')).toBe('已签收');
  expect(page.querySelector('.confirm')).toBeUndefined();
});

test('more pages appended by path; empty and error states', async () => {
  mockMine.mockResolvedValueOnce({ items: [assigned()], next: 'n1' }).mockResolvedValueOnce({ items: [assigned({ id: 'w_00000000000000000002' })], next: null });
  const page = renderPage(id);
  await settle();
  const setData = jest.spyOn(page.instance as any, 'setData');
  await (page.instance as any).onReachBottom();
  expect(mockMine).toHaveBeenLastCalledWith({ as: 'delivering', after: 'n1', limit: 20 });
  expect(setData.mock.calls.some((c) => 'rows[1]' in (c[0] as object) && !('rows' in (c[0] as object)))).toBe(true);

  mockMine.mockResolvedValueOnce({ items: [], next: null });
  const empty = renderPage(id);
  await settle();
  expect(text(empty, '.empty-text')).toContain('现在没有需要您送达的心愿');

  mockMine.mockRejectedValueOnce(new AppError('internal', 'x')).mockResolvedValueOnce({ items: [assigned()], next: null });
  const failed = renderPage(id);
  await settle();
  expect(childText(failed, '#state', '.error-message')).toBe('系统开小差了，请稍后再试');
  childNode(failed, '#state', '.retry')!.dispatchEvent('tap');
  await settle();
  expect(failed.querySelectorAll('.delivery')).toHaveLength(1);
});
