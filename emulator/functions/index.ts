// The function runner: runs the built cloud-function bundles (<functionsRoot>/<name>/index.js) in a
// warm worker pool with a per-invocation WX context, and serves them to the admin endpoint
// (functions.invokeFunction, nested calls) and to the mini-program in dev (the gateway).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Gateway } from '../http';
import { projectRoot } from '../paths';
import type { ActionTable, Caller } from '../wire';
import { CallerRegistry } from './caller-registry';
import { findFunction } from './function-config';
import { createGateway } from './gateway';
import { invokeFunctionAction } from './invoke-action';
import { InvocationError } from './invocation-error';
import { WorkerPool } from './pool';
import { TimerService, type Clock, type TimerLog } from './timers';
import { TIMER_SOURCE, timerInvocationEnv } from './timers-env';
import { invocationEnv, staticEnv } from './worker-env';

export { InvocationError } from './invocation-error';
export { DEFAULT_TIMEOUT_S } from './function-config';

export interface RunnerOptions {
  functionsRoot: string;
  adminUrl: string;
  envName: string;
  poolSize: number;
  functionEnv: Record<string, string>;
  /**
   * Give a callee the caller's OPENID/UNIONID on cloud.callFunction between functions. Off by
   * default: whether CloudBase does so is UNVERIFIED (wire reference §4.9, §8.4), and a function
   * that trusts an identity it might not get in production is the worse failure.
   */
  propagateOpenIdToCallee?: boolean;
  /** Cap on extra workers forked for nested calls while every worker is held (default 8). */
  maxExtraWorkers?: number;
  /** APPID when the gateway request names none. */
  defaultAppId?: string;
  region?: string;
  /** The bundled worker host; default <projectRoot>/dist/worker-host.js. */
  workerScript?: string;
  /** The timers' clock (tests inject a fake one); default the system clock. */
  timerClock?: Clock;
  /** Where the one line per firing goes; default console. */
  timerLog?: TimerLog;
}

export interface Identity {
  openid: string;
  appid?: string;
  unionid?: string;
  source?: string;
}

/** How an invocation was started, beyond who the caller is. */
export interface InvokeOptions {
  /** Started by a live invocation (cloud.callFunction): may use an extra worker. */
  nested?: boolean;
  clientIp?: string;
  /** A timer firing: the event goes as is (no userInfo) with a timer's environment (timers-env.ts). */
  trigger?: 'timer';
}

export interface FunctionRunner {
  /** functions.invokeFunction */
  actions: ActionTable;
  /** POST /functions/<name> (dev) */
  gateway: Gateway;
  resolveCaller(token: string): Caller | undefined;
  /** Resolves with the function's JSON-serialised return value; rejects with InvocationError. */
  invoke(name: string, event: unknown, identity: Identity, options?: InvokeOptions): Promise<unknown>;
  /** Whether <functionsRoot>/<name>/index.js exists. */
  has(name: string): boolean;
  /**
   * Runs a timer trigger once now (or as if at `at`), as the scheduler would: resolves with the
   * function's value; rejects with InvocationError ('not-found' also for an unknown trigger).
   */
  fireTimer(name: string, trigger: string, at?: Date): Promise<unknown>;
  /**
   * The timer triggers and their scheduler. Not started by start(): the emulator starts it once
   * every route is wired (--timers), so tests stay deterministic unless they ask for it.
   */
  timers: TimerService;
  stats(): ReturnType<WorkerPool['stats']>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_APPID = 'wx-emulator-appid';

export function createFunctionRunner(opts: RunnerOptions): FunctionRunner {
  const root = path.resolve(opts.functionsRoot);
  const callers = new CallerRegistry();
  const pool = new WorkerPool({
    size: Math.max(1, opts.poolSize),
    script: opts.workerScript ?? path.join(projectRoot(), 'dist', 'worker-host.js'),
    env: staticEnv({
      adminUrl: opts.adminUrl,
      envName: opts.envName,
      region: opts.region ?? 'ap-shanghai',
      functionsRoot: root,
      functionEnv: opts.functionEnv,
    }),
    maxExtraWorkers: opts.maxExtraWorkers,
  });

  const timers = new TimerService({
    root,
    clock: opts.timerClock,
    log: opts.timerLog,
    invoke: (name, event) => invoke(name, event, { openid: '', source: TIMER_SOURCE }, { trigger: 'timer' }),
  });

  async function invoke(name: string, event: unknown, identity: Identity, options: InvokeOptions = {}): Promise<unknown> {
    const fn = findFunction(root, name);
    if (!fn) throw new InvocationError('not-found', `function "${name}" does not exist in ${root}`, name);
    const caller: Caller = {
      functionName: name,
      openid: identity.openid,
      appid: identity.appid ?? opts.defaultAppId ?? DEFAULT_APPID,
      unionid: identity.unionid ?? '',
      invocationId: randomUUID().replace(/-/g, ''),
    };
    const token = callers.open(caller);
    try {
      const outcome = await pool.run({
        nested: !!options.nested,
        timeoutMs: fn.timeoutMs,
        msg: {
          type: 'invoke',
          id: caller.invocationId,
          file: fn.file,
          version: fn.version,
          event: options.trigger === 'timer' ? event : withUserInfo(event, caller),
          context: {
            request_id: caller.invocationId,
            function_name: name,
            function_version: '$LATEST',
            namespace: opts.envName,
            memory_limit_in_mb: 256,
            time_limit_in_ms: fn.timeoutMs,
            environment: JSON.stringify({ SCF_NAMESPACE: opts.envName, TCB_ENV: opts.envName, ...opts.functionEnv }),
          },
          env:
            options.trigger === 'timer'
              ? timerInvocationEnv(caller, token)
              : invocationEnv(caller, token, identity.source ?? 'wx_client', options.clientIp ?? '127.0.0.1'),
        },
      });
      switch (outcome.kind) {
        case 'ok':
          return JSON.parse(outcome.json);
        case 'threw':
          throw new InvocationError('threw', outcome.message, name);
        case 'timeout':
          throw new InvocationError('timeout', `function "${name}" timed out after ${outcome.ms} ms (config.json timeout)`, name);
        case 'crashed':
          throw new InvocationError('crashed', outcome.message, name);
      }
    } finally {
      callers.close(token);
    }
  }

  const runner: FunctionRunner = {
    actions: {},
    gateway: async () => ({ status: 500, body: {} }),
    resolveCaller: (token) => callers.resolve(token),
    invoke,
    has: (name) => !!findFunction(root, name),
    fireTimer: (name, trigger, at) => timers.fire(name, trigger, at),
    timers,
    stats: () => pool.stats(),
    start: () => pool.start(),
    close: () => {
      timers.stop();
      return pool.close();
    },
  };
  runner.actions['functions.invokeFunction'] = invokeFunctionAction(runner, { propagateOpenId: !!opts.propagateOpenIdToCallee });
  runner.gateway = createGateway(runner);
  return runner;
}

/** mini-program callers get the legacy event.userInfo (wire reference §2.4; shape UNVERIFIED). */
function withUserInfo(event: unknown, caller: Caller): unknown {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return event;
  return { ...(event as Record<string, unknown>), userInfo: { appId: caller.appid, openId: caller.openid } };
}
