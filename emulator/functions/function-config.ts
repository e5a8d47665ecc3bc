// Where a function's bundle and config.json live, and what the config says. The schema of
// config.json is shared with the deploy (scripts/deploy/plan.ts), which refuses a bad one.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { cronProblem } from './cron';

/** CloudBase's default time limit for a cloud function is 3 s; config.json `timeout` (seconds) overrides it. */
export const DEFAULT_TIMEOUT_S = 3;

/**
 * A timer trigger as CloudBase documents it: the name rule of the WeChat/CloudBase docs, and a
 * 7-field cron (cron.ts) checked here so the emulator and the deploy refuse the same bad one.
 */
export const TimerTriggerConfig = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, 'a trigger name is 1-60 of a-z A-Z 0-9 - _, starting with a letter'),
  type: z.literal('timer'),
  config: z.string().superRefine((expr, ctx) => {
    const problem = cronProblem(expr);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

/**
 * cloudfunctions/<name>/config.json: timeout (s), permissions.openapi, triggers (timer), and
 * environment: names of the variables the function needs; their values come from the deployer's
 * environment (or the emulator's functionEnv), never from the repository.
 */
export const FunctionConfig = z.object({
  timeout: z.number().int().min(1).max(900).default(DEFAULT_TIMEOUT_S),
  permissions: z.object({ openapi: z.array(z.string()).default([]) }).default({ openapi: [] }),
  triggers: z.array(TimerTriggerConfig).max(1, 'CloudBase supports one trigger per function').default([]),
  environment: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/)).default([]),
});
export type FunctionConfig = z.infer<typeof FunctionConfig>;

/** Reads and checks a config.json; a missing file is the defaults; a bad one throws, naming the file and fields. */
export function readFunctionConfig(configFile: string): FunctionConfig {
  const raw: unknown = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {};
  const parsed = FunctionConfig.safeParse(raw);
  if (!parsed.success) throw new Error(`${configFile}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

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

/**
 * How long a found function's bundle and settings are reused before they are looked at again:
 * two stat calls per invocation were ~4 % of the emulator's time in the check-in burst. A rebuilt
 * bundle or an edited config.json is picked up within this time (the build itself takes longer).
 */
export const FUNCTION_RECHECK_MS = 1000;
const found = new Map<string, { info: FunctionInfo; at: number }>();

/** The function's bundle and settings, or undefined when there is no such function. */
export function findFunction(root: string, name: string): FunctionInfo | undefined {
  if (!NAME.test(name)) return undefined;
  const file = path.join(root, name, 'index.js');
  const now = performance.now();
  const hit = found.get(file);
  if (hit && now - hit.at < FUNCTION_RECHECK_MS) return hit.info;
  let version: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return void found.delete(file);
    version = st.mtimeMs;
  } catch {
    return void found.delete(file);
  }
  const info = { name, file, version, timeoutMs: readTimeoutMs(path.join(root, name, 'config.json')) };
  found.set(file, { info, at: now });
  return info;
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
    timeoutMs = readFunctionConfig(configFile).timeout * 1000;
  } catch (e) {
    // The deploy refuses such a file; locally the function still runs, with the default limit.
    console.error(`[functions] ignoring invalid ${(e as Error).message}`);
  }
  configCache.set(configFile, { mtime, timeoutMs });
  return timeoutMs;
}
