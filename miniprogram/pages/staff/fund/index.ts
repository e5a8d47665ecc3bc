// Community fund approvals (小区公益基金): each fund's balance and the disbursements waiting for the
// signers; a disbursement counts once two different signers approved it. The server decides who is a
// signer; anyone else who taps is told so.
import { pageBase } from '../../../behaviors/page-base';
import type { FundEntryView } from '../../../core/index';
import { approveDisbursement, listFundEntries, listFunds, rejectDisbursement } from '../../../services/charity';
import { userMessage } from '../../../services/errors';
import { toast } from '../../../services/platform';
import { communityFor, profile } from '../../../services/session';
import { day, yuan } from '../../../utils/format';

interface EntryRow {
  id: string;
  fund: string;
  title: string;
  detail: string;
  approvals: string;
  pending: boolean;
  statusText: string;
  version: number;
  rejectOpen: boolean;
  busy: boolean;
  error: string;
}

const STATUS: Record<string, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回', recorded: '已入账' };
const ROLE: Record<string, string> = { convener: '召集人', committeeMember: '委员', residentRep: '居民代表' };

function entryRow(e: FundEntryView, fund: string): EntryRow {
  return {
    id: e.id,
    fund,
    title: `${yuan(e.amountFen)} · ${e.purpose}`,
    detail: `收款方：${e.counterpart}，${day(e.on)}`,
    approvals: e.approvals.length ? `已同意：${e.approvals.map((a) => ROLE[a.role] ?? a.role).join('、')}（需2位）` : '还没有人同意（需2位）',
    pending: e.status === 'pending',
    statusText: STATUS[e.status] ?? e.status,
    version: e.version,
    rejectOpen: false,
    busy: false,
    error: '',
  };
}

export const REJECT_REASONS = ['用途不符合基金章程', '凭证不全，请补充', '金额需要重新核实'];

Component({
  behaviors: [pageBase],
  data: { status: 'loading', errorMessage: '', funds: [] as Array<{ id: string; name: string; balance: string }>, rows: [] as EntryRow[], reasons: REJECT_REASONS },
  methods: {
    async onLoad() {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        await profile();
        const { items } = await listFunds({ communityId: communityFor('staff') ?? communityFor('community-admin') ?? '' });
        const rows: EntryRow[] = [];
        // A community has one or a few funds; each lists its latest entries, the pending ones shown.
        for (const f of items) {
          const page = await listFundEntries({ fundId: f.id, limit: 50 });
          rows.push(...page.items.filter((e) => e.kind === 'disbursement' && e.status === 'pending').map((e) => entryRow(e, f.name)));
        }
        this.setData({
          funds: items.map((f) => ({ id: f.id, name: f.name, balance: `余额 ${yuan(f.balanceFen)}，待批 ${yuan(f.pendingFen)}` })),
          rows,
          status: items.length ? 'ready' : 'empty',
        });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },
    onRetry() {
      return this.onLoad();
    },
    async act(i: number, work: (r: EntryRow) => Promise<FundEntryView>, done: string) {
      const r = this.data.rows[i];
      if (r.busy) return;
      this.setData({ [`rows[${i}].busy`]: true, [`rows[${i}].error`]: '' });
      try {
        const e = await work(r);
        this.setData({ [`rows[${i}]`]: entryRow(e, r.fund) });
        toast(done, 'success');
      } catch (err) {
        this.setData({ [`rows[${i}].busy`]: false, [`rows[${i}].error`]: userMessage(err) });
      }
    },
    onApproveTap(e: WechatMiniprogram.TouchEvent) {
      return this.act(Number(e.currentTarget.dataset.index), (r) => approveDisbursement(r.id, r.version), '已同意');
    },
    onRejectTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`rows[${i}].rejectOpen`]: !this.data.rows[i].rejectOpen });
    },
    onReasonTap(e: WechatMiniprogram.TouchEvent) {
      const reason = String(e.currentTarget.dataset.reason);
      return this.act(Number(e.currentTarget.dataset.index), (r) => rejectDisbursement({ entryId: r.id, version: r.version, reason }), '已驳回');
    },
  },
});
