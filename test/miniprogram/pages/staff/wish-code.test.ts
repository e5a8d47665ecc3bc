import { AppError } from '../../../../miniprogram/services/errors';
import { PlatformError } from '../../../../miniprogram/services/platform';
import { childNode, childText, flush, load, renderPage, text } from '../../helpers';
import { NOW } from '../../fixtures/wish';

const mockPrint = jest.fn();
const mockIssue = jest.fn();
const mockRender = jest.fn();
const mockSave = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({
  printConfirmCode: (id: string) => mockPrint(id),
  issueConfirmCode: (id: string) => mockIssue(id),
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  renderTextImage: (lines: string[], o: unknown) => mockRender(lines, o),
  saveImageToAlbum: (f: string) => mockSave(f),
  toast: jest.fn(),
}));

const id = load('pages/staff/wish-code/index', 'wish-code-page');
const RID = 'r_00000000000000000001';
const printed = { recipientId: RID, code: 'ABCDE-23456', issuedAt: NOW, maskedName: '李某' };
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}

beforeEach(() => {
  for (const m of [mockPrint, mockIssue, mockRender, mockSave]) m.mockReset();
});

test('loading, then the code in big groups with the name, the issue time and how to use it', async () => {
  mockPrint.mockResolvedValue(printed);
  const page = renderPage(id, { recipientId: RID });
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockPrint).toHaveBeenCalledWith(RID);
  expect(page.querySelectorAll('.code-group').map((n: any) => n.dom.textContent)).toEqual(['ABCDE', '23456']);
  expect(text(page, '.c-issued')).toBe('发卡时间：12月2日（周三）12:00');
  expect(text(page, '.c-howto')).toContain('每张卡只能用一次');
  expect(mockIssue).not.toHaveBeenCalled();
});

test('no code yet: says so, issues one on a tap and shows it', async () => {
  mockPrint.mockRejectedValueOnce(new AppError('failed-precondition', 'x', { reason: 'wish.no_confirm_code' })).mockResolvedValueOnce(printed);
  mockIssue.mockResolvedValue({ recipientId: RID, issuedAt: NOW });
  const page = renderPage(id, { recipientId: RID });
  await settle();
  expect(text(page, '.none-text')).toContain('还没有签收码');
  page.querySelector('.issue')!.dispatchEvent('tap');
  await settle();
  expect(mockIssue).toHaveBeenCalledWith(RID);
  expect(mockIssue.mock.invocationCallOrder[0]).toBeLessThan(mockPrint.mock.invocationCallOrder[1]);
  expect(page.querySelectorAll('.code-group')).toHaveLength(2);
});

test('reissue asks first (inline, no pop-up): keeping it changes nothing, confirming issues a new card', async () => {
  mockPrint.mockResolvedValueOnce(printed).mockResolvedValueOnce({ ...printed, code: 'FGHJK-78923' });
  mockIssue.mockResolvedValue({ recipientId: RID, issuedAt: NOW + 1 });
  const page = renderPage(id, { recipientId: RID });
  await settle();
  page.querySelector('.reissue')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.reissue-confirm')).toContain('旧卡片上的签收码就不能再用了');
  page.querySelector('.reissue-no')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelector('.reissue-confirm')).toBeUndefined();
  expect(mockIssue).not.toHaveBeenCalled();
  page.querySelector('.reissue')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.reissue-yes')!.dispatchEvent('tap');
  await settle();
  expect(mockIssue).toHaveBeenCalledTimes(1);
  expect(page.querySelectorAll('.code-group').map((n: any) => n.dom.textContent)).toEqual(['FGHJK', '78923']);
});

test('saved as an image for printing; a refused album says what to do instead', async () => {
  mockPrint.mockResolvedValue(printed);
  mockRender.mockResolvedValue('/tmp/card.png');
  mockSave.mockResolvedValueOnce(undefined).mockRejectedValueOnce(new PlatformError('denied', 'saveImageToPhotosAlbum:fail auth deny'));
  const page = renderPage(id, { recipientId: RID });
  await settle();
  page.querySelector('.save')!.dispatchEvent('tap');
  await settle();
  expect(mockRender.mock.calls[0][0]).toContain('    ABCDE-23456');
  expect(mockSave).toHaveBeenCalledWith('/tmp/card.png');
  expect(text(page, '.save-note')).toBe('已保存到相册，可以打印');
  page.querySelector('.save')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.save-note')).toContain('没有相册权限');
});

test('not staff: the error with retry', async () => {
  mockPrint.mockRejectedValueOnce(new AppError('permission-denied', 'x', { reason: 'wish.staff_only' })).mockResolvedValueOnce(printed);
  const page = renderPage(id, { recipientId: RID });
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('只有社区工作人员可以操作');
  childNode(page, '#state', '.retry')!.dispatchEvent('tap');
  await settle();
  expect(page.querySelectorAll('.code-group')).toHaveLength(2);
});
