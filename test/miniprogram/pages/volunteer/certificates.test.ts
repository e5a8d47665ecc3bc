import { AppError } from '../../../../miniprogram/services/errors';
import { PlatformError } from '../../../../miniprogram/services/platform';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockList = jest.fn();
const mockRequest = jest.fn();
const mockRender = jest.fn();
const mockSave = jest.fn();
jest.mock('../../../../miniprogram/services/volunteer', () => ({
  listCertificates: () => mockList(),
  requestCertificate: (i: unknown) => mockRequest(i),
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  toast: jest.fn(),
  renderTextImage: (lines: string[]) => mockRender(lines),
  saveImageToAlbum: (f: string) => mockSave(f),
}));
jest.mock('../../../../miniprogram/services/privacy', () => ({ onPrivacyRequest: () => () => {}, agreePrivacy: jest.fn(), declinePrivacy: jest.fn(), openPrivacyContract: jest.fn() }));

const id = load('pages/volunteer/certificates/index', 'certificates-page');
const cert = (no: string) => ({
  certificateNo: no,
  issuedOn: '2026-12-02',
  name: '刘晓',
  maskedIdNumber: '1101**********123X',
  volunteerNo: 'V1',
  periodFrom: null,
  periodTo: '2026-12-01',
  totalMinutes: 6150,
  hours: '102.50',
  records: 31,
  contents: [{ category: '助老', activities: 20, minutes: 4000 }],
  recordingOrganization: '幸福里社区居委会',
  checkCode: 'K7Q2M9PA',
  revocation: null as null | { at: number; kind: 'staff' | 'record_corrected'; reason: string },
});
async function settle() {
  for (let i = 0; i < 4; i++) await flush();
}

beforeEach(() => jest.clearAllMocks());

test('loading, then each certificate with its number and check code', async () => {
  mockList.mockResolvedValue({ items: [cert('ZYZM-20261202-7KQ2M9')] });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(text(page, '.code')).toBe('K7Q2M9PA');
  expect(text(page, '.cert-hours')).toBe('累计：102.50小时（31次服务）');
});

test('a revoked certificate says why and since when, and is no longer offered for saving', async () => {
  const at = Date.UTC(2026, 11, 5, 2, 0);
  mockList.mockResolvedValue({
    items: [
      { ...cert('ZYZM-20261202-AAAAAA'), revocation: { at, kind: 'staff', reason: '证明内容有误，需重新开具' } },
      { ...cert('ZYZM-20261202-BBBBBB'), revocation: { at, kind: 'record_corrected', reason: '所计服务记录已更正，请重新申请证明' } },
      cert('ZYZM-20261206-CCCCCC'),
    ],
  });
  const page = renderPage(id);
  await settle();
  expect(page.querySelectorAll('.cert-revoked').map((n: any) => n.dom.textContent)).toEqual([
    '已于2026年12月5日撤销：证明内容有误，需重新开具。可以点上方按钮开具新的证明。',
    '已于2026年12月5日失效：所计服务记录已更正，请重新开具。可以点上方按钮开具新的证明。',
  ]);
  expect(page.querySelectorAll('.save')).toHaveLength(1);
});

test('request a new certificate: it appears first', async () => {
  mockList.mockResolvedValueOnce({ items: [] }).mockResolvedValueOnce({ items: [cert('ZYZM-20261202-AAAAAA')] });
  mockRequest.mockResolvedValue({ certificateNo: 'ZYZM-20261202-AAAAAA', checkCode: 'K7Q2M9PA', issuedOn: '2026-12-02', totalMinutes: 6150, hours: '102.50', records: 31 });
  const page = renderPage(id);
  await settle();
  expect(text(page, '.empty-text')).toContain('还没有开具过证明');
  page.querySelector('.request')!.dispatchEvent('tap');
  await settle();
  expect(mockRequest).toHaveBeenCalledWith({});
  expect(page.querySelectorAll('.cert')).toHaveLength(1);
});

test('save to album: rendered with the verification code, then saved; a refused permission is explained', async () => {
  mockList.mockResolvedValue({ items: [cert('ZYZM-20261202-7KQ2M9')] });
  mockRender.mockResolvedValue('wxfile://tmp/cert.png');
  mockSave.mockResolvedValueOnce(undefined).mockRejectedValueOnce(new PlatformError('denied', 'saveImageToPhotosAlbum:fail auth deny'));
  const page = renderPage(id);
  await settle();
  page.querySelector('.save')!.dispatchEvent('tap');
  await settle();
  const lines: string[] = mockRender.mock.calls[0][0];
  expect(lines).toContain('验证码：K7Q2M9PA');
  expect(lines).toContain('证明编号：ZYZM-20261202-7KQ2M9');
  expect(mockSave).toHaveBeenCalledWith('wxfile://tmp/cert.png');
  page.querySelector('.save')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.action-error')).toBe('没有相册权限，请在设置中允许保存到相册后再试');
});

test('a refused request and a failed list', async () => {
  mockList.mockResolvedValueOnce({ items: [] }).mockRejectedValueOnce(new AppError('internal', 'x'));
  mockRequest.mockRejectedValue(new AppError('failed-precondition', 'x', { reason: 'certificate.no_records' }));
  const page = renderPage(id);
  await settle();
  page.querySelector('.request')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.action-error')).toBe('还没有已确认的服务记录，暂时不能开具证明');
  const page2 = renderPage(id);
  await settle();
  expect(childText(page2, '#state', '.error-message')).toBe('系统开小差了，请稍后再试');
});
