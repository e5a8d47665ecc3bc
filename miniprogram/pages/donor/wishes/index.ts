// Browse verified micro-wishes: filters (category, urgent, sort), cursor pages appended by path as
// the donor scrolls, and a "为您推荐" tab that says why each wish is suggested.
import { pageBase } from '../../../behaviors/page-base';
import type { BrowseInput, BrowseSort, WishCategory } from '../../../core/index';
import { navigateTo } from '../../../services/platform';
import { browseWishes, recommendWishes } from '../../../services/wish';
import { loadFirstPage, loadNextPage, type ListStatus, type PagedList } from '../../../utils/list';
import { WISH_CATEGORIES, whyText, wishRow, type WishRow } from '../../../utils/wish-view';

const PAGE = 20;
const SORTS = [
  { key: 'newest', label: '最新' },
  { key: 'wanted-by', label: '最急' },
  { key: 'value-asc', label: '金额从低到高' },
];

Component({
  behaviors: [pageBase],
  data: {
    tab: 'all' as 'all' | 'recommended',
    status: 'loading' as ListStatus,
    errorMessage: '',
    rows: [] as WishRow[],
    next: null as string | null,
    loadingMore: false,
    moreError: '',
    categories: [{ key: '', label: '全部' }, ...WISH_CATEGORIES],
    category: '',
    urgent: false,
    sorts: SORTS,
    sort: 'newest',
    considered: 0,
  },
  methods: {
    onLoad() {
      return this.reload();
    },

    query(after?: string): BrowseInput {
      const q: BrowseInput = { sort: this.data.sort as BrowseSort, limit: PAGE };
      if (this.data.category) q.category = this.data.category as WishCategory;
      if (this.data.urgent) q.urgent = true;
      if (after) q.after = after;
      return q;
    },

    /** The browse tab is cursor-paged; the recommended tab is one ranked page (no cursor). */
    list(): PagedList<WishRow> {
      const fetch = async (after?: string) => {
        if (this.data.tab === 'recommended') {
          const r = await recommendWishes({ categories: this.data.category ? [this.data.category as WishCategory] : [], limit: 10 });
          this.setData({ considered: r.considered });
          return { items: r.items.map((s) => wishRow(s.card, whyText(s.parts))), next: null };
        }
        const page = await browseWishes(this.query(after));
        return { items: page.items.map((c) => wishRow(c)), next: page.next };
      };
      return { key: 'rows', fetch, moreErrorKey: 'moreError' };
    },

    reload() {
      return loadFirstPage(this, this.list());
    },

    onReachBottom() {
      return loadNextPage(this, this.list());
    },

    onPullDownRefresh() {
      return this.reload();
    },

    onTabTap(e: WechatMiniprogram.TouchEvent) {
      const tab = String(e.currentTarget.dataset.tab) as 'all' | 'recommended';
      if (tab === this.data.tab) return undefined;
      this.setData({ tab });
      return this.reload();
    },

    onCategoryTap(e: WechatMiniprogram.TouchEvent) {
      this.setData({ category: String(e.currentTarget.dataset.key) });
      return this.reload();
    },

    onUrgentTap() {
      this.setData({ urgent: !this.data.urgent });
      return this.reload();
    },

    onSortTap(e: WechatMiniprogram.TouchEvent) {
      this.setData({ sort: String(e.currentTarget.dataset.key) });
      return this.reload();
    },

    onRowTap(e: WechatMiniprogram.TouchEvent) {
      return navigateTo(`/pages/donor/wish/index?wishId=${e.currentTarget.dataset.id}`);
    },

    onRetry() {
      return this.reload();
    },

    onMoreRetry() {
      return this.onReachBottom();
    },
  },
});
