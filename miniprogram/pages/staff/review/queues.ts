// The review page's queues, one entry per tab: how a page of the queue is fetched and how a decision
// is sent. A decision resolves to the row when it stays in the queue with a next step (a verified
// wish waits to be published), else to null (the row shows what was done).
import { approveBackfill, listActivities, pendingBackfills, pendingCorrections, publishActivity, refuseBackfill, rejectActivity, resolveCorrection } from '../../../services/activity';
import { listVolunteers, reviewVolunteer } from '../../../services/volunteer';
import { publishWish, rejectWish, verifyWish, wishQueue } from '../../../services/wish';
import type { CursorPage } from '../../../utils/list';
import { minutes as hours } from '../../../utils/format';
import { activityReviewRow, backfillRow, correctionRow, volunteerRow, wishReviewRow, type ReviewAction, type ReviewKind, type ReviewRow } from '../../../utils/review-view';

const PAGE = 20;

export interface Queue {
  fetch(communityId: string, after?: string): Promise<CursorPage<ReviewRow>>;
  /** `minutes`: a correction accepted at other minutes than asked ('adjust'). */
  decide(r: ReviewRow, key: ReviewAction['key'], reason: string, minutes?: number): Promise<ReviewRow | null>;
}

const rowsOf = <T>(p: CursorPage<T>, map: (item: T) => ReviewRow): CursorPage<ReviewRow> => ({ items: p.items.map(map), next: p.next });

export const QUEUES: Record<ReviewKind, Queue> = {
  wishes: {
    fetch: async (communityId, after) => rowsOf(await wishQueue({ communityId, status: 'submitted', after, limit: PAGE }), wishReviewRow),
    async decide(r, key, reason) {
      const w =
        key === 'reject'
          ? await rejectWish({ wishId: r.id, version: r.version, reason })
          : key === 'publish'
            ? await publishWish(r.id, r.version)
            : await verifyWish({ wishId: r.id, version: r.version, method: key === 'verify-visit' ? 'home-visit' : 'phone-call', note: key === 'verify-visit' ? '上门核实，情况属实' : '电话核实，情况属实' });
      return w.status === 'verified' ? wishReviewRow(w) : null;
    },
  },
  volunteers: {
    fetch: async (communityId, after) => rowsOf(await listVolunteers({ communityId, status: 'pending', after: after ?? null, limit: PAGE }), volunteerRow),
    async decide(r, key, reason) {
      await reviewVolunteer(key === 'reject' ? { volunteerId: r.id, decision: 'reject', reason, version: r.version } : { volunteerId: r.id, decision: 'verify', version: r.version });
      return null;
    },
  },
  activities: {
    fetch: async (communityId, after) => rowsOf(await listActivities({ communityId, status: 'submitted', after, limit: PAGE }), activityReviewRow),
    async decide(r, key, reason) {
      await (key === 'reject' ? rejectActivity(r.id, reason) : publishActivity(r.id));
      return null;
    },
  },
  corrections: {
    fetch: async (communityId, after) => rowsOf(await pendingCorrections({ communityId, after, limit: PAGE }), correctionRow),
    async decide(r, key, reason, minutes) {
      // 'accept' records the minutes the volunteer asked for (the server's default); 'adjust' the
      // minutes staff verified.
      if (key === 'adjust' && minutes !== undefined) await resolveCorrection({ correctionId: r.id, accept: true, minutes, note: `核实后更正为${hours(minutes)}` });
      else await resolveCorrection({ correctionId: r.id, accept: key === 'accept', note: key === 'accept' ? '核实无误，同意更正' : reason });
      return null;
    },
  },
  backfills: {
    fetch: async (communityId, after) => rowsOf(await pendingBackfills({ communityId, after, limit: PAGE }), backfillRow),
    async decide(r, key, reason) {
      await (key === 'approve' ? approveBackfill({ backfillId: r.id, note: '核对证明无误' }) : refuseBackfill({ backfillId: r.id, note: reason }));
      return null;
    },
  },
};
