// Wishes that need staff after publishing: expired ones (no donor in time) are put back up with a
// new wanted-by day or closed; a published one that is no longer needed is closed with a reason
// the poster sees. Rows change in place by path.
import { pageBase } from '../../../behaviors/page-base';
import { actOnRow } from '../../../utils/row-action';
import { pagedList } from '../../../behaviors/paged-list';
import { addDays, dayOf, type WishView } from '../../../core/index';
import { closeWish, republishWish, wishQueue } from '../../../services/wish';
import { communityList, listData, loadFirstPage, type PagedList } from '../../../utils/list';
import { CLOSE_REASONS, manageRow, WANTED_WITHIN, type ManageRow } from '../../../utils/wish-view';

const PAGE = 20;
const TABS = [
  { key: 'expired', label: '已过期' },
  { key: 'published', label: '等待认领' },
];

Component({
  behaviors: [pageBase, pagedList],
  data: {
    tabs: TABS,
    tab: 'expired' as 'expired' | 'published',
    ...listData<ManageRow>(),
    communityId: '',
    reasons: CLOSE_REASONS,
    withins: WANTED_WITHIN,
  },
  methods: {
    list(): PagedList<WishView, ManageRow> {
      return communityList(this, 'staff', (communityId, after) => wishQueue({ communityId, status: this.data.tab, after, limit: PAGE }), {
        key: 'rows',
        mapRow: (w) => manageRow(w),
      });
    },
    onTabTap(e: WechatMiniprogram.TouchEvent) {
      const tab = String(e.currentTarget.dataset.key) as 'expired' | 'published';
      if (tab === this.data.tab) return undefined;
      this.setData({ tab });
      return loadFirstPage(this, this.list());
    },
    idx(e: WechatMiniprogram.TouchEvent): number {
      return Number(e.currentTarget.dataset.index);
    },
    onPanelTap(e: WechatMiniprogram.TouchEvent) {
      const i = this.idx(e);
      const panel = String(e.currentTarget.dataset.panel) as ManageRow['panel'];
      this.setData({ [`rows[${i}].panel`]: this.data.rows[i].panel === panel ? '' : panel, [`rows[${i}].error`]: '' });
    },
    onWithinTap(e: WechatMiniprogram.TouchEvent) {
      this.setData({ [`rows[${this.idx(e)}].within`]: String(e.currentTarget.dataset.key) });
    },
    act(i: number, work: (r: ManageRow) => Promise<WishView>, done: string) {
      // The new row says what was done: no toast.
      return actOnRow(this, 'rows', i, () => work(this.data.rows[i]), (w) => manageRow(w, done), done, { toast: false });
    },
    onRepublishTap(e: WechatMiniprogram.TouchEvent) {
      const i = this.idx(e);
      const wantedOn = addDays(dayOf(Date.now()), Number(this.data.rows[i].within));
      return this.act(i, (r) => republishWish({ wishId: r.id, version: r.version, wantedOn }), '已重新发布，等待认领');
    },
    onCloseReasonTap(e: WechatMiniprogram.TouchEvent) {
      const reason = String(e.currentTarget.dataset.reason);
      return this.act(this.idx(e), (r) => closeWish({ wishId: r.id, version: r.version, reason }), `已关闭：${reason}`);
    },
  },
});
