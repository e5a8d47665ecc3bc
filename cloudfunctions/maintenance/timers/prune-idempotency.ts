// Timer `pruneIdempotency`: deletes `idempotency` records older than IDEMPOTENCY_RETENTION_DAYS
// (ADR 0001, Retention). Every state-changing request and every timer firing leaves one record;
// without this they would accumulate forever.
//
// THE TRADE-OFF. A record is what makes a retry replay instead of apply again. Once it is deleted,
// a client retrying that request (same requestId) applies it a second time, and a re-delivery of
// a firing that old runs its handler again. So the retention must stay far above any real retry
// horizon: the mini-program retries within seconds or minutes, CloudBase re-delivers a timer
// within minutes; the default 30 days leaves a wide margin, the minimum is 1 day.
//
// RE-RUNS. Age is judged against the firing's scheduled time (ctx.firedAt), not the clock, so a
// re-run of the same firing (after a crash half-way) deletes the same set, never a wider one. The
// work is bounded: batches of BATCH_SIZE ids read in createdAt order (the `created` index), each
// removed by _id, until a batch comes back short or the batch/time budget (well under the
// config.json timeout) is spent; `more: true` then says the next firing continues the backlog.
//
// THE FIRING BEING RUN. The kernel claims this firing's own record (createdAt = now() at the
// claim) before the handler runs (server/timers.ts). It can never be selected: the cutoff is at
// least one day before min(firedAt, now()), a record claimed moments ago is younger than that, and
// its _id is excluded explicitly besides. Using min(firedAt, now()) also means a firing dated in
// the future (the dev route takes any `at`) cannot reach records that are young by the clock.
import { Collections } from '../../../server/collections';
import type { TimerCtx, TimerHandler } from '../../../server/context';
import { firingKey } from '../../../server/timers';

const DAY_MS = 86_400_000;

export interface PruneOptions {
  /** Ids read and removed per batch (the query limit). */
  batchSize?: number;
  /** At most this many batches per firing. */
  maxBatches?: number;
  /** Start no new batch after this long (ms, measured with ctx.now()). */
  budgetMs?: number;
}

/** 200 × 100 records per firing at most; 20 s of a 60 s timeout (config.json). */
export const PRUNE_DEFAULTS: Required<PruneOptions> = { batchSize: 100, maxBatches: 200, budgetMs: 20_000 };

/** A firing's summary (stored with the firing, so a re-delivery answers it again). */
export interface PruneSummary {
  deleted: number;
  batches: number;
  /** The budget ran out with old records left: the next firing goes on. */
  more: boolean;
}

/** Records with createdAt strictly below this are deleted. */
export function pruneCutoff(firedAt: number, now: number, retentionDays: number): number {
  return Math.min(firedAt, now) - retentionDays * DAY_MS;
}

export function pruneIdempotency(options: PruneOptions = {}): TimerHandler {
  const { batchSize, maxBatches, budgetMs } = { ...PRUNE_DEFAULTS, ...options };
  return async (ctx: TimerCtx) => {
    const started = ctx.now();
    const retentionDays = ctx.config.IDEMPOTENCY_RETENTION_DAYS;
    const cutoff = pruneCutoff(ctx.firedAt, started, retentionDays);
    const _ = ctx.db.command;
    const records = ctx.db.collection(Collections.idempotency);
    const old = { createdAt: _.lt(cutoff), _id: _.neq(firingKey(ctx.fn, ctx.trigger, ctx.firedAt)) };

    const summary: PruneSummary = { deleted: 0, batches: 0, more: false };
    for (;;) {
      if (summary.batches >= maxBatches || ctx.now() - started >= budgetMs) {
        summary.more = (await records.where(old).limit(1).field({ _id: true }).get()).data.length > 0;
        break;
      }
      const batch = await records.where(old).orderBy('createdAt', 'asc').limit(batchSize).field({ _id: true }).get();
      const ids = batch.data.map((d) => d._id);
      if (ids.length === 0) break;
      // The age condition again: a record re-created meanwhile under the same _id (an expired
      // firing claim taken over) is young and stays.
      const removed = await records.where({ _id: _.in(ids), createdAt: _.lt(cutoff) }).remove();
      summary.deleted += removed.stats.removed;
      summary.batches += 1;
      if (ids.length < batchSize) break;
    }

    const fields = { ...summary, retentionDays, cutoff: new Date(cutoff).toISOString(), ms: ctx.now() - started };
    if (summary.more) ctx.log.warn('idempotency records pruned; budget spent, the next firing continues', fields);
    else ctx.log.info('idempotency records pruned', fields);
    return { ...summary };
  };
}
