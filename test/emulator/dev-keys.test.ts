// The emulator gives the functions it runs personal-data keys: per data directory, persisted, never
// regenerated under existing data, overridable by functionEnv.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { RunningEmulator } from '../../emulator/emulator';
import { DEV_KEYS_FILE, devKeyEnv } from '../../emulator/dev-keys';
import { loadConfig } from '../../server/config';
import { piiCrypto } from '../../server/pii';
import { callGateway, startFixtureEmulator } from './functions/harness';

const fingerprint = (b64: string) => createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex').slice(0, 16);

/** What the pii-env fixture should report for these keys. */
function expectedReport(env: { PII_KEYS: string; PII_HMAC_KEY: string }) {
  return {
    PII_KEYS: {
      present: true,
      keys: env.PII_KEYS.split(',').map((item) => {
        const [id, key] = item.split(':') as [string, string];
        return { id, bytes: 32, fingerprint: fingerprint(key) };
      }),
    },
    PII_HMAC_KEY: { present: true, bytes: 32, fingerprint: fingerprint(env.PII_HMAC_KEY) },
  };
}

async function reportOf(emu: RunningEmulator): Promise<any> {
  const res = await callGateway(emu, 'pii-env', { action: 'check' }, { 'x-wx-openid': 'dev-keys-test' });
  expect(res.status).toBe(200);
  return res.body;
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-dev-keys-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('dev keys of a data directory', () => {
  test('made on first use, valid configuration, private to the user, the same on every later use', () => {
    const first = devKeyEnv(dir);
    const file = path.join(dir, DEV_KEYS_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.PII_KEYS).toMatch(/^dev1:[A-Za-z0-9+/]{43}=$/);
    const config = loadConfig(first);
    expect(config.PII_KEYS?.ids).toEqual(['dev1']);
    expect(devKeyEnv(dir)).toEqual(first);
    // Nothing but the keys file is left behind.
    expect(fs.readdirSync(dir)).toEqual([DEV_KEYS_FILE]);
  });

  test('without a data directory: fresh random keys each time', () => {
    const a = devKeyEnv(null);
    const b = devKeyEnv(null);
    expect(a.PII_KEYS).not.toBe(b.PII_KEYS);
    expect(() => loadConfig(a)).not.toThrow();
  });

  test('a damaged keys file is an error naming the file, never quoting it, never silently replaced', () => {
    const file = path.join(dir, DEV_KEYS_FILE);
    const secret = randomBytes(32).toString('base64');
    fs.writeFileSync(file, `{"PII_KEYS": "dev1:${secret}", `);
    expect(() => devKeyEnv(dir)).toThrow(/dev-keys\.json: the dev keys are not valid JSON.*--reset/);
    try {
      devKeyEnv(dir);
    } catch (e) {
      expect((e as Error).message).not.toContain(secret.slice(0, 12));
    }
    fs.writeFileSync(file, JSON.stringify({ PII_KEYS: `dev1:${secret}` }));
    expect(() => devKeyEnv(dir)).toThrow(/PII_HMAC_KEY is missing/);
    fs.writeFileSync(file, JSON.stringify({ PII_KEYS: `dev1:${secret.slice(0, 20)}`, PII_HMAC_KEY: secret }));
    expect(() => devKeyEnv(dir)).toThrow(/PII_KEYS: key 'dev1' is 15 bytes/);
    expect(fs.readFileSync(file, 'utf8')).toContain(secret.slice(0, 20));
  });
});

describe('functions run by the emulator get the keys', () => {
  test('the data directory keys, the same after a restart, new ones after --reset', async () => {
    let emu = await startFixtureEmulator({ dataDir: dir, poolSize: 1 });
    const keys = devKeyEnv(dir);
    try {
      expect(await reportOf(emu)).toEqual(expectedReport(keys));
      // What a function sealed with them opens in-process with the persisted keys.
      expect(piiCrypto(loadConfig(keys)).open(piiCrypto(loadConfig(keys)).seal('x'))).toBe('x');
    } finally {
      await emu.close();
    }

    emu = await startFixtureEmulator({ dataDir: dir, poolSize: 1 });
    try {
      expect(await reportOf(emu)).toEqual(expectedReport(keys));
    } finally {
      await emu.close();
    }

    emu = await startFixtureEmulator({ dataDir: dir, poolSize: 1, reset: true });
    try {
      const fresh = devKeyEnv(dir);
      expect(fresh.PII_KEYS).not.toBe(keys.PII_KEYS);
      expect(await reportOf(emu)).toEqual(expectedReport(fresh));
    } finally {
      await emu.close();
    }
  }, 60_000);

  test('keys given in functionEnv win over the dev keys', async () => {
    const given = { PII_KEYS: `k9:${randomBytes(32).toString('base64')},k8:${randomBytes(32).toString('base64')}`, PII_HMAC_KEY: randomBytes(32).toString('base64') };
    const emu = await startFixtureEmulator({ dataDir: dir, poolSize: 1, functionEnv: given });
    try {
      expect(await reportOf(emu)).toEqual(expectedReport(given));
    } finally {
      await emu.close();
    }
  }, 30_000);

  test('an in-memory emulator gives well-formed random keys', async () => {
    const emu = await startFixtureEmulator({ poolSize: 1 });
    try {
      const report = await reportOf(emu);
      expect(report.PII_KEYS).toMatchObject({ present: true, keys: [{ id: 'dev1', bytes: 32 }] });
      expect(report.PII_HMAC_KEY).toMatchObject({ present: true, bytes: 32 });
      // Its own, not the ones its workers would inherit from this process (global-setup.ts).
      const inherited = process.env.PII_KEYS?.split(':')[1] ?? '';
      expect(report.PII_KEYS.keys[0].fingerprint).not.toBe(fingerprint(inherited));
    } finally {
      await emu.close();
    }
  }, 30_000);
});
