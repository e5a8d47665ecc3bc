// Corrections of the station's stock (盘点更正): one staff member asks for one with a reason, and a
// second staff member approves it (the balance changes then) or rejects it. The person who asked
// sees their request but cannot decide it; the server refuses that too.
import { formFields } from '../../../behaviors/form-fields';
import { pageBase } from '../../../behaviors/page-base';
import { pagedList } from '../../../behaviors/paged-list';
import type { StockCorrectionView } from '../../../core/index';
import { approveStockCorrection, listStockCorrections, rejectStockCorrection, requestStockCorrection } from '../../../services/charity';
import { userMessage } from '../../../services/errors';
import { toast } from '../../../services/platform';
import { communityFor, profile } from '../../../services/session';
import { loadFirstPage, listData, type PagedList } from '../../../utils/list';
import { actOnRow } from '../../../utils/row-action';
import { buildCorrection, CORRECTION_REASONS, CORRECTION_SIGNS, CORRECTION_TABS, stockCorrectionRow, type CorrectionForm, type CorrectionRow } from '../../../utils/stock-view';

const PAGE = 20;
type CorrectionStatus = 'pending' | 'applied' | 'rejected';

Component({
  behaviors: [pageBase, pagedList, formFields],
  data: {
    tabs: CORRECTION_TABS,
    tab: 'pending' as CorrectionStatus,
    ...listData<CorrectionRow>(),
    communityId: '',
    me: '',
    signs: CORRECTION_SIGNS,
    reasons: CORRECTION_REASONS,
    formOpen: false,
    form: { item: '', unit: '件', sign: '-', quantity: '', reason: '' } as CorrectionForm,
    errors: {} as Record<string, string>,
    submitError: '',
    busy: false,
    requestId: '',
  },
  methods: {
    /** Opened from a shelf row (`?item=&unit=`): the form starts filled with that item. */
    onLoad(query: Record<string, string | undefined>) {
      if (query.item) this.setData({ formOpen: true, 'form.item': decodeURIComponent(query.item), 'form.unit': decodeURIComponent(query.unit ?? '件') });
      return this.load();
    },

    list(): PagedList<StockCorrectionView, CorrectionRow> {
      const fetch = async (after?: string) => {
        if (!after) {
          const p = await profile();
          this.setData({ communityId: communityFor('staff') ?? '', me: p.openid });
        }
        return listStockCorrections({ communityId: this.data.communityId, status: this.data.tab, after, limit: PAGE });
      };
      return { key: 'rows', fetch, mapRow: (c) => stockCorrectionRow(c, this.data.me) };
    },

    load() {
      return loadFirstPage(this, this.list());
    },

    onTabTap(e: WechatMiniprogram.TouchEvent) {
      const tab = String(e.currentTarget.dataset.key) as CorrectionStatus;
      if (tab === this.data.tab) return undefined;
      this.setData({ tab });
      return this.load();
    },

    onFormTap() {
      this.setData({ formOpen: !this.data.formOpen, errors: {}, submitError: '' });
    },

    async onSubmit() {
      const d = this.data;
      if (d.busy) return undefined;
      const { input, errors } = buildCorrection(d.form);
      if (!input) return this.setData({ errors, submitError: '请按提示修改后再提交' });
      this.setData({ busy: true, errors: {}, submitError: '' });
      try {
        await requestStockCorrection({ communityId: d.communityId, ...input }, { requestId: d.requestId || undefined });
        this.setData({ busy: false, formOpen: false, requestId: '', form: { item: '', unit: '件', sign: '-', quantity: '', reason: '' }, tab: 'pending' });
        toast('已提交，等待另一位工作人员审批', 'none');
        // Newest first: the request heads the pending list.
        return this.load();
      } catch (err) {
        this.setData({ busy: false, submitError: userMessage(err), requestId: (err as { requestId?: string }).requestId ?? '' });
      }
      return undefined;
    },

    decide(i: number, work: (r: CorrectionRow) => Promise<StockCorrectionView>, done: string) {
      return actOnRow(this, 'rows', i, () => work(this.data.rows[i]), (c) => stockCorrectionRow(c, this.data.me), done);
    },

    onApproveTap(e: WechatMiniprogram.TouchEvent) {
      return this.decide(Number(e.currentTarget.dataset.index), (r) => approveStockCorrection(r.id, r.version), '库存已更正');
    },

    /** Rejecting takes a second, inline step. */
    onRejectTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`rows[${i}].rejectOpen`]: !this.data.rows[i].rejectOpen });
    },

    onRejectConfirm(e: WechatMiniprogram.TouchEvent) {
      return this.decide(Number(e.currentTarget.dataset.index), (r) => rejectStockCorrection(r.id, r.version), '已驳回');
    },
  },
});
