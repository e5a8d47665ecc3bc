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

/** Cloud failures never carry an envelope: classify by errMsg (codes like -404011 are in the text). */
export function cloudFailure(err: unknown): AppError {
  const msg = errMsgOf(err);
  if (/timeout|timed out|-504003/i.test(msg)) {
    return new AppError('internal', msg, { reason: CLIENT_REASONS.timeout }, true);
  }
  if (/network|request:fail|-501001/i.test(msg)) {
    return new AppError('internal', msg, { reason: CLIENT_REASONS.network }, true);
  }
  if (/not found|not be found|-404011|-501000/i.test(msg)) {
    return new AppError('not-found', msg, { reason: 'client.function_not_found' });
  }
  if (/-401|auth/i.test(msg)) return new AppError('unauthenticated', msg, { reason: 'client.cloud' });
  // The function itself crashed or the platform refused: re-sending will not help.
  return new AppError('internal', msg, { reason: 'client.cloud' });
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
