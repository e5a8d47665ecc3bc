// Where a function's bundle and config.json live, and what the config says.
import fs from 'node:fs';
import path from 'node:path';

/** CloudBase's default time limit for a cloud function is 3 s; config.json `timeout` (seconds) overrides it. */
export const DEFAULT_TIMEOUT_S = 3;

export interface FunctionInfo {
  name: string;
  file: string;
  /** mtime of the bundle: a rebuild makes workers re-require it. */
  version: number;
  timeoutMs: number;
}

// Names are folder names: anything else (../, slashes) could escape the functions root.
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$/;

const configCache = new Map<string, { mtime: number; timeoutMs: number }>();

/** The function's bundle and settings, or undefined when there is no such function. */
export function findFunction(root: string, name: string): FunctionInfo | undefined {
  if (!NAME.test(name)) return undefined;
  const file = path.join(root, name, 'index.js');
  let version: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return undefined;
    version = st.mtimeMs;
  } catch {
    return undefined;
  }
  return { name, file, version, timeoutMs: readTimeoutMs(path.join(root, name, 'config.json')) };
}

function readTimeoutMs(configFile: string): number {
  let mtime: number;
  try {
    mtime = fs.statSync(configFile).mtimeMs;
  } catch {
    return DEFAULT_TIMEOUT_S * 1000;
  }
  const cached = configCache.get(configFile);
  if (cached && cached.mtime === mtime) return cached.timeoutMs;
  let timeoutMs = DEFAULT_TIMEOUT_S * 1000;
  try {
    const t = (JSON.parse(fs.readFileSync(configFile, 'utf8')) as { timeout?: unknown }).timeout;
    if (typeof t === 'number' && t > 0) timeoutMs = Math.round(t * 1000);
  } catch (e) {
    console.error(`[functions] ignoring unreadable ${configFile}: ${(e as Error).message}`);
  }
  configCache.set(configFile, { mtime, timeoutMs });
  return timeoutMs;
}
