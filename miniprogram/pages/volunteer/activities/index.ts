// Activities of the volunteer's community: filters, and the next page appended when the user
// reaches the bottom (cursor pages; the list grows by path, never re-sent whole).
import { pageBase } from '../../../behaviors/page-base';
import { listActivities } from '../../../services/activity';
import { userMessage } from '../../../services/errors';
import { navigateTo } from '../../../services/platform';
import { communityFor, profile } from '../../../services/session';
import { ACTIVITY_FILTERS, activityRow, rowVisible, type ActivityRow } from '../../../utils/activity-view';
import { appendPatch, firstPageStatus, type ListStatus } from '../../../utils/list';

const PAGE = 20;

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading' as ListStatus,
    errorMessage: '',
    items: [] as Array<ActivityRow & { visible: boolean }>,
    next: null as string | null,
    loadingMore: false,
    moreError: '',
    filters: ACTIVITY_FILTERS,
    filter: 'all',
    communityId: '',
  },
  methods: {
    onLoad() {
      return this.loadFirst();
    },

    async loadFirst() {
      this.setData({ status: 'loading', errorMessage: '', moreError: '' });
      try {
        await profile();
        const communityId = communityFor('volunteer');
        if (!communityId) {
          this.setData({ status: 'empty', errorMessage: '', items: [], next: null });
          return;
        }
        const page = await listActivities({ communityId, limit: PAGE });
        const items = page.items.map((a) => this.row(activityRow(a)));
        this.setData({ communityId, items, next: page.next, status: firstPageStatus(items.length) });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },

    row(r: ActivityRow) {
      return { ...r, visible: rowVisible(r, this.data.filter) };
    },

    async onReachBottom() {
      const { next, loadingMore, communityId } = this.data;
      if (!next || loadingMore) return;
      this.setData({ loadingMore: true, moreError: '' });
      try {
        const page = await listActivities({ communityId, after: next, limit: PAGE });
        const rows = page.items.map((a) => this.row(activityRow(a)));
        this.setData({ ...appendPatch('items', this.data.items.length, rows), next: page.next, loadingMore: false });
      } catch (err) {
        this.setData({ loadingMore: false, moreError: userMessage(err) });
      }
    },

    onPullDownRefresh() {
      return this.loadFirst();
    },

    onFilterTap(e: WechatMiniprogram.TouchEvent) {
      const filter = String(e.currentTarget.dataset.key);
      // Only the rows whose visibility changes are sent.
      const patch: Record<string, boolean | string> = { filter };
      this.data.items.forEach((r, i) => {
        const visible = rowVisible(r, filter);
        if (visible !== r.visible) patch[`items[${i}].visible`] = visible;
      });
      this.setData(patch);
    },

    onItemTap(e: WechatMiniprogram.TouchEvent) {
      return navigateTo(`/pages/volunteer/activity/index?activityId=${e.currentTarget.dataset.id}`);
    },

    onRetry() {
      return this.loadFirst();
    },

    onMoreRetry() {
      return this.onReachBottom();
    },

    onRegisterTap() {
      return navigateTo('/pages/volunteer/register/index');
    },
  },
});
