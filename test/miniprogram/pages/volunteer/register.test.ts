import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { idNumber, volunteer } from '../../fixtures/volunteer';

const mockMe = jest.fn();
const mockRegister = jest.fn();
const mockResubmit = jest.fn();
const mockRedirect = jest.fn();
jest.mock('../../../../miniprogram/services/volunteer', () => ({
  volunteerMe: () => mockMe(),
  register: (i: unknown, o: unknown) => mockRegister(i, o),
  resubmit: (i: unknown, o: unknown) => mockResubmit(i, o),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  homeCommunity: () => 'demo-community',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  redirectTo: (u: string) => mockRedirect(u),
}));

const id = load('pages/volunteer/register/index', 'register-page');

async function tap(page: any, sel: string, i = 0) {
  page.querySelectorAll(sel)[i].dispatchEvent('tap');
  await flush();
  await flush();
}
function type(page: any, sel: string, value: string) {
  page.querySelector(sel)!.dispatchEvent('input', { detail: { value } });
}
async function toForm(page: any) {
  await tap(page, '.agree-rules');
  await tap(page, '.next-rules');
  await tap(page, '.agree-sensitive');
  await tap(page, '.next-sensitive');
}
async function fill(page: any, id: string) {
  type(page, '.f-name', '刘晓');
  type(page, '.f-id', id);
  type(page, '.f-phone', '13800001234');
  type(page, '.f-area', '幸福里一网格');
  await flush();
  await tap(page, '.category', 0);
}

beforeEach(() => {
  jest.clearAllMocks();
  // Ages are computed for "today": pin it so the minor stays a minor.
  jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 11, 2, 4, 0));
  mockMe.mockResolvedValue({ volunteer: null });
});
afterEach(() => jest.restoreAllMocks());

test('two consent screens, each must be agreed before going on', async () => {
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await flush();
  await flush();
  expect(page.querySelector('.rules')).toBeDefined();
  await tap(page, '.next-rules');
  expect(page.querySelector('.rules')).toBeDefined(); // not agreed: stays
  await tap(page, '.agree-rules');
  await tap(page, '.next-rules');
  expect(page.querySelector('.sensitive')).toBeDefined();
  await tap(page, '.next-sensitive');
  expect(page.querySelector('.sensitive')).toBeDefined();
  await tap(page, '.agree-sensitive');
  await tap(page, '.next-sensitive');
  expect(page.querySelector('.form')).toBeDefined();
  expect(page.querySelector('.guardian')).toBeUndefined();
});

test('an adult registers with both consents recorded; the page says what happens next', async () => {
  mockRegister.mockResolvedValue(volunteer({ status: 'pending' }));
  const page = renderPage(id);
  await flush();
  await flush();
  await toForm(page);
  await fill(page, idNumber('1990-03-07'));
  await tap(page, '.submit');
  expect(mockRegister).toHaveBeenCalledWith(
    expect.objectContaining({
      communityId: 'demo-community',
      name: '刘晓',
      idNumber: idNumber('1990-03-07'),
      serviceCategories: ['elderly-care'],
      consent: { version: '2026-12', personalInfo: true, sensitiveInfo: true },
      guardian: null,
    }),
    { requestId: undefined },
  );
  expect(text(page, '.done .title')).toBe('已提交，等待社区审核');
});

test('a 16-year-old needs a guardian’s consent before submitting', async () => {
  mockRegister.mockResolvedValue(volunteer({ status: 'pending' }));
  const page = renderPage(id);
  await flush();
  await flush();
  await toForm(page);
  await fill(page, idNumber('2010-03-07'));
  expect(page.querySelector('.guardian')).toBeDefined();
  await tap(page, '.submit');
  expect(mockRegister).not.toHaveBeenCalled();
  expect(text(page, '.e-gconsent')).toBe('需要监护人同意');
  type(page, '.f-gname', '刘大');
  type(page, '.f-gphone', '13900001111');
  await flush();
  await tap(page, '.guardian-consent');
  await tap(page, '.submit');
  expect(mockRegister.mock.calls[0][0].guardian).toEqual({ name: '刘大', phone: '13900001111', relation: 'mother', consent: true });
});

test('under 14 is refused on the phone with a kind explanation', async () => {
  const page = renderPage(id);
  await flush();
  await flush();
  await toForm(page);
  await fill(page, idNumber('2016-03-07'));
  await tap(page, '.submit');
  expect(mockRegister).not.toHaveBeenCalled();
  expect(text(page, '.e-id')).toContain('未满14周岁');
});

test('wrong fields are marked one by one; server field issues land on their field', async () => {
  const page = renderPage(id);
  await flush();
  await flush();
  await toForm(page);
  await tap(page, '.submit');
  expect(text(page, '.e-name')).toBe('请填写身份证上的姓名');
  expect(text(page, '.e-phone')).toBe('请填写11位手机号');
  expect(text(page, '.e-categories')).toBe('请至少选择一类服务');

  mockRegister.mockRejectedValue(
    new AppError('invalid-argument', '内容含有不适宜的词语，请修改后再提交', {
      reason: 'content.rejected',
      issues: [{ path: ['input', 'residentialArea'], code: 'content_rejected', message: '内容含有不适宜的词语，请修改后再提交' } as any],
    }),
  );
  await fill(page, idNumber('1990-03-07'));
  await tap(page, '.submit');
  expect(text(page, '.submit-error')).toBe('内容含有不适宜的词语，请修改后再提交');
  expect(text(page, '.e-area')).toBe('内容含有不适宜的词语，请修改后再提交');
});

test('already registered: straight to the card; and an error state', async () => {
  mockMe.mockResolvedValueOnce({ volunteer: volunteer() }).mockRejectedValueOnce(new AppError('internal', 'x'));
  const page = renderPage(id);
  await flush();
  await flush();
  await tap(page, '.to-card');
  expect(mockRedirect).toHaveBeenCalledWith('/pages/volunteer/card/index');
  const page2 = renderPage(id);
  await flush();
  await flush();
  expect(childText(page2, '#state', '.error-message')).toBe('系统开小差了，请稍后再试');
});

test('a rejected registration says why, goes through both consents again and is resubmitted (no community: it stays)', async () => {
  mockMe.mockResolvedValue({ volunteer: volunteer({ status: 'rejected', rejectReason: '身份信息与本人不符' }) });
  mockResubmit.mockResolvedValue(volunteer({ status: 'pending' }));
  const page = renderPage(id);
  await flush();
  await flush();
  expect(text(page, '.resubmit-notice')).toBe('您上次的注册没有通过，原因：身份信息与本人不符。请核对信息后重新提交。');
  await toForm(page);
  await fill(page, idNumber('1990-03-07'));
  await tap(page, '.submit');
  expect(mockRegister).not.toHaveBeenCalled();
  const [input, opts] = mockResubmit.mock.calls[0];
  expect(input).toMatchObject({ name: '刘晓', idNumber: idNumber('1990-03-07'), consent: { version: '2026-12', personalInfo: true, sensitiveInfo: true }, guardian: null });
  expect(input).not.toHaveProperty('communityId');
  expect(opts).toEqual({ requestId: undefined });
  expect(text(page, '.done .title')).toBe('已提交，等待社区审核');
});

test('a pending or verified volunteer is sent to the card, not to the form', async () => {
  mockMe.mockResolvedValue({ volunteer: volunteer({ status: 'pending' }) });
  const page = renderPage(id);
  await flush();
  await flush();
  expect(page.querySelectorAll('.registered')).toHaveLength(1);
  expect(page.querySelectorAll('.resubmit-notice')).toHaveLength(0);
});
