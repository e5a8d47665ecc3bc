// The closed set of error codes that cross the function boundary (DESIGN.md §3). Errors travel as
// data: a throw inside a cloud function reaches the client as an opaque failure, so the kernel turns
// every AppError into an Envelope and every other throw into an 'internal' one.

export const ERROR_CODES = [
  'invalid-argument',
  'unauthenticated',
  'permission-denied',
  'not-found',
  'already-exists',
  'failed-precondition',
  'resource-exhausted',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorIssue {
  path: Array<string | number>;
  code: string;
  message: string;
}

export interface ErrorDetails {
  /** Stable, dotted domain reason, e.g. 'wish.already_claimed'; the client maps it to a message. */
  reason?: string;
  /** For invalid-argument: which fields were wrong. */
  issues?: ErrorIssue[];
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details) this.details = details;
  }

  toBody(): ErrorBody {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }

  /** Rebuilds an AppError from an error envelope, e.g. in the client after a call. */
  static fromBody(body: ErrorBody): AppError {
    return new AppError(isErrorCode(body.code) ? body.code : 'internal', body.message, body.details);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function ok<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

export function fail(error: ErrorBody): Envelope<never> {
  return { ok: false, error };
}
