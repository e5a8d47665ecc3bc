// The wish function's timer (config.json trigger `sweep`, every 10 minutes; CloudBase allows one
// timer per function, so one firing does all three jobs):
// - remind donors whose delivery deadline is within WISH_REMIND_HOURS (once per claim);
// - release claims past their deadline back to published, telling the donor;
// - expire published wishes whose wanted-by day has ended.
// Each item is its own transaction (compare-and-set + audit), judged against ctx.firedAt, so a
// re-delivered or overlapping firing changes each item at most once (server/timers.ts). A message
// is sent only after its item's change committed, and the change is the marker: at most once.
import { AppError, wishMachine } from '../../../core';
import type { TimerCtx, TimerResult } from '../../../server/context';
import type { DocData } from '../../../server/db';
import { applyTransition } from '../../../server/transition';
import { wishSettings } from '../../../server/wish/config';
import { CLAIM_CLEARED, donorsOf } from '../actions/lifecycle';
import { notify } from '../notify';
import { W, WishDoc } from '../store';

const BATCH = 50;
/** Per job and firing; what is left waits for the next firing (10 minutes later). */
const MAX_BATCHES = 20;

export interface SweepSummary extends TimerResult {
  released: number;
  reminded: number;
  expired: number;
}

export async function sweep(ctx: TimerCtx): Promise<SweepSummary> {
  const _ = ctx.db.command;
  const settings = wishSettings(ctx.config);
  const summary: SweepSummary = { released: 0, reminded: 0, expired: 0 };
  const tctx = (tx: Parameters<Parameters<TimerCtx['runTx']>[0]>[0]) => ({ tx, actor: ctx.actor, now: ctx.now, requestId: ctx.firingId });

  // A skipped item (changed meanwhile) is left out of the next query by its new status or field,
  // so each loop ends; `seen` also stops it should the store return an item again.
  async function each(where: DocData, sortField: string, job: (w: WishDoc) => Promise<boolean>): Promise<number> {
    let done = 0;
    const seen = new Set<string>();
    for (let b = 0; b < MAX_BATCHES; b++) {
      const batch = ((await ctx.db.collection(W).where(where).orderBy(sortField, 'asc').limit(BATCH).get()).data as WishDoc[]).filter((w) => !seen.has(w._id));
      if (batch.length === 0) break;
      for (const w of batch) {
        seen.add(w._id);
        if (await job(w)) done++;
      }
    }
    return done;
  }

  const skipIfMoved = (e: unknown): false => {
    if (e instanceof AppError && e.code === 'failed-precondition') return false;
    throw e;
  };

  // Reminders first: a claim both due for a reminder and overdue is released instead (below) and
  // the donor gets the release message only.
  summary.reminded = await each(
    { status: 'claimed', claimRemindAt: _.lte(ctx.firedAt), remindedAt: null, claimDueAt: _.gt(ctx.firedAt) },
    'claimRemindAt',
    async (w) => {
      const sent = await ctx.runTx(async (tx) => {
        const cur = (await tx.collection(W).doc(w._id).get()).data as WishDoc | null;
        if (!cur || cur.status !== 'claimed' || cur.remindedAt !== null || cur.claimRemindAt === null || cur.claimRemindAt > ctx.firedAt || !cur.claimedBy) return null;
        await tx.collection(W).doc(w._id).update({ data: { remindedAt: ctx.now() } });
        await ctx.audit(tx, { action: 'wish.remind', subject: `${W}/${w._id}`, after: { remindedAt: ctx.now(), claimedBy: cur.claimedBy } });
        return cur;
      });
      if (!sent) return false;
      for (const donor of donorsOf(sent)) await notify('reminder', donor, sent, settings, ctx.log, sent.claimDueAt ?? ctx.now());
      return true;
    },
  );

  summary.released = await each({ status: 'claimed', claimDueAt: _.lte(ctx.firedAt) }, 'claimDueAt', async (w) => {
    const donors = await ctx.runTx(async (tx) => {
      const cur = (await tx.collection(W).doc(w._id).get()).data as WishDoc | null;
      if (!cur || cur.claimDueAt === null || cur.claimDueAt > ctx.firedAt) return null;
      // A pool's pledges end with its claim: the wish is open to new pledges from zero.
      await applyTransition(tctx(tx), wishMachine, { collection: W, id: w._id, event: 'releaseClaim', set: { ...CLAIM_CLEARED, updatedAt: ctx.now() } });
      return donorsOf(cur);
    }).catch(skipIfMoved);
    if (!donors) return false;
    for (const donor of donors) await notify('released', donor, w, settings, ctx.log, ctx.now());
    return true;
  });

  summary.expired = await each({ status: 'published', wantedBy: _.lte(ctx.firedAt) }, 'wantedBy', async (w) => {
    const ok = await ctx.runTx(async (tx) => {
      const cur = (await tx.collection(W).doc(w._id).get()).data as WishDoc | null;
      if (!cur || cur.wantedBy > ctx.firedAt) return false;
      await applyTransition(tctx(tx), wishMachine, { collection: W, id: w._id, event: 'expire', set: { expiredAt: ctx.now(), updatedAt: ctx.now() } });
      return true;
    }).catch(skipIfMoved);
    return ok;
  });

  ctx.log.info('wish sweep', summary);
  return summary;
}
