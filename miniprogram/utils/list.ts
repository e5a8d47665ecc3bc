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
