import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { NOW } from '../../fixtures/wish';

const mockList = jest.fn();
const mockCreate = jest.fn();
jest.mock('../../../../miniprogram/services/charity', () => ({
  listMyOffers: (i: unknown) => mockList(i),
  createOffer: (i: unknown, o: unknown) => mockCreate(i, o),
}));
const mockSubscribe = jest.fn();
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  toast: jest.fn(),
  requestSubscribe: (ids: string[]) => mockSubscribe(ids),
}));
jest.mock('../../../../miniprogram/services/user', () => ({ subscribeTemplatesFor: (scene: string) => [`tpl-${scene}`] }));

const id = load('pages/donor/offers/index', 'offers-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
function type(page: any, sel: string, value: string) {
  page.querySelector(sel)!.dispatchEvent('input', { detail: { value } });
}
const offer = (over: Record<string, unknown> = {}) => ({
  id: 'of_1',
  kind: 'goods',
  category: 'food',
  item: '大米',
  quantity: 20,
  unit: '袋',
  allocatedQuantity: 0,
  deliveredQuantity: 0,
  status: 'open',
  version: 1,
  donorType: 'individual',
  donorName: '周先生',
  showName: false,
  condition: 'new',
  area: '幸福里北门',
  location: null,
  skill: null,
  restrictedCommunityId: null,
  restrictedPurpose: null,
  availableUntil: '2027-01-01',
  description: null,
  mine: true,
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  mockSubscribe.mockResolvedValue([]);
});
afterEach(() => jest.restoreAllMocks());

test('loading, then my offers with allocation progress', async () => {
  mockList.mockResolvedValue({ items: [offer({ allocatedQuantity: 10, deliveredQuantity: 4 }), offer({ id: 'of_2', kind: 'money', item: '善款', quantity: 50000, unit: 'fen' })], next: null });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(page.querySelectorAll('.o-amount').map((n: any) => n.dom.textContent)).toEqual(['20袋', '¥500.00']);
  expect(text(page, '.o-progress')).toBe('已分配 10，已交付 4');
});

test('offer goods: checked on the phone, then sent; the new offer appears first', async () => {
  mockList.mockResolvedValue({ items: [], next: null });
  mockCreate.mockResolvedValue(offer());
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.empty-text')).toContain('您还没有捐赠');
  page.querySelector('.open-form')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.e-item')).toBe('请填写物品，例如“大米”');
  expect(text(page, '.e-donor')).toContain('请填写捐赠人名称');
  expect(mockSubscribe).not.toHaveBeenCalled(); // nothing asked while the form has errors
  type(page, '.f-item', '大米');
  type(page, '.f-quantity', '20');
  type(page, '.f-unit', '袋');
  type(page, '.f-area', '幸福里北门');
  type(page, '.f-donor', '周先生');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockCreate).toHaveBeenCalledWith(
    { offer: { kind: 'goods', category: 'food', item: '大米', quantity: 20, unit: '袋', condition: 'new', pickupArea: '幸福里北门', donorType: 'individual', donorName: '周先生', showName: false, availableUntil: '2027-01-01' } },
    { requestId: undefined },
  );
  expect(mockSubscribe).toHaveBeenCalledWith(['tpl-offerMade']);
  expect(mockSubscribe.mock.invocationCallOrder[0]).toBeLessThan(mockCreate.mock.invocationCallOrder[0]);
  expect(page.querySelectorAll('.offer')).toHaveLength(1);
});

test('a money pledge in yuan becomes fen; a refusal shows', async () => {
  mockList.mockResolvedValue({ items: [], next: null });
  mockCreate.mockRejectedValue(new AppError('invalid-argument', 'x', { issues: [{ path: ['input', 'offer', 'amountFen'], code: 'too_big', message: 'x' } as any] }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.open-form')!.dispatchEvent('tap');
  await settle();
  page.querySelectorAll('.kind')[1].dispatchEvent('tap');
  await settle();
  type(page, '.f-amount', '200.5');
  type(page, '.f-donor', '周先生');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockCreate.mock.calls[0][0].offer).toMatchObject({ kind: 'money', amountFen: 20050 });
  expect(text(page, '.submit-error')).toBe('填写的内容有误，请检查后再试');
});

test('error state', async () => {
  mockList.mockRejectedValue(new AppError('unauthenticated', 'x'));
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('登录已失效，请重新进入小程序');
});

test('offer a service: a skill chosen from big buttons, whole hours and an area, checked on the phone', async () => {
  mockList.mockResolvedValue({ items: [], next: null });
  mockCreate.mockResolvedValue(offer({ id: 'of_s', kind: 'service', item: '理发', quantity: 6, unit: 'hour' }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.open-form')!.dispatchEvent('tap');
  await settle();
  page.querySelectorAll('.kind')[2].dispatchEvent('tap');
  await settle();
  type(page, '.f-hours', '1.5');
  type(page, '.f-donor', '周先生');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockCreate).not.toHaveBeenCalled();
  expect(text(page, '.e-hours')).toBe('请填写可以服务的小时数（整数）');
  expect(text(page, '.e-area')).toBe('请填写可以服务的区域');
  page.querySelectorAll('.skill')[1].dispatchEvent('tap');
  type(page, '.f-hours', '6');
  type(page, '.f-area', '幸福里社区');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockCreate.mock.calls[0][0].offer).toMatchObject({ kind: 'service', skill: 'cleaning', hours: 6, area: '幸福里社区', donorName: '周先生' });
  expect(page.querySelectorAll('.offer')).toHaveLength(1);
  expect(text(page, '.o-amount')).toBe('6小时');
});
