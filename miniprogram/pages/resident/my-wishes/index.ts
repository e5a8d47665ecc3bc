// My wishes (posted by me, for me or for my family): the status of each, sign-off when it has been
// delivered (签收), a thank-you to the donor — a ready-made sentence is one tap — and, when the
// community turned a wish down, its reason and a form to correct it and submit it again.
import { pageBase } from '../../../behaviors/page-base';
import { actOnRow } from '../../../utils/row-action';
import { pagedList } from '../../../behaviors/paged-list';
import { addDays, dayOf, type WishView } from '../../../core/index';
import { navigateTo } from '../../../services/platform';
import { confirmWish, myWishes, reviseWish, thankDonor } from '../../../services/wish';
import { listData } from '../../../utils/list';
import { myWishRow, reviseForm, THANKS_PRESETS, WANTED_WITHIN, yuanToFen, type MyWishRow, type ReviseForm } from '../../../utils/wish-view';

const PAGE = 20;

type Row = MyWishRow & ReviseForm & { mode: 'recipient' | 'family'; panel: boolean; revising: boolean; busy: boolean; error: string; custom: string };

function row(w: WishView): Row {
  return { ...myWishRow(w, Date.now()), ...reviseForm(w), mode: w.youAre.includes('recipient') ? 'recipient' : 'family', panel: false, revising: false, busy: false, error: '', custom: '' };
}

const MINE = { key: 'rows', fetch: (after?: string) => myWishes({ as: 'posted', after, limit: PAGE }), mapRow: row };

Component({
  behaviors: [pageBase, pagedList],
  data: { ...listData<Row>(), presets: THANKS_PRESETS, withins: WANTED_WITHIN },
  methods: {
    list() {
      return MINE;
    },
    act(i: number, work: (r: Row) => Promise<WishView>, done: string) {
      return actOnRow(this, 'rows', i, () => work(this.data.rows[i]), row, done);
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
    onReviseTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`rows[${i}].revising`]: !this.data.rows[i].revising, [`rows[${i}].error`]: '' });
    },
    onReviseInput(e: WechatMiniprogram.Input) {
      this.setData({ [`rows[${Number(e.currentTarget.dataset.index)}].${e.currentTarget.dataset.field}`]: e.detail.value });
    },
    onWithinTap(e: WechatMiniprogram.TouchEvent) {
      this.setData({ [`rows[${Number(e.currentTarget.dataset.index)}].rWithin`]: String(e.currentTarget.dataset.key) });
    },
    onReviseSend(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const r = this.data.rows[i];
      const valueFen = yuanToFen(r.rValue);
      const problem = !r.rItem.trim() ? '请写想要的东西或服务' : !r.rDescription.trim() ? '请简单说明为什么需要' : valueFen === null ? '请填写大约多少钱，例如 120' : '';
      if (problem) return this.setData({ [`rows[${i}].error`]: problem });
      const input = {
        wishId: r.id,
        version: r.version,
        item: r.rItem.trim(),
        description: r.rDescription.trim(),
        category: r.category,
        valueFen: valueFen as number,
        wantedOn: addDays(dayOf(Date.now()), Number(r.rWithin)),
      };
      // A text the content check refuses comes back in the server's own words (userMessage).
      return this.act(i, () => reviseWish(input), '已重新提交，等待社区核实');
    },
    onNewTap() {
      return navigateTo('/pages/resident/wish-new/index');
    },
  },
});
