// Applies one state-machine event (core/state-machine.ts) to a stored document: compare-and-set
// on status (and version when the client sent one) inside the action's transaction, with the audit
// entry '<machine>.<event>' appended in that same transaction (server/transaction.ts).
import { AppError, Machine } from '../core';
import type { TxCtx } from './context';
import type { DocData, Tx } from './db';
import { compareAndSet, CompareAndSetResult } from './transaction';

/**
 * Who applies the transition, and in which transaction. An action passes its TxCtx (the caller's
 * openid is the audit actor); a timer passes `{ tx, actor: ctx.actor, now: ctx.now, requestId: ctx.firingId }`.
 */
export type TransitionCtx = Pick<TxCtx, 'tx' | 'openid' | 'now' | 'requestId'> | { tx: Tx; actor: string; now(): number; requestId?: string };

export interface TransitionInput<E extends string> {
  collection: string;
  id: string;
  event: E;
  /** The version the client last saw; omit to accept any version (the status check still holds). */
  version?: number;
  /** Other top-level fields to write with the transition. `status` and `version` are the machine's. */
  set?: DocData & { status?: never; version?: never };
}

export interface TransitionResult<S extends string> extends CompareAndSetResult {
  from: S;
  to: S;
}

/**
 * The document must be in one of the event's from-states. Refusals (all failed-precondition except
 * a missing document, which is not-found '<collection>.not_found'):
 * - current status does not allow the event → reason machine.reasonFor(event), message naming
 *   the current status (including a status the machine does not declare);
 * - `version` given and different → 'state.stale_version'.
 * A concurrent transition on the same document makes this transaction conflict; runTx re-runs it
 * and the re-run sees the new status, so of N racing identical events exactly one applies.
 */
export async function applyTransition<S extends string, E extends string>(
  ctx: TransitionCtx,
  machine: Machine<string, S, E>,
  input: TransitionInput<E>,
): Promise<TransitionResult<S>> {
  if (!machine.isEvent(input.event)) throw new Error(`${machine.name} has no event ${JSON.stringify(input.event)}`);
  const set: DocData = input.set ?? {};
  if ('status' in set || 'version' in set) throw new Error(`applyTransition: 'status' and 'version' are set by the ${machine.name} machine`);
  const spec = machine.transitions[input.event];
  try {
    const result = await compareAndSet(ctx.tx, {
      collection: input.collection,
      id: input.id,
      from: spec.from,
      ...(input.version !== undefined ? { version: input.version } : {}),
      set: { ...set, status: spec.to },
      audit: {
        actor: 'openid' in ctx ? ctx.openid : ctx.actor,
        at: ctx.now(),
        action: `${machine.name}.${input.event}`,
        ...(ctx.requestId !== undefined ? { requestId: ctx.requestId } : {}),
      },
    });
    return { ...result, from: (result.audit.before as { status: S }).status, to: spec.to };
  } catch (e) {
    if (!(e instanceof AppError) || e.details?.reason !== 'state.unexpected_status') throw e;
    // compareAndSet refused on status: re-read in the same transaction to name the current one.
    const current = (await ctx.tx.collection(input.collection).doc(input.id).get()).data;
    const status = current?.status;
    const shown = typeof status === 'string' ? status : JSON.stringify(status ?? null);
    throw new AppError(
      'failed-precondition',
      `cannot ${input.event} ${machine.name} ${input.id}: it is ${shown}, and ${input.event} needs ${spec.from.join(' or ')}`,
      { reason: machine.reasonFor(input.event) },
    );
  }
}
