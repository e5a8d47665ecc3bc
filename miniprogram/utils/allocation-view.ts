// Charity allocations: the engine's proposal and why (its score terms and the constraints that bound
// it), in words staff and donors can check.
import type { AllocationView } from '../core/index';

const STATUS: Record<string, string> = {
  proposed: '待确认',
  confirmed: '已确认，等待捐赠方接受',
  accepted: '捐赠方已接受',
  delivering: '交付中',
  delivered: '已交付',
  rejected: '已否决',
  declined: '捐赠方已婉拒',
  cancelled: '已取消',
};

const TERM: Record<string, string> = {
  category: '类别匹配',
  urgency: '需求紧急',
  distance: '距离近',
  expiry: '临近有效期',
  fairness: '兼顾公平',
  quantity: '数量合适',
};

export interface AllocationRow {
  id: string;
  title: string;
  quantity: string;
  quantityInput: string;
  donor: string;
  statusText: string;
  why: string;
  terms: string[];
  canDecide: boolean;
  canRespond: boolean;
  version: number;
  panel: '' | 'adjust' | 'reject';
  busy: boolean;
  error: string;
}

export function allocationRow(a: AllocationView, asDonor: boolean): AllocationRow {
  return {
    id: a.id,
    title: `${a.offerItem} → ${a.needItem}`,
    quantity: `${a.quantity}${a.unit}${a.deliveredQuantity ? `（已交付${a.deliveredQuantity}${a.unit}）` : ''}`,
    quantityInput: String(a.quantity),
    donor: a.donorLabel,
    statusText: STATUS[a.status] ?? a.status,
    why: a.explanation?.text ?? '',
    terms: (a.explanation?.terms ?? []).filter((t) => t.value > 0).map((t) => `${TERM[t.term] ?? t.term} +${Math.round(t.value * 10) / 10}`),
    canDecide: !asDonor && a.status === 'proposed',
    canRespond: asDonor && a.mine && a.status === 'confirmed',
    version: a.version,
    panel: '',
    busy: false,
    error: '',
  };
}

export const ALLOCATION_REJECT_REASONS = ['这家需求已经由其他渠道解决', '物资不适合这位受助人', '数量或时间对不上'];
