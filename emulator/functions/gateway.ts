// Dev function gateway: POST /functions/<name> from the mini-program's 'emulator' transport
// (DESIGN §3). The dev identity comes from headers; the function's envelope is passed through.
import type { Gateway, GatewayAnswer } from '../http';
import type { FunctionRunner } from './index';
import { InvocationError } from './invocation-error';
import { devCaller, header } from '../dev-identity';

export function createGateway(runner: FunctionRunner): Gateway {
  return async (name, body, headers) => {
    const caller = devCaller(headers);
    if ('problem' in caller) return fail(401, 'unauthenticated', caller.problem);
    const { openid } = caller;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return { ...fail(400, 'invalid-argument', 'the body must be a JSON object {action, input, requestId}'), openid };
    }
    try {
      const result = await runner.invoke(
        name,
        body,
        { openid, appid: header(headers, 'x-wx-appid') || undefined, unionid: header(headers, 'x-wx-unionid'), source: 'wx_client' },
        { clientIp: header(headers, 'x-forwarded-for') || undefined },
      );
      return { status: 200, body: result, openid, code: envelopeCode(result) };
    } catch (err) {
      if (err instanceof InvocationError) {
        // One lookup per call: invoke() finds the bundle (or not) itself.
        if (err.reason === 'not-found') return { ...fail(404, 'not-found', `no cloud function "${name}"`), openid };
        const reason = err.reason === 'timeout' ? 'function.timeout' : 'function.crashed';
        return { ...fail(500, 'internal', err.message, { reason }), openid };
      }
      throw err;
    }
  };
}

function fail(status: number, code: string, message: string, details?: Record<string, unknown>): GatewayAnswer {
  return { status, code, body: { ok: false, error: { code, message, ...(details ? { details } : {}) } } };
}

function envelopeCode(result: unknown): string | undefined {
  const r = result as { ok?: unknown; error?: { code?: unknown } } | null;
  return r && r.ok === false && typeof r.error?.code === 'string' ? r.error.code : undefined;
}
