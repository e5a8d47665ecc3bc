// The station's stock history (出入库记录), newest first: goods in with the donor, goods out with the
// resident (or the allocation handed over), corrections with their reason, and the balance after
// each. Opened from the stock page, with `?itemId=&item=` when an item was tapped there: then one
// item's history, with a button to see everything. Cursor pages appended by path.
import { pageBase } from '../../../behaviors/page-base';
import { pagedList } from '../../../behaviors/paged-list';
import type { StockMovementView } from '../../../core/index';
import { listStockMovements } from '../../../services/charity';
import { communityList, listData, loadFirstPage, type PagedList } from '../../../utils/list';
import { movementRow, type MovementRow } from '../../../utils/stock-view';

const PAGE = 20;

Component({
  behaviors: [pageBase, pagedList],
  data: {
    ...listData<MovementRow>(),
    communityId: '',
    itemId: '',
    item: '',
    moreError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ itemId: query.itemId ?? '', item: query.item ? decodeURIComponent(query.item) : '' });
      return loadFirstPage(this, this.list());
    },
    list(): PagedList<StockMovementView, MovementRow> {
      const itemId = this.data.itemId || undefined;
      return communityList(this, 'staff', (communityId, after) => listStockMovements({ communityId, itemId, after, limit: PAGE }), { key: 'rows', mapRow: movementRow, moreErrorKey: 'moreError' });
    },
    onAllTap() {
      this.setData({ itemId: '', item: '' });
      return loadFirstPage(this, this.list());
    },
  },
});
