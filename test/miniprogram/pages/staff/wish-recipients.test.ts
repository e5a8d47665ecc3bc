import { AppError } from '../../../../miniprogram/services/errors';
import { childNode, childText, flush, load, renderPage, text } from '../../helpers';
import { recipient } from '../../fixtures/wish';

const mockList = jest.fn();
const mockBind = jest.fn();
const mockConsent = jest.fn();
const mockNavigate = jest.fn();
const mockScan = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({
  listRecipients: (i: unknown) => mockList(i),
  bindFamily: (i: unknown) => mockBind(i),
  recordGuardianConsent: (i: unknown) => mockConsent(i),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  navigateTo: (u: string) => mockNavigate(u),
  scanCode: () => mockScan(),
}));

const id = load('pages/staff/wish-recipients/index', 'wish-recipients-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
function type(page: any, sel: string, value: string) {
  page.querySelector(sel)!.dispatchEvent('input', { detail: { value } });
}

beforeEach(() => {
  for (const m of [mockList, mockBind, mockConsent, mockNavigate, mockScan]) m.mockReset();
});

test('loading, then the community\'s recipients with what each still needs', async () => {
  mockList.mockResolvedValue({
    items: [recipient(1), recipient(2, { maskedName: '陈某', ageBand: '6-13', under14: true, hasOwnWeChat: false, familyCount: 1, hasConfirmCode: true, phoneMasked: null })],
    next: null,
  });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockList).toHaveBeenCalledWith({ as: 'staff', communityId: 'c1', after: undefined, limit: 20 });
  expect(page.querySelectorAll('.r-name').map((n: any) => n.dom.textContent)).toEqual(['李某', '陈某']);
  expect(page.querySelectorAll('.r-badge').map((n: any) => n.dom.textContent)).toEqual(['没有智能手机', '没有智能手机', '已绑定家属1人', '已发签收卡', '需登记监护人同意']);
  expect(page.querySelectorAll('.consent-open')).toHaveLength(1);
  expect(page.querySelectorAll('.code').map((n: any) => n.dom.textContent)).toEqual(['发签收卡（没有手机的居民）', '打印签收卡']);
  page.querySelectorAll('.code')[1].dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/staff/wish-code/index?recipientId=r_00000000000000000002');
});

test('bind a family member by the typed binding code; a bad code is refused on the phone, a used one by the server', async () => {
  mockList.mockResolvedValue({ items: [recipient(1)], next: null });
  mockBind.mockRejectedValueOnce(new AppError('failed-precondition', 'x', { reason: 'wish.family_code_used' })).mockResolvedValueOnce(recipient(1, { familyCount: 1 }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.family-open')!.dispatchEvent('tap');
  await settle();
  type(page, '.family-code', 'oFam_0123456789abcdefghijklm'); // an openid is no binding code
  await settle();
  page.querySelector('.bind')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.r-error')).toBe('绑定码是8位字母和数字，请照家属“家人”页上的绑定码输入');
  expect(mockBind).not.toHaveBeenCalled();
  type(page, '.family-code', ' abcd 2345 ');
  await settle();
  page.querySelector('.bind')!.dispatchEvent('tap');
  await settle();
  expect(mockBind).toHaveBeenLastCalledWith({ recipientId: 'r_00000000000000000001', code: 'ABCD2345' });
  expect(text(page, '.r-error')).toBe('这个绑定码已经用过了，请家属在“家人”页换一个新的');
  page.querySelector('.bind')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.r-done')).toContain('已绑定家属');
  expect(page.querySelectorAll('.r-badge').map((n: any) => n.dom.textContent)).toContain('已绑定家属1人');
  expect(page.querySelector('.family-panel')).toBeUndefined();
});

test("bind by scanning the family page's mini-program code; another code is refused, a cancelled scan says nothing", async () => {
  mockList.mockResolvedValue({ items: [recipient(1)], next: null });
  mockBind.mockResolvedValue(recipient(1, { familyCount: 1 }));
  mockScan
    .mockRejectedValueOnce({ errMsg: 'scanCode:fail cancel' })
    .mockResolvedValueOnce({ result: 'https://example.com/x', path: undefined })
    .mockResolvedValueOnce({ result: '', path: 'pages/resident/family/index?scene=ABCD2345' });
  const page = renderPage(id);
  await settle();
  page.querySelector('.family-open')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.scan-bind')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelector('.r-error')).toBeUndefined();
  page.querySelector('.scan-bind')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.r-error')).toBe('这不是家人绑定码，请扫家属“家人”页上的码');
  expect(mockBind).not.toHaveBeenCalled();
  page.querySelector('.scan-bind')!.dispatchEvent('tap');
  await settle();
  expect(mockBind).toHaveBeenCalledWith({ recipientId: 'r_00000000000000000001', code: 'ABCD2345' });
  expect(text(page, '.r-done')).toContain('已绑定家属');
});

test('guardian consent for a child: name required, relation and method chosen, then recorded', async () => {
  mockList.mockResolvedValue({ items: [recipient(3, { ageBand: '6-13', under14: true })], next: null });
  mockConsent
    .mockRejectedValueOnce(new AppError('failed-precondition', 'x', { reason: 'wish.not_a_minor' }))
    .mockResolvedValueOnce(recipient(3, { ageBand: '6-13', under14: true, guardianConsent: true }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.consent-open')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.consent-send')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.r-error')).toBe('请填写监护人姓名');
  type(page, '.guardian', '陈建国');
  page.querySelectorAll('.relation')[1].dispatchEvent('tap'); // 祖父母
  page.querySelectorAll('.method')[1].dispatchEvent('tap'); // 当面
  await settle();
  page.querySelector('.consent-send')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.r-error')).toBe('只有未满14岁的孩子需要登记监护人同意');
  page.querySelector('.consent-send')!.dispatchEvent('tap');
  await settle();
  expect(mockConsent).toHaveBeenLastCalledWith({ recipientId: 'r_00000000000000000003', guardianName: '陈建国', relation: 'grandparent', method: 'in-person' });
  expect(page.querySelector('.consent-open')).toBeUndefined();
  expect(page.querySelectorAll('.r-badge').map((n: any) => n.dom.textContent)).toContain('监护人已同意');
});

test('more recipients appended by path; empty and error states', async () => {
  mockList.mockResolvedValueOnce({ items: [recipient(1)], next: 'n1' }).mockResolvedValueOnce({ items: [recipient(2)], next: null });
  const page = renderPage(id);
  await settle();
  const setData = jest.spyOn(page.instance as any, 'setData');
  await (page.instance as any).onReachBottom();
  expect(mockList).toHaveBeenLastCalledWith({ as: 'staff', communityId: 'c1', after: 'n1', limit: 20 });
  expect(setData.mock.calls.some((c) => 'rows[1]' in (c[0] as object) && !('rows' in (c[0] as object)))).toBe(true);

  mockList.mockResolvedValueOnce({ items: [], next: null });
  const empty = renderPage(id);
  await settle();
  expect(text(empty, '.empty-text')).toContain('还没有登记的心愿对象');
  empty.querySelector('.new')!.dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/resident/wish-new/index');

  mockList.mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'wish.staff_only' })).mockResolvedValueOnce({ items: [recipient(1)], next: null });
  const failed = renderPage(id);
  await settle();
  expect(childText(failed, '#state', '.error-message')).toBe('只有社区工作人员可以操作');
  childNode(failed, '#state', '.retry')!.dispatchEvent('tap');
  await settle();
  expect(failed.querySelectorAll('.recipient')).toHaveLength(1);
});
