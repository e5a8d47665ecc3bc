// Activities of the volunteer's community: filters, and the next page appended when the user
// reaches the bottom (cursor pages; the list grows by path, never re-sent whole).
import { pageBase } from '../../../behaviors/page-base';
import type { ActivitySummary } from '../../../core/index';
import { listActivities } from '../../../services/activity';
import { navigateTo } from '../../../services/platform';
import { communityFor, profile } from '../../../services/session';
import { ACTIVITY_FILTERS, activityRow, rowVisible, type ActivityRow } from '../../../utils/activity-view';
import { loadFirstPage, loadNextPage, type ListStatus, type PagedList } from '../../../utils/list';

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

    list(): PagedList<ActivitySummary, ActivityRow & { visible: boolean }> {
      const fetch = async (after?: string) => {
        if (!after) {
          await profile();
          // Not a volunteer of any community yet: nothing to list (the empty state offers to register).
          const communityId = communityFor('volunteer');
          if (!communityId) return { items: [], next: null };
          this.setData({ communityId });
        }
        return listActivities({ communityId: this.data.communityId, after, limit: PAGE });
      };
      return { key: 'items', fetch, mapRow: (a) => this.row(activityRow(a)), moreErrorKey: 'moreError' };
    },

    loadFirst() {
      return loadFirstPage(this, this.list());
    },

    row(r: ActivityRow) {
      return { ...r, visible: rowVisible(r, this.data.filter) };
    },

    onReachBottom() {
      return loadNextPage(this, this.list());
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
