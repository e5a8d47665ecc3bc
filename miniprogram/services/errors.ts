import { ERROR_CODES, isErrorCode } from '../core/index';
import type { ErrorCode } from './types';
import { REASON_MESSAGES } from './reasons';

export { ERROR_CODES, isErrorCode };

/** The server's details (reason, issues) plus what the client adds for failures it detects itself. */
export interface ClientErrorDetails {
  reason?: string;
  issues?: readonly unknown[];
  /** HTTP status from the emulator gateway when the body was not an envelope. */
  status?: number;
  /** A code outside the closed set that a (buggy) server sent; kept for the logs. */
  unknownCode?: unknown;
}

/** details.reason values set on the client, for failures that never reached a function. */
export const CLIENT_REASONS = {
  network: 'client.network',
  timeout: 'client.timeout',
  http: 'client.http',
  badResponse: 'client.bad_response',
} as const;

/**
 * The single error type pages see. Mirrors the server envelope's error so a page handles a
 * function's answer and a dropped connection the same way: by `code`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ClientErrorDetails | undefined;
  /** True only for transport failures: the same call may be sent again with the same requestId. */
  readonly retryable: boolean;
  /**
   * Set by call() when the outcome is unknown (a retryable failure that outlived its retries): the
   * function may have applied the change and only the answer was lost. A page that offers "retry"
   * passes it back as `requestId`, so the retry is the same logical call and cannot apply twice.
   */
  readonly requestId: string | undefined;

  constructor(code: ErrorCode, message: string, details?: ClientErrorDetails, retryable = false, requestId?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.retryable = retryable;
    this.requestId = requestId;
  }
}

/**
 * Structural, not instanceof: an AppError may come from another copy of the class (the generated
 * core bundle, or a module registry isolated by the test runner) and must still be recognised.
 */
export function isAppError(value: unknown): value is AppError {
  if (!(value instanceof Error)) return false;
  const v = value as Error & { code?: unknown };
  return v.name === 'AppError' && isErrorCode(v.code);
}

// Written for residents, many of them elderly: say what happened and what to do next, no jargon,
// no blame. Server messages are for logs; these are what the screen shows.
const MESSAGES: Record<ErrorCode, string> = {
  'invalid-argument': '填写的内容有误，请检查后再试',
  unauthenticated: '登录已失效，请重新进入小程序',
  'permission-denied': '您没有权限进行此操作',
  'not-found': '没有找到相关内容，可能已被删除',
  'already-exists': '该内容已经存在，无需重复提交',
  'failed-precondition': '当前状态下无法进行此操作，请刷新后再试',
  'resource-exhausted': '操作太频繁了，请稍等一会儿再试',
  internal: '系统开小差了，请稍后再试',
};

const NETWORK_MESSAGE = '网络不太好，请检查网络后重试';

export function messageForCode(code: ErrorCode): string {
  return MESSAGES[code];
}

/**
 * Reasons whose server message is written for the user (server/openapi.ts: it names no word, so the
 * screen may show it as is). Any other server message is for logs only.
 */
const USER_FACING_REASONS = new Set(['content.rejected', 'content.check_unavailable']);

/** details.reason of an error, when it has one. */
export function reasonOf(err: unknown): string | undefined {
  if (!isAppError(err)) return undefined;
  const reason = (err.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

/** The kind, user-facing message for any thrown value: one clear message per code or known reason. */
export function userMessage(err: unknown): string {
  if (!isAppError(err)) return MESSAGES.internal;
  const reason = reasonOf(err);
  if (reason === CLIENT_REASONS.network || reason === CLIENT_REASONS.timeout) return NETWORK_MESSAGE;
  if (reason && USER_FACING_REASONS.has(reason) && /[\u4e00-\u9fa5]/.test(err.message)) return err.message;
  if (reason && REASON_MESSAGES[reason]) return REASON_MESSAGES[reason];
  // A field-level machine transition that failed (<machine>.cannot_<event>) is a stale screen.
  if (reason && /\.cannot_/.test(reason)) return MESSAGES['failed-precondition'];
  return MESSAGES[err.code];
}

/**
 * Field → message for a form, from invalid-argument issues (path ['input', field, …] from the server,
 * [field, …] from the client-side contract check). The first issue of a field wins.
 */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isAppError(err) || err.code !== 'invalid-argument') return out;
  const issues = (err.details?.issues ?? []) as Array<{ path?: unknown; message?: unknown; code?: unknown }>;
  for (const issue of issues) {
    const path = Array.isArray(issue.path) ? issue.path.filter((p) => p !== 'input') : [];
    const field = path.length ? String(path[0]) : '';
    if (!field || out[field]) continue;
    out[field] = issue.code === 'content_rejected' && typeof issue.message === 'string' ? issue.message : '这一项填写有误，请检查';
  }
  return out;
}

/** Any thrown value as an AppError; unknown throws become `internal` (never leak raw text to the UI). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isAppError(err)) {
    // Another copy of the class (e.g. core's): rebuild so `retryable` and friends are defined.
    const e: { code: ErrorCode; message: string; details?: ClientErrorDetails; retryable?: unknown } = err;
    return new AppError(e.code, e.message, e.details, e.retryable === true);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('internal', message);
}

/** HTTP status of the emulator gateway → code, used when the body is not an envelope. */
export function codeForHttpStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'invalid-argument';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'permission-denied';
    case 404:
      return 'not-found';
    case 409:
      return 'already-exists';
    case 412:
      return 'failed-precondition';
    case 429:
      return 'resource-exhausted';
    default:
      return 'internal';
  }
}
