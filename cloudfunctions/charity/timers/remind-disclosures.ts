// Timer `remindDisclosures` (daily, 09:00 Beijing): reminds each community's staff of disclosures
// due within one working day or overdue (receipts within 7 working days, money given out within a
// month, long projects every 3 months). "Due" is judged against the firing's day (ctx.firedAt),
// so a re-delivered firing decides the same way. At most one reminder per community and day: the
// marker `charity_reminders/<community>_<day>` is written (with its audit entry) BEFORE the
// messages go, so a re-run finds it and sends nothing again (at most once).
import { addWorkingDays, dayOf, hasRole, startOfDay } from '../../../core';
import { Collections } from '../../../server/collections';
import type { TimerCtx, TimerHandler } from '../../../server/context';
import { sendSubscribeMessage } from '../../../server/openapi';
import { STAFF_ROLES } from '../../../server/charity/access';
import type { LedgerDoc } from '../../../server/charity/ledger';
import { UserDoc } from '../../../server/user-store';
import { dueDisclosures, ProjectDoc } from '../actions/disclosure';
import { holidayTable } from '../../../server/holidays';

const PAGE = 500;
/** The staff page that lists what is due (the mini-program's charity desk). */
export const REMINDER_PAGE = 'pages/staff/disclosures/index';

export interface RemindSummary {
  communities: number;
  entries: number;
  projects: number;
  reminded: number;
  alreadyReminded: number;
  messages: number;
}

/** Communities with an unpublished ledger entry due by `soon`, or a long project with a report due. */
async function dueCommunities(ctx: TimerCtx, today: string): Promise<string[]> {
  const _ = ctx.db.command;
  const soon = addWorkingDays(today, 1, holidayTable(ctx.config));
  const found = new Set<string>();
  let last = '';
  for (;;) {
    const page = (await ctx.db.collection(Collections.charityLedger).where({ published: false, dueOn: _.lte(soon), _id: _.gt(last) }).orderBy('_id', 'asc').limit(PAGE).field({ communityId: true }).get()).data as unknown as LedgerDoc[];
    for (const d of page) found.add(d.communityId);
    if (page.length < PAGE) break;
    last = page[page.length - 1]!._id;
  }
  last = '';
  for (;;) {
    const page = (await ctx.db.collection(Collections.charityProjects).where({ _id: _.gt(last) }).orderBy('_id', 'asc').limit(PAGE).field({ communityId: true }).get()).data as unknown as ProjectDoc[];
    for (const d of page) found.add(d.communityId);
    if (page.length < PAGE) break;
    last = page[page.length - 1]!._id;
  }
  return [...found].sort();
}

export function remindDisclosures(): TimerHandler {
  return async (ctx: TimerCtx) => {
    const today = dayOf(ctx.firedAt);
    const summary: RemindSummary = { communities: 0, entries: 0, projects: 0, reminded: 0, alreadyReminded: 0, messages: 0 };
    for (const communityId of await dueCommunities(ctx, today)) {
      const due = await dueDisclosures(ctx.db, communityId, today, holidayTable(ctx.config));
      const soon = addWorkingDays(today, 1, holidayTable(ctx.config));
      const entries = due.entries.filter((e) => e.dueOn <= soon);
      if (entries.length === 0 && due.projects.length === 0) continue;
      summary.communities += 1;
      summary.entries += entries.length;
      summary.projects += due.projects.length;
      const markerId = `${communityId}_${today}`;
      const firstDue = [...entries.map((e) => e.dueOn), ...due.projects.map((p) => p.dueOn)].sort()[0] as string;
      const created = await ctx.runTx(async (tx) => {
        const ref = tx.collection(Collections.charityReminders).doc(markerId);
        if ((await ref.get()).data) return false;
        await ref.set({ data: { communityId, on: today, entries: entries.length, projects: due.projects.length, firstDue, at: ctx.now() } });
        await ctx.audit(tx, { action: 'charity.remindDisclosures', subject: `${Collections.charityReminders}/${markerId}`, after: { entries: entries.length, projects: due.projects.length } });
        return true;
      });
      if (!created) {
        summary.alreadyReminded += 1;
        continue;
      }
      summary.reminded += 1;
      const templateId = ctx.config.CHARITY_DISCLOSURE_TEMPLATE_ID;
      if (!templateId) {
        ctx.log.info('disclosure reminder recorded; no template configured (CHARITY_DISCLOSURE_TEMPLATE_ID)', { communityId, entries: entries.length });
        continue;
      }
      const users = (await ctx.db.collection(Collections.users).where({ roleCommunityIds: communityId }).limit(100).get()).data as unknown as UserDoc[];
      for (const u of users.filter((u) => STAFF_ROLES.some((r) => hasRole(u.roles ?? [], r, communityId)))) {
        const sent = await sendSubscribeMessage(
          {
            touser: u.openid,
            templateId,
            page: `${REMINDER_PAGE}?communityId=${communityId}`,
            data: { thing1: '待公开的捐赠收支信息', number2: entries.length + due.projects.length, date3: startOfDay(firstDue) },
          },
          ctx,
        );
        if (sent.sent) summary.messages += 1;
      }
    }
    return { ...summary };
  };
}
