// MongoDB sort order for find() and the aggregate $sort stage. mingo compares an array field as a
// whole (lexicographically) and sorts descending by reversing the ascending order; MongoDB sorts
// by the array's smallest element ascending and by its largest element descending, so a
// descending sort is not the reverse of the ascending one when arrays are involved.
import { Lazy } from 'mingo/lazy';
import type { Iterator as LazyIterator } from 'mingo/lazy';
import type { Options } from 'mingo/types/types';
import { compare, resolve } from 'mingo/util';

export type SortSpec = Array<[string, 1 | -1]>;

/** An empty array sorts before null/missing in MongoDB. */
const EMPTY = Symbol('empty array');

function flat(v: unknown[]): unknown[] {
  return v.flatMap((x) => (Array.isArray(x) ? x : [x]));
}

function sortKey(doc: unknown, path: string, dir: 1 | -1): unknown {
  const v = doc !== null && typeof doc === 'object' ? resolve(doc as Record<string, unknown>, path) : undefined;
  if (!Array.isArray(v)) return v ?? null;
  const xs = flat(v).map((x) => x ?? null);
  if (!xs.length) return EMPTY;
  // Ascending keeps the smallest element, descending the largest.
  return xs.reduce((best, x) => (compare(x, best) * dir < 0 ? x : best));
}

function cmp(a: unknown, b: unknown): number {
  if (a === EMPTY || b === EMPTY) return a === b ? 0 : a === EMPTY ? -1 : 1;
  return compare(a, b);
}

/** Stable sort of `items` by the documents `docOf` gives, in MongoDB order. */
export function mongoSort<T>(items: T[], docOf: (item: T) => unknown, spec: SortSpec): T[] {
  const keyed = items.map((item, i) => ({ item, i, keys: spec.map(([p, d]) => sortKey(docOf(item), p, d)) }));
  keyed.sort((x, y) => {
    for (let k = 0; k < spec.length; k++) {
      const c = cmp(x.keys[k], y.keys[k]) * spec[k][1];
      if (c) return c;
    }
    return x.i - y.i;
  });
  return keyed.map((x) => x.item);
}

/** Pipeline stage $sort with MongoDB array semantics (collation is not supported by the SDK). */
export function $sort(coll: LazyIterator, sortKeys: unknown, _options: Options): LazyIterator {
  if (!sortKeys || typeof sortKeys !== 'object' || !Object.keys(sortKeys).length) throw new Error('$sort specification is invalid');
  const spec: SortSpec = Object.entries(sortKeys as Record<string, unknown>).map(([k, d]) => {
    if (d !== 1 && d !== -1) throw new Error(`$sort direction of "${k}" must be 1 or -1`);
    return [k, d];
  });
  return Lazy(mongoSort(coll.collect() as unknown[], (x) => x, spec));
}
