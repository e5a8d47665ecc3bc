// Randomness and hashing the wish function needs (cloud functions reach node built-ins only
// through server/: test/core/dependency-rule.test.ts).
import { createHash, randomBytes } from 'node:crypto';

/** A new id: the prefix and 20 random hex digits ('w_…' wishes, 'r_…' recipients). */
export function newWishDomainId(prefix: 'w' | 'r'): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function secureRandomBytes(n: number): Uint8Array {
  return randomBytes(n);
}
