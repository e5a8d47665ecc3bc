import { userMessage } from '../services/errors';
import { toast } from '../services/platform';
import { communityFor, profile } from '../services/session';
import type { RoleName } from '../services/types';

// Long lists grow by path: `items[20]`, `items[21]`, … are sent, never the whole array again, so a
// setData stays small however far the user scrolls (WeChat copies every payload across threads).
export function appendPatch<T>(key: string, start: number, items: readonly T[]): Record<string, T> {
  const patch: Record<string, T> = {};
  items.forEach((item, i) => {
    patch[`${key}[${start + i}]`] = item;
  });
  return patch;
}

/** Replace one element in place by path (e.g. after an action on a row). */
export function replacePatch<T>(key: string, index: number, item: T): Record<string, T> {
  return { [`${key}[${index}]`]: item };
}

export type ListStatus = 'loading' | 'error' | 'empty' | 'ready';

/** The status of a list after its first page. */
export function firstPageStatus(count: number): ListStatus {
  return count ? 'ready' : 'empty';
}

/** The data of a page's cursor list under `rows`, as loadFirstPage / loadNextPage keep it. */
export function listData<R>() {
  return { status: 'loading' as ListStatus, errorMessage: '', rows: [] as R[], next: null as string | null, loadingMore: false };
}

/** One cursor page as every list action answers it (`paginate` on the server). */
export interface CursorPage<T> {
  items: readonly T[];
  next: string | null;
}

/**
 * A page's cursor list: which data key holds the rows, how to fetch a page (no cursor = the first),
 * how an item becomes a row, and where a failed next page is shown (a data key rendered inline with
 * a retry button; without one, a toast).
 */
export interface PagedList<T, R = T> {
  key: string;
  fetch(after?: string): Promise<CursorPage<T>>;
  mapRow?: (item: T) => R;
  moreErrorKey?: string;
}

/** The page or component instance (its typed data need not mention the list's keys). */
export interface ListHost {
  data: object;
  setData(patch: Record<string, unknown>): void;
}

// Each first load starts a new generation: a page still in flight from an older one (the user
// changed a filter or tab meanwhile) is dropped instead of being appended to the new list.
const generations = new WeakMap<object, number>();

function rowsOf<T, R>(list: PagedList<T, R>, items: readonly T[]): R[] {
  return list.mapRow ? items.map(list.mapRow) : (items as unknown as R[]);
}

/**
 * The first page: loading → ready / empty, or error with the message (the page's retry calls this
 * again). Resolves to the items shown, or null when it failed or a newer load replaced it.
 */
export async function loadFirstPage<T, R>(host: ListHost, list: PagedList<T, R>): Promise<T[] | null> {
  const gen = (generations.get(host) ?? 0) + 1;
  generations.set(host, gen);
  const reset: Record<string, unknown> = { status: 'loading', errorMessage: '', [list.key]: [], next: null, loadingMore: false };
  if (list.moreErrorKey) reset[list.moreErrorKey] = '';
  host.setData(reset);
  try {
    const page = await list.fetch();
    if (generations.get(host) !== gen) return null;
    const rows = rowsOf(list, page.items);
    host.setData({ [list.key]: rows, next: page.next, status: firstPageStatus(rows.length) });
    return [...page.items];
  } catch (err) {
    if (generations.get(host) === gen) host.setData({ status: 'error', errorMessage: userMessage(err) });
    return null;
  }
}

/**
 * The next page, appended by path (`rows[20]`, `rows[21]`, …). Does nothing at the end of the list
 * or while a page is already loading (a second scroll to the bottom). Resolves to the items
 * appended, or null when nothing was appended.
 */
export async function loadNextPage<T, R>(host: ListHost, list: PagedList<T, R>): Promise<T[] | null> {
  const data = host.data as Record<string, unknown>;
  const after = data.next as string | null | undefined;
  if (!after || data.loadingMore) return null;
  const gen = generations.get(host);
  host.setData(list.moreErrorKey ? { loadingMore: true, [list.moreErrorKey]: '' } : { loadingMore: true });
  try {
    const page = await list.fetch(after);
    if (generations.get(host) !== gen) return null;
    const start = ((host.data as Record<string, unknown>)[list.key] as unknown[] | undefined)?.length ?? 0;
    host.setData({ ...appendPatch(list.key, start, rowsOf(list, page.items)), next: page.next, loadingMore: false });
    return [...page.items];
  } catch (err) {
    if (generations.get(host) !== gen) return null;
    if (list.moreErrorKey) host.setData({ loadingMore: false, [list.moreErrorKey]: userMessage(err) });
    else {
      host.setData({ loadingMore: false });
      toast(userMessage(err));
    }
    return null;
  }
}

/**
 * A list of the community the person acts in as `role` (staff screens): the first page reads the
 * profile and keeps the community in the page's data (`communityId`) for the later pages and actions.
 */
export function communityList<T, R>(
  host: ListHost,
  role: RoleName,
  fetch: (communityId: string, after?: string) => Promise<CursorPage<T>>,
  list: Omit<PagedList<T, R>, 'fetch'>,
): PagedList<T, R> {
  return {
    ...list,
    fetch: async (after?: string) => {
      if (!after) {
        await profile();
        host.setData({ communityId: communityFor(role) ?? '' });
      }
      return fetch((host.data as { communityId?: string }).communityId ?? '', after);
    },
  };
}
