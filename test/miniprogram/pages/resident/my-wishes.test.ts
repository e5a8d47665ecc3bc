import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { NOW, view } from '../../fixtures/wish';

const mockMine = jest.fn();
const mockConfirm = jest.fn();
const mockThank = jest.fn();
const mockNavigate = jest.fn();
const mockRevise = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({
  reviseWish: (i: unknown) => mockRevise(i),
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

test('a turned-down wish shows the reason; corrected and submitted again, checked on the phone first', async () => {
  const rejected = view({ status: 'rejected', youAre: ['poster'], events: ['revise'], rejectionReason: '价值超出心愿范围', item: '电动轮椅', description: '出门不方便', valueFen: 80000, category: 'health', version: 2 });
  mockMine.mockResolvedValue({ items: [rejected], next: null });
  mockRevise
    .mockRejectedValueOnce(new AppError('invalid-argument', '内容含有不适宜的词语，请修改后再提交', { reason: 'content.rejected', issues: [{ path: ['input', 'description'], message: 'x' } as any] }))
    .mockResolvedValueOnce(view({ status: 'submitted', youAre: ['poster'], events: [], item: '手动轮椅' }));
  const page = renderPage(id);
  await settle();
  expect(text(page, '.m-rejection')).toBe('社区的意见：价值超出心愿范围');
  page.querySelector('.revise')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.r-value')!.dispatchEvent('input', { detail: { value: 'abc' } });
  await settle();
  page.querySelector('.revise-send')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.m-error')).toBe('请填写大约多少钱，例如 120');
  expect(mockRevise).not.toHaveBeenCalled();
  page.querySelector('.r-item')!.dispatchEvent('input', { detail: { value: ' 手动轮椅 ' } });
  page.querySelector('.r-value')!.dispatchEvent('input', { detail: { value: '300' } });
  page.querySelectorAll('.r-within')[0].dispatchEvent('tap');
  await settle();
  page.querySelector('.revise-send')!.dispatchEvent('tap');
  await settle();
  expect(mockRevise).toHaveBeenCalledWith({ wishId: rejected.id, version: 2, item: '手动轮椅', description: '出门不方便', category: 'health', valueFen: 30000, wantedOn: '2026-12-09' });
  expect(text(page, '.m-error')).toBe('内容含有不适宜的词语，请修改后再提交');
  page.querySelector('.revise-send')!.dispatchEvent('tap');
  await settle();
  expect(statuses(page)).toEqual(['待核实']);
  expect(page.querySelector('.revise')).toBeUndefined();
});
