// Transactions that survive races, and the compare-and-set every lifecycle transition uses.
import { randomUUID } from 'node:crypto';
import { AppError } from '../core';
import { appendAudit, AuditEntry } from './audit';
import { Db, DocData, isDuplicateKeyError, isTransactionConflict, StoredDoc, Tx } from './db';

export interface RunTxOptions {
  maxAttempts?: number;
  /** Injectable for tests; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` in a transaction and re-runs it when it lost a race: a commit-time conflict, or a
 * duplicate id (two transactions inserting the same deterministic _id, e.g. an audit seq or an
 * idempotency record). We retry here with jittered backoff instead of relying on the SDK's
 * immediate retry (disabled with 0), which under contention retries into the same collision.
 * `fn` may therefore run several times: it must not have effects outside `tx`. An AppError is a
 * decision, not a race, and is never retried.
 */
export async function runTx<T>(db: Db, fn: (tx: Tx, attempt: number) => Promise<T>, options: RunTxOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 10;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.runTransaction((tx) => fn({ collection: (name) => tx.collection(name), command: db.command }, attempt), 0);
    } catch (e) {
      if (e instanceof AppError || attempt >= maxAttempts || !isRetryable(e)) throw e;
      await sleep(backoffMs(attempt));
    }
  }
}

export function isRetryable(e: unknown): boolean {
  return isTransactionConflict(e) || isDuplicateKeyError(e);
}

function backoffMs(attempt: number): number {
  const cap = Math.min(200, 5 * 2 ** attempt);
  return Math.floor(cap / 2 + Math.random() * (cap / 2));
}

/** The field guardRead() changes; no reader should give it meaning. */
export const GUARD_FIELD = 'txGuard';

/**
 * Makes a decision that rests on a document this transaction only READ safe against a concurrent
 * change of that document. CloudBase transactions run under snapshot isolation, where only written
 * documents conflict (ADR 0002): a permission or limit read here could be revoked and committed by
 * someone else before we commit, and our commit would still succeed (write skew). Writing the
 * document turns that into a conflict, so runTx re-runs the transaction against the new state.
 * The value is fresh every time because a write that changes nothing may not count as a write.
 */
export async function guardRead(tx: Tx, collection: string, id: string): Promise<void> {
  await tx.collection(collection).doc(id).update({ data: { [GUARD_FIELD]: randomUUID() } });
}

export interface CompareAndSetInput {
  collection: string;
  id: string;
  /** Allowed current status(es): the transition's "from" states. */
  from: string | readonly string[];
  /** When given, the document's version must equal it (client-side optimistic concurrency). */
  version?: number;
  /**
   * Top-level fields to set; `version` is advanced automatically. A plain object merges into the
   * object the field holds; over a field that holds no object (null, absent, a scalar) it is
   * written whole (the database refuses to merge into null).
   */
  set: DocData & { status: string };
  audit: { actor: string; at: number; action: string; requestId?: string };
}

export interface CompareAndSetResult {
  doc: StoredDoc;
  audit: AuditEntry;
}

/**
 * Applies one state-machine transition inside `tx`: checks status (and version), writes the new
 * fields with version+1, and appends the audit entry (before/after of the changed fields) in the
 * same transaction, so a transition and its audit record exist together or not at all.
 */
export async function compareAndSet(tx: Tx, input: CompareAndSetInput): Promise<CompareAndSetResult> {
  const ref = tx.collection(input.collection).doc(input.id);
  const current = (await ref.get()).data;
  if (!current) {
    throw new AppError('not-found', `${input.collection} ${input.id} not found`, { reason: `${input.collection}.not_found` });
  }
  const allowed: readonly string[] = typeof input.from === 'string' ? [input.from] : input.from;
  if (typeof current.status !== 'string' || !allowed.includes(current.status)) {
    throw new AppError('failed-precondition', `cannot go from ${String(current.status)} to ${input.set.status}`, {
      reason: 'state.unexpected_status',
    });
  }
  const currentVersion = typeof current.version === 'number' ? current.version : 0;
  if (input.version !== undefined && input.version !== currentVersion) {
    throw new AppError('failed-precondition', 'the record was changed by someone else; reload and retry', {
      reason: 'state.stale_version',
    });
  }
  const { status: _status, ...rest } = input.set;
  const after = { ...rest, status: input.set.status, version: currentVersion + 1 };
  const before: DocData = { version: currentVersion };
  for (const k of Object.keys(after)) if (k !== 'version') before[k] = current[k];
  const _ = tx.command;
  const data: DocData = {};
  for (const [k, v] of Object.entries(after)) data[k] = isPlainObject(v) && !isPlainObject(current[k]) ? _.set(v) : v;
  await ref.update({ data });
  const audit = await appendAudit(tx, {
    ...input.audit,
    subject: `${input.collection}/${input.id}`,
    before,
    after,
  });
  return { doc: { ...current, ...after }, audit };
}

/** An object literal (not an array, a Date or an SDK value such as a Geo.Point). */
function isPlainObject(v: unknown): v is DocData {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}
