import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { NOW, recipient, view } from '../../fixtures/wish';

const mockRegister = jest.fn();
const mockPost = jest.fn();
const mockSubscribe = jest.fn();
const mockRecipients = jest.fn();
const mockNavigate = jest.fn();
const mockRoles = jest.fn(() => [] as Array<{ role: string; communityId: string }>);
jest.mock('../../../../miniprogram/services/wish', () => ({
  registerRecipient: (i: unknown, o: unknown) => mockRegister(i, o),
  postWish: (i: unknown, o: unknown) => mockPost(i, o),
  listRecipients: (i: unknown) => mockRecipients(i),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  roles: () => mockRoles(),
  communityFor: () => 'c-staff',
  homeCommunity: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  requestSubscribe: (ids: string[]) => mockSubscribe(ids),
  navigateTo: (u: string) => mockNavigate(u),
}));

jest.mock('../../../../miniprogram/services/user', () => ({ subscribeTemplatesFor: (scene: string) => [`tpl-${scene}`] }));

const id = load('pages/resident/wish-new/index', 'wish-new-page');
const RID = 'r_0123456789abcdef0123';
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
function type(page: any, sel: string, value: string) {
  page.querySelector(sel)!.dispatchEvent('input', { detail: { value } });
}
async function fillWish(page: any) {
  type(page, '.f-item', '助行器');
  type(page, '.f-description', '腿脚不便，出门需要助行器');
  type(page, '.f-value', '180');
  await settle();
}

beforeEach(() => {
  jest.clearAllMocks();
  mockRecipients.mockReset();
  mockRecipients.mockResolvedValue({ items: [], next: null });
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  mockSubscribe.mockResolvedValue([]);
  mockRoles.mockReturnValue([]);
});
afterEach(() => jest.restoreAllMocks());

test('for myself, first time: registers me as recipient, then posts the wish', async () => {
  mockRegister.mockResolvedValue({ id: RID });
  mockPost.mockResolvedValue(view({ status: 'submitted' }));
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  type(page, '.f-name', '张桂兰');
  await fillWish(page);
  page.querySelectorAll('.within')[0].dispatchEvent('tap');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockSubscribe).toHaveBeenCalledWith(['tpl-wishPosted']);
  expect(mockRegister).toHaveBeenCalledWith(expect.objectContaining({ communityId: 'c1', self: true, name: '张桂兰', ageBand: '70-79', group: 'elderly', showGroup: false }), { requestId: undefined });
  expect(mockRecipients).toHaveBeenCalledWith({ as: 'mine' });
  expect(mockPost).toHaveBeenCalledWith(
    { recipientId: RID, item: '助行器', description: '腿脚不便，出门需要助行器', category: 'daily-living', valueFen: 18000, wantedOn: '2026-12-09' },
    { requestId: undefined },
  );
  expect(text(page, '.done .title')).toBe('心愿已提交');
});

test('for myself, already registered (the server says which recipient is me): no recipient form, no second registration', async () => {
  mockRecipients.mockResolvedValue({ items: [recipient(5), { ...recipient(1), id: RID, you: true, hasOwnWeChat: true }], next: null });
  mockPost.mockResolvedValue(view());
  const page = renderPage(id);
  await settle();
  expect(page.querySelector('.recipient')).toBeUndefined();
  await fillWish(page);
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockRegister).not.toHaveBeenCalled();
  expect(mockPost.mock.calls[0][0].recipientId).toBe(RID);
});

test('for a family member: chosen among the bound ones (not myself), checked before sending', async () => {
  mockPost.mockResolvedValue(view());
  mockRecipients.mockResolvedValue({ items: [recipient(9, { you: true }), recipient(1), recipient(2, { maskedName: '陈某', ageBand: '6-13', under14: true })], next: null });
  const page = renderPage(id);
  await settle();
  page.querySelectorAll('.mode')[1].dispatchEvent('tap');
  await settle();
  expect(mockRecipients).toHaveBeenCalledWith({ as: 'mine' });
  expect(page.querySelectorAll('.f-member').map((n: any) => n.dom.textContent)).toEqual(['李某（80岁以上）', '陈某（6–13岁）·需监护人同意']);
  await fillWish(page);
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.e-recipient')).toBe('请选择为哪位家人发布');
  expect(mockPost).not.toHaveBeenCalled();
  page.querySelectorAll('.f-member')[0].dispatchEvent('tap');
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockPost.mock.calls[0][0].recipientId).toBe('r_00000000000000000001');
  expect(mockRegister).not.toHaveBeenCalled();
});

test('for family from the family page (?recipientId=): preselected; nobody bound yet leads to the binding code', async () => {
  mockRecipients.mockResolvedValueOnce({ items: [recipient(1), recipient(2)], next: null });
  const page = renderPage(id, { recipientId: 'r_00000000000000000002' });
  await settle();
  expect(page.querySelectorAll('.f-member').map((n: any) => n.dom.textContent)).toEqual(['李某（80岁以上）', '✓ 李某（80岁以上）']);

  mockRecipients.mockResolvedValueOnce({ items: [], next: null });
  const none = renderPage(id);
  await settle();
  none.querySelectorAll('.mode')[1].dispatchEvent('tap');
  await settle();
  none.querySelector('.to-family')!.dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenCalledWith('/pages/resident/family/index');
});

test('a child under 14: the guardian-consent step is said before posting', async () => {
  const page = renderPage(id);
  await settle();
  expect(page.querySelector('.minor-note')).toBeUndefined();
  page.querySelectorAll('.age')[5].dispatchEvent('tap'); // 6–13岁
  await settle();
  expect(text(page, '.minor-note')).toContain('需要监护人到社区签署同意书');
});

test('staff register a resident without a smartphone (proxy) in their community', async () => {
  mockRoles.mockReturnValue([{ role: 'staff', communityId: 'c-staff' }]);
  mockRegister.mockResolvedValue({ id: RID });
  mockPost.mockResolvedValue(view());
  const page = renderPage(id);
  await settle();
  page.querySelector('.mode-proxy')!.dispatchEvent('tap');
  await settle();
  type(page, '.f-name', '李大爷');
  type(page, '.f-address', '幸福里3栋201');
  await fillWish(page);
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockRegister).toHaveBeenCalledWith(expect.objectContaining({ communityId: 'c-staff', self: false, name: '李大爷', address: '幸福里3栋201' }), { requestId: undefined });
  // Next for a resident without a smartphone: the sign-off card.
  page.querySelector('.done-code')!.dispatchEvent('tap');
  await settle();
  expect(mockNavigate).toHaveBeenCalledWith(`/pages/staff/wish-code/index?recipientId=${RID}`);
});

test('a rejected text lands on its field with the server’s message; the retry keeps the requestId', async () => {
  mockRecipients.mockResolvedValue({ items: [recipient(1, { id: RID, you: true })], next: null });
  mockPost
    .mockRejectedValueOnce(
      new AppError('invalid-argument', '内容含有不适宜的词语，请修改后再提交', {
        reason: 'content.rejected',
        issues: [{ path: ['input', 'description'], code: 'content_rejected', message: '内容含有不适宜的词语，请修改后再提交' } as any],
      }),
    )
    .mockRejectedValueOnce(new AppError('internal', 'timeout', { reason: 'client.timeout' }, true, 'req-abcdefgh'))
    .mockResolvedValueOnce(view());
  const page = renderPage(id);
  await settle();
  await fillWish(page);
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.e-description')).toBe('内容含有不适宜的词语，请修改后再提交');
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.submit-error')).toBe('网络不太好，请检查网络后重试');
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(mockPost.mock.calls[2][1]).toEqual({ requestId: 'req-abcdefgh' });
});

test('empty form: each missing field says what to write', async () => {
  const page = renderPage(id);
  await settle();
  page.querySelector('.submit')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.e-name')).toBe('请填写姓名');
  expect(text(page, '.e-item')).toContain('助行器');
  expect(text(page, '.e-value')).toBe('请填写大约多少钱，例如 120');
  expect(mockPost).not.toHaveBeenCalled();
});

test('the recipients could not be read: the error state with retry, before any form', async () => {
  mockRecipients.mockRejectedValueOnce(new AppError('internal', 'x', { reason: 'client.network' }, true));
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('网络不太好，请检查网络后重试');
  expect(page.querySelector('.submit')).toBeUndefined();
});
