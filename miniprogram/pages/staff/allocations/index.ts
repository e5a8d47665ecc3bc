// Charity allocations. Staff (default): ask the engine for proposals, read why each was proposed,
// confirm, adjust the quantity or reject with a reason. Donors (?as=donor): their own allocations,
// to accept or decline once staff confirmed them.
import { pageBase } from '../../../behaviors/page-base';
import { actOnRow } from '../../../utils/row-action';
import type { AllocationView } from '../../../core/index';
import {
  acceptAllocation,
  adjustAllocation,
  confirmAllocation,
  declineAllocation,
  listAllocations,
  proposeAllocations,
  recordHandover,
  rejectAllocation,
} from '../../../services/charity';
import { userMessage } from '../../../services/errors';
import { communityFor, profile } from '../../../services/session';
import { ALLOCATION_REJECT_REASONS, allocationRow, buildHandover, HANDOVER_TO, type AllocationRow } from '../../../utils/allocation-view';
import { loadFirstPage, loadNextPage, type ListStatus, type PagedList } from '../../../utils/list';

const PAGE = 20;

Component({
  behaviors: [pageBase],
  data: {
    asDonor: false,
    status: 'loading' as ListStatus,
    errorMessage: '',
    rows: [] as AllocationRow[],
    next: null as string | null,
    loadingMore: false,
    communityId: '',
    proposing: false,
    proposeNote: '',
    reasons: ALLOCATION_REJECT_REASONS,
    handoverTo: HANDOVER_TO,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ asDonor: query.as === 'donor' });
      return this.load();
    },
    list(): PagedList<AllocationView, AllocationRow> {
      const fetch = async (after?: string) => {
        if (!after) {
          await profile();
          if (!this.data.asDonor) this.setData({ communityId: communityFor('staff') ?? communityFor('social-worker') ?? '' });
        }
        return listAllocations(this.data.asDonor ? { after, limit: PAGE } : { communityId: this.data.communityId, after, limit: PAGE });
      };
      return { key: 'rows', fetch, mapRow: (a) => allocationRow(a, this.data.asDonor) };
    },
    load() {
      return loadFirstPage(this, this.list());
    },
    onReachBottom() {
      return loadNextPage(this, this.list());
    },
    async onProposeTap() {
      if (this.data.proposing) return;
      this.setData({ proposing: true, proposeNote: '' });
      try {
        const r = await proposeAllocations(this.data.communityId);
        this.setData({
          proposing: false,
          proposeNote: r.proposals.length ? `新生成${r.proposals.length}条建议（考虑了${r.offersConsidered}份捐赠、${r.needsConsidered}项需求）` : '暂时没有可以匹配的捐赠和需求',
        });
        return this.load();
      } catch (err) {
        this.setData({ proposing: false, proposeNote: userMessage(err) });
      }
      return undefined;
    },
    act(i: number, work: (r: AllocationRow) => Promise<AllocationView>, done: string) {
      return actOnRow(this, 'rows', i, () => work(this.data.rows[i]), (a) => allocationRow(a, this.data.asDonor), done);
    },
    idx(e: WechatMiniprogram.TouchEvent | WechatMiniprogram.Input): number {
      return Number(e.currentTarget.dataset.index);
    },
    onConfirmTap(e: WechatMiniprogram.TouchEvent) {
      return this.act(this.idx(e), (r) => confirmAllocation(r.id, r.version), '已确认');
    },
    onPanelTap(e: WechatMiniprogram.TouchEvent) {
      const i = this.idx(e);
      const panel = String(e.currentTarget.dataset.panel) as AllocationRow['panel'];
      this.setData({ [`rows[${i}].panel`]: this.data.rows[i].panel === panel ? '' : panel, [`rows[${i}].error`]: '' });
    },
    onQuantityInput(e: WechatMiniprogram.Input) {
      this.setData({ [`rows[${this.idx(e)}].quantityInput`]: e.detail.value });
    },
    onAdjustSend(e: WechatMiniprogram.TouchEvent) {
      const i = this.idx(e);
      const quantity = Number(this.data.rows[i].quantityInput);
      if (!Number.isInteger(quantity) || quantity < 1) return this.setData({ [`rows[${i}].error`]: '请填写大于0的整数' });
      return this.act(i, (r) => adjustAllocation({ allocationId: r.id, version: r.version, quantity }), '已调整');
    },
    onRejectReasonTap(e: WechatMiniprogram.TouchEvent) {
      const reason = String(e.currentTarget.dataset.reason);
      return this.act(this.idx(e), (r) => rejectAllocation({ allocationId: r.id, version: r.version, reason }), '已否决');
    },
    onHandoverToTap(e: WechatMiniprogram.TouchEvent) {
      this.setData({ [`rows[${this.idx(e)}].handover.to`]: String(e.currentTarget.dataset.key) });
    },
    onHandoverInput(e: WechatMiniprogram.Input) {
      this.setData({ [`rows[${this.idx(e)}].handover.${String(e.currentTarget.dataset.field)}`]: e.detail.value, [`rows[${this.idx(e)}].error`]: '' });
    },
    onHandoverSend(e: WechatMiniprogram.TouchEvent) {
      const i = this.idx(e);
      const { input, error } = buildHandover(this.data.rows[i].handover, this.data.rows[i].left);
      if (!input) return this.setData({ [`rows[${i}].error`]: error });
      return this.act(i, (r) => recordHandover({ allocationId: r.id, version: r.version, handedOverAt: Date.now(), ...input }), '已登记交付');
    },
    onAcceptTap(e: WechatMiniprogram.TouchEvent) {
      return this.act(this.idx(e), (r) => acceptAllocation(r.id, r.version), '已接受');
    },
    onDeclineTap(e: WechatMiniprogram.TouchEvent) {
      return this.act(this.idx(e), (r) => declineAllocation(r.id, r.version), '已婉拒');
    },
    onRetry() {
      return this.load();
    },
  },
});
