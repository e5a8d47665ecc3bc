// Handover at the community station: staff record that a claimed wish arrived, then the recipient
// signs off — in WeChat themselves, or here by the printed one-time code (for residents without a
// smartphone), or witnessed by staff with a note. Closes the loop for people with no phone.
import { pageBase } from '../../../behaviors/page-base';
import { actOnRow } from '../../../utils/row-action';
import type { ConfirmInput, WishView } from '../../../core/index';
import { userMessage } from '../../../services/errors';
import { communityFor, profile } from '../../../services/session';
import { confirmWish, deliverWish, wishQueue } from '../../../services/wish';
import { WISH_STATUS } from '../../../utils/wish-view';
import { yuan } from '../../../utils/format';

interface HandoverRow {
  id: string;
  title: string;
  statusText: string;
  status: string;
  version: number;
  panel: '' | 'code' | 'witness';
  code: string;
  busy: boolean;
  error: string;
}

const row = (w: WishView): HandoverRow => ({
  id: w.id,
  title: `${w.item}（${w.maskedName}，${yuan(w.valueFen)}）`,
  statusText: WISH_STATUS[w.status] ?? w.status,
  status: w.status,
  version: w.version,
  panel: '',
  code: '',
  busy: false,
  error: '',
});

const WITNESS_NOTES = ['本人到服务站领取，工作人员见证', '工作人员送到家中，本人确认收到'];

Component({
  behaviors: [pageBase],
  data: { tab: 'claimed' as 'claimed' | 'delivered', status: 'loading', errorMessage: '', rows: [] as HandoverRow[], notes: WITNESS_NOTES },
  methods: {
    onLoad() {
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        await profile();
        const page = await wishQueue({ communityId: communityFor('staff') ?? '', status: this.data.tab, limit: 50 });
        const rows = page.items.map(row);
        this.setData({ rows, status: rows.length ? 'ready' : 'empty' });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },
    onRetry() {
      return this.load();
    },
    onTabTap(e: WechatMiniprogram.TouchEvent) {
      const tab = String(e.currentTarget.dataset.key) as 'claimed' | 'delivered';
      if (tab === this.data.tab) return undefined;
      this.setData({ tab });
      return this.load();
    },
    act(i: number, work: (r: HandoverRow) => Promise<WishView>, done: string) {
      return actOnRow(this, 'rows', i, () => work(this.data.rows[i]), row, done);
    },
    onArrivedTap(e: WechatMiniprogram.TouchEvent) {
      return this.act(Number(e.currentTarget.dataset.index), (r) => deliverWish({ wishId: r.id, version: r.version, mode: 'station' }), '已登记送达');
    },
    onPanelTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const panel = String(e.currentTarget.dataset.panel) as HandoverRow['panel'];
      this.setData({ [`rows[${i}].panel`]: this.data.rows[i].panel === panel ? '' : panel, [`rows[${i}].error`]: '' });
    },
    onCodeInput(e: WechatMiniprogram.Input) {
      this.setData({ [`rows[${Number(e.currentTarget.dataset.index)}].code`]: e.detail.value.toUpperCase() });
    },
    confirm(i: number, input: ConfirmInput) {
      return this.act(i, () => confirmWish(input), '已签收');
    },
    onCodeSend(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const code = this.data.rows[i].code.replace(/[\s-]/g, '');
      if (!/^[2-9A-HJ-NP-Z]{10}$/.test(code)) return this.setData({ [`rows[${i}].error`]: '签收码是卡片上的10位字母和数字' });
      return this.confirm(i, { wishId: this.data.rows[i].id, mode: 'code', code });
    },
    onWitnessTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      return this.confirm(i, { wishId: this.data.rows[i].id, mode: 'witnessed', note: String(e.currentTarget.dataset.note) });
    },
  },
});
