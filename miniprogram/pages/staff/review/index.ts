// Review queues for community staff: volunteers to verify, wishes to verify and publish, activities
// to publish. Each decision is one tap (a reason is chosen, not typed); rows change in place.
import { pageBase } from '../../../behaviors/page-base';
import { listActivities, publishActivity, rejectActivity } from '../../../services/activity';
import { userMessage } from '../../../services/errors';
import { communityFor, profile } from '../../../services/session';
import { listVolunteers, reviewVolunteer } from '../../../services/volunteer';
import { publishWish, rejectWish, verifyWish, wishQueue } from '../../../services/wish';
import { loadFirstPage, loadNextPage, type CursorPage, type ListStatus } from '../../../utils/list';
import {
  activityReviewRow,
  DONE_TEXT,
  REJECT_REASONS,
  volunteerRow,
  wishReviewRow,
  type ReviewAction,
  type ReviewKind,
  type ReviewRow,
} from '../../../utils/review-view';

const PAGE = 20;
const TABS: Array<{ key: ReviewKind; label: string }> = [
  { key: 'wishes', label: '心愿核实' },
  { key: 'volunteers', label: '志愿者' },
  { key: 'activities', label: '活动发布' },
];

Component({
  behaviors: [pageBase],
  data: {
    tabs: TABS,
    tab: 'wishes' as ReviewKind,
    status: 'loading' as ListStatus,
    errorMessage: '',
    rows: [] as ReviewRow[],
    next: null as string | null,
    loadingMore: false,
    reasons: REJECT_REASONS.wishes,
    communityId: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const tab = (TABS.find((t) => t.key === query.tab)?.key ?? 'wishes') as ReviewKind;
      this.setData({ tab, reasons: REJECT_REASONS[tab] });
      return this.load();
    },

    async fetch(after?: string): Promise<CursorPage<ReviewRow>> {
      if (!after) {
        await profile();
        this.setData({ communityId: communityFor('staff') ?? communityFor('social-worker') ?? '' });
      }
      const communityId = this.data.communityId;
      if (this.data.tab === 'volunteers') {
        const p = await listVolunteers({ communityId, status: 'pending', after: after ?? null, limit: PAGE });
        return { items: p.items.map(volunteerRow), next: p.next };
      }
      if (this.data.tab === 'wishes') {
        const p = await wishQueue({ communityId, status: 'submitted', after, limit: PAGE });
        return { items: p.items.map(wishReviewRow), next: p.next };
      }
      const p = await listActivities({ communityId, status: 'submitted', after, limit: PAGE });
      return { items: p.items.map(activityReviewRow), next: p.next };
    },

    load() {
      return loadFirstPage(this, { key: 'rows', fetch: (after?: string) => this.fetch(after) });
    },

    onReachBottom() {
      return loadNextPage(this, { key: 'rows', fetch: (after?: string) => this.fetch(after) });
    },

    onTabTap(e: WechatMiniprogram.TouchEvent) {
      const tab = String(e.currentTarget.dataset.key) as ReviewKind;
      if (tab === this.data.tab) return undefined;
      this.setData({ tab, reasons: REJECT_REASONS[tab] });
      return this.load();
    },

    async decide(i: number, key: ReviewAction['key'], reason = '') {
      const r = this.data.rows[i];
      if (r.busy) return;
      this.setData({ [`rows[${i}].busy`]: true, [`rows[${i}].error`]: '' });
      try {
        let next: ReviewRow | null = null;
        if (this.data.tab === 'volunteers') {
          await reviewVolunteer(key === 'reject' ? { volunteerId: r.id, decision: 'reject', reason, version: r.version } : { volunteerId: r.id, decision: 'verify', version: r.version });
        } else if (this.data.tab === 'wishes') {
          const w =
            key === 'reject'
              ? await rejectWish({ wishId: r.id, version: r.version, reason })
              : key === 'publish'
                ? await publishWish(r.id, r.version)
                : await verifyWish({ wishId: r.id, version: r.version, method: key === 'verify-visit' ? 'home-visit' : 'phone-call', note: key === 'verify-visit' ? '上门核实，情况属实' : '电话核实，情况属实' });
          // A verified wish stays in the list with its next step (publish).
          if (w.status === 'verified') next = wishReviewRow(w);
        } else if (key === 'reject') {
          await rejectActivity(r.id, reason);
        } else {
          await publishActivity(r.id);
        }
        this.setData({ [`rows[${i}]`]: next ? { ...next, done: DONE_TEXT[key] } : { ...r, busy: false, rejectOpen: false, actions: [], done: DONE_TEXT[key] } });
      } catch (err) {
        this.setData({ [`rows[${i}].busy`]: false, [`rows[${i}].error`]: userMessage(err) });
      }
    },

    onActionTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const key = String(e.currentTarget.dataset.key) as ReviewAction['key'];
      if (key === 'reject') {
        this.setData({ [`rows[${i}].rejectOpen`]: !this.data.rows[i].rejectOpen });
        return undefined;
      }
      return this.decide(i, key);
    },

    onReasonTap(e: WechatMiniprogram.TouchEvent) {
      return this.decide(Number(e.currentTarget.dataset.index), 'reject', String(e.currentTarget.dataset.reason));
    },

    onRetry() {
      return this.load();
    },
  },
});
