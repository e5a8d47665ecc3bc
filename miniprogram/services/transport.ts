// The two ways a call leaves the device. Each returns the function's raw answer (expected to be an
// envelope) or throws an AppError; whether to retry is decided by call.ts from `retryable`.
import { config } from '../config';
import { AppError, CLIENT_REASONS, codeForHttpStatus } from './errors';
import { isEnvelope } from './envelope';

export interface WireBody {
  action: string;
  input: unknown;
  requestId: string;
}

export type Send = (fn: string, body: WireBody) => Promise<unknown>;

function errMsgOf(err: unknown): string {
  if (err && typeof err === 'object' && 'errMsg' in err) return String((err as { errMsg: unknown }).errMsg);
  return err instanceof Error ? err.message : String(err);
}

/**
 * The platform's error code: the errCode field when the failure has one, else the first code in
 * errMsg. The platform writes its code before the function's own error text (`errCode: -504002
 * functions execute fail | errMsg: <the function's message>`), so the first one is the platform's.
 */
function platformCode(err: unknown, msg: string): number | undefined {
  const field = err && typeof err === 'object' ? (err as { errCode?: unknown }).errCode : undefined;
  // Only six-digit platform codes: a generic -1 says nothing (a dropped network can carry it).
  if (typeof field === 'number' && field <= -100000) return field;
  const m = /(?:^|[^\d])(-\d{6})(?!\d)/.exec(msg);
  return m ? Number(m[1]) : undefined;
}

const timeout = (msg: string) => new AppError('internal', msg, { reason: CLIENT_REASONS.timeout }, true);
const network = (msg: string) => new AppError('internal', msg, { reason: CLIENT_REASONS.network }, true);
const notFound = (msg: string) => new AppError('not-found', msg, { reason: 'client.function_not_found' });
const unauthenticated = (msg: string) => new AppError('unauthenticated', msg, { reason: 'client.cloud' });
// The function itself crashed or the platform refused: re-sending will not help.
const crashed = (msg: string) => new AppError('internal', msg, { reason: 'client.cloud' });

/**
 * Cloud failures never carry an envelope. Classified by the platform's code when there is one:
 * the text after it may be the crashed function's own message, whose words ("timeout", "not
 * found") say nothing about the call. Only a failure without any code is classified by its text.
 */
export function cloudFailure(err: unknown): AppError {
  const msg = errMsgOf(err);
  const code = platformCode(err, msg);
  if (code !== undefined) {
    if (code === -504003) return timeout(msg);
    if (code === -501001) return network(msg);
    if (code === -404011 || code === -501000) return notFound(msg);
    if (code <= -401000 && code > -402000) return unauthenticated(msg);
    return crashed(msg);
  }
  if (/timeout|timed out/i.test(msg)) return timeout(msg);
  if (/network|request:fail/i.test(msg)) return network(msg);
  if (/not found|not be found/i.test(msg)) return notFound(msg);
  if (/auth/i.test(msg)) return unauthenticated(msg);
  return crashed(msg);
}

export const sendCloud: Send = async (fn, body) => {
  let res: ICloud.CallFunctionResult;
  try {
    res = await wx.cloud.callFunction({ name: fn, data: { ...body } });
  } catch (err) {
    throw cloudFailure(err);
  }
  return res.result;
};

function isTimeout(errMsg: string): boolean {
  return /timeout|timed out/i.test(errMsg);
}

export const sendEmulator: Send = (fn, body) =>
  new Promise<unknown>((resolve, reject) => {
    wx.request({
      url: `${config.emulatorUrl}/functions/${encodeURIComponent(fn)}`,
      method: 'POST',
      data: { ...body },
      header: { 'content-type': 'application/json', 'x-wx-openid': config.devOpenid },
      timeout: config.timeoutMs,
      success(res) {
        const status = res.statusCode;
        // The gateway answers errors with an envelope even on 4xx/5xx: the envelope is the truth.
        if (isEnvelope(res.data)) return resolve(res.data);
        if (status >= 200 && status < 300) {
          return reject(new AppError('internal', `bad response from ${fn}`, { reason: CLIENT_REASONS.badResponse }));
        }
        const retryable = status === 502 || status === 503 || status === 504;
        reject(new AppError(codeForHttpStatus(status), `HTTP ${status} from ${fn}`, { reason: CLIENT_REASONS.http, status }, retryable));
      },
      fail(err) {
        const reason = isTimeout(err.errMsg) ? CLIENT_REASONS.timeout : CLIENT_REASONS.network;
        reject(new AppError('internal', err.errMsg, { reason }, true));
      },
    });
  });
