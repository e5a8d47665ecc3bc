import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { view } from '../../fixtures/wish';

const mockQueue = jest.fn();
const mockDeliver = jest.fn();
const mockConfirm = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({
  wishQueue: (i: unknown) => mockQueue(i),
  deliverWish: (i: unknown) => mockDeliver(i),
  confirmWish: (i: unknown) => mockConfirm(i),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({ ...jest.requireActual('../../../../miniprogram/services/platform'), toast: jest.fn() }));

const id = load('pages/staff/handover/index', 'handover-page');
const WID = view().id;
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}

beforeEach(() => jest.clearAllMocks());

test('loading, then claimed wishes; "arrived at the station" records the delivery', async () => {
  mockQueue.mockResolvedValue({ items: [view({ status: 'claimed' })], next: null });
  mockDeliver.mockResolvedValue(view({ status: 'delivered', version: 5 }));
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockQueue).toHaveBeenCalledWith({ communityId: 'c1', status: 'claimed', limit: 50 });
  page.querySelector('.arrived')!.dispatchEvent('tap');
  await settle();
  expect(mockDeliver).toHaveBeenCalledWith({ wishId: WID, version: 4, mode: 'station' });
  expect(text(page, '.h-status')).toBe('已送达，待签收');
  expect(page.querySelector('.by-code')).toBeDefined();
});

test('sign-off by the printed code: checked on the phone, dash and case tolerated; a wrong code is explained', async () => {
  mockQueue.mockResolvedValue({ items: [view({ status: 'delivered' })], next: null });
  mockConfirm.mockRejectedValueOnce(new AppError('failed-precondition', 'x', { reason: 'wish.wrong_code' })).mockResolvedValueOnce(view({ status: 'confirmed' }));
  const page = renderPage(id);
  page.querySelector('.tab-delivered')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.by-code')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.code')!.dispatchEvent('input', { detail: { value: 'abc' } });
  await settle();
  page.querySelector('.code-send')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.h-error')).toBe('签收码是卡片上的10位字母和数字');
  page.querySelector('.code')!.dispatchEvent('input', { detail: { value: 'k7q2m-9pabc' } });
  await settle();
  page.querySelector('.code-send')!.dispatchEvent('tap');
  await settle();
  expect(mockConfirm).toHaveBeenCalledWith({ wishId: WID, mode: 'code', code: 'K7Q2M9PABC' });
  expect(text(page, '.h-error')).toBe('签收码不对，请核对卡片上的签收码');
  page.querySelector('.code-send')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.h-status')).toBe('已签收');
});

test('witnessed sign-off with a chosen note; empty and error states', async () => {
  mockQueue.mockResolvedValueOnce({ items: [view({ status: 'delivered' })], next: null });
  mockConfirm.mockResolvedValue(view({ status: 'confirmed' }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.by-witness')!.dispatchEvent('tap');
  await settle();
  page.querySelectorAll('.witness-note')[0].dispatchEvent('tap');
  await settle();
  expect(mockConfirm).toHaveBeenCalledWith({ wishId: WID, mode: 'witnessed', note: '本人到服务站领取，工作人员见证' });

  mockQueue.mockResolvedValueOnce({ items: [], next: null });
  const page2 = renderPage(id);
  await settle();
  expect(childText(page2, '#state', '.empty-text')).toBe('没有等待送达的心愿');
  mockQueue.mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'wish.staff_only' }));
  const page3 = renderPage(id);
  await settle();
  expect(childText(page3, '#state', '.error-message')).toBe('只有社区工作人员可以操作');
});
