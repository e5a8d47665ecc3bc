// Corrections of the station's stock: one staff member asks, a second one approves or rejects
// (charity_stock_correction.same_person otherwise). The form and the rows of the queue.
import type { StockCorrectionView, StockMovementView } from '../core/index';
import { dateTime } from './format';
import type { Choice } from './need-view';

export const CORRECTION_TABS: Choice[] = [
  { key: 'pending', label: '待审批' },
  { key: 'applied', label: '已更正' },
  { key: 'rejected', label: '已驳回' },
];
export const CORRECTION_SIGNS: Choice[] = [
  { key: '-', label: '实际比账上少' },
  { key: '+', label: '实际比账上多' },
];
export const CORRECTION_REASONS = ['盘点数量与账上不符', '物品损坏或过期，已处理', '入库或出库时登记错了'];

export interface CorrectionForm {
  item: string;
  unit: string;
  sign: string;
  quantity: string;
  reason: string;
}

export function buildCorrection(f: CorrectionForm): { input?: { item: string; unit: string; delta: number; reason: string }; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const q = Number(f.quantity);
  if (!f.item.trim()) errors.item = '请填写物品';
  if (!f.unit.trim()) errors.unit = '请填写单位';
  if (!f.quantity.trim() || !Number.isInteger(q) || q < 1) errors.quantity = '请填写相差的数量（整数）';
  if (!f.reason) errors.reason = '请选择原因';
  if (Object.keys(errors).length) return { errors };
  return { input: { item: f.item.trim(), unit: f.unit.trim(), delta: f.sign === '+' ? q : -q, reason: f.reason }, errors };
}

const STATUS: Record<string, string> = { pending: '待审批', applied: '已更正', rejected: '已驳回' };

export interface CorrectionRow {
  id: string;
  title: string;
  lines: string[];
  statusText: string;
  /** The caller asked for it: someone else must decide, so no buttons, and the row says so. */
  mine: boolean;
  pending: boolean;
  version: number;
  rejectOpen: boolean;
  busy: boolean;
  error: string;
}

export function stockCorrectionRow(c: StockCorrectionView, me: string): CorrectionRow {
  const mine = c.requestedBy === me;
  return {
    id: c.id,
    title: `${c.item}：${c.delta > 0 ? '+' : ''}${c.delta}${c.unit}`,
    lines: [`原因：${c.reason}`, `${mine ? '您' : '另一位工作人员'}于${dateTime(c.createdAt)}申请`],
    statusText: STATUS[c.status] ?? c.status,
    mine,
    pending: c.status === 'pending',
    version: c.version,
    rejectOpen: false,
    busy: false,
    error: '',
  };
}

export interface MovementRow {
  id: string;
  title: string;
  lines: string[];
  /** Goods in (and corrections upwards) read green; out and downwards do not. */
  gain: boolean;
}

/** One line of the station's stock history: in and out carry a positive quantity, a correction its signed delta. */
export function movementRow(m: StockMovementView): MovementRow {
  const signed = m.direction === 'in' ? m.quantity : m.direction === 'out' ? -m.quantity : m.quantity;
  const what = m.direction === 'in' ? '入库' : m.direction === 'out' ? '出库' : '更正';
  const who = m.counterpart ? `${m.direction === 'in' ? '捐赠人' : '领取人'}：${m.counterpart}${m.allocationId ? '（按捐赠分配发放）' : ''}` : '';
  return {
    id: m.id,
    title: `${what} ${m.item} ${signed > 0 ? '+' : '−'}${Math.abs(signed)}${m.unit}`,
    lines: [dateTime(m.at), who, `之后结存 ${m.balanceAfter}${m.unit}`, m.note ? `说明：${m.note}` : ''].filter(Boolean),
    gain: signed > 0,
  };
}
