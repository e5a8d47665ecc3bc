// The environment of a worker process: fixed for its life (static) and swapped per invocation.
import type { Caller } from '../wire';
import { sdkEnv } from '../sdk-env';

/** Keys that describe one invocation; never inherited from the emulator's own environment. */
export const PER_INVOCATION_KEYS = [
  'WX_OPENID',
  'WX_APPID',
  'WX_UNIONID',
  'WX_CLIENTIP',
  'WX_API_TOKEN',
  'WX_CONTEXT_KEYS',
  'TCB_SEQID',
  'TCB_SOURCE',
  'SCF_FUNCTIONNAME',
  // A timer invocation's (timers-env.ts): must not leak into the next, user, invocation.
  'TRIGGER_SRC',
  'WX_TRIGGER_API_TOKEN_V0',
] as const;

export interface StaticEnvOptions {
  adminUrl: string;
  envName: string;
  region: string;
  functionsRoot: string;
  functionEnv: Record<string, string>;
}

export function staticEnv(opts: StaticEnvOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of PER_INVOCATION_KEYS) delete env[key];
  return {
    ...env,
    ...opts.functionEnv,
    ...sdkEnv(opts.adminUrl, opts.envName, opts.region),
    // TCB_ENV reaches node-sdk only when listed here (P4).
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE',
    EMULATOR_FUNCTIONS_ROOT: opts.functionsRoot,
  };
}

export function invocationEnv(caller: Caller, token: string, source: string, clientIp: string): Record<string, string> {
  return {
    WX_OPENID: caller.openid,
    WX_APPID: caller.appid,
    WX_UNIONID: caller.unionid,
    WX_CLIENTIP: clientIp,
    WX_API_TOKEN: token,
    // getWXContext() reports exactly these keys (minus the token, which it blacklists).
    WX_CONTEXT_KEYS: 'WX_API_TOKEN,WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP',
    TCB_SEQID: caller.invocationId,
    TCB_SOURCE: source,
    SCF_FUNCTIONNAME: caller.functionName,
  };
}
