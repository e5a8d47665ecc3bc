// Timer-triggered invocations in the kernel: recognising a timer event, refusing a forged one, and
// running a firing to completion at most once. defineFunction(contract, handlers, {timers}) sends
// every trigger-shaped event here (define-function.ts).
//
// WHO MAY SEND A TIMER EVENT. The event is data a caller chooses: a mini-program can call any
// function with {Type:'Timer', TriggerName, …}. So the event's shape only routes; what makes it a
// timer call is the invocation's environment, which the platform sets and no caller can: no user
// (no OPENID, no UNIONID in getWXContext()) AND a timer source, i.e. getWXContext().SOURCE is
// 'wx_trigger' (documented: 云函数定时触发器调用) or TRIGGER_SRC is 'timer' (the variable the SDKs
// themselves switch on for timers: node-sdk utils/wxCloudToken.js). Either signal suffices because
// whether production lists SOURCE in WX_CONTEXT_KEYS for timers is UNVERIFIED (without it
// getWXContext() returns {}). Everything else trigger-shaped is `permission-denied`
// (timer.not_a_timer_call): a client with an OPENID, a caller without one but from another source
// (HTTP access 'wx_http', a function calling a function '…,scf'). The check runs before the event
// is validated, so a client learns nothing about which triggers exist.
//
// TIMER FIRINGS: WHAT THE KERNEL GUARANTEES, WHAT THE HANDLER MUST DO. A timer handler processes a
// batch (release overdue claims, expire wishes, send reminders): one transaction per item, so the
// batch as a whole is not atomic and a firing cannot be made exactly-once by wrapping it in a
// transaction as an action is (ADR 0001). CloudBase fires timers asynchronously and may deliver a
// firing again (a retry after a failure, an overlapping instance), and the dev route fires by hand.
// The design has two layers:
//
// 1. Per item (the handler's job): every change is a compare-and-set in its own runTx
//    (transaction.ts compareAndSet, from-status → to-status, audited with ctx.auditStamp()), and
//    "is it due" is judged against ctx.firedAt, which a re-delivery repeats. So running a firing
//    twice, concurrently or after a crash half-way, changes each item at most once: the second run
//    finds the item already moved and skips it (state.unexpected_status). Effects outside the
//    database (a subscribe message) need their own per-item marker written by CAS BEFORE the
//    effect, which makes them at-most-once.
// 2. Per firing (the kernel's job): the firing's record in `idempotency`, keyed by
//    idempotencyKey(fn, 'timer:<trigger>', 'system:timer:<trigger>', event.Time), is CLAIMED in a
//    transaction before the handler runs ({status:'running', claimToken, leaseUntil}), and
//    COMPLETED with the handler's summary afterwards ({status:'done', resultJson}).
//    - done: a re-delivery does not run the handler; it answers the stored summary (replayed:true).
//    - running, lease not expired: another invocation is at it; `failed-precondition`
//      (timer.firing_in_progress), the handler does not run.
//    - the handler failed (AppError or crash): the claim is removed, so a re-delivery runs again;
//      what the failed run finished stays finished (layer 1).
//    - the invocation died (killed at its time limit): the claim stays until leaseUntil, then the
//      next delivery takes it over. The lease defaults to 900 s, CloudBase's longest function time
//      limit, so a live run is never taken over; set `timerLeaseMs` to the function's config.json
//      timeout to let a retry in sooner. A run that outlived its lease still finishes its items
//      safely (layer 1) but does not overwrite the summary of the run that took over.
//    The claim is an optimisation and a summary, not the safety: layer 1 is what makes a double
//    run harmless, layer 2 makes it rare and visible.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../core';
import { appendAudit } from './audit';
import type { WxIdentity } from './cloud';
import { Collections } from './collections';
import type { ServerConfig } from './config';
import { timerActor, TimerCtx, TimerHandlers } from './context';
import type { Db, StoredDoc, Tx } from './db';
import { canonicalJson, sha256Hex } from './canonical-json';
import { idempotencyKey } from './idempotency';
import { toIssues } from './issues';
import type { Logger } from './log';
import { runTx } from './transaction';

/** getWXContext().SOURCE of a timer firing (emulator/functions/timers-env.ts TIMER_SOURCE). */
export const TIMER_SOURCE = 'wx_trigger';

/** CloudBase's longest function time limit (config.json `timeout` ≤ 900 s). */
export const DEFAULT_TIMER_LEASE_MS = 900_000;

/** The trigger name rule of CloudBase (and of emulator/functions/function-config.ts). */
export const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

/**
 * Routes an event to the timer path. Broader than a valid timer event on purpose: a `Type` of
 * 'Timer' or any `TriggerName` key sends the event here, where a malformed one is refused with a
 * clear reason instead of being read as a client call without an action.
 */
export function isTriggerShaped(ev: Record<string, unknown>): boolean {
  return ev.Type === 'Timer' || Object.hasOwn(ev, 'TriggerName');
}

/** Platform-set facts about this invocation, read synchronously at its start. */
export interface InvocationSource {
  identity: WxIdentity;
  /** process.env.TRIGGER_SRC ('timer' for a timer firing), '' when unset. */
  triggerSrc: string;
}

export function isTimerInvocation({ identity, triggerSrc }: InvocationSource): boolean {
  if (identity.openid !== '' || identity.unionid !== '') return false;
  return identity.source === TIMER_SOURCE || triggerSrc === 'timer';
}

/**
 * SCF's timer event, strictly: Time is UTC ISO 8601 ('2025-01-31T18:00:00Z', milliseconds
 * tolerated), a real calendar second; unknown keys are refused. Message is '' on CloudBase
 * (config.json has no field for it) and tolerated when absent.
 */
const TimerEventSchema = z
  .object({
    Type: z.literal('Timer'),
    TriggerName: z.string().regex(TRIGGER_NAME, 'TriggerName: 1–60 of A–Z a–z 0–9 _ -, starting with a letter'),
    Time: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'Time: a UTC ISO 8601 time such as 2025-01-31T18:00:00Z')
      .refine(isCalendarTime, 'Time: not a real date and time'),
    Message: z.string().max(4096).optional(),
  })
  .strict();

function isCalendarTime(s: string): boolean {
  const ms = Date.parse(s);
  // Date.parse rolls 2025-02-30 over to March; the round trip catches it.
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 19) === s.slice(0, 19);
}

export interface TimerOutcome {
  trigger: string;
  /** event.Time as epoch ms. */
  firedAt: number;
  /** true: this firing had already completed; the handler did not run, `result` is the stored one. */
  replayed: boolean;
  result: unknown;
}

export interface FiringDeps {
  fn: string;
  handlers: TimerHandlers;
  db: Db;
  config: ServerConfig;
  /** Already carries fn and ref. */
  log: Logger;
  now: () => number;
  leaseMs: number;
}

/** The firing's idempotency record id (exported for tests that plant a stale claim). */
export function firingKey(fn: string, trigger: string, firedAt: number): string {
  return idempotencyKey(fn, `timer:${trigger}`, timerActor(trigger), new Date(firedAt).toISOString());
}

/** Validates a trigger-shaped event from a timer invocation and runs its handler at most once to completion. */
export async function runTimerEvent(ev: Record<string, unknown>, deps: FiringDeps): Promise<TimerOutcome> {
  const parsed = TimerEventSchema.safeParse(ev);
  if (!parsed.success) {
    throw new AppError('invalid-argument', 'malformed timer event', { reason: 'timer.malformed', issues: toIssues(parsed.error) });
  }
  const trigger = parsed.data.TriggerName;
  if (!Object.hasOwn(deps.handlers, trigger)) {
    throw new AppError('invalid-argument', `function ${deps.fn} has no timer '${trigger}'`, { reason: 'timer.unknown_trigger' });
  }
  const handler = deps.handlers[trigger];
  const firedAt = Date.parse(parsed.data.Time);
  const time = new Date(firedAt).toISOString();
  const actor = timerActor(trigger);
  const firingId = `${trigger}@${time}`;
  const key = firingKey(deps.fn, trigger, firedAt);
  const log = deps.log.child({ timer: trigger, firingId });
  const { db, config, now } = deps;
  const tx: RunTx = (fn) => runTx(db, fn, { maxAttempts: config.TX_MAX_ATTEMPTS });

  const claimToken = randomUUID();
  const claim = await tx(async (t) => {
    const ref = t.collection(Collections.idempotency).doc(key);
    const prior = (await ref.get()).data;
    if (prior?.status === 'done') return { kind: 'done' as const, resultJson: String(prior.resultJson) };
    if (prior && typeof prior.leaseUntil === 'number' && prior.leaseUntil > now()) return { kind: 'busy' as const, prior };
    const record = {
      // The fields of an action's record (idempotency.ts), so retention and tooling treat both alike.
      fn: deps.fn,
      action: `timer:${trigger}`,
      openid: actor,
      requestId: time,
      // A firing's input is public (trigger and time): a plain digest; client inputs are keyed.
      inputHash: sha256Hex(canonicalJson({ trigger, time })),
      resultJson: '',
      createdAt: now(),
      status: 'running',
      claimToken,
      leaseUntil: now() + deps.leaseMs,
    };
    if (prior) {
      log.warn('taking over a firing whose claim expired', { claimedAt: prior.createdAt, leaseUntil: prior.leaseUntil });
      await ref.set({ data: record });
    } else {
      await t.collection(Collections.idempotency).add({ data: { _id: key, ...record } });
    }
    return { kind: 'claimed' as const };
  });
  if (claim.kind === 'done') {
    log.info('timer firing replayed', {});
    return { trigger, firedAt, replayed: true, result: JSON.parse(claim.resultJson) as unknown };
  }
  if (claim.kind === 'busy') {
    log.info('timer firing already in progress', { leaseUntil: claim.prior.leaseUntil });
    throw new AppError('failed-precondition', `firing ${firingId} is already being run`, { reason: 'timer.firing_in_progress' });
  }

  log.info('timer firing started', {});
  const ctx: TimerCtx = {
    fn: deps.fn,
    trigger,
    actor,
    firedAt,
    firingId,
    now,
    db,
    log,
    config,
    runTx: (fn) => tx(fn),
    audit: (t, entry) => appendAudit(t, { ...entry, actor, at: now(), requestId: firingId }),
    auditStamp: (action) => ({ actor, at: now(), action, requestId: firingId }),
  };
  let resultJson: string;
  try {
    const result: unknown = await handler(ctx);
    if (typeof result !== 'object' || result === null || Array.isArray(result)) {
      throw new Error(`timer ${deps.fn}.${trigger} must return a summary object, got ${Array.isArray(result) ? 'array' : typeof result}`);
    }
    resultJson = JSON.stringify(result);
  } catch (e) {
    await release(tx, key, claimToken).catch((releaseError: unknown) => {
      // The claim then lapses with its lease; the handler's own error is the one to report.
      log.error('could not release the claim of a failed firing', { releaseError: String(releaseError) });
    });
    throw e;
  }

  await tx(async (t) => {
    const ref = t.collection(Collections.idempotency).doc(key);
    const current = (await ref.get()).data;
    if (!ownedBy(current, claimToken)) {
      log.warn('the firing was taken over while it ran; its summary is not stored', {});
      return;
    }
    await ref.update({ data: { status: 'done', resultJson, finishedAt: now() } });
  });
  log.info('timer firing done', {});
  return { trigger, firedAt, replayed: false, result: JSON.parse(resultJson) as unknown };
}

/** runTx bound to this firing's database and attempts. */
type RunTx = <T>(fn: (t: Tx, attempt: number) => Promise<T>) => Promise<T>;

function ownedBy(doc: StoredDoc | null, claimToken: string): boolean {
  return !!doc && doc.status === 'running' && doc.claimToken === claimToken;
}

async function release(tx: RunTx, key: string, claimToken: string): Promise<void> {
  await tx(async (t) => {
    const ref = t.collection(Collections.idempotency).doc(key);
    if (ownedBy((await ref.get()).data, claimToken)) await ref.remove();
  });
}
