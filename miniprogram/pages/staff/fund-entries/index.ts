// One community fund's entries, newest first (opened from the fund page with `?fundId=`): income and
// disbursements with their status, the fund's figures on top. Cursor pages appended by path.
import { pageBase } from '../../../behaviors/page-base';
import { pagedList } from '../../../behaviors/paged-list';
import type { FundEntryView } from '../../../core/index';
import { getFund, listFundEntries } from '../../../services/charity';
import { profile } from '../../../services/session';
import { loadFirstPage, listData, type PagedList } from '../../../utils/list';
import { entryRow, fundCard, type EntryRow, type FundCard } from '../../../utils/fund-view';

const PAGE = 20;

Component({
  behaviors: [pageBase, pagedList],
  data: {
    fundId: '',
    fund: null as FundCard | null,
    ...listData<EntryRow>(),
    moreError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ fundId: query.fundId ?? '' });
      return loadFirstPage(this, this.list());
    },
    list(): PagedList<FundEntryView, EntryRow> {
      const fetch = async (after?: string) => {
        if (!after) {
          // The fund's figures come with the first page, so a failure shows one error state.
          const [p, f] = await Promise.all([profile(), getFund(this.data.fundId)]);
          this.setData({ fund: fundCard(f, p.openid) });
        }
        return listFundEntries({ fundId: this.data.fundId, after, limit: PAGE });
      };
      return { key: 'rows', fetch, mapRow: entryRow, moreErrorKey: 'moreError' };
    },
  },
});
