import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { NOW, view } from '../../fixtures/wish';

const mockMine = jest.fn();
const mockConfirm = jest.fn();
const mockThank = jest.fn();
const mockNavigate = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({
  myWishes: (i: unknown) => mockMine(i),
  confirmWish: (i: unknown) => mockConfirm(i),
  thankDonor: (i: unknown) => mockThank(i),
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  toast: jest.fn(),
  navigateTo: (u: string) => mockNavigate(u),
}));

const id = load('pages/resident/my-wishes/index', 'my-wishes-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
const statuses = (page: any) => page.querySelectorAll('.m-status').map((n: any) => n.dom.textContent);

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

test('loading, then each wish with its status', async () => {
  mockMine.mockResolvedValue({ items: [view({ status: 'submitted', events: [] }), view({ status: 'claimed', events: [] })], next: null });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockMine).toHaveBeenCalledWith({ as: 'posted', limit: 20 });
  expect(statuses(page)).toEqual(['待核实', '已被认领']);
});

test('sign-off by the recipient, then a one-tap thank-you; the row changes in place', async () => {
  mockMine.mockResolvedValue({ items: [view({ status: 'delivered', youAre: ['recipient', 'poster'], events: ['confirm'] })], next: null });
  mockConfirm.mockResolvedValue(view({ status: 'confirmed', youAre: ['recipient'], events: ['thank'] }));
  mockThank.mockResolvedValue(view({ status: 'thanked', events: [], thanksMessage: '收到了，感谢好心人的帮助！' }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.confirm')!.dispatchEvent('tap');
  await settle();
  expect(mockConfirm).toHaveBeenCalledWith({ wishId: view().id, mode: 'recipient' });
  expect(statuses(page)).toEqual(['已签收']);
  page.querySelector('.thank')!.dispatchEvent('tap');
  await settle();
  page.querySelectorAll('.preset')[1].dispatchEvent('tap');
  await settle();
  expect(mockThank).toHaveBeenCalledWith({ wishId: view().id, message: '收到了，感谢好心人的帮助！' });
  expect(text(page, '.m-thanks')).toBe('感谢留言：收到了，感谢好心人的帮助！');
});

test('a family member signs off in family mode; a refusal shows on the row', async () => {
  mockMine.mockResolvedValue({ items: [view({ status: 'delivered', youAre: ['family'], events: ['confirm'] })], next: null });
  mockConfirm.mockRejectedValue(new AppError('failed-precondition', 'x', { reason: 'wish.cannot_confirm' }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.confirm')!.dispatchEvent('tap');
  await settle();
  expect(mockConfirm).toHaveBeenCalledWith({ wishId: view().id, mode: 'family' });
  expect(text(page, '.m-error')).toBe('当前状态下无法进行此操作，请刷新后再试');
});

test('empty leads to posting; error state', async () => {
  mockMine.mockResolvedValueOnce({ items: [], next: null }).mockRejectedValueOnce(new AppError('internal', 'x'));
  const page = renderPage(id);
  await settle();
  page.querySelector('.new')!.dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/resident/wish-new/index');
  const page2 = renderPage(id);
  await settle();
  expect(childText(page2, '#state', '.error-message')).toBe('系统开小差了，请稍后再试');
});
