// Aggregation stages where mingo diverges from MongoDB; registered over mingo's own in mingo-env.ts.
import { Lazy } from 'mingo/lazy';
import type { Iterator as LazyIterator } from 'mingo/lazy';
import type { Options } from 'mingo/types/types';

/**
 * $sample {size}. mingo draws with replacement, so it repeats documents, pads past the end of a
 * small collection and yields `undefined` from an empty one. MongoDB (for the collection sizes an
 * emulator holds) returns min(size, count) distinct documents in random order.
 */
export function $sample(coll: LazyIterator, expr: unknown, _options: Options): LazyIterator {
  const size = (expr as { size?: unknown } | null)?.size;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) throw new Error('$sample size must be a non-negative integer');
  const xs = [...(coll.collect() as unknown[])];
  const n = Math.min(size, xs.length);
  // Partial Fisher–Yates: the first n slots end up a uniform sample without replacement.
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(Math.random() * (xs.length - i));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return Lazy(xs.slice(0, n));
}
