// functions.invokeFunction: cloud.callFunction / node-sdk callFunction (wire reference §4.9).
// Answer {data:{response_data:"<JSON>"}}; failures are CloudBase error codes, which the SDK
// surfaces as errCode -1 with the message and .code kept (P9).
import { WireError, type ActionHandler } from '../wire';
import type { FunctionRunner } from './index';
import { InvocationError } from './invocation-error';

export function invokeFunctionAction(runner: FunctionRunner, opts: { propagateOpenId: boolean }): ActionHandler {
  return async (req) => {
    const name = req.body.function_name;
    if (typeof name !== 'string' || !name) throw new WireError('INVALID_PARAM', 'function_name is required');
    const raw = req.body.request_data;
    let event: unknown = {};
    if (typeof raw === 'string' && raw !== '') {
      try {
        event = JSON.parse(raw);
      } catch {
        throw new WireError('INVALID_PARAM', 'request_data is not JSON');
      }
    }
    const caller = req.caller;
    // A call from a live invocation: the callee keeps the caller's APPID and the SDK's source
    // tag (`wx_client,scf`); the OPENID only when configured (see RunnerOptions).
    const source = headerValue(req.headers['x-tcb-source']) || (caller ? 'wx_client,scf' : 'scf');
    const identity = caller
      ? { openid: opts.propagateOpenId ? caller.openid : '', unionid: opts.propagateOpenId ? caller.unionid : '', appid: caller.appid, source }
      : { openid: '', source };
    try {
      const result = await runner.invoke(name, event, identity, { nested: !!caller });
      return { data: { response_data: JSON.stringify(result) } };
    } catch (err) {
      if (!(err instanceof InvocationError)) throw err;
      switch (err.reason) {
        case 'not-found':
          throw new WireError('FUNCTIONS_NOT_EXIST', `function not found: ${name}`);
        case 'timeout':
          throw new WireError('FUNCTIONS_TIME_LIMIT_EXCEEDED', err.message);
        case 'threw':
        case 'crashed':
          throw new WireError('FUNCTIONS_EXECUTE_FAIL', err.message);
      }
    }
  };
}

function headerValue(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? '';
}
