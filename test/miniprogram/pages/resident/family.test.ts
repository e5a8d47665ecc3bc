import { AppError } from '../../../../miniprogram/services/errors';
import { childNode, childText, flush, load, renderPage, text } from '../../helpers';
import { recipient } from '../../fixtures/wish';

const mockList = jest.fn();
const mockNavigate = jest.fn();
const mockClipboard = jest.fn();
const mockToast = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({
  listRecipients: (i: unknown) => mockList(i),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'oFamily_0123456789abcdefghij', roles: [], createdAt: 1 }),
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  navigateTo: (u: string) => mockNavigate(u),
  setClipboard: (d: string) => mockClipboard(d),
  toast: (t: string) => mockToast(t),
}));

const id = load('pages/resident/family/index', 'family-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}

beforeEach(() => {
  for (const m of [mockList, mockNavigate, mockClipboard, mockToast]) m.mockReset();
});

test('loading, then the family I may post for (not myself), and posting for one of them', async () => {
  mockList.mockResolvedValue({
    items: [recipient(9, { maskedName: '王某', ageBand: '60-69', hasOwnWeChat: true, you: true }), recipient(1), recipient(2, { maskedName: '陈某', ageBand: '6-13', under14: true })],
    next: null,
  });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockList).toHaveBeenCalledWith({ as: 'mine' });
  expect(page.querySelectorAll('.f-label').map((n: any) => n.dom.textContent)).toEqual(['李某（80岁以上）', '陈某（6–13岁）·需监护人同意']);
  expect(page.querySelectorAll('.f-consent')).toHaveLength(1);
  page.querySelectorAll('.post')[0].dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/resident/wish-new/index?recipientId=r_00000000000000000001');
});

test('no family yet: says how to get bound, with my binding code to copy for staff', async () => {
  mockList.mockResolvedValue({ items: [], next: null });
  mockClipboard.mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('setClipboardData:fail'));
  const page = renderPage(id);
  await settle();
  expect(text(page, '.no-family')).toContain('把下面的绑定码给社区工作人员');
  expect(text(page, '.binding-code')).toBe('oFamily_0123456789abcdefghij');
  page.querySelector('.copy')!.dispatchEvent('tap');
  await settle();
  expect(mockClipboard).toHaveBeenCalledWith('oFamily_0123456789abcdefghij');
  expect(mockToast).toHaveBeenLastCalledWith('已复制，可以在微信里发给社区工作人员');
  page.querySelector('.copy')!.dispatchEvent('tap');
  await settle();
  expect(mockToast).toHaveBeenLastCalledWith('复制没有成功，请让工作人员照着屏幕抄写');
});

test('error state with retry', async () => {
  mockList.mockRejectedValueOnce(new AppError('internal', 'x', { reason: 'client.network' }, true)).mockResolvedValueOnce({ items: [recipient(1)], next: null });
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('网络不太好，请检查网络后重试');
  childNode(page, '#state', '.retry')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelectorAll('.member')).toHaveLength(1);
});
