// Key material for personal-data crypto (pii.ts), parsed from configuration (config.ts). Keys live
// as KeyObjects in private fields: JSON.stringify, console.log and util.inspect of a ServerConfig
// (which a handler gets as ctx.config) show key ids, never key bytes. Parse errors name the entry
// and, when well-formed, its key id; they never quote key text.
import { createSecretKey, KeyObject } from 'node:crypto';
import { inspect } from 'node:util';

/** AES-256-GCM: exactly 32 bytes. */
export const AES_KEY_BYTES = 32;
/** HMAC-SHA256 keys shorter than the hash output weaken it. */
export const MIN_HMAC_KEY_BYTES = 32;
/** A key id goes into every sealed value: short, and free of the format's separators ('.', ':', ','). */
export const KEY_ID_RE = /^[A-Za-z0-9_-]{1,16}$/;

const BASE64_CHARS_RE = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Standard or URL-safe base64, padded or not; undefined unless it is canonical (no stray bits). */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (!BASE64_CHARS_RE.test(text)) return undefined;
  const bare = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (bare.length % 4 === 1) return undefined;
  const bytes = Buffer.from(bare, 'base64');
  return bytes.toString('base64').replace(/=+$/, '') === bare ? bytes : undefined;
}

/** The AES keys: the first is current (new seals), the others only open what they sealed. */
export class PiiKeyring {
  readonly currentId: string;
  readonly ids: readonly string[];
  readonly #keys: ReadonlyMap<string, KeyObject>;

  constructor(entries: ReadonlyArray<readonly [string, KeyObject]>) {
    if (entries.length === 0) throw new TypeError('a keyring needs at least one key');
    this.#keys = new Map(entries);
    this.ids = entries.map(([id]) => id);
    this.currentId = this.ids[0] as string;
  }

  get current(): KeyObject {
    return this.#keys.get(this.currentId) as KeyObject;
  }

  key(id: string): KeyObject | undefined {
    return this.#keys.get(id);
  }

  has(key: KeyObject): boolean {
    return [...this.#keys.values()].some((k) => k.equals(key));
  }

  toJSON(): { currentId: string; ids: readonly string[] } {
    return { currentId: this.currentId, ids: this.ids };
  }

  [inspect.custom](): string {
    return `PiiKeyring { current: '${this.currentId}', ids: [${this.ids.map((id) => `'${id}'`).join(', ')}] }`;
  }
}

/** The blind-index key: one key, no rotation by configuration (see pii.ts). */
export class HmacKey {
  readonly #key: KeyObject;

  constructor(key: KeyObject) {
    this.#key = key;
  }

  get key(): KeyObject {
    return this.#key;
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'HmacKey [redacted]';
  }
}

/** `<keyId>:<base64 of 32 bytes>[,<keyId>:<base64>…]`, first is current; a keyring or what is wrong. */
export function parsePiiKeys(text: string): PiiKeyring | string {
  const entries: Array<[string, KeyObject]> = [];
  const items = text.split(',').map((s) => s.trim());
  for (const [i, item] of items.entries()) {
    const where = `entry ${i + 1} of ${items.length}`;
    const colon = item.indexOf(':');
    if (colon < 0) return `${where} is not <keyId>:<base64 key> (expected e.g. k2:<base64 of ${AES_KEY_BYTES} bytes>,k1:<…>, first is current)`;
    const id = item.slice(0, colon).trim();
    if (!KEY_ID_RE.test(id)) return `${where} has an invalid key id (1–16 characters of A–Z a–z 0–9 _ -)`;
    if (entries.some(([seen]) => seen === id)) return `key id '${id}' is listed twice`;
    const bytes = decodeBase64Strict(item.slice(colon + 1).trim());
    if (!bytes) return `key '${id}' is not base64`;
    if (bytes.length !== AES_KEY_BYTES) return `key '${id}' is ${bytes.length} bytes, AES-256 needs exactly ${AES_KEY_BYTES}`;
    entries.push([id, createSecretKey(bytes)]);
  }
  return new PiiKeyring(entries);
}

/** base64 of at least 32 bytes; a key or what is wrong. */
export function parseHmacKey(text: string): HmacKey | string {
  const bytes = decodeBase64Strict(text.trim());
  if (!bytes) return 'is not base64';
  if (bytes.length < MIN_HMAC_KEY_BYTES) return `is ${bytes.length} bytes, at least ${MIN_HMAC_KEY_BYTES} are needed`;
  return new HmacKey(createSecretKey(bytes));
}
