import { createHmac, randomBytes } from 'node:crypto';
import { loadConfig } from '../../server/config';
import { checkCode, signCode, type CodePurpose } from '../../server/signed-code';

const key = randomBytes(32);
const config = loadConfig({ PII_HMAC_KEY: key.toString('base64') });
const other = loadConfig({ PII_HMAC_KEY: randomBytes(32).toString('base64') });
const A: CodePurpose = { domain: 'test-a/v1', macChars: 10 };
const B: CodePurpose = { domain: 'test-b/v1', macChars: 10 };
const T = Date.UTC(2026, 11, 2, 8, 0, 30);

test('the mac is the HMAC over domain, NUL, body and expiry minute, base64url, truncated (the card format)', () => {
  const { code, expiresAt } = signCode(config, A, 'SH-000123', T);
  expect(expiresAt).toBe(Date.UTC(2026, 11, 2, 8, 1)); // rounded up to the minute
  const signed = `SH-000123.${(expiresAt / 60_000).toString(36)}`;
  const mac = createHmac('sha256', key).update(`test-a/v1\0${signed}`).digest('base64url').slice(0, 10);
  expect(code).toBe(`${signed}.${mac}`);
  expect(code.length).toBeLessThanOrEqual(32);
});

test('accepted until its expiry minute, then expired', () => {
  const { code, expiresAt } = signCode(config, A, 'abc', T);
  expect(checkCode(config, A, code, expiresAt)).toEqual({ ok: true, body: 'abc', expiresAt });
  expect(checkCode(config, A, code, expiresAt + 1)).toEqual({ ok: false, why: 'expired' });
});

test('another purpose, another key, any changed character or junk is invalid', () => {
  const { code } = signCode(config, A, 'abc', T);
  expect(checkCode(config, B, code, T)).toEqual({ ok: false, why: 'invalid' });
  expect(checkCode(other, A, code, T)).toEqual({ ok: false, why: 'invalid' });
  for (let i = 0; i < code.length; i++) {
    const c = code[i] === 'x' ? 'y' : 'x';
    expect(checkCode(config, A, code.slice(0, i) + c + code.slice(i + 1), T).ok).toBe(false);
  }
  for (const junk of ['', '.', 'abc..', 'abc.zzzzzzzzz.0123456789', `${code}0`, 42 as unknown as string]) {
    expect(checkCode(config, A, junk, T)).toEqual({ ok: false, why: 'invalid' });
  }
});

test('without PII_HMAC_KEY a code is neither signed nor checked', () => {
  const none = loadConfig({});
  expect(() => signCode(none, A, 'abc', T)).toThrow(/PII_HMAC_KEY/);
});
