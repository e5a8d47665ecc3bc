import { createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { ConfigError, loadConfig } from '../../server/config';
import { BLIND_INDEX_RE, blindIndex, isSealed, open, piiCrypto, PiiCryptoError, seal } from '../../server/pii';

const b64 = (bytes: Buffer) => bytes.toString('base64');
const K1 = randomBytes(32);
const K2 = randomBytes(32);
const H = randomBytes(32);
const env = (PII_KEYS?: string, PII_HMAC_KEY?: string) => ({ PII_KEYS, PII_HMAC_KEY });
const crypto = (PII_KEYS?: string, PII_HMAC_KEY?: string) => piiCrypto(loadConfig(env(PII_KEYS, PII_HMAC_KEY)));

const current = crypto(`k2:${b64(K2)},k1:${b64(K1)}`, b64(H));
const SEALED_RE = /^v1\.k2\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/;

function expectFailure(fn: () => unknown, reason: PiiCryptoError['reason']): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(PiiCryptoError);
  expect((thrown as PiiCryptoError).reason).toBe(reason);
}

describe('seal and open', () => {
  test.each(['11010519491231002X', '', '北京市朝阳区建国路88号', '😀 a\u0000b', 'x'.repeat(10_000)])('round trip of %#', (text) => {
    const sealed = current.seal(text, 'volunteers/v1/idNumber');
    expect(sealed).toMatch(SEALED_RE);
    expect(sealed).not.toContain(text || '\u0001');
    expect(current.open(sealed, 'volunteers/v1/idNumber')).toBe(text);
  });

  test('property: any well-formed string and aad round-trip', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 40 }), (text, aad) => {
        expect(current.open(current.seal(text, aad), aad)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  test('a random IV: sealing the same text twice gives two different values', () => {
    const a = current.seal('13812345678');
    const b = current.seal('13812345678');
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    expect(current.open(a)).toBe(current.open(b));
  });

  test('a lone surrogate is refused before sealing (it would not come back)', () => {
    expect(() => current.seal('a\uD800b')).toThrow(TypeError);
  });

  test('aad binds a value to its place: another aad, or none, does not open it', () => {
    const sealed = current.seal('13812345678', 'wishes/w1/phone');
    expectFailure(() => current.open(sealed, 'wishes/w2/phone'), 'unauthentic');
    expectFailure(() => current.open(sealed), 'unauthentic');
    expectFailure(() => current.open(current.seal('13812345678'), 'wishes/w1/phone'), 'unauthentic');
    // Omitted aad is the empty aad.
    expect(current.open(current.seal('x'), '')).toBe('x');
  });

  test('tampering with each part is detected', () => {
    const sealed = current.seal('11010519491231002X', 'a');
    const [v, id, iv, body] = sealed.split('.') as [string, string, string, string];
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    expectFailure(() => current.open(['v2', id, iv, body].join('.'), 'a'), 'malformed');
    expectFailure(() => current.open([v, 'k9', iv, body].join('.'), 'a'), 'unknown-key');
    expectFailure(() => current.open([v, 'k1', iv, body].join('.'), 'a'), 'unauthentic'); // another listed key
    expectFailure(() => current.open([v, id, flip(iv, 3), body].join('.'), 'a'), 'unauthentic');
    expectFailure(() => current.open([v, id, iv, flip(body, 0)].join('.'), 'a'), 'unauthentic'); // ciphertext
    expectFailure(() => current.open([v, id, iv, flip(body, body.length - 3)].join('.'), 'a'), 'unauthentic'); // tag
    expect(() => current.open([v, id, iv, body.slice(0, -4)].join('.'), 'a')).toThrow(PiiCryptoError); // truncated
    expectFailure(() => current.open([v, id, iv.slice(0, -1), body].join('.'), 'a'), 'malformed');
    expectFailure(() => current.open([v, id, iv, body, 'x'].join('.'), 'a'), 'malformed');
    expectFailure(() => current.open([v, id, iv, 'AAAA'].join('.'), 'a'), 'malformed'); // shorter than a tag
    for (const junk of ['', 'v1', 'v1...', `${sealed}=`, ` ${sealed}`, null, 42, undefined]) {
      expectFailure(() => current.open(junk as string, 'a'), 'malformed');
    }
  });

  test('property: changing any one character of a sealed value makes it fail', () => {
    const sealed = current.seal('13812345678', 'r');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    fc.assert(
      fc.property(fc.nat({ max: sealed.length - 1 }), fc.constantFrom(...alphabet), (i, c) => {
        fc.pre(sealed[i] !== c);
        const changed = sealed.slice(0, i) + c + sealed.slice(i + 1);
        expect(() => current.open(changed, 'r')).toThrow(PiiCryptoError);
      }),
      { numRuns: 1000 },
    );
  });

  test('a different key under the same id does not open it', () => {
    const other = crypto(`k2:${b64(randomBytes(32))}`, b64(H));
    expectFailure(() => other.open(current.seal('secret')), 'unauthentic');
  });

  test('isSealed recognises the format without opening', () => {
    expect(isSealed(current.seal('x'))).toBe(true);
    expect(isSealed('13812345678')).toBe(false);
    expect(isSealed(undefined)).toBe(false);
  });

  test('messages never carry the plaintext', () => {
    const sealed = current.seal('11010519491231002X', 'a');
    try {
      current.open(sealed, 'b');
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('11010519491231002X');
    }
    expect.assertions(1);
  });
});

describe('key rotation', () => {
  const old = crypto(`k1:${b64(K1)}`, b64(H));

  test('a value sealed with an older key opens while that key is listed after the current one', () => {
    const sealedOld = old.seal('110105194912310021', 'v/1');
    expect(sealedOld.startsWith('v1.k1.')).toBe(true);
    expect(current.open(sealedOld, 'v/1')).toBe('110105194912310021');
  });

  test('new seals use the current key; needsReseal tells which to re-seal', () => {
    const sealedOld = old.seal('x');
    const sealedNew = current.seal('x');
    expect(sealedNew.startsWith('v1.k2.')).toBe(true);
    expect(current.needsReseal(sealedOld)).toBe(true);
    expect(current.needsReseal(sealedNew)).toBe(false);
    const resealed = current.seal(current.open(sealedOld));
    expect(current.needsReseal(resealed)).toBe(false);
  });

  test('once the old key is dropped its values report unknown-key, naming the id only', () => {
    const sealedOld = old.seal('x');
    const withoutOld = crypto(`k2:${b64(K2)}`, b64(H));
    expectFailure(() => withoutOld.open(sealedOld), 'unknown-key');
    expect(() => withoutOld.open(sealedOld)).toThrow(/'k1'.*PII_KEYS/);
  });
});

describe('configuration', () => {
  test('missing PII_KEYS: a ConfigError naming it when sealing or opening, not before', () => {
    const none = crypto(undefined, b64(H));
    expect(() => none.seal('x')).toThrow(ConfigError);
    expect(() => none.seal('x')).toThrow(/PII_KEYS/);
    expect(() => none.open(current.seal('x'))).toThrow(/PII_KEYS/);
    // The blind index does not need it.
    expect(none.blindIndex('phone', '13812345678')).toMatch(BLIND_INDEX_RE);
  });

  test('missing PII_HMAC_KEY: a ConfigError naming it for blind indexes only', () => {
    const none = crypto(`k1:${b64(K1)}`, undefined);
    expect(() => none.blindIndex('phone', '13812345678')).toThrow(ConfigError);
    expect(() => none.blindIndex('phone', '13812345678')).toThrow(/PII_HMAC_KEY/);
    expect(none.open(none.seal('x'))).toBe('x');
    // An empty variable is a missing one.
    expect(() => crypto('', '').seal('x')).toThrow(/PII_KEYS is not set/);
  });

  test.each([
    ['a 16-byte key', `k1:${b64(randomBytes(16))}`, /PII_KEYS: key 'k1' is 16 bytes/],
    ['a 33-byte key', `k1:${b64(randomBytes(33))}`, /PII_KEYS: key 'k1' is 33 bytes/],
    ['garbled base64', `k1:${b64(K1).slice(0, 20)}!!${b64(K1).slice(22)}`, /PII_KEYS: key 'k1' is not base64/],
    ['stray bits', `k1:${b64(K1).slice(0, -2)}B=`, /PII_KEYS: key 'k1' is not base64/],
    ['no key id', b64(K1), /PII_KEYS: entry 1 of 1 is not <keyId>:<base64 key>/],
    ['a bad key id', `k.1:${b64(K1)}`, /PII_KEYS: entry 1 of 1 has an invalid key id/],
    ['a trailing comma', `k1:${b64(K1)},`, /PII_KEYS: entry 2 of 2/],
    ['a repeated id', `k1:${b64(K1)},k1:${b64(K2)}`, /PII_KEYS: key id 'k1' is listed twice/],
  ])('PII_KEYS with %s fails loadConfig with a ConfigError naming it', (_what, value, message) => {
    expect(() => loadConfig(env(value, b64(H)))).toThrow(ConfigError);
    expect(() => loadConfig(env(value, b64(H)))).toThrow(message);
  });

  test.each([
    ['16 bytes', b64(randomBytes(16)), /PII_HMAC_KEY: is 16 bytes, at least 32/],
    ['garbled', '%%%not-base64%%%', /PII_HMAC_KEY: is not base64/],
    ['one of the AES keys', b64(K1), /PII_HMAC_KEY: must differ/],
  ])('PII_HMAC_KEY of %s fails loadConfig with a ConfigError naming it', (_what, value, message) => {
    expect(() => loadConfig(env(`k2:${b64(K2)},k1:${b64(K1)}`, value))).toThrow(ConfigError);
    expect(() => loadConfig(env(`k2:${b64(K2)},k1:${b64(K1)}`, value))).toThrow(message);
  });

  test('URL-safe and unpadded base64 are keys too; a longer HMAC key is fine', () => {
    const urlSafe = K1.toString('base64url');
    const c = crypto(`k1:${urlSafe}`, b64(randomBytes(64)));
    expect(crypto(`k1:${b64(K1)}`, b64(H)).open(c.seal('x'))).toBe('x');
  });

  test('no error message and no view of the configuration shows key material', () => {
    const secrets = [b64(K1), b64(K2), b64(H), K1.toString('hex'), K2.toString('hex'), H.toString('hex')];
    const config = loadConfig(env(`k2:${b64(K2)},k1:${b64(K1)}`, b64(H)));
    const views = [JSON.stringify(config), inspect(config, { depth: 10, showHidden: true }), String(config.PII_KEYS), `${inspect(config.PII_HMAC_KEY)}`];
    expect(JSON.parse(JSON.stringify(config))).toMatchObject({ PII_KEYS: { currentId: 'k2', ids: ['k2', 'k1'] }, PII_HMAC_KEY: '[redacted]' });
    for (const bad of [`k1:${b64(randomBytes(16))}`, `k1:${b64(K1)},k1:${b64(K2)}`, `k1:${b64(K1).slice(0, 30)}!`, b64(K1)]) {
      try {
        loadConfig(env(bad, b64(H)));
      } catch (e) {
        views.push((e as Error).message);
      }
    }
    try {
      loadConfig(env(`k1:${b64(K1)}`, b64(K1)));
    } catch (e) {
      views.push((e as Error).message);
    }
    expect(views).toHaveLength(9);
    for (const view of views) for (const s of [...secrets, b64(K1).slice(0, 30)]) expect(view).not.toContain(s);
  });
});

describe('blind index', () => {
  test('HMAC-SHA256 of "pii-blind-index/v1\\0<kind>\\0<normal form>", 64 hex digits (pinned: stored indexes depend on it)', () => {
    const expected = createHmac('sha256', H).update('pii-blind-index/v1\x00phone\x0013812345678').digest('hex');
    expect(current.blindIndex('phone', '13812345678')).toBe(expected);
    expect(expected).toMatch(BLIND_INDEX_RE);
  });

  test('stable: the same value and key always give the same index, whatever the key order of PII_KEYS', () => {
    const again = crypto(`k1:${b64(K1)}`, b64(H));
    expect(again.blindIndex('id-number', '11010519491231002X')).toBe(current.blindIndex('id-number', '11010519491231002X'));
  });

  test('separated by kind and by key', () => {
    const value = '13812345678';
    expect(current.blindIndex('phone', value)).not.toBe(current.blindIndex('id-number', value));
    expect(crypto(`k2:${b64(K2)}`, b64(randomBytes(32))).blindIndex('phone', value)).not.toBe(current.blindIndex('phone', value));
  });

  test.each([
    ['id-number', '11010519491231002x', '11010519491231002X'],
    ['id-number', ' 110105 19491231 002X\n', '11010519491231002X'],
    ['id-number', '１１０１０５１９４９１２３１００２ｘ', '11010519491231002X'],
    ['phone', '+86 138-1234-5678', '13812345678'],
    ['phone', '0086 138 1234 5678', '13812345678'],
    ['phone', '１３８１２３４５６７８', '13812345678'],
  ] as const)('normalised before hashing: %s %j is %j', (kind, typed, normal) => {
    expect(current.blindIndex(kind, typed)).toBe(current.blindIndex(kind, normal));
  });

  test('different values give different indexes', () => {
    expect(current.blindIndex('id-number', '11010519491231002X')).not.toBe(current.blindIndex('id-number', '110105194912310021'));
  });

  test('an empty value or an unknown kind is a programming error, not an index', () => {
    expect(() => current.blindIndex('phone', ' - ')).toThrow(TypeError);
    expect(() => current.blindIndex('id-number', '   ')).toThrow(TypeError);
    expect(() => current.blindIndex('email' as 'phone', 'a@b.c')).toThrow(/unknown kind/);
    expect(() => current.blindIndex('toString' as 'phone', 'x')).toThrow(/unknown kind/);
  });
});

test("the module-level functions use the function's environment: the test workers get the emulator's dev keys", () => {
  // Set by test/support/global-setup.ts, which gives the same keys to the emulator's functions.
  expect(process.env.PII_KEYS).toMatch(/^dev1:/);
  const sealed = seal('13812345678', 'a');
  expect(open(sealed, 'a')).toBe('13812345678');
  expect(blindIndex('phone', '+86 13812345678')).toBe(blindIndex('phone', '13812345678'));
});
