// Dev route POST /dev/functions/<name>/triggers/<trigger>: fires a timer trigger once, now, and
// answers what the function returned (a developer should not wait for 02:00 to see a nightly job
// run). Optional body {"at": "<ISO time>"} sets the firing's time (event.Time). Served only in
// dev mode, like the gateway: the route is not registered otherwise.
import type { DevRoute } from '../http';
import type { FunctionRunner } from './index';
import { InvocationError } from './invocation-error';
import { timerEvent } from './timers-env';

export const TIMER_ROUTE_KEY = 'POST /dev/functions/*';
const PATH = /^\/dev\/functions\/([^/]+)\/triggers\/([^/]+)$/;

export function timerDevRoute(runner: FunctionRunner | null): DevRoute {
  return async (req, body) => {
    const m = PATH.exec(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (!m) return fail(404, 'not-found', 'use POST /dev/functions/<name>/triggers/<trigger>');
    let name: string;
    let trigger: string;
    try {
      [name, trigger] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
    } catch {
      return fail(400, 'invalid-argument', 'the path is not valid percent-encoding');
    }
    if (!runner) return fail(503, 'internal', 'the function runner is off (--pool 0)', 'function.runner_off');
    let at = new Date();
    if (body.length) {
      let parsed: { at?: unknown };
      try {
        parsed = JSON.parse(body.toString('utf8')) as { at?: unknown };
      } catch {
        return fail(400, 'invalid-argument', 'the body must be JSON: {} or {"at": "<ISO time>"}');
      }
      if (parsed?.at !== undefined) {
        at = new Date(typeof parsed.at === 'string' ? parsed.at : NaN);
        if (Number.isNaN(at.getTime())) return fail(400, 'invalid-argument', '"at" must be an ISO 8601 time');
      }
    }
    try {
      const result = await runner.fireTimer(name, trigger, at);
      return { status: 200, body: { ok: true, data: { function: name, trigger, event: timerEvent(trigger, at), result } } };
    } catch (err) {
      if (!(err instanceof InvocationError)) throw err;
      if (err.reason === 'not-found') return fail(404, 'not-found', err.message);
      return fail(500, 'internal', err.message, `function.${err.reason}`);
    }
  };
}

function fail(status: number, code: string, message: string, reason?: string): { status: number; body: unknown } {
  return { status, body: { ok: false, error: { code, message, ...(reason ? { details: { reason } } : {}) } } };
}
