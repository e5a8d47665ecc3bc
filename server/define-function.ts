// The kernel every cloud function is built on: event validation, identity, context, errors as
// data, idempotent state changes. One request, end to end: DESIGN.md §3. Timer-triggered
// invocations (options.timers) go through the same entry point and error handling; who may send
// a timer event and what a firing guarantees: server/timers.ts.
import { randomUUID } from 'node:crypto';
import {
  ActionName,
  AppError,
  Contract,
  Envelope,
  ErrorIssue,
  MutatesOf,
  OpenId,
  OutputOf,
  ParsedInputOf,
  RequestId,
} from '../core';
import { appendAudit } from './audit';
import { getDb, getWxIdentity } from './cloud';
import { loadConfig, ServerConfig } from './config';
import type { Ctx, TimerHandlers, TxCtx } from './context';
import type { Db } from './db';
import { idempotencyKey, inputHash, readRecord, sameInput, writeRecord } from './idempotency';
import { MAX_ECHO, toIssues } from './issues';
import { createLogger, describeError, Logger, LogSink } from './log';
import { DEFAULT_TIMER_LEASE_MS, InvocationSource, isTimerInvocation, isTriggerShaped, runTimerEvent, TRIGGER_NAME } from './timers';
import { runTx } from './transaction';
import { readUser, UserDoc } from './user-store';
import { withWxEnv, WxEnvIdentity } from './wx-env';

export type Handler<I, O, C> = (input: I, ctx: C) => Promise<O> | O;

export type Handlers<C extends Contract> = {
  [K in ActionName<C>]: Handler<ParsedInputOf<C, K>, OutputOf<C, K>, MutatesOf<C, K> extends true ? TxCtx : Ctx>;
};

export interface FunctionOptions {
  /** Default clock; invoke() can override it per call. */
  now?: () => number;
  logSink?: LogSink;
  /** Defaults to the wx-server-sdk database (server/cloud.ts). */
  db?: () => Db;
  /**
   * Timer-triggered handlers by trigger name, as in config.json `triggers[].name`. A timer event
   * from the platform runs the named handler with a TimerCtx (no caller); see server/timers.ts.
   */
  timers?: TimerHandlers;
  /**
   * How long a firing's claim keeps a re-delivery of the same firing from running it again while
   * the first run may still be alive (default 900 s, CloudBase's longest time limit; server/timers.ts).
   */
  timerLeaseMs?: number;
}

/** invoke()'s caller: `{openid}` for a client; `{openid: '', trigger: 'timer'}` for a timer firing. */
export interface InvokeOptions extends WxEnvIdentity {
  now?: () => number;
}

export interface DefinedFunction {
  /** The CloudBase entry point: exports.main = main. */
  main(event: unknown, context?: unknown): Promise<Envelope<unknown>>;
  /** In-process call as `openid` (or as the platform's timer), through getWXContext() exactly as in production. */
  invoke(event: unknown, as: InvokeOptions): Promise<Envelope<unknown>>;
}


export function defineFunction<C extends Contract>(contract: C, handlers: Handlers<C>, options: FunctionOptions = {}): DefinedFunction {
  const defaultNow = options.now ?? (() => Date.now());
  const baseLog = createLogger(options.logSink, { fn: contract.name });
  const database = options.db ?? getDb;
  const timers: TimerHandlers = options.timers ?? {};
  for (const name of Object.keys(timers)) {
    // config.json refuses such a name, so no firing could ever reach this handler: a typo.
    if (!TRIGGER_NAME.test(name)) throw new Error(`defineFunction(${contract.name}): '${name}' is not a valid trigger name`);
  }
  const timerLeaseMs = options.timerLeaseMs ?? DEFAULT_TIMER_LEASE_MS;

  // Everything up to reading the identity is synchronous: invoke() relies on it (wx-env.ts).
  function handle(event: unknown, now: () => number): Promise<Envelope<unknown>> {
    const identity = getWxIdentity();
    // Set by the platform for a timer firing; the SDKs switch on it too (server/timers.ts).
    const source: InvocationSource = { identity, triggerSrc: process.env.TRIGGER_SRC ?? '' };
    const ref = randomUUID().slice(0, 8);
    return run(event, source, now, ref).catch((e: unknown) => {
      if (e instanceof AppError) return { ok: false as const, error: e.toBody() };
      baseLog.error('unhandled error', { ref, openid: identity.openid, ...describeError(e) });
      return { ok: false as const, error: { code: 'internal' as const, message: `internal error (ref ${ref})` } };
    });
  }

  async function run(event: unknown, source: InvocationSource, now: () => number, ref: string): Promise<Envelope<unknown>> {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      throw invalid('the request must be an object {action, input, requestId?}', 'request.malformed');
    }
    const ev = event as Record<string, unknown>;
    if (isTriggerShaped(ev)) {
      if (!isTimerInvocation(source)) {
        throw new AppError('permission-denied', 'only the platform timer may send a timer event', { reason: 'timer.not_a_timer_call' });
      }
      const config = loadConfig();
      const log = baseLog.child({ ref });
      return { ok: true, data: await runTimerEvent(ev, { fn: contract.name, handlers: timers, db: database(), config, log, now, leaseMs: timerLeaseMs }) };
    }
    const identity = source.identity;
    const action = ev.action;
    if (typeof action !== 'string' || !Object.hasOwn(contract.actions, action) || !Object.hasOwn(handlers, action)) {
      const shown = typeof action === 'string' ? `'${action.slice(0, MAX_ECHO)}'` : typeof action;
      throw invalid(`unknown action ${shown} of function ${contract.name}`, 'request.unknown_action');
    }
    const config = loadConfig();
    if (!identity.openid) throw new AppError('unauthenticated', 'no caller identity', { reason: 'request.no_openid' });
    // WeChat's OPENIDs always fit OpenId, but a dev gateway header or a misconfigured caller can
    // carry anything; handlers store it and output schemas check it, so an identity the contracts
    // cannot represent would otherwise surface as `internal`. It is no usable identity: refuse it.
    if (!OpenId.safeParse(identity.openid).success) {
      throw new AppError('unauthenticated', 'the caller identity is not a valid openid', { reason: 'request.malformed_openid' });
    }

    const spec = contract.actions[action];
    let requestId: string | undefined;
    if (spec.mutates || ev.requestId !== undefined) {
      const parsed = RequestId.safeParse(ev.requestId);
      if (!parsed.success) {
        throw invalid('this action needs a requestId of 8–64 characters [A-Za-z0-9_-]', 'request.invalid_request_id', toIssues(parsed.error, ['requestId']));
      }
      requestId = parsed.data;
    }
    const parsedInput = spec.input.safeParse(ev.input === undefined ? {} : ev.input);
    if (!parsedInput.success) throw invalid('invalid input', 'request.invalid_input', toIssues(parsedInput.error, ['input']));
    const input: unknown = parsedInput.data;

    const log = baseLog.child({ action, ref, ...(requestId ? { requestId } : {}) });
    const handler = handlers[action as ActionName<C>] as unknown as Handler<unknown, unknown, Ctx | TxCtx>;
    const db = database();
    const base = { fn: contract.name, action, openid: identity.openid, appid: identity.appid, now, db, log, config };
    const parseOutput = (out: unknown): unknown => {
      const parsed = spec.output.safeParse(out);
      // The output schema is also an allow-list: unknown fields (e.g. personal data) are stripped.
      if (!parsed.success) throw new Error(`output of ${contract.name}.${action} violates its contract: ${JSON.stringify(parsed.error.issues)}`);
      return parsed.data;
    };

    if (!spec.mutates) {
      const ctx: Ctx = { ...base, ...(requestId ? { requestId } : {}), user: memo(() => readUser(db, identity.openid)) };
      return { ok: true, data: parseOutput(await handler(input, ctx)) };
    }
    return { ok: true, data: await runIdempotent(db, config, base, requestId as string, input, handler, parseOutput, log) };
  }

  async function runIdempotent(
    db: Db,
    config: ServerConfig,
    base: Omit<Ctx, 'user' | 'requestId'>,
    requestId: string,
    input: unknown,
    handler: Handler<unknown, unknown, TxCtx>,
    parseOutput: (out: unknown) => unknown,
    log: Logger,
  ): Promise<unknown> {
    const key = idempotencyKey(base.fn, base.action, base.openid, requestId);
    const hash = inputHash(input, config);
    // Effects outside the database (messages) wait for the commit: the handler may run several
    // times (runTx retries) and may still be rolled back. Only the committed attempt's list runs.
    let effects: AfterCommit[] = [];
    const outcome = await runTx(
      db,
      async (tx, attempt) => {
        effects = [];
        const prior = await readRecord(tx, key);
        if (prior) return { replayed: true as const, prior };
        if (attempt > 1) log.info('transaction retried', { attempt });
        const ctx: TxCtx = {
          ...base,
          requestId,
          tx,
          user: memo(() => readUser(tx, base.openid)),
          audit: (entry) => appendAudit(tx, { ...entry, actor: base.openid, at: base.now(), requestId }),
          afterCommit: (label, effect) => {
            effects.push({ label, effect });
          },
        };
        const data = parseOutput(await handler(input, ctx));
        await writeRecord(tx, key, {
          fn: base.fn,
          action: base.action,
          openid: base.openid,
          requestId,
          inputHash: hash,
          resultJson: JSON.stringify(data ?? null),
          createdAt: base.now(),
        });
        return { replayed: false as const, data };
      },
      { maxAttempts: config.TX_MAX_ATTEMPTS },
    );
    if (!outcome.replayed) {
      await runEffects(effects, log);
      return outcome.data;
    }
    if (!sameInput(outcome.prior.inputHash, input, config)) {
      throw invalid('this requestId was already used for a different request', 'request.request_id_reused');
    }
    log.info('replayed', {});
    return JSON.parse(outcome.prior.resultJson) as unknown;
  }

  return {
    main: (event) => handle(event, defaultNow),
    invoke: (event, as) => withWxEnv(as, () => handle(event, as.now ?? defaultNow)),
  };
}

interface AfterCommit {
  label: string;
  effect: () => Promise<unknown> | unknown;
}

/**
 * Runs the committed attempt's effects in order. The state change has happened: a failing effect
 * is logged and never turns the answer into an error (the caller's retry would only replay).
 * At most once: a replay does not run them again, and a crash between commit and effect loses it.
 */
async function runEffects(effects: AfterCommit[], log: Logger): Promise<void> {
  for (const { label, effect } of effects) {
    try {
      await effect();
    } catch (e) {
      log.error('after-commit effect failed', { effect: label, ...describeError(e) });
    }
  }
}

function invalid(message: string, reason: string, issues?: ErrorIssue[]): AppError {
  return new AppError('invalid-argument', message, issues ? { reason, issues } : { reason });
}

function memo<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
}

export type { UserDoc };
