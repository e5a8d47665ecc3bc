// My wishes (posted by me, for me or for my family): the status of each, sign-off when it has been
// delivered (签收), and a thank-you to the donor — a ready-made sentence is one tap.
import { pageBase } from '../../../behaviors/page-base';
import type { WishView } from '../../../core/index';
import { userMessage } from '../../../services/errors';
import { navigateTo, toast } from '../../../services/platform';
import { confirmWish, myWishes, thankDonor } from '../../../services/wish';
import { loadFirstPage, loadNextPage, type ListStatus } from '../../../utils/list';
import { myWishRow, THANKS_PRESETS, type MyWishRow } from '../../../utils/wish-view';

const PAGE = 20;

type Row = MyWishRow & { mode: 'recipient' | 'family'; panel: boolean; busy: boolean; error: string; custom: string };

function row(w: WishView): Row {
  return { ...myWishRow(w, Date.now()), mode: w.youAre.includes('recipient') ? 'recipient' : 'family', panel: false, busy: false, error: '', custom: '' };
}

const MINE = { key: 'rows', fetch: (after?: string) => myWishes({ as: 'posted', after, limit: PAGE }), mapRow: row };

Component({
  behaviors: [pageBase],
  data: { status: 'loading' as ListStatus, errorMessage: '', rows: [] as Row[], next: null as string | null, loadingMore: false, presets: THANKS_PRESETS },
  methods: {
    onLoad() {
      return loadFirstPage(this, MINE);
    },
    onRetry() {
      return this.onLoad();
    },
    onReachBottom() {
      return loadNextPage(this, MINE);
    },
    async act(i: number, work: (r: Row) => Promise<WishView>, done: string) {
      const r = this.data.rows[i];
      if (r.busy) return;
      this.setData({ [`rows[${i}].busy`]: true, [`rows[${i}].error`]: '' });
      try {
        const w = await work(r);
        this.setData({ [`rows[${i}]`]: row(w) });
        toast(done, 'success');
      } catch (err) {
        this.setData({ [`rows[${i}].busy`]: false, [`rows[${i}].error`]: userMessage(err) });
      }
    },
    onConfirmTap(e: WechatMiniprogram.TouchEvent) {
      return this.act(Number(e.currentTarget.dataset.index), (r) => confirmWish({ wishId: r.id, mode: r.mode }), '已签收');
    },
    onThankTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`rows[${i}].panel`]: !this.data.rows[i].panel });
    },
    onPresetTap(e: WechatMiniprogram.TouchEvent) {
      const message = String(e.currentTarget.dataset.text);
      return this.act(Number(e.currentTarget.dataset.index), (r) => thankDonor({ wishId: r.id, message }), '感谢已送达');
    },
    onCustomInput(e: WechatMiniprogram.Input) {
      this.setData({ [`rows[${Number(e.currentTarget.dataset.index)}].custom`]: e.detail.value });
    },
    onCustomSend(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const message = this.data.rows[i].custom.trim();
      if (!message) return this.setData({ [`rows[${i}].error`]: '请写几句感谢的话，或点上面的一句' });
      return this.act(i, (r) => thankDonor({ wishId: r.id, message }), '感谢已送达');
    },
    onNewTap() {
      return navigateTo('/pages/resident/wish-new/index');
    },
  },
});
