import { AppError } from '../../../../miniprogram/services/errors';
import { childNode, childText, load, renderPage, text } from '../../helpers';

const mockQr = jest.fn();
const mockKeep = jest.fn();
jest.mock('../../../../miniprogram/services/activity', () => ({ qrCode: (id: string) => mockQr(id) }));
jest.mock('../../../../miniprogram/services/platform', () => ({
  ...jest.requireActual('../../../../miniprogram/services/platform'),
  keepScreenOn: (on: boolean) => mockKeep(on),
}));

const id = load('pages/volunteer/leader-code/index', 'leader-code-page');
const T0 = Date.UTC(2026, 11, 10, 1, 0, 0);
const code = (n: number, validUntil: number | null, refreshAt: number | null) => ({
  scene: `act-0001.${n}.Zk3_9aQw-1`,
  page: 'pages/volunteer/checkin/index',
  imageBase64: `QUJD${n}`,
  contentType: 'image/png',
  validUntil,
  refreshAt,
});

beforeEach(() => {
  jest.clearAllMocks();
  jest.useFakeTimers({ now: T0 });
});
afterEach(() => jest.useRealTimers());

async function settle() {
  for (let i = 0; i < 4; i++) await Promise.resolve();
}

test('shows the code full screen, keeps the screen on, and fetches the next one at refreshAt', async () => {
  mockQr.mockResolvedValueOnce(code(1, T0 + 60_000, T0 + 50_000)).mockResolvedValueOnce(code(2, T0 + 120_000, T0 + 110_000));
  const page = renderPage(id, { activityId: 'act-0001' });
  expect(childText(page, '#state', '.loading')).toBe('正在加载，请稍候…');
  await settle();
  expect(mockQr).toHaveBeenCalledWith('act-0001');
  expect(mockKeep).toHaveBeenCalledWith(true);
  expect((page.data as any).code.src).toBe('data:image/png;base64,QUJD1');
  expect(text(page, '.valid')).toBe('本码 09:01:00 前有效，会自动更新，无需操作');

  jest.advanceTimersByTime(49_000);
  expect(mockQr).toHaveBeenCalledTimes(1);
  jest.advanceTimersByTime(1_000);
  await settle();
  expect(mockQr).toHaveBeenCalledTimes(2);
  expect((page.data as any).code.src).toBe('data:image/png;base64,QUJD2');
});

test('a failed refresh takes the old code off the screen and offers a retry', async () => {
  mockQr
    .mockResolvedValueOnce(code(1, T0 + 60_000, T0 + 50_000))
    .mockRejectedValueOnce(new AppError('internal', 'x', { reason: 'client.network' }, true))
    .mockResolvedValueOnce(code(3, T0 + 120_000, T0 + 110_000));
  const page = renderPage(id, { activityId: 'act-0001' });
  await settle();
  jest.advanceTimersByTime(50_000);
  await settle();
  expect(page.querySelector('.qr')).toBeUndefined();
  expect(childText(page, '#state', '.error-message')).toBe('网络不太好，请检查网络后重试');
  childNode(page, '#state', '.retry')!.dispatchEvent('tap');
  await settle();
  await settle();
  expect((page.data as any).code.src).toBe('data:image/png;base64,QUJD3');
});

test('leaving the page stops refreshing and lets the screen sleep', async () => {
  mockQr.mockResolvedValue(code(1, T0 + 60_000, T0 + 50_000));
  const page = renderPage(id, { activityId: 'act-0001' });
  await settle();
  (page as any).triggerPageLifeTime('hide');
  jest.advanceTimersByTime(120_000);
  await settle();
  expect(mockQr).toHaveBeenCalledTimes(1);
  expect(mockKeep).toHaveBeenLastCalledWith(false);
});

test('not a leader of this activity: the refusal is shown', async () => {
  mockQr.mockRejectedValue(new AppError('permission-denied', 'x'));
  const page = renderPage(id, { activityId: 'act-0001' });
  await settle();
  expect(childText(page, '#state', '.error-message')).toBe('您没有权限进行此操作');
});
