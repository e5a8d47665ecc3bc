import type { Envelope } from './types';
import { AppError, CLIENT_REASONS, isErrorCode } from './errors';

export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (!value || typeof value !== 'object') return false;
  const v = value as { ok?: unknown; error?: unknown };
  if (v.ok === true) return 'data' in v;
  return v.ok === false && !!v.error && typeof v.error === 'object';
}

/** The function's answer → its data, or the AppError it carries. */
export function unwrap<T>(fn: string, body: unknown): T {
  if (!isEnvelope(body)) {
    throw new AppError('internal', `${fn} answered without an envelope`, { reason: CLIENT_REASONS.badResponse });
  }
  if (body.ok) return body.data as T;
  const { code, message, details } = body.error;
  // A code outside the closed set means a server bug; keep what it said for the logs.
  if (!isErrorCode(code)) return fail('internal', String(message ?? ''), { ...details, unknownCode: code as unknown });
  return fail(code, String(message ?? ''), details);
}

function fail(...args: ConstructorParameters<typeof AppError>): never {
  throw new AppError(...args);
}
