// Volunteer matters for community staff: requests to move into the community (accept, or refuse
// with a reason chosen from buttons) and revoking a certificate the community issued (its number and
// a chosen reason). Rows change in place by path; more requests are appended as the list scrolls.
import { pageBase } from '../../../behaviors/page-base';
import { userMessage } from '../../../services/errors';
import { toast } from '../../../services/platform';
import { communityFor, profile } from '../../../services/session';
import { decideMove, listMoves, revokeCertificate } from '../../../services/volunteer';
import { appendPatch, firstPageStatus, type ListStatus } from '../../../utils/list';
import { MOVE_REFUSE_REASONS, moveRow, REVOKE_REASONS, type MoveRow } from '../../../utils/volunteer-card';

const PAGE = 20;
const TABS = [
  { key: 'moves', label: '转入申请' },
  { key: 'revoke', label: '撤销证明' },
];

Component({
  behaviors: [pageBase],
  data: {
    tabs: TABS,
    tab: 'moves',
    status: 'loading' as ListStatus,
    errorMessage: '',
    communityId: '',
    rows: [] as MoveRow[],
    next: null as string | null,
    loadingMore: false,
    refuseReasons: MOVE_REFUSE_REASONS,
    revokeReasons: REVOKE_REASONS,
    certificateNo: '',
    revokeReason: '',
    revokeBusy: false,
    revokeError: '',
    revokeDone: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ tab: query.tab === 'revoke' ? 'revoke' : 'moves' });
      return this.load();
    },

    async load() {
      this.setData({ status: 'loading', errorMessage: '', rows: [], next: null });
      try {
        await profile();
        const communityId = communityFor('staff') ?? '';
        this.setData({ communityId });
        if (this.data.tab === 'revoke') return this.setData({ status: 'ready' });
        const p = await listMoves({ communityId, after: null, limit: PAGE });
        const rows = p.items.map(moveRow);
        this.setData({ rows, next: p.next, status: firstPageStatus(rows.length) });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
      return undefined;
    },

    async onReachBottom() {
      if (this.data.tab !== 'moves' || !this.data.next || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const p = await listMoves({ communityId: this.data.communityId, after: this.data.next, limit: PAGE });
        this.setData({ ...appendPatch('rows', this.data.rows.length, p.items.map(moveRow)), next: p.next, loadingMore: false });
      } catch (err) {
        this.setData({ loadingMore: false });
        toast(userMessage(err));
      }
    },

    onRetry() {
      return this.load();
    },

    onTabTap(e: WechatMiniprogram.TouchEvent) {
      const tab = String(e.currentTarget.dataset.key);
      if (tab === this.data.tab) return undefined;
      this.setData({ tab });
      return this.load();
    },

    async decide(i: number, decision: 'accept' | 'refuse', reason = '') {
      const r = this.data.rows[i];
      if (r.busy || r.done) return;
      this.setData({ [`rows[${i}].busy`]: true, [`rows[${i}].error`]: '' });
      try {
        await decideMove(decision === 'accept' ? { moveId: r.moveId, decision } : { moveId: r.moveId, decision, reason });
        this.setData({ [`rows[${i}]`]: { ...r, busy: false, refuseOpen: false, done: decision === 'accept' ? '已同意转入' : `已拒绝：${reason}` } });
      } catch (err) {
        this.setData({ [`rows[${i}].busy`]: false, [`rows[${i}].error`]: userMessage(err) });
      }
    },

    onAcceptTap(e: WechatMiniprogram.TouchEvent) {
      return this.decide(Number(e.currentTarget.dataset.index), 'accept');
    },
    onRefuseOpenTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`rows[${i}].refuseOpen`]: !this.data.rows[i].refuseOpen });
    },
    onRefuseReasonTap(e: WechatMiniprogram.TouchEvent) {
      return this.decide(Number(e.currentTarget.dataset.index), 'refuse', String(e.currentTarget.dataset.reason));
    },

    onCertificateInput(e: WechatMiniprogram.Input) {
      this.setData({ certificateNo: e.detail.value.trim().toUpperCase(), revokeError: '', revokeDone: '' });
    },
    onRevokeReasonTap(e: WechatMiniprogram.TouchEvent) {
      this.setData({ revokeReason: String(e.currentTarget.dataset.reason), revokeError: '' });
    },
    async onRevokeTap() {
      if (this.data.revokeBusy) return;
      const no = this.data.certificateNo;
      if (!/^ZYZM-\d{8}-[A-Z0-9]{6}$/.test(no)) return this.setData({ revokeError: '证明编号的格式是 ZYZM-20261202-7KQ2M9' });
      if (!this.data.revokeReason) return this.setData({ revokeError: '请选择撤销原因' });
      this.setData({ revokeBusy: true, revokeError: '', revokeDone: '' });
      try {
        await revokeCertificate({ certificateNo: no, reason: this.data.revokeReason });
        this.setData({ revokeBusy: false, revokeDone: `证明 ${no} 已撤销，核验时将显示已撤销`, certificateNo: '', revokeReason: '' });
      } catch (err) {
        this.setData({ revokeBusy: false, revokeError: userMessage(err) });
      }
      return undefined;
    },
  },
});
