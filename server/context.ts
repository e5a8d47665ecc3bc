// What a handler gets instead of globals: identity, clock, database, log, configuration.
import type { AuditEntry, AuditInput } from './audit';
import type { ServerConfig } from './config';
import type { Db, ReadDb, Tx } from './db';
import type { Logger } from './log';
import type { UserDoc } from './user-store';

export interface Ctx {
  /** Function (contract) name, e.g. 'user'. */
  fn: string;
  action: string;
  /** The caller, from getWXContext() only; never from the event. Always non-empty. */
  openid: string;
  appid: string;
  /** Present for state-changing actions (validated), optional otherwise. */
  requestId?: string;
  /** The injectable clock: handlers never call Date.now(). */
  now(): number;
  db: Db;
  log: Logger;
  config: ServerConfig;
  /** The caller's profile, loaded once per invocation (through the transaction when there is one). */
  user(): Promise<UserDoc | null>;
}

/** The context of a state-changing action: it runs inside one transaction (see define-function.ts). */
export interface TxCtx extends Omit<Ctx, 'db'> {
  requestId: string;
  tx: Tx;
  /** Reads outside the transaction (lists, counts); every write goes through `tx`. */
  db: ReadDb;
  /** Appends to the audit log in this transaction, as the caller, now. */
  audit(entry: Omit<AuditInput, 'actor' | 'at' | 'requestId'>): Promise<AuditEntry>;
  /**
   * Schedules an effect outside the database (a subscribe message, a log line for operators) for
   * after this transaction commits. It runs once, only for the attempt that committed, never on a
   * replay; its failure is logged and does not change the answer. `label` names it in the log.
   */
  afterCommit(label: string, effect: () => Promise<unknown> | unknown): void;
}

/**
 * The actor of everything a timer firing does: `system:timer:<TriggerName>`. It is stored where an
 * openid would be (audit `actor`, the firing's idempotency record) and can never collide with
 * one: OpenId allows only [A-Za-z0-9_-], so no user has a ':' in their id.
 */
export const TIMER_ACTOR_PREFIX = 'system:timer:';

export function timerActor(triggerName: string): string {
  return `${TIMER_ACTOR_PREFIX}${triggerName}`;
}

/** The audit fields of a change a timer makes, as compareAndSet() takes them. */
export interface TimerAuditStamp {
  actor: string;
  at: number;
  action: string;
  requestId: string;
}

/**
 * What a timer handler gets (defineFunction's `timers` option). There is no caller: no openid, no
 * user(), no ambient transaction. A firing usually processes a batch in several transactions of
 * its own (`runTx`), one item each, so each item is a compare-and-set that a re-run skips; see
 * server/timers.ts for who may send a timer event and what the kernel guarantees per firing.
 */
export interface TimerCtx {
  fn: string;
  /** The trigger's name from config.json (event.TriggerName). */
  trigger: string;
  /** `system:timer:<trigger>` (timerActor). */
  actor: string;
  /**
   * The scheduled instant of this firing (event.Time, epoch ms). A re-delivery of the firing has
   * the same value: compare deadlines with it ("overdue as of firedAt") so that a re-run decides
   * the same way; stamp writes with now().
   */
  firedAt: number;
  /** `<trigger>@<event.Time as ISO>`: the firing's identity, stored as `requestId` in its audit entries. */
  firingId: string;
  /** The injectable clock: handlers never call Date.now(). */
  now(): number;
  db: Db;
  log: Logger;
  config: ServerConfig;
  /** server/transaction.ts runTx with the configured attempts (TX_MAX_ATTEMPTS). */
  runTx<T>(fn: (tx: Tx, attempt: number) => Promise<T>): Promise<T>;
  /** Appends to the audit log inside `tx` (a transaction from runTx), as this timer, now. */
  audit(tx: Tx, entry: Omit<AuditInput, 'actor' | 'at' | 'requestId'>): Promise<AuditEntry>;
  /** `{actor, at: now(), action, requestId: firingId}` for compareAndSet()'s `audit`. */
  auditStamp(action: string): TimerAuditStamp;
}

/**
 * A firing's summary (e.g. `{released: 3, skipped: 1}`): JSON only. It is the envelope's
 * `data.result` and is stored with the firing, so a re-delivered firing answers it again.
 */
export type TimerResult = Record<string, unknown>;

export type TimerHandler = (ctx: TimerCtx) => Promise<TimerResult>;

/** defineFunction's `timers` option: trigger name (as in config.json) → handler. */
export type TimerHandlers = Record<string, TimerHandler>;
