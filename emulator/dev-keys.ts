// Development keys for personal data (server/pii.ts): the functions the emulator runs get PII_KEYS
// and PII_HMAC_KEY like deployed ones do. They are random, made on first use of a data directory
// and kept in it (<data>/dev-keys.json, mode 0600), so data sealed under `npm start` still opens
// after a restart, and no key is ever in the repository. --reset wipes the directory, keys
// included, with the data they sealed. Without a data directory (tests) they are random per start.
// To try key rotation locally, edit the file: "PII_KEYS": "dev2:<new>,dev1:<old>".
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../server/config';

export const DEV_KEYS_FILE = 'dev-keys.json';
export const DEV_KEY_VARIABLES = ['PII_KEYS', 'PII_HMAC_KEY'] as const;
export type DevKeyEnv = Record<(typeof DEV_KEY_VARIABLES)[number], string>;

export function generateDevKeys(): DevKeyEnv {
  return { PII_KEYS: `dev1:${randomBytes(32).toString('base64')}`, PII_HMAC_KEY: randomBytes(32).toString('base64') };
}

/** The data directory's dev keys, created on first use; fresh random ones without a directory. */
export function devKeyEnv(dataDir: string | null): DevKeyEnv {
  if (!dataDir) return generateDevKeys();
  const file = path.join(dataDir, DEV_KEYS_FILE);
  if (!fs.existsSync(file)) create(file);
  return read(file);
}

function create(file: string): void {
  // Written whole to a temp file, then linked into place: link fails if another process got there
  // first, so two starts on one directory can never end up with different keys.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(generateDevKeys(), null, 2) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function read(file: string): DevKeyEnv {
  // Never regenerated silently: new keys would leave everything sealed so far unreadable.
  const fail = (why: string) => new Error(`${file}: ${why}. Fix it, or start with --reset to wipe the data directory and make new keys.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    // Not the parser's message: it quotes the text, which is the keys.
    const err = e as NodeJS.ErrnoException;
    throw fail(err.code ? `cannot read the dev keys (${err.code})` : 'the dev keys are not valid JSON');
  }
  const env = parsed as Partial<Record<string, unknown>>;
  for (const name of DEV_KEY_VARIABLES) {
    if (typeof env?.[name] !== 'string' || env[name] === '') throw fail(`${name} is missing`);
  }
  const keys = { PII_KEYS: env.PII_KEYS as string, PII_HMAC_KEY: env.PII_HMAC_KEY as string };
  try {
    loadConfig(keys);
  } catch (e) {
    throw fail((e as Error).message);
  }
  return keys;
}
