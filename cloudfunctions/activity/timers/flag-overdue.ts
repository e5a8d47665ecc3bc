// Timer `flagOverdueRecords` (daily): service records still draft after their due day (办法 §11:
// 10 working days after the activity, holidays from configuration) are flagged `overdue`, with an
// audit entry each, so staff see them in the ledger. Due-ness is judged against the firing's
// scheduled day (ctx.firedAt), so a re-run flags the same set; each flag is its own compare-and-set.
import { dayOf } from '../../../core';
import { ActivityCollections } from '../../../server/activity/collections';
import type { TimerCtx, TimerHandler } from '../../../server/context';

const BATCH = 100;
const MAX_BATCHES = 50;

export const flagOverdueRecords: TimerHandler = async (ctx: TimerCtx) => {
  const today = dayOf(ctx.firedAt);
  const _ = ctx.db.command;
  let flagged = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const due = (
      await ctx.db
        .collection(ActivityCollections.serviceRecords)
        .where({ status: 'draft', overdue: false, dueOn: _.lt(today) })
        .limit(BATCH)
        .get()
    ).data;
    for (const r of due) {
      const changed = await ctx.runTx(async (tx) => {
        const ref = tx.collection(ActivityCollections.serviceRecords).doc(r._id);
        const cur = (await ref.get()).data;
        if (!cur || cur.status !== 'draft' || cur.overdue === true) return false;
        await ref.update({ data: { overdue: true, updatedAt: ctx.now() } });
        await ctx.audit(tx, { action: 'service_record.overdue', subject: `${ActivityCollections.serviceRecords}/${r._id}`, after: { dueOn: cur.dueOn } });
        return true;
      });
      if (changed) flagged += 1;
    }
    if (due.length < BATCH) return { flagged, more: false };
  }
  return { flagged, more: true };
};
