// Short signed codes with an expiry: `<body>.<expiry>.<mac>`, where the expiry is in whole minutes
// since the epoch (base 36) and the mac a truncated HMAC under the platform's PII_HMAC_KEY
// (keyedDigest) over the body and the expiry, separated from every other use of that key by a
// per-purpose domain label. Short enough for a mini-program code's 32-character scene. Stateless:
// a code is good until it expires; a purpose that needs one-time use records the use itself.
import { timingSafeEqual } from 'node:crypto';
import type { ServerConfig } from './config';
import { keyedDigest } from './pii';

type KeyConfig = Pick<ServerConfig, 'PII_HMAC_KEY'>;

/** What a kind of code is for: its domain label (e.g. 'volunteer-card/v1') and the mac's length. */
export interface CodePurpose {
  domain: string;
  macChars: number;
}

const MINUTE = 60_000;
const CODE_RE = /^(.+)\.([0-9a-z]{1,8})\.([A-Za-z0-9_-]+)$/;

function mac(config: KeyConfig, purpose: CodePurpose, signed: string): string {
  return Buffer.from(keyedDigest(config, purpose.domain, signed), 'hex').toString('base64url').slice(0, purpose.macChars);
}

/** The signed part of a code: the body and its expiry minute (base 36). */
function signedPart(body: string, expiryMinute: number): string {
  return `${body}.${expiryMinute.toString(36)}`;
}

/** A code for `body` valid until `expiresAt`, rounded up to the minute (the returned expiresAt). */
export function signCode(config: KeyConfig, purpose: CodePurpose, body: string, expiresAt: number): { code: string; expiresAt: number } {
  if (!body || body.includes('\0')) throw new Error('signCode: the body must be a non-empty string without NUL');
  const minute = Math.ceil(expiresAt / MINUTE);
  const signed = signedPart(body, minute);
  return { code: `${signed}.${mac(config, purpose, signed)}`, expiresAt: minute * MINUTE };
}

export type CheckedCode = { ok: true; body: string; expiresAt: number } | { ok: false; why: 'invalid' | 'expired' };

/**
 * The body of a genuine code, or why not: 'invalid' (not a code of this purpose: malformed, altered,
 * another key or domain) or 'expired' (genuine, but `now` is past its expiry minute).
 */
export function checkCode(config: KeyConfig, purpose: CodePurpose, code: string, now: number): CheckedCode {
  const m = typeof code === 'string' ? CODE_RE.exec(code) : null;
  const minute = m ? parseInt(m[2]!, 36) : NaN;
  if (!m || !Number.isSafeInteger(minute) || m[3]!.length !== purpose.macChars) return { ok: false, why: 'invalid' };
  const expected = Buffer.from(mac(config, purpose, signedPart(m[1]!, minute)));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, why: 'invalid' };
  const expiresAt = minute * MINUTE;
  if (now > expiresAt) return { ok: false, why: 'expired' };
  return { ok: true, body: m[1]!, expiresAt };
}
