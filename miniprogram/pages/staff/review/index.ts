// Review queues for community staff: wishes to verify and publish, volunteers to verify, activities
// to publish, service-record corrections to decide, back-fills awaiting their second approver. Each
// decision is one tap (a reason is chosen, not typed); rows change in place.
import { pageBase } from '../../../behaviors/page-base';
import { userMessage } from '../../../services/errors';
import { navigateTo } from '../../../services/platform';
import { communityFor, profile } from '../../../services/session';
import { loadFirstPage, loadNextPage, type CursorPage, type ListStatus } from '../../../utils/list';
import { DONE_TEXT, REJECT_REASONS, type ReviewAction, type ReviewKind, type ReviewRow } from '../../../utils/review-view';
import { hoursToMinutes } from '../../../utils/volunteer-view';
import { QUEUES } from './queues';

const TABS: Array<{ key: ReviewKind; label: string }> = [
  { key: 'wishes', label: '心愿核实' },
  { key: 'volunteers', label: '志愿者' },
  { key: 'activities', label: '活动发布' },
  { key: 'corrections', label: '时长更正' },
  { key: 'backfills', label: '补录审批' },
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
      return QUEUES[this.data.tab].fetch(this.data.communityId, after);
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

    async decide(i: number, key: ReviewAction['key'], reason = '', minutes?: number) {
      const r = this.data.rows[i];
      if (r.busy) return;
      this.setData({ [`rows[${i}].busy`]: true, [`rows[${i}].error`]: '' });
      try {
        const next = await QUEUES[this.data.tab].decide(r, key, reason, minutes);
        this.setData({ [`rows[${i}]`]: next ? { ...next, done: DONE_TEXT[key] } : { ...r, busy: false, rejectOpen: false, adjustOpen: false, actions: [], notice: '', done: DONE_TEXT[key] } });
      } catch (err) {
        this.setData({ [`rows[${i}].busy`]: false, [`rows[${i}].error`]: userMessage(err) });
      }
    },

    onActionTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const key = String(e.currentTarget.dataset.key) as ReviewAction['key'];
      // Panels open inline, one at a time: the reasons, or the verified hours.
      if (key === 'reject' || key === 'adjust') {
        const open = key === 'reject' ? !this.data.rows[i].rejectOpen : !this.data.rows[i].adjustOpen;
        this.setData({ [`rows[${i}].rejectOpen`]: key === 'reject' && open, [`rows[${i}].adjustOpen`]: key === 'adjust' && open });
        return undefined;
      }
      return this.decide(i, key);
    },

    onHoursInput(e: WechatMiniprogram.Input) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`rows[${i}].hoursInput`]: e.detail.value, [`rows[${i}].hoursError`]: '' });
    },

    onAdjustConfirmTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const mins = hoursToMinutes(this.data.rows[i].hoursInput);
      if (mins === null) {
        this.setData({ [`rows[${i}].hoursError`]: '请填写核实的服务小时数，例如 2.5' });
        return undefined;
      }
      return this.decide(i, 'adjust', '', mins);
    },

    onReasonTap(e: WechatMiniprogram.TouchEvent) {
      return this.decide(Number(e.currentTarget.dataset.index), 'reject', String(e.currentTarget.dataset.reason));
    },

    onRetry() {
      return this.load();
    },

    onNewBackfillTap() {
      return navigateTo('/pages/staff/backfill/index');
    },
  },
});
