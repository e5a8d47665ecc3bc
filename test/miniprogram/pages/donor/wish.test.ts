import { AppError } from '../../../../miniprogram/services/errors';
import { childText, flush, load, renderPage, text } from '../../helpers';
import { NOW, view } from '../../fixtures/wish';

const mockGet = jest.fn();
const mockClaim = jest.fn();
const mockCancel = jest.fn();
const mockSubscribe = jest.fn();
jest.mock('../../../../miniprogram/services/wish', () => ({
  getWish: (id: string) => mockGet(id),
  claimWish: (id: string, v: number) => mockClaim(id, v),
  cancelClaim: (id: string, v: number) => mockCancel(id, v),
  pledgeWish: (id: string, fen: number) => mockPledge(id, fen),
}));
const mockPledge = jest.fn();
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  requestSubscribe: (ids: string[]) => mockSubscribe(ids),
  toast: jest.fn(),
}));

jest.mock('../../../../miniprogram/services/user', () => ({ subscribeTemplatesFor: (scene: string) => [`tpl-${scene}`] }));

const id = load('pages/donor/wish/index', 'wish-page');
const WID = view().id;
async function settle() {
  for (let i = 0; i < 4; i++) await flush();
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  mockSubscribe.mockResolvedValue([]);
});
afterEach(() => jest.restoreAllMocks());

test('loading, then the masked wish with its verification', async () => {
  mockGet.mockResolvedValue(view());
  const page = renderPage(id, { wishId: WID });
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(text(page, '.d-item')).toBe('书包1');
  expect(text(page, '.d-who')).toBe('心愿人：王某，6–13岁，儿童');
  expect(text(page, '.d-verified')).toBe('社区已上门核实');
});

test('claim: the subscription prompt comes from the tap, then the deadline counts down', async () => {
  mockGet.mockResolvedValue(view());
  mockClaim.mockResolvedValue(view({ status: 'claimed', claimedByYou: true, events: ['cancelClaim'], claimDueAt: NOW + 3 * 86_400_000 + 2 * 3_600_000, version: 5 }));
  const page = renderPage(id, { wishId: WID });
  await settle();
  page.querySelector('.claim')!.dispatchEvent('tap');
  await settle();
  expect(mockSubscribe).toHaveBeenCalledTimes(1);
  expect(mockSubscribe).toHaveBeenCalledWith(['tpl-wishClaimed']); // the server's templates (user.me)
  expect(mockSubscribe.mock.invocationCallOrder[0]).toBeLessThan(mockClaim.mock.invocationCallOrder[0]);
  expect(mockClaim).toHaveBeenCalledWith(WID, 4);
  expect(text(page, '.d-due')).toBe('送达期限：还剩3天2小时');
  expect(page.querySelector('.claim')).toBeUndefined();
  expect(page.querySelector('.cancel')).toBeDefined();
});

test('someone else was faster: a clear refusal', async () => {
  mockGet.mockResolvedValue(view());
  mockClaim.mockRejectedValue(new AppError('failed-precondition', 'x', { reason: 'wish.already_claimed' }));
  const page = renderPage(id, { wishId: WID });
  await settle();
  page.querySelector('.claim')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.action-error')).toBe('这个心愿刚刚被别人认领了，看看其他心愿吧');
});

test('cancel a claim with an inline confirmation', async () => {
  mockGet.mockResolvedValue(view({ status: 'claimed', claimedByYou: true, events: ['cancelClaim'], claimDueAt: NOW + 86_400_000 }));
  mockCancel.mockResolvedValue(view({ status: 'published', events: [] }));
  const page = renderPage(id, { wishId: WID });
  await settle();
  page.querySelector('.cancel')!.dispatchEvent('tap');
  await settle();
  page.querySelector('.confirm-cancel-yes')!.dispatchEvent('tap');
  await settle();
  expect(mockCancel).toHaveBeenCalledWith(WID, 4);
  expect(text(page, '.d-status')).toBe('等待认领');
});

test('not found', async () => {
  mockGet.mockRejectedValue(new AppError('not-found', 'x', { reason: 'wish.not_found' }));
  const page = renderPage(id, { wishId: WID });
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('没有找到这个心愿，可能已被认领或关闭');
});

test('a pooled wish takes a pledge in yuan; the page shows what is still missing', async () => {
  mockGet.mockResolvedValue(view({ pooled: true, pledgedFen: 2000, valueFen: 12000, events: ['pledge'] }));
  mockPledge.mockResolvedValue(view({ pooled: true, pledgedFen: 7000, valueFen: 12000, events: ['pledge'] }));
  const page = renderPage(id, { wishId: WID });
  await settle();
  expect(text(page, '.d-pooled')).toBe('多人合力圆梦：已认捐¥20.00，还差¥100.00');
  expect(page.querySelector('.claim')).toBeUndefined();
  page.querySelector('.pledge-send')!.dispatchEvent('tap');
  await settle();
  expect(text(page, '.action-error')).toBe('请填写认捐金额，例如 50');
  page.querySelector('.share')!.dispatchEvent('input', { detail: { value: '50' } });
  await settle();
  page.querySelector('.pledge-send')!.dispatchEvent('tap');
  await settle();
  expect(mockPledge).toHaveBeenCalledWith(WID, 5000);
  expect(text(page, '.d-pooled')).toBe('多人合力圆梦：已认捐¥70.00，还差¥50.00');
});
