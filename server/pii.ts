// Crypto for personal data (DESIGN §4; PIPL art. 51 (三) 加密、去标识化): an ID number or a phone is
// stored as a blind index (HMAC, for uniqueness and lookup) plus a sealed value (AES-256-GCM, to show
// it masked or to a role that needs it). node:crypto only.
//
//   blindIndex('id-number', v)  HMAC-SHA256(PII_HMAC_KEY, "pii-blind-index/v1\0<kind>\0<normal form>"),
//                               64 lower-case hex; normal forms are core/mask.ts's normalizeIdNumber /
//                               normalizePhone, so '11010519491231002x ' and '11010519491231002X' match.
//   seal(plaintext, aad?)       "v1.<keyId>.<iv>.<ciphertext+tag>" (base64url, 12-byte random IV,
//                               16-byte tag), under the current key of PII_KEYS. The GCM additional
//                               data is "v1.<keyId>\0<aad>", so the header is authenticated too.
//   open(sealed, aad?)          the plaintext, with any key PII_KEYS lists.
//
// aad binds a value to where it belongs: pass e.g. 'volunteers/<_id>/idNumber' to both seal and open,
// and a ciphertext copied into another record or field no longer opens. Omitted aad equals ''.
//
// Failures are server faults, not the caller's: a value that does not open was tampered with, is
// bound to another record, or its key is gone. So open throws PiiCryptoError (a plain Error with a
// reason), which defineFunction logs with a ref and answers as 'internal'; never an AppError.
// Missing keys throw ConfigError naming the variable, when a function first needs them; a malformed
// key fails loadConfig() itself. No message carries key bytes or plaintext.
//
// Rotation: put a new key first in PII_KEYS and keep the old ones after it; new seals use the new
// key, old values still open, needsReseal() tells which to re-seal; drop an old key once nothing is
// sealed with it. PII_HMAC_KEY cannot rotate by configuration (a lookup must compute the same index
// as the stored one): changing it means recomputing every stored index from the opened values.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { normalizeIdNumber, normalizePhone } from '../core';
import { ConfigError, loadConfig, ServerConfig } from './config';
import { KEY_ID_RE } from './pii-keys';

export const SEALED_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BLIND_INDEX_DOMAIN = 'pii-blind-index/v1';
const B64URL_RE = /^[A-Za-z0-9_-]*$/;

/** What blindIndex accepts, each with the normal form it indexes. */
const NORMAL_FORMS = {
  'id-number': normalizeIdNumber,
  phone: normalizePhone,
} satisfies Record<string, (value: string) => string>;
export type BlindIndexKind = keyof typeof NORMAL_FORMS;

/** A blind index as stored: 64 lower-case hex digits. */
export const BLIND_INDEX_RE = /^[0-9a-f]{64}$/;

export type PiiCryptoFailure = 'malformed' | 'unknown-key' | 'unauthentic';

export class PiiCryptoError extends Error {
  readonly reason: PiiCryptoFailure;
  constructor(reason: PiiCryptoFailure, message: string) {
    super(message);
    this.name = 'PiiCryptoError';
    this.reason = reason;
  }
}

export interface PiiCrypto {
  /** HMAC of the value's normal form, separated by kind. Throws TypeError when the normal form is empty. */
  blindIndex(kind: BlindIndexKind, value: string): string;
  /** Seals with the current key and a fresh random IV: sealing twice gives two different strings. */
  seal(plaintext: string, aad?: string): string;
  /** Opens what seal produced with any listed key; PiiCryptoError when it does not authenticate. */
  open(sealed: string, aad?: string): string;
  /** True when the value was sealed with an older key (re-seal it: seal(open(v, aad), aad)). */
  needsReseal(sealed: string): boolean;
}

type PiiConfig = Pick<ServerConfig, 'PII_KEYS' | 'PII_HMAC_KEY'>;

/** The crypto over a given configuration (a handler: piiCrypto(ctx.config)). */
export function piiCrypto(config: PiiConfig): PiiCrypto {
  const keyring = () => {
    if (!config.PII_KEYS) throw new ConfigError('PII_KEYS is not set: personal data cannot be sealed or opened without it (k1:<base64 of 32 bytes>, see README)');
    return config.PII_KEYS;
  };
  return {
    blindIndex(kind, value) {
      const normalise = Object.hasOwn(NORMAL_FORMS, kind) ? NORMAL_FORMS[kind] : undefined;
      if (!normalise) throw new TypeError(`blindIndex: unknown kind '${String(kind).slice(0, 32)}'`);
      if (typeof value !== 'string') throw new TypeError(`blindIndex: a ${kind} must be a string`);
      const normal = normalise(value);
      // Every empty value would share one index and collide on uniqueness.
      if (normal.length === 0) throw new TypeError(`blindIndex: the ${kind} is empty once normalised`);
      return keyedDigest(config, `${BLIND_INDEX_DOMAIN}\0${kind}`, normal);
    },

    seal(plaintext, aad = '') {
      if (typeof plaintext !== 'string' || !isWellFormed(plaintext)) throw new TypeError('seal: the plaintext must be a well-formed string');
      if (typeof aad !== 'string') throw new TypeError('seal: aad must be a string');
      const ring = keyring();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', ring.current, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(additionalData(ring.currentId, aad));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${SEALED_VERSION}.${ring.currentId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },

    open(sealed, aad = '') {
      if (typeof aad !== 'string') throw new TypeError('open: aad must be a string');
      const parts = parse(sealed);
      const key = keyring().key(parts.keyId);
      if (!key) throw new PiiCryptoError('unknown-key', `sealed with key '${parts.keyId}', which PII_KEYS does not list (keep older keys after the current one)`);
      const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(additionalData(parts.keyId, aad));
      decipher.setAuthTag(parts.body.subarray(parts.body.length - TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(parts.body.subarray(0, parts.body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new PiiCryptoError('unauthentic', `a value sealed with key '${parts.keyId}' does not authenticate: altered, bound to other aad, or a different key under that id`);
      }
    },

    needsReseal(sealed) {
      return parse(sealed).keyId !== keyring().currentId;
    },
  };
}

/**
 * HMAC-SHA256(PII_HMAC_KEY, "<domain>\0<text>") in lower-case hex: a digest of a value that may
 * hold personal data, which an unkeyed hash would not protect (an 18-digit ID number is quickly
 * brute-forced). Each use has its own domain, so digests of one use never match another's.
 */
export function keyedDigest(config: Pick<ServerConfig, 'PII_HMAC_KEY'>, domain: string, text: string): string {
  if (!config.PII_HMAC_KEY) {
    throw new ConfigError('PII_HMAC_KEY is not set: blind indexes and the digests of requests cannot be computed without it (base64 of at least 32 bytes, see README)');
  }
  return createHmac('sha256', config.PII_HMAC_KEY.key).update(`${domain}\0`, 'utf8').update(text, 'utf8').digest('hex');
}

/** The crypto over this function's environment (loadConfig()); read on every call, so cheap to import anywhere. */
export function blindIndex(kind: BlindIndexKind, value: string): string {
  return piiCrypto(loadConfig()).blindIndex(kind, value);
}
export function seal(plaintext: string, aad?: string): string {
  return piiCrypto(loadConfig()).seal(plaintext, aad);
}
export function open(sealed: string, aad?: string): string {
  return piiCrypto(loadConfig()).open(sealed, aad);
}

/** Looks like a sealed value (v1, well-formed parts); does not authenticate it. */
export function isSealed(value: unknown): value is string {
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
}

function additionalData(keyId: string, aad: string): Buffer {
  // The header holds no NUL, so header and aad split unambiguously.
  return Buffer.from(`${SEALED_VERSION}.${keyId}\0${aad}`, 'utf8');
}

function parse(sealed: unknown): { keyId: string; iv: Buffer; body: Buffer } {
  const malformed = (why: string) => new PiiCryptoError('malformed', `not a sealed value: ${why}`);
  if (typeof sealed !== 'string') throw malformed(`a ${sealed === null ? 'null' : typeof sealed}, not a string`);
  const parts = sealed.split('.');
  if (parts.length !== 4) throw malformed(`${parts.length} parts, expected ${SEALED_VERSION}.<keyId>.<iv>.<ciphertext>`);
  const [version, keyId, iv, body] = parts as [string, string, string, string];
  if (version !== SEALED_VERSION) throw malformed(`unknown version (expected ${SEALED_VERSION})`);
  if (!KEY_ID_RE.test(keyId)) throw malformed('invalid key id');
  const ivBytes = strictBase64url(iv);
  if (!ivBytes || ivBytes.length !== IV_BYTES) throw malformed(`the IV is not ${IV_BYTES} bytes of base64url`);
  const bodyBytes = strictBase64url(body);
  if (!bodyBytes || bodyBytes.length < TAG_BYTES) throw malformed('the ciphertext is not base64url with a 16-byte tag');
  return { keyId, iv: ivBytes, body: bodyBytes };
}

/** Canonical unpadded base64url only: a changed character always changes the bytes. */
function strictBase64url(text: string): Buffer | undefined {
  if (!B64URL_RE.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function isWellFormed(text: string): boolean {
  // A lone surrogate would come back from UTF-8 as U+FFFD: the round trip would not be exact.
  return !/\p{Surrogate}/u.test(text);
}
