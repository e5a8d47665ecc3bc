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
  /** Staff record a handover once the donor accepted, until everything is delivered. */
  canHandOver: boolean;
  /** What is still to hand over, prefilled in the handover form. */
  left: number;
  handover: HandoverForm;
  version: number;
  panel: '' | 'adjust' | 'reject' | 'handover';
  busy: boolean;
  error: string;
}

export interface HandoverForm {
  to: 'station' | 'beneficiary';
  receivedBy: string;
  quantity: string;
}

export const HANDOVER_TO = [
  { key: 'beneficiary', label: '交到受助人手里' },
  { key: 'station', label: '送到社区服务站' },
];

/** The handover form checked against what is left; the contract checks the rest (no markup, length). */
export function buildHandover(f: HandoverForm, left: number): { input?: { to: HandoverForm['to']; receivedBy: string; quantity: number }; error: string } {
  const q = Number(f.quantity);
  if (!f.receivedBy.trim()) return { error: '请填写接收人（受助人或服务站经手人）' };
  if (!Number.isInteger(q) || q < 1) return { error: '请填写交付数量（整数）' };
  if (q > left) return { error: `最多还能交付${left}` };
  return { input: { to: f.to, receivedBy: f.receivedBy.trim(), quantity: q }, error: '' };
}

export function allocationRow(a: AllocationView, asDonor: boolean): AllocationRow {
  const left = a.quantity - a.deliveredQuantity;
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
    canHandOver: !asDonor && (a.status === 'accepted' || a.status === 'delivering') && left > 0,
    left,
    handover: { to: 'beneficiary', receivedBy: '', quantity: String(left) },
    version: a.version,
    panel: '',
    busy: false,
    error: '',
  };
}

export const ALLOCATION_REJECT_REASONS = ['这家需求已经由其他渠道解决', '物资不适合这位受助人', '数量或时间对不上'];
