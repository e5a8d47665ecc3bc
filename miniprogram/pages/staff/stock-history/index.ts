// The station's stock history (出入库记录), newest first: goods in with the donor, goods out with the
// resident (or the allocation handed over), corrections with their reason, and the balance after
// each. Opened from the stock page, with `?itemId=&item=` when an item was tapped there: then one
// item's history, with a button to see everything. Cursor pages appended by path.
import { pageBase } from '../../../behaviors/page-base';
import type { StockMovementView } from '../../../core/index';
import { listStockMovements } from '../../../services/charity';
import { communityFor, profile } from '../../../services/session';
import { loadFirstPage, loadNextPage, type ListStatus, type PagedList } from '../../../utils/list';
import { movementRow, type MovementRow } from '../../../utils/stock-view';

const PAGE = 20;

Component({
  behaviors: [pageBase],
  data: {
    communityId: '',
    itemId: '',
    item: '',
    status: 'loading' as ListStatus,
    errorMessage: '',
    rows: [] as MovementRow[],
    next: null as string | null,
    loadingMore: false,
    moreError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ itemId: query.itemId ?? '', item: query.item ? decodeURIComponent(query.item) : '' });
      return this.load();
    },
    list(): PagedList<StockMovementView, MovementRow> {
      const fetch = async (after?: string) => {
        if (!after) {
          await profile();
          this.setData({ communityId: communityFor('staff') ?? '' });
        }
        return listStockMovements({ communityId: this.data.communityId, itemId: this.data.itemId || undefined, after, limit: PAGE });
      };
      return { key: 'rows', fetch, mapRow: movementRow, moreErrorKey: 'moreError' };
    },
    load() {
      return loadFirstPage(this, this.list());
    },
    onAllTap() {
      this.setData({ itemId: '', item: '' });
      return this.load();
    },
    onRetry() {
      return this.load();
    },
    onReachBottom() {
      return loadNextPage(this, this.list());
    },
  },
});
