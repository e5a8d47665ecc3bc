// Shared by the fuzz tests: raw HTTP calls with a hang guard, and what an admin answer may be.
import tcb from '@cloudbase/node-sdk';
import { sdkEnv } from '../../emulator/sdk-env';

export const emulatorUrl = (): string => {
  const url = process.env.EMULATOR_URL;
  if (!url) throw new Error('EMULATOR_URL is not set: run the fuzz tests through jest (globalSetup starts the emulator)');
  return url;
};
export const adminUrl = (): string => `${emulatorUrl()}/admin`;

/** A hang is a failure too: no single request may take longer than this. */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
  bytes: Buffer;
}

export async function post(url: string, body: string | Uint8Array, headers: Record<string, string>): Promise<RawAnswer> {
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: bytes.toString('utf8'), bytes };
}

/**
 * Error codes a caller's mistake may get from the admin endpoint. They are the CloudBase codes the
 * SDKs map to a meaningful errCode (wire reference §4): a malformed field is INVALID_PARAM, an
 * unknown action INVALID_ACTION, an unknown $operator DATABASE_INVALID_OPERRATOR, something the
 * database refuses to evaluate DATABASE_REQUEST_FAILED, and names that do not exist their
 * *_NOT_EXIST code. SYS_ERR is the emulator's own failure and is never acceptable for input.
 */
export const CALLER_ERROR_CODES = new Set([
  'INVALID_PARAM',
  'INVALID_ACTION',
  'DATABASE_INVALID_OPERRATOR',
  'DATABASE_REQUEST_FAILED',
  'DATABASE_COLLECTION_NOT_EXIST',
  'DATABASE_COLLECTION_ALREADY_EXIST',
  'DATABASE_TRANSACTION_NOT_EXIST',
  'FUNCTIONS_NOT_EXIST',
]);

/**
 * A JavaScript engine error in a message means an unchecked input reached code that assumed its
 * type: a crash disguised as a caller error (wrap() in emulator/db/actions.ts turns any throw into
 * DATABASE_REQUEST_FAILED). Those are bugs too.
 */
export const ENGINE_ERROR = /Cannot read propert|Cannot set propert|is not a function|is not iterable|Maximum call stack|Cannot convert|undefined is not|null is not/i;
/**
 * Except behind the EJSON parser's own boundary: bson's EJSON.parse throws TypeErrors on malformed
 * type wrappers ({"$numberDecimal":{}}), and decodeWire reports them as `"<field>" is not valid
 * EJSON: …`, which names the field and the cause. That is a clear answer, not a disguised crash.
 */
export const PARSER_BOUNDARY = /^"[^"]*" is not valid EJSON: /;

/** The node-sdk as the functions' own tooling uses it, against the shared test emulator. */
export function nodeSdk() {
  Object.assign(process.env, sdkEnv(adminUrl()));
  return tcb.init({ env: 'local-env', secretId: 'x', secretKey: 'y', serviceUrl: adminUrl(), timeout: REQUEST_TIMEOUT_MS });
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Runs assertions on a failure path with the input in the message (fast-check shows the shrunk input too). */
export function describeInput(x: unknown): string {
  const s = typeof x === 'string' ? x : x instanceof Uint8Array ? `<${x.length} bytes>` : JSON.stringify(x);
  return s === undefined ? String(x) : s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s;
}
