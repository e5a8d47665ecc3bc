import { AppError } from '../../../../miniprogram/services/errors';
import { flush, load, renderPage, text } from '../../helpers';

const mockVerify = jest.fn();
jest.mock('../../../../miniprogram/services/volunteer', () => ({ verifyCertificate: (i: unknown) => mockVerify(i) }));

const id = load('pages/volunteer/verify/index', 'verify-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
function type(page: any, sel: string, value: string) {
  page.querySelector(sel)!.dispatchEvent('input', { detail: { value } });
}

beforeEach(() => jest.clearAllMocks());

test('a genuine certificate shows what it states (opened from its QR with both values)', async () => {
  mockVerify.mockResolvedValue({
    valid: true,
    certificate: {
      certificateNo: 'ZYZM-20261202-7KQ2M9',
      issuedOn: '2026-12-02',
      name: '刘晓',
      maskedIdNumber: '1101**********123X',
      volunteerNo: 'V1',
      periodFrom: null,
      periodTo: '2026-12-01',
      totalMinutes: 6150,
      hours: '102.50',
      records: 31,
      contents: [],
      recordingOrganization: '幸福里社区居委会',
    },
  });
  const page = renderPage(id, { no: 'ZYZM-20261202-7KQ2M9', code: 'K7Q2M9PA' });
  page.querySelector('.verify')!.dispatchEvent('tap');
  await settle();
  expect(mockVerify).toHaveBeenCalledWith({ certificateNo: 'ZYZM-20261202-7KQ2M9', checkCode: 'K7Q2M9PA' });
  expect(text(page, '.v-title')).toBe('证明真实有效');
  expect(text(page, '.v-name')).toBe('刘晓');
  expect(page.querySelectorAll('.v-line').map((n: any) => n.dom.textContent)).toContain('累计服务：102.50小时，共31次');
});

test('typed values are checked before the call; an unknown one says so', async () => {
  mockVerify.mockResolvedValue({ valid: false, revokedOn: null });
  const page = renderPage(id);
  type(page, '.f-no', 'zyzm-2026');
  await settle();
  page.querySelector('.verify')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.v-error')).toBe('证明编号的格式是 ZYZM-20261202-7KQ2M9');
  type(page, '.f-no', 'zyzm-20261202-aaaaaa');
  type(page, '.f-code', 'k7q2m9pa');
  await settle();
  page.querySelector('.verify')!.dispatchEvent('tap');
  await settle();
  expect(mockVerify).toHaveBeenCalledWith({ certificateNo: 'ZYZM-20261202-AAAAAA', checkCode: 'K7Q2M9PA' });
  expect(text(page, '.v-title')).toBe('没有找到这份证明');
});

test('a revoked certificate says only since when, nothing it stated', async () => {
  mockVerify.mockResolvedValue({ valid: false, revokedOn: '2026-12-05' });
  const page = renderPage(id, { no: 'ZYZM-20261202-7KQ2M9', code: 'K7Q2M9PA' });
  page.querySelector('.verify')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.v-title')).toBe('这份证明已撤销');
  expect(text(page, '.v-revoked')).toContain('已于2026年12月5日撤销');
  expect(page.querySelector('.v-name')).toBeUndefined();
});

test('a failed call shows the message', async () => {
  mockVerify.mockRejectedValue(new AppError('resource-exhausted', 'x'));
  const page = renderPage(id, { no: 'ZYZM-20261202-7KQ2M9', code: 'K7Q2M9PA' });
  page.querySelector('.verify')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.v-error')).toBe('操作太频繁了，请稍等一会儿再试');
});
