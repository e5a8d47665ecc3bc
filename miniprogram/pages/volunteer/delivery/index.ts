// A volunteer's deliveries: the wishes staff assigned them to take to the recipient's door. The
// address is fetched on a tap, shown on screen only (never stored on the phone, cleared when the
// page is hidden), and refused by the server once the wish is delivered or reassigned. After
// handing it over: record the delivery, then sign it off with the recipient's printed card.
import { pageBase } from '../../../behaviors/page-base';
import { actOnRow } from '../../../utils/row-action';
import { pagedList } from '../../../behaviors/paged-list';
import type { WishView } from '../../../core/index';
import { userMessage } from '../../../services/errors';
import { confirmWish, deliverWish, deliveryAddress, myWishes } from '../../../services/wish';
import { deliveryRow, type DeliveryRow } from '../../../utils/delivery-view';
import { listData, type PagedList } from '../../../utils/list';

const PAGE = 20;
const DELIVERIES: PagedList<WishView, DeliveryRow> = {
  key: 'rows',
  fetch: (after?: string) => myWishes({ as: 'delivering', after, limit: PAGE }),
  mapRow: (w) => deliveryRow(w, Date.now()),
};

Component({
  behaviors: [pageBase, pagedList],
  data: { ...listData<DeliveryRow>() },
  pageLifetimes: {
    hide() {
      (this as unknown as { hideAddresses(): void }).hideAddresses();
    },
  },
  methods: {
    list() {
      return DELIVERIES;
    },
    idx(e: WechatMiniprogram.TouchEvent | WechatMiniprogram.Input): number {
      return Number(e.currentTarget.dataset.index);
    },
    /** Only the rows showing an address are sent. */
    hideAddresses() {
      const patch: Record<string, string> = {};
      this.data.rows.forEach((r, i) => {
        if (r.address) Object.assign(patch, { [`rows[${i}].address`]: '', [`rows[${i}].addressName`]: '' });
      });
      if (Object.keys(patch).length) this.setData(patch);
    },
    async onAddressTap(e: WechatMiniprogram.TouchEvent) {
      const i = this.idx(e);
      const r = this.data.rows[i];
      if (r.busy) return;
      if (r.address) return this.setData({ [`rows[${i}].address`]: '', [`rows[${i}].addressName`]: '' });
      this.setData({ [`rows[${i}].busy`]: true, [`rows[${i}].error`]: '', [`rows[${i}].addressNote`]: '' });
      try {
        const a = await deliveryAddress(r.id);
        this.setData({ [`rows[${i}].busy`]: false, [`rows[${i}].address`]: a.address, [`rows[${i}].addressName`]: a.recipientName });
      } catch (err) {
        this.setData({ [`rows[${i}].busy`]: false, [`rows[${i}].addressNote`]: userMessage(err) });
      }
      return undefined;
    },
    act(i: number, work: (r: DeliveryRow) => Promise<WishView>, done: string) {
      // The fresh row has no address: after delivery the server no longer gives it.
      return actOnRow(this, 'rows', i, () => work(this.data.rows[i]), (w) => ({ ...deliveryRow(w, Date.now()), done }), done);
    },
    onDeliverTap(e: WechatMiniprogram.TouchEvent) {
      return this.act(this.idx(e), (r) => deliverWish({ wishId: r.id, mode: 'volunteer' }), '已记录送达');
    },
    onCodeInput(e: WechatMiniprogram.Input) {
      this.setData({ [`rows[${this.idx(e)}].codeInput`]: e.detail.value.toUpperCase(), [`rows[${this.idx(e)}].error`]: '' });
    },
    onConfirmTap(e: WechatMiniprogram.TouchEvent) {
      const i = this.idx(e);
      const code = this.data.rows[i].codeInput.replace(/[\s-]/g, '');
      if (code.length !== 10) return this.setData({ [`rows[${i}].error`]: '请输入居民签收卡上的10位签收码' });
      return this.act(i, (r) => confirmWish({ wishId: r.id, mode: 'code', code }), '已签收，谢谢您');
    },
  },
});
