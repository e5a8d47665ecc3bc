// The paged-list helper every cursor list uses: a real component instance (simulate), so setData
// paths behave as on WeChat, with the fetch and the toast as the only fakes.
import * as simulate from 'miniprogram-simulate';
import { AppError } from '../../../miniprogram/services/errors';
import { appendPatch, communityList, loadFirstPage, loadNextPage, type CursorPage, type PagedList } from '../../../miniprogram/utils/list';
import { deferred } from '../helpers';

const mockToast = jest.fn();
jest.mock('../../../miniprogram/services/platform', () => ({ toast: (t: string) => mockToast(t) }));
const mockProfile = jest.fn();
jest.mock('../../../miniprogram/services/session', () => ({
  profile: () => mockProfile(),
  communityFor: (role: string) => (role === 'staff' ? 'c-staff' : undefined),
}));

type Item = { n: number };
type Host = { data: { status: string; errorMessage: string; rows: string[]; next: string | null; loadingMore: boolean; moreError?: string }; setData(p: object): void };

const id = simulate.load({
  template: '<view wx:for="{{rows}}" wx:key="*this" class="row">{{item}}</view>',
  data: { status: 'loading', errorMessage: '', rows: [], next: null, loadingMore: false },
});

function host(): { inst: Host; comp: ReturnType<typeof simulate.render>; patches: Array<Record<string, unknown>> } {
  const comp = simulate.render(id);
  comp.attach(document.createElement('parent-wrapper'));
  const inst = comp.instance as unknown as Host;
  const patches: Array<Record<string, unknown>> = [];
  const setData = inst.setData.bind(inst);
  inst.setData = (p: object) => {
    patches.push(p as Record<string, unknown>);
    setData(p);
  };
  return { inst, comp, patches };
}

const page = (ns: number[], next: string | null): CursorPage<Item> => ({ items: ns.map((n) => ({ n })), next });
const rowsShown = (comp: ReturnType<typeof simulate.render>) => comp.querySelectorAll('.row').map((r: any) => r.dom.textContent);

function list(fetch: jest.Mock, extra: Partial<PagedList<Item, string>> = {}): PagedList<Item, string> {
  return { key: 'rows', fetch: (after?: string) => fetch(after), mapRow: (i) => `第${i.n}条`, ...extra };
}

beforeEach(() => jest.clearAllMocks());

test('appendPatch sends only the new elements, by path', () => {
  expect(appendPatch('rows', 2, ['a', 'b'])).toEqual({ 'rows[2]': 'a', 'rows[3]': 'b' });
});

test('first page: loading, then the mapped rows and the cursor; an empty first page is "empty"', async () => {
  const { inst, comp } = host();
  const d = deferred<CursorPage<Item>>();
  const fetch = jest.fn().mockReturnValueOnce(d.promise);
  const done = loadFirstPage(inst, list(fetch));
  expect(inst.data.status).toBe('loading');
  expect(fetch).toHaveBeenCalledWith(undefined);
  d.resolve(page([1, 2], 'c2'));
  await expect(done).resolves.toEqual([{ n: 1 }, { n: 2 }]);
  expect(inst.data).toMatchObject({ status: 'ready', rows: ['第1条', '第2条'], next: 'c2' });
  expect(rowsShown(comp)).toEqual(['第1条', '第2条']);

  fetch.mockResolvedValueOnce(page([], null));
  await loadFirstPage(inst, list(fetch));
  expect(inst.data).toMatchObject({ status: 'empty', rows: [], next: null });
});

test('next page: fetched after the cursor and appended by path, never the whole list', async () => {
  const { inst, comp, patches } = host();
  const fetch = jest.fn().mockResolvedValueOnce(page([1, 2], 'c2')).mockResolvedValueOnce(page([3], null));
  await loadFirstPage(inst, list(fetch));
  patches.length = 0;
  await expect(loadNextPage(inst, list(fetch))).resolves.toEqual([{ n: 3 }]);
  expect(fetch).toHaveBeenLastCalledWith('c2');
  const appended = patches.find((p) => 'rows[2]' in p)!;
  expect(appended).toEqual({ 'rows[2]': '第3条', next: null, loadingMore: false });
  expect(patches.some((p) => 'rows' in p)).toBe(false);
  expect(rowsShown(comp)).toEqual(['第1条', '第2条', '第3条']);
});

test('end of the list: no cursor, no request', async () => {
  const { inst } = host();
  const fetch = jest.fn().mockResolvedValueOnce(page([1], null));
  await loadFirstPage(inst, list(fetch));
  await expect(loadNextPage(inst, list(fetch))).resolves.toBeNull();
  expect(fetch).toHaveBeenCalledTimes(1);
});

test('a second scroll while a page is loading is ignored', async () => {
  const { inst } = host();
  const d = deferred<CursorPage<Item>>();
  const fetch = jest.fn().mockResolvedValueOnce(page([1], 'c1')).mockReturnValueOnce(d.promise);
  await loadFirstPage(inst, list(fetch));
  const first = loadNextPage(inst, list(fetch));
  expect(inst.data.loadingMore).toBe(true);
  await expect(loadNextPage(inst, list(fetch))).resolves.toBeNull();
  expect(fetch).toHaveBeenCalledTimes(2);
  d.resolve(page([2], null));
  await first;
  expect(inst.data).toMatchObject({ rows: ['第1条', '第2条'], loadingMore: false, next: null });
});

test('a failed next page: a toast, the cursor kept, and the next scroll retries the same page', async () => {
  const { inst } = host();
  const fetch = jest
    .fn()
    .mockResolvedValueOnce(page([1], 'c1'))
    .mockRejectedValueOnce(new AppError('internal', 'x', { reason: 'client.network' }, true))
    .mockResolvedValueOnce(page([2], null));
  await loadFirstPage(inst, list(fetch));
  await expect(loadNextPage(inst, list(fetch))).resolves.toBeNull();
  expect(mockToast).toHaveBeenCalledWith('网络不太好，请检查网络后重试');
  expect(inst.data).toMatchObject({ loadingMore: false, next: 'c1', rows: ['第1条'] });
  await loadNextPage(inst, list(fetch));
  expect(fetch).toHaveBeenLastCalledWith('c1');
  expect(inst.data.rows).toEqual(['第1条', '第2条']);
});

test('with moreErrorKey the failure is shown inline (no toast) and cleared by the retry', async () => {
  const { inst } = host();
  const fetch = jest.fn().mockResolvedValueOnce(page([1], 'c1')).mockRejectedValueOnce(new AppError('permission-denied', 'x')).mockResolvedValueOnce(page([2], null));
  const inline = list(fetch, { moreErrorKey: 'moreError' });
  await loadFirstPage(inst, inline);
  await loadNextPage(inst, inline);
  expect(inst.data.moreError).toBe('您没有权限进行此操作');
  expect(mockToast).not.toHaveBeenCalled();
  await loadNextPage(inst, inline);
  expect(inst.data).toMatchObject({ moreError: '', rows: ['第1条', '第2条'] });
});

test('a failed first page shows the error; the retry loads it again', async () => {
  const { inst } = host();
  const fetch = jest.fn().mockRejectedValueOnce(new AppError('internal', 'x')).mockResolvedValueOnce(page([1], null));
  await expect(loadFirstPage(inst, list(fetch))).resolves.toBeNull();
  expect(inst.data).toMatchObject({ status: 'error', errorMessage: '系统开小差了，请稍后再试' });
  await loadFirstPage(inst, list(fetch));
  expect(inst.data).toMatchObject({ status: 'ready', errorMessage: '', rows: ['第1条'] });
});

test('a reload (new filter) drops answers still in flight from the old list', async () => {
  const { inst } = host();
  const oldFirst = deferred<CursorPage<Item>>();
  const oldNext = deferred<CursorPage<Item>>();
  const fetch = jest.fn().mockResolvedValueOnce(page([1], 'c1')).mockReturnValueOnce(oldNext.promise).mockReturnValueOnce(oldFirst.promise).mockResolvedValueOnce(page([7], null));
  await loadFirstPage(inst, list(fetch));
  const staleNext = loadNextPage(inst, list(fetch));
  const staleFirst = loadFirstPage(inst, list(fetch));
  const fresh = loadFirstPage(inst, list(fetch));
  await fresh;
  oldNext.resolve(page([2], null));
  oldFirst.resolve(page([3], null));
  await expect(staleNext).resolves.toBeNull();
  await expect(staleFirst).resolves.toBeNull();
  expect(inst.data).toMatchObject({ rows: ['第7条'], status: 'ready', loadingMore: false });
});

test('without mapRow the items are the rows', async () => {
  const { inst } = host();
  await loadFirstPage(inst, { key: 'rows', fetch: async () => ({ items: ['甲', '乙'], next: null }) });
  expect(inst.data.rows).toEqual(['甲', '乙']);
});

test('communityList: the first page reads the profile and keeps the community; later pages reuse it', async () => {
  const { inst } = host();
  mockProfile.mockResolvedValue({ openid: 'o', roles: [], createdAt: 1 });
  const fetch = jest.fn().mockResolvedValueOnce(page([1], 'c1')).mockResolvedValueOnce(page([2], null));
  const list = communityList(inst, 'staff', (communityId: string, after?: string) => fetch(communityId, after), { key: 'rows', mapRow: (i: Item) => `第${i.n}条` });
  await loadFirstPage(inst, list);
  expect(fetch).toHaveBeenLastCalledWith('c-staff', undefined);
  expect((inst.data as unknown as { communityId: string }).communityId).toBe('c-staff');
  await loadNextPage(inst, list);
  expect(fetch).toHaveBeenLastCalledWith('c-staff', 'c1');
  expect(mockProfile).toHaveBeenCalledTimes(1);
  expect(inst.data.rows).toEqual(['第1条', '第2条']);
});
