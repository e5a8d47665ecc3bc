// Shared vocabulary of the CloudBase admin wire protocol (see shared/reference/cloudbase-wire.md).
import type { IncomingHttpHeaders } from 'node:http';

/** Who made an admin request: resolved from the body's wxCloudApiToken, set by the function runner. */
export interface Caller {
  functionName: string;
  openid: string;
  appid: string;
  unionid: string;
  invocationId: string;
}

export interface WireRequest {
  action: string;
  /** JSON body, or the text fields of a multipart body. */
  body: Record<string, unknown>;
  /** Binary parts of a multipart body (e.g. requestData of wx.openApi), by field name. */
  files: Record<string, Buffer>;
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
  requestId: string;
  caller?: Caller;
}

/** A CloudBase error: answered as HTTP 200 with {code, message, requestId}. */
export class WireError extends Error {
  constructor(
    readonly code: WireErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type WireErrorCode =
  | 'SYS_ERR'
  | 'INVALID_PARAM'
  | 'INVALID_ACTION'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_PERMISSION_DENIED'
  | 'DATABASE_COLLECTION_EXCEED_LIMIT'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_NOT_EXIST'
  | 'FUNCTIONS_REQUEST_FAIL'
  | 'FUNCTIONS_EXECUTE_FAIL'
  | 'FUNCTIONS_TIME_LIMIT_EXCEEDED'
  | 'FUNCTIONS_NOT_EXIST';

/** A non-JSON answer (wx.openApi answers raw protobuf). */
export class RawResponse {
  constructor(
    readonly body: Buffer,
    readonly contentType: string,
  ) {}
}

/** Fields merged into the JSON answer next to requestId, or a raw answer. */
export type ActionResult = Record<string, unknown> | RawResponse;
export type ActionHandler = (req: WireRequest) => ActionResult | Promise<ActionResult>;
export type ActionTable = Record<string, ActionHandler>;
