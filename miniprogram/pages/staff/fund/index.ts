// The community fund (小区公益基金): each fund's balance and its three named signers; staff or a
// signer record income and ask for a disbursement; a disbursement counts once two different signers
// approved it. Each pending one says how many approvals it still needs and who may give them; only
// a signer who has not yet approved gets the buttons (the server decides in any case).
import { formFields } from '../../../behaviors/form-fields';
import { pageBase } from '../../../behaviors/page-base';
import { dayOf, type FundEntryView, type FundView } from '../../../core/index';
import { approveDisbursement, getFund, listFundEntries, listFunds, recordFundIncome, rejectDisbursement, requestDisbursement } from '../../../services/charity';
import { userMessage } from '../../../services/errors';
import { navigateTo, toast } from '../../../services/platform';
import { fundCommunity, profile } from '../../../services/session';
import { appendPatch } from '../../../utils/list';
import { actOnRow } from '../../../utils/row-action';
import {
  buildFundForm,
  DISBURSEMENT_REJECT_REASONS,
  disbursementRow,
  fundCard,
  type DisbursementRow,
  type FundCard,
  type FundForm,
  type FundFormMode,
} from '../../../utils/fund-view';

/**
 * A fund's pending disbursements. Entries come newest first and cannot be filtered by status, so
 * pages are read until the pending amounts found add up to the fund's `pendingFen` (usually the
 * first page) or the entries end.
 */
async function pendingOf(f: FundView): Promise<FundEntryView[]> {
  const pending: FundEntryView[] = [];
  let found = 0;
  let after: string | undefined;
  do {
    const page = await listFundEntries({ fundId: f.id, after, limit: 100 });
    for (const e of page.items) {
      if (e.kind !== 'disbursement' || e.status !== 'pending') continue;
      pending.push(e);
      found += e.amountFen;
    }
    after = page.next ?? undefined;
  } while (after && found < f.pendingFen);
  return pending;
}

const blankForm = (): FundForm => ({ amount: '', counterpart: '', purpose: '', receivedOn: dayOf(Date.now()), showName: false });

Component({
  behaviors: [pageBase, formFields],
  data: {
    status: 'loading',
    errorMessage: '',
    me: '',
    funds: [] as FundCard[],
    fundViews: [] as FundView[],
    rows: [] as DisbursementRow[],
    reasons: DISBURSEMENT_REJECT_REASONS,
    /** The open form: which fund and what for ('' when none is open). */
    mode: '' as '' | FundFormMode,
    formIndex: -1,
    form: blankForm(),
    errors: {} as Record<string, string>,
    submitError: '',
    busy: false,
    requestId: '',
  },
  methods: {
    async onLoad() {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const p = await profile();
        const me = p.openid;
        const { items } = await listFunds({ communityId: fundCommunity() ?? '' });
        const rows: DisbursementRow[] = [];
        // A community has one or a few funds; their pending disbursements are shown.
        for (const f of items) rows.push(...(await pendingOf(f)).map((e) => disbursementRow(e, f, me)));
        this.setData({ me, fundViews: items, funds: items.map((f) => fundCard(f, me)), rows, status: items.length ? 'ready' : 'empty' });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },
    onRetry() {
      return this.onLoad();
    },
    fundOf(fundId: string): { f: FundView; i: number } {
      const i = this.data.fundViews.findIndex((f) => f.id === fundId);
      return { f: this.data.fundViews[i], i };
    },
    /** After income or a decision the fund's figures changed: read them again, by path. */
    async refreshFund(fundId: string) {
      try {
        const f = await getFund(fundId);
        const { i } = this.fundOf(fundId);
        this.setData({ [`fundViews[${i}]`]: f, [`funds[${i}]`]: fundCard(f, this.data.me) });
      } catch {
        // The action itself went through; the figures are read again on the next visit.
      }
    },

    onFormTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const mode = String(e.currentTarget.dataset.mode) as FundFormMode;
      const open = this.data.mode === mode && this.data.formIndex === i;
      this.setData({ mode: open ? '' : mode, formIndex: open ? -1 : i, form: blankForm(), errors: {}, submitError: '', requestId: '' });
    },
    onShowNameTap() {
      this.setData({ 'form.showName': !this.data.form.showName });
    },
    async onSubmit() {
      const d = this.data;
      if (d.busy || !d.mode) return undefined;
      const built = buildFundForm(d.mode, d.form, dayOf(Date.now()));
      if (!built.income && !built.disbursement) return this.setData({ errors: built.errors, submitError: '请按提示修改后再提交' });
      const fund = d.fundViews[d.formIndex];
      this.setData({ busy: true, errors: {}, submitError: '' });
      try {
        const opts = { requestId: d.requestId || undefined };
        if (built.income) {
          await recordFundIncome({ fundId: fund.id, ...built.income }, opts);
          this.setData({ busy: false, mode: '', formIndex: -1, requestId: '' });
          toast('收入已入账', 'success');
        } else if (built.disbursement) {
          const entry = await requestDisbursement({ fundId: fund.id, ...built.disbursement }, opts);
          this.setData({ ...appendPatch('rows', d.rows.length, [disbursementRow(entry, fund, d.me)]), busy: false, mode: '', formIndex: -1, requestId: '' });
          toast('已提交，等待两位签字人同意', 'none');
        }
        await this.refreshFund(fund.id);
      } catch (err) {
        this.setData({ busy: false, submitError: userMessage(err), requestId: (err as { requestId?: string }).requestId ?? '' });
      }
      return undefined;
    },

    async decide(i: number, work: (r: DisbursementRow) => Promise<FundEntryView>, done: string) {
      const r = this.data.rows[i];
      const ok = await actOnRow(this, 'rows', i, () => work(r), (e) => disbursementRow(e, this.fundOf(r.fundId).f, this.data.me), done);
      if (ok) await this.refreshFund(r.fundId);
    },
    onApproveTap(e: WechatMiniprogram.TouchEvent) {
      return this.decide(Number(e.currentTarget.dataset.index), (r) => approveDisbursement(r.id, r.version), '已同意');
    },
    onRejectTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`rows[${i}].rejectOpen`]: !this.data.rows[i].rejectOpen });
    },
    onReasonTap(e: WechatMiniprogram.TouchEvent) {
      const reason = String(e.currentTarget.dataset.reason);
      return this.decide(Number(e.currentTarget.dataset.index), (r) => rejectDisbursement({ entryId: r.id, version: r.version, reason }), '已驳回');
    },
    onEntriesTap(e: WechatMiniprogram.TouchEvent) {
      return navigateTo(`/pages/staff/fund-entries/index?fundId=${this.data.funds[Number(e.currentTarget.dataset.index)].id}`);
    },
  },
});
