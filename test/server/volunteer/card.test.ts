// The volunteer card code: its format fits a mini-program code's scene, it round-trips through the
// pure parser (core) and the server's signature check, and any change to it (number, expiry or
// signature) or a passed expiry is refused.
import fc from 'fast-check';
import { AppError, CARD_CODE_RE, parseCardCode } from '../../../core';
import { SCENE_PATTERN } from '../../../server/openapi';
import { checkCardCode, signCardCode } from '../../../server/volunteer/card';
import { loadConfig } from '../../../server/config';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const config = loadConfig();
const volunteerNo = fc.tuple(fc.stringMatching(/^[A-Z]{2,6}$/), fc.integer({ min: 1, max: 9_999_999 })).map(([code, n]) => `${code}-${String(n).padStart(6, '0')}`);
const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2080, 0, 1) });

function reason(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (err) {
    return err instanceof AppError ? err.details?.reason : 'not an AppError';
  }
}

test('a signed code is a valid scene, parses back, and is accepted until its expiry minute, not after', () => {
  fc.assert(
    fc.property(volunteerNo, instant, (no, expiresAt) => {
      const { code, expiresAt: until } = signCardCode(config, no, expiresAt);
      expect(code.length).toBeLessThanOrEqual(32);
      expect(SCENE_PATTERN.test(code)).toBe(true);
      expect(CARD_CODE_RE.test(code)).toBe(true);
      expect(until).toBeGreaterThanOrEqual(expiresAt);
      expect(until - expiresAt).toBeLessThan(60_000);
      expect(parseCardCode(code)).toMatchObject({ volunteerNo: no, expiresAt: until });
      expect(checkCardCode(config, code, until)).toBe(no);
      expect(reason(() => checkCardCode(config, code, until + 1))).toBe('card.expired');
    }),
    { numRuns: RUNS },
  );
});

test('changing any one character of a code makes it invalid (or not a code at all)', () => {
  fc.assert(
    fc.property(volunteerNo, fc.nat(), fc.constantFrom(...'ABCXYZ0123456789abcxyz-_.'), (no, at, ch) => {
      const { code, expiresAt } = signCardCode(config, no, Date.UTC(2027, 0, 1));
      const i = at % code.length;
      fc.pre(code[i] !== ch);
      const changed = code.slice(0, i) + ch + code.slice(i + 1);
      expect(reason(() => checkCardCode(config, changed, expiresAt - 60_000))).toBe('card.invalid');
    }),
    { numRuns: RUNS },
  );
});

test('a code signed with another key is refused; junk is refused without throwing anything else', () => {
  const other = { PII_HMAC_KEY: { key: Buffer.alloc(32, 7) } } as unknown as Parameters<typeof signCardCode>[0];
  const { code } = signCardCode(other, 'XFL-000001', Date.UTC(2027, 0, 1));
  expect(reason(() => checkCardCode(config, code, Date.UTC(2026, 11, 1)))).toBe('card.invalid');
  fc.assert(
    fc.property(fc.string({ maxLength: 64 }), (junk) => {
      fc.pre(!CARD_CODE_RE.test(junk));
      expect(reason(() => checkCardCode(config, junk, 0))).toBe('card.invalid');
    }),
    { numRuns: RUNS },
  );
});
