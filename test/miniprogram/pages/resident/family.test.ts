import { AppError } from '../../../../miniprogram/services/errors';
import { childNode, childText, flush, load, renderPage, text } from '../../helpers';
import { recipient } from '../../fixtures/wish';

const mockList = jest.fn();
const mockCode = jest.fn();
const mockIssue = jest.fn();
const mockNavigate = jest.fn();
const mockClipboard = jest.fn();
const mockToast = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({
  listRecipients: (i: unknown) => mockList(i),
  familyCode: () => mockCode(),
  issueFamilyCode: () => mockIssue(),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
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
  for (const m of [mockList, mockCode, mockIssue, mockNavigate, mockClipboard, mockToast]) m.mockReset();
  mockCode.mockRejectedValue(NO_CODE);
});

const NO_CODE = new AppError('failed-precondition', 'x', { reason: 'wish.no_family_code' });
// 2026-12-02 16:30 China time.
const CODE = { code: 'ABCD-2345', page: 'pages/resident/family/index', imageBase64: 'iVBORw0KGgo=', contentType: 'image/png', expiresAt: Date.UTC(2026, 11, 2, 8, 30) };

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

test('no family yet: says how to get bound; no code until asked for, then the code (image, 8 characters, valid until) to copy', async () => {
  mockList.mockResolvedValue({ items: [], next: null });
  mockIssue.mockResolvedValue({ expiresAt: CODE.expiresAt });
  mockClipboard.mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('setClipboardData:fail'));
  const page = renderPage(id);
  await settle();
  expect(text(page, '.no-family')).toContain('请社区工作人员扫描您的绑定码');
  expect(mockCode).toHaveBeenCalledTimes(1);
  expect(page.querySelector('.binding-code')).toBeUndefined();
  expect(page.querySelector('.code-error')).toBeUndefined(); // none yet is not an error
  expect(text(page, '.new-code')).toBe('生成绑定码');
  mockCode.mockResolvedValue(CODE);
  page.querySelector('.new-code')!.dispatchEvent('tap');
  await settle();
  expect(mockIssue).toHaveBeenCalledTimes(1);
  expect(text(page, '.binding-code')).toBe('ABCD-2345');
  expect(text(page, '.valid-until')).toBe('16:30 前有效');
  expect(page.querySelector('.qr')).toBeDefined();
  expect((page.data as any).binding.src).toBe('data:image/png;base64,iVBORw0KGgo=');
  expect(text(page, '.new-code')).toBe('换一个绑定码');
  page.querySelector('.copy')!.dispatchEvent('tap');
  await settle();
  expect(mockClipboard).toHaveBeenCalledWith('ABCD-2345');
  expect(mockToast).toHaveBeenLastCalledWith('已复制，可以在微信里发给社区工作人员');
  page.querySelector('.copy')!.dispatchEvent('tap');
  await settle();
  expect(mockToast).toHaveBeenLastCalledWith('复制没有成功，请让工作人员照着屏幕抄写');
});

test('a valid code made earlier is shown again; a failed renewal removes it and says why; opened by a scan it says what it is', async () => {
  mockList.mockResolvedValue({ items: [], next: null });
  mockCode.mockResolvedValue(CODE);
  mockIssue.mockRejectedValue(new AppError('internal', 'x', { reason: 'client.network' }, true));
  const page = renderPage(id, { scene: 'ABCD2345' });
  await settle();
  expect(text(page, '.scanned')).toContain('请社区工作人员');
  expect(text(page, '.binding-code')).toBe('ABCD-2345');
  page.querySelector('.new-code')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelector('.binding-code')).toBeUndefined();
  expect(text(page, '.code-error')).toBe('网络不太好，请检查网络后重试');
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
