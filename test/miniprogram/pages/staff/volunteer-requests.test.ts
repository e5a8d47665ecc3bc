import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';

const mockList = jest.fn();
const mockDecide = jest.fn();
const mockRevoke = jest.fn();
const mockToast = jest.fn();
jest.mock('../../../../miniprogram/services/volunteer', () => ({
  listMoves: (i: unknown) => mockList(i),
  decideMove: (i: unknown) => mockDecide(i),
  revokeCertificate: (i: unknown) => mockRevoke(i),
}));
jest.mock('../../../../miniprogram/services/session', () => ({
  profile: () => Promise.resolve({ openid: 'o', roles: [], createdAt: 1 }),
  communityFor: () => 'c1',
  currentFontScale: () => 1,
}));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  toast: (t: string) => mockToast(t),
}));

const id = load('pages/staff/volunteer-requests/index', 'volunteer-requests-page');
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
async function tap(node: any) {
  node.dispatchEvent('tap');
  await settle();
}
const AT = Date.UTC(2026, 11, 1, 2, 0);
const move = (n: number, over: Record<string, unknown> = {}) => ({
  moveId: `move-${n}`,
  volunteerNo: `HPL-00000${n}`,
  maskedName: `吴某${n}`,
  fromCommunityId: 'hpl',
  toCommunityId: 'c1',
  status: 'requested',
  note: n === 1 ? '搬到幸福里 6 栋' : null,
  refuseReason: null,
  createdAt: AT,
  decidedAt: null,
  ...over,
});

beforeEach(() => jest.clearAllMocks());

test('loading, then the requests to move in with who, from where and why', async () => {
  mockList.mockResolvedValue({ items: [move(1), move(2)], next: null });
  const page = renderPage(id);
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockList).toHaveBeenCalledWith({ communityId: 'c1', after: null, limit: 20 });
  expect(page.querySelectorAll('.m-title').map((n: any) => n.dom.textContent)).toEqual(['吴某1（志愿者编号 HPL-000001）', '吴某2（志愿者编号 HPL-000002）']);
  expect(page.querySelectorAll('.m-line').map((n: any) => n.dom.textContent)).toContain('说明：搬到幸福里 6 栋');
});

test('accept one, refuse another with a chosen reason; each row says what was done and loses its buttons', async () => {
  mockList.mockResolvedValue({ items: [move(1), move(2)], next: null });
  mockDecide.mockResolvedValue(move(1, { status: 'accepted' }));
  const page = renderPage(id);
  await settle();
  await tap(page.querySelectorAll('.accept')[0]);
  expect(mockDecide).toHaveBeenCalledWith({ moveId: 'move-1', decision: 'accept' });
  expect(text(page, '.m-done')).toBe('已同意转入');
  expect(page.querySelectorAll('.accept')).toHaveLength(1);
  await tap(page.querySelector('.refuse'));
  await tap(page.querySelectorAll('.refuse-reason')[0]);
  expect(mockDecide).toHaveBeenLastCalledWith({ moveId: 'move-2', decision: 'refuse', reason: '本社区查无此居住登记，请先办理' });
  expect(page.querySelectorAll('.m-done').map((n: any) => n.dom.textContent)).toEqual(['已同意转入', '已拒绝：本社区查无此居住登记，请先办理']);
});

test('a refused decision shows its reason on that row only', async () => {
  mockList.mockResolvedValue({ items: [move(1), move(2)], next: null });
  mockDecide.mockRejectedValue(new AppError('permission-denied', 'x', { reason: 'move.own_request' }));
  const page = renderPage(id);
  await settle();
  await tap(page.querySelectorAll('.accept')[1]);
  expect(page.querySelectorAll('.m-error').map((n: any) => n.dom.textContent)).toEqual(['不能审批自己的转社区申请，请由其他工作人员处理']);
  expect(page.querySelectorAll('.accept')).toHaveLength(2);
});

test('more requests are appended by path as the list scrolls', async () => {
  mockList.mockResolvedValueOnce({ items: [move(1)], next: 'cur1' }).mockResolvedValueOnce({ items: [move(2)], next: null });
  const page = renderPage(id);
  await settle();
  await (page.instance as any).onReachBottom();
  await settle();
  expect(mockList).toHaveBeenLastCalledWith({ communityId: 'c1', after: 'cur1', limit: 20 });
  expect(page.querySelectorAll('.move-row')).toHaveLength(2);
});

test('no requests: the empty state; a failed list: the error with a retry', async () => {
  mockList.mockResolvedValueOnce({ items: [], next: null }).mockRejectedValueOnce(new AppError('permission-denied', 'x'));
  const page = renderPage(id);
  await settle();
  expect(childText(page, '#state', '.empty-text')).toBe('没有待处理的转入申请');
  const page2 = renderPage(id);
  await settle();
  expect(childText(page2, '#state', '.error-message')).toBeTruthy();
});

test('revoking a certificate: the number is checked, a reason is required, then it is revoked; a refusal is shown', async () => {
  mockRevoke
    .mockRejectedValueOnce(new AppError('failed-precondition', 'x', { reason: 'certificate.already_revoked' }))
    .mockResolvedValueOnce({ certificateNo: 'ZYZM-20261202-7KQ2M9', revocation: { at: AT, kind: 'staff', reason: '证明内容有误，需重新开具' } });
  const page = renderPage(id, { tab: 'revoke' });
  await settle();
  expect(mockList).not.toHaveBeenCalled();
  page.querySelector('.f-no')!.dispatchEvent('input', { detail: { value: 'zyzm-2026' } });
  await settle();
  await tap(page.querySelector('.revoke-submit'));
  expect(text(page, '.revoke-error')).toBe('证明编号的格式是 ZYZM-20261202-7KQ2M9');
  page.querySelector('.f-no')!.dispatchEvent('input', { detail: { value: 'zyzm-20261202-7kq2m9' } });
  await settle();
  await tap(page.querySelector('.revoke-submit'));
  expect(text(page, '.revoke-error')).toBe('请选择撤销原因');
  expect(mockRevoke).not.toHaveBeenCalled();
  await tap(page.querySelectorAll('.revoke-reason')[0]);
  await tap(page.querySelector('.revoke-submit'));
  expect(mockRevoke).toHaveBeenCalledWith({ certificateNo: 'ZYZM-20261202-7KQ2M9', reason: '证明内容有误，需重新开具' });
  expect(text(page, '.revoke-error')).toBe('这份证明已经撤销过了');
  await tap(page.querySelector('.revoke-submit'));
  expect(text(page, '.revoke-done')).toBe('证明 ZYZM-20261202-7KQ2M9 已撤销，核验时将显示已撤销');
});

test('switching tabs loads the other view', async () => {
  mockList.mockResolvedValue({ items: [move(1)], next: null });
  const page = renderPage(id);
  await settle();
  await tap(page.querySelectorAll('.tab')[1]);
  expect(page.querySelector('.revoke')).toBeDefined();
  expect(page.querySelector('.move-row')).toBeUndefined();
  await tap(page.querySelectorAll('.tab')[0]);
  expect(page.querySelectorAll('.move-row')).toHaveLength(1);
});
