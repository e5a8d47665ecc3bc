// My claims as a donor: each with its delivery deadline counting down (refreshed each minute while
// the page is on screen, by path per row) and the thank-you message once the recipient sent it.
import { pageBase } from '../../../behaviors/page-base';
import type { WishView } from '../../../core/index';
import { navigateTo } from '../../../services/platform';
import { myWishes } from '../../../services/wish';
import { loadFirstPage, loadNextPage, type ListStatus, type PagedList } from '../../../utils/list';
import { myWishRow, type MyWishRow } from '../../../utils/wish-view';

const PAGE = 20;
type Timer = ReturnType<typeof setInterval>;
const CLAIMS: PagedList<WishView, MyWishRow> = {
  key: 'rows',
  fetch: (after?: string) => myWishes({ as: 'claimed', after, limit: PAGE }),
  mapRow: (w) => myWishRow(w, Date.now()),
};

Component({
  behaviors: [pageBase],
  data: { status: 'loading' as ListStatus, errorMessage: '', rows: [] as MyWishRow[], next: null as string | null, loadingMore: false },
  lifetimes: {
    detached() {
      (this as unknown as { stopClock(): void }).stopClock();
    },
  },
  pageLifetimes: {
    hide() {
      (this as unknown as { stopClock(): void }).stopClock();
    },
    show() {
      (this as unknown as { startClock(): void }).startClock();
    },
  },
  methods: {
    onLoad() {
      this.startClock();
      return this.load();
    },
    async load() {
      const items = await loadFirstPage(this, CLAIMS);
      if (items) this.keep(items, true);
    },
    /** The views behind the rows, to recompute countdowns without a round trip. */
    keep(items: WishView[], first: boolean) {
      const self = this as unknown as { views?: WishView[] };
      self.views = [...(first ? [] : self.views ?? []), ...items];
    },
    async onReachBottom() {
      const items = await loadNextPage(this, CLAIMS);
      if (items) this.keep(items, false);
    },
    tick() {
      const views = (this as unknown as { views?: WishView[] }).views ?? [];
      const now = Date.now();
      const patch: Record<string, string | boolean> = {};
      views.forEach((w, i) => {
        const row = myWishRow(w, now);
        if (this.data.rows[i] && row.due !== this.data.rows[i].due) {
          patch[`rows[${i}].due`] = row.due;
          patch[`rows[${i}].urgent`] = row.urgent;
        }
      });
      if (Object.keys(patch).length) this.setData(patch);
    },
    startClock() {
      const self = this as unknown as { clock?: Timer };
      if (!self.clock) self.clock = setInterval(() => this.tick(), 60_000);
    },
    stopClock() {
      const self = this as unknown as { clock?: Timer };
      if (self.clock) clearInterval(self.clock);
      self.clock = undefined;
    },
    onRowTap(e: WechatMiniprogram.TouchEvent) {
      return navigateTo(`/pages/donor/wish/index?wishId=${e.currentTarget.dataset.id}`);
    },
    onBrowseTap() {
      return navigateTo('/pages/donor/wishes/index');
    },
    onRetry() {
      return this.load();
    },
  },
});
