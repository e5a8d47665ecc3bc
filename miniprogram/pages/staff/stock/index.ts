// The community station's stock (慈善超市 / 捐助接收点): what is on the shelf, and recording goods in
// (from a donor) and out (to a resident). Corrections need a second staff member: they are asked for
// and decided on pages/staff/stock-corrections, the history is pages/staff/stock-history (both opened
// with the item last tapped here).
import { pageBase } from '../../../behaviors/page-base';
import { pagedList } from '../../../behaviors/paged-list';
import type { StockItemView } from '../../../core/index';
import { listStock, recordStockMovement } from '../../../services/charity';
import { fieldErrors, userMessage } from '../../../services/errors';
import { navigateTo, toast } from '../../../services/platform';
import { appendPatch, communityList, listData, replacePatch, type PagedList } from '../../../utils/list';

const PAGE = 50;

interface StockRow {
  id: string;
  item: string;
  unit: string;
  balance: string;
  totals: string;
  low: boolean;
}

function stockRow(s: StockItemView): StockRow {
  return { id: s.id, item: s.item, unit: s.unit, balance: `${s.balance}${s.unit}`, totals: `累计收入${s.receivedTotal}${s.unit}，发出${s.givenTotal}${s.unit}`, low: s.balance <= 0 };
}

Component({
  behaviors: [pageBase, pagedList],
  data: {
    ...listData<StockRow>(),
    communityId: '',
    direction: '' as '' | 'in' | 'out',
    item: '',
    /** The shelf row last tapped (its history opens from here); '' once the item is typed instead. */
    itemId: '',
    unit: '件',
    quantity: '',
    counterpart: '',
    showName: false,
    errors: {} as Record<string, string>,
    submitError: '',
    busy: false,
  },
  methods: {
    list(): PagedList<StockItemView, StockRow> {
      return communityList(this, 'staff', (communityId, after) => listStock({ communityId, after, limit: PAGE }), { key: 'rows', mapRow: stockRow });
    },
    onDirectionTap(e: WechatMiniprogram.TouchEvent) {
      const direction = String(e.currentTarget.dataset.key) as 'in' | 'out';
      this.setData({ direction: this.data.direction === direction ? '' : direction, errors: {}, submitError: '' });
    },
    onRowTap(e: WechatMiniprogram.TouchEvent) {
      // Tapping an item fills the form with it (goods out of the shelf are usually an existing item).
      const r = this.data.rows[Number(e.currentTarget.dataset.index)];
      this.setData({ item: r.item, itemId: r.id, unit: r.unit, direction: this.data.direction || 'out' });
    },
    onHistoryTap() {
      const { item, itemId } = this.data;
      return navigateTo(`/pages/staff/stock-history/index${itemId ? `?itemId=${encodeURIComponent(itemId)}&item=${encodeURIComponent(item)}` : ''}`);
    },
    onCorrectionsTap() {
      const { item, unit } = this.data;
      return navigateTo(`/pages/staff/stock-corrections/index${item ? `?item=${encodeURIComponent(item)}&unit=${encodeURIComponent(unit)}` : ''}`);
    },
    onInput(e: WechatMiniprogram.Input) {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '', ...(field === 'item' ? { itemId: '' } : {}) });
    },
    onShowNameTap() {
      this.setData({ showName: !this.data.showName });
    },
    async onSubmit() {
      const d = this.data;
      if (d.busy || !d.direction) return;
      const errors: Record<string, string> = {};
      const q = Number(d.quantity);
      if (!d.item.trim()) errors.item = '请填写物品';
      if (!d.unit.trim()) errors.unit = '请填写单位';
      if (!Number.isInteger(q) || q < 1) errors.quantity = '请填写数量（整数）';
      if (!d.counterpart.trim()) errors.counterpart = d.direction === 'in' ? '请填写捐赠人' : '请填写领取人';
      if (Object.keys(errors).length) return this.setData({ errors, submitError: '请按提示修改后再提交' });
      this.setData({ busy: true, errors: {}, submitError: '' });
      try {
        const r = await recordStockMovement({
          communityId: d.communityId,
          item: d.item.trim(),
          unit: d.unit.trim(),
          direction: d.direction,
          quantity: q,
          counterpart: d.counterpart.trim(),
          showName: d.direction === 'in' && d.showName,
        });
        const i = d.rows.findIndex((x) => x.id === r.item.id);
        const patch = i >= 0 ? replacePatch('rows', i, stockRow(r.item)) : appendPatch('rows', d.rows.length, [stockRow(r.item)]);
        this.setData({ ...patch, busy: false, direction: '', quantity: '', counterpart: '', status: 'ready' });
        toast(d.direction === 'in' ? '已入库' : '已出库', 'success');
      } catch (err) {
        this.setData({ busy: false, errors: fieldErrors(err), submitError: userMessage(err) });
      }
      return undefined;
    },
  },
});
