// Query operators where mingo diverges from MongoDB (and so from CloudBase, which is MongoDB
// underneath); registered over mingo's own in mingo-env.ts.
import type { Options } from 'mingo/types/types';
import { resolve } from 'mingo/util';

/**
 * $mod: [divisor, remainder]. mingo computes `x % d === r` on any value, so null % 5 === 0 and
 * "10" % 5 === 0 match; MongoDB only matches numbers (or an array holding one).
 */
function $mod(selector: string, value: unknown, _options: Options): (obj: Record<string, unknown>) => boolean {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'number' || typeof value[1] !== 'number') {
    throw new Error('$mod needs [divisor, remainder] numbers');
  }
  if (value[0] === 0) throw new Error('$mod divisor cannot be 0');
  const [d, r] = [Math.trunc(value[0]), Math.trunc(value[1])];
  const test = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && Math.trunc(x) % d === r;
  return (obj) => {
    const v = resolve(obj, selector, { unwrapArray: true });
    return Array.isArray(v) ? v.some(test) : test(v);
  };
}

export const fixedQueryOperators = { $mod };
