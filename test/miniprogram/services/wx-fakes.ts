// Fakes at the platform boundary (wx.request, wx.cloud.callFunction) for services tests.
import type { AppError } from '../../../miniprogram/services/errors';
type RequestOpts = WechatMiniprogram.RequestOption;

export type FakeAnswer =
  | { status: number; body: unknown }
  | { fail: string };

/** wx.request answering from a queue (last answer repeats); records every request. */
export function fakeRequest(...answers: FakeAnswer[]) {
  const calls: RequestOpts[] = [];
  const fn = jest.fn((opts: RequestOpts) => {
    calls.push(opts);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    // Asynchronous like the real API.
    setTimeout(() => {
      if ('fail' in answer) opts.fail?.({ errMsg: answer.fail } as WechatMiniprogram.RequestFailCallbackErr);
      else opts.success?.({ statusCode: answer.status, data: answer.body, header: {}, cookies: [], errMsg: 'request:ok' } as any);
    }, 0);
    return {} as WechatMiniprogram.RequestTask;
  });
  (wx as any).request = fn;
  return { fn, calls };
}

export type CloudAnswer = { result: unknown } | { reject: string };

/** wx.cloud.callFunction (promise form) answering from a queue; records every call. */
export function fakeCloud(...answers: CloudAnswer[]) {
  const calls: Array<{ name: string; data: any }> = [];
  const fn = jest.fn(async (param: { name: string; data: any }) => {
    calls.push({ name: param.name, data: param.data });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if ('reject' in answer) throw { errMsg: answer.reject };
    return { result: answer.result, errMsg: 'cloud.callFunction:ok', requestID: 'test' };
  });
  (wx.cloud as any).callFunction = fn;
  return { fn, calls };
}

export const ok = (data: unknown) => ({ ok: true, data });
export const err = (code: string, message = 'server says no', details?: unknown) => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** The AppError a call rejects with; fails the test when the call succeeds. */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected the call to fail');
}
