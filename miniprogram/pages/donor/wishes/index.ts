// Browse verified micro-wishes: filters (category, urgent, sort), cursor pages appended by path as
// the donor scrolls, and a "为您推荐" tab that says why each wish is suggested.
import { pageBase } from '../../../behaviors/page-base';
import type { BrowseInput, BrowseSort, WishCategory } from '../../../core/index';
import { getLocation, navigateTo, platformErrorKind } from '../../../services/platform';
import { browseWishes, recommendWishes } from '../../../services/wish';
import { loadFirstPage, loadNextPage, type ListStatus, type PagedList } from '../../../utils/list';
import { coarsePosition, locationNote, WISH_CATEGORIES, whyText, wishRow, type WishRow } from '../../../utils/wish-view';

type Position = { lat: number; lng: number };
/** The position asked for on this page only (never stored): undefined until asked, null when refused. */
type Located = { position?: Position | null };

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
    locationNote: '',
    locationRefused: false,
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
          const position = (this as unknown as Located).position ?? null;
          const r = await recommendWishes({ categories: this.data.category ? [this.data.category as WishCategory] : [], limit: 10, ...(position ? { location: position } : {}) });
          this.setData({ considered: r.considered });
          return { items: r.items.map((s) => wishRow(s.card, whyText(s.parts, !!position))), next: null };
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

    async onTabTap(e: WechatMiniprogram.TouchEvent) {
      const tab = String(e.currentTarget.dataset.tab) as 'all' | 'recommended';
      if (tab === this.data.tab) return undefined;
      this.setData({ tab });
      // Asked from this tap, once per visit: the privacy card shows if the agreement is still open.
      if (tab === 'recommended' && (this as unknown as Located).position === undefined) await this.locate();
      return this.reload();
    },

    /** The donor's approximate position for the distance part; without it the server scores distance neutrally. */
    async locate() {
      const self = this as unknown as Located;
      try {
        self.position = coarsePosition(await getLocation());
        this.setData({ locationNote: locationNote(true, false), locationRefused: false });
      } catch (err) {
        const kind = platformErrorKind(err);
        const refused = kind === 'denied' || kind === 'privacy' || kind === 'cancelled';
        self.position = null;
        this.setData({ locationNote: locationNote(false, refused), locationRefused: refused });
      }
    },

    async onLocateTap() {
      await this.locate();
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
