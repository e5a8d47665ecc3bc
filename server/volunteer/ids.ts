// Random ids and codes, and hashes, for the volunteer domain's functions (which reach node built-ins
// only through server/).
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';

/** `<prefix>-<20 hex>`: document ids the server makes. */
export function randomId(prefix: string): string {
  return `${prefix}-${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

/** No 0/O, 1/I: codes people read aloud or type (invitations, certificate numbers and check codes). */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function randomCode(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Constant-time equality of two hex digests of the same length (false for different lengths). */
export function sameDigest(aHex: string, bHex: string): boolean {
  const a = Buffer.from(aHex, 'hex');
  const b = Buffer.from(bHex, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
