// Donor offers of goods, money and services: the form's choices and the list rows.
import type { OfferView } from '../core/index';
import { day, yuan } from './format';

export const OFFER_KINDS = [
  { key: 'goods', label: '捐物资' },
  { key: 'money', label: '捐款' },
  { key: 'service', label: '提供服务' },
];
export const GOODS_CATEGORIES = [
  { key: 'food', label: '食品' },
  { key: 'clothing', label: '衣物' },
  { key: 'bedding', label: '被褥' },
  { key: 'daily-living', label: '生活用品' },
  { key: 'study', label: '学习用品' },
  { key: 'health', label: '健康护理' },
  { key: 'mobility', label: '助行用具' },
  { key: 'books', label: '图书' },
];
export const CONDITIONS = [
  { key: 'new', label: '全新' },
  { key: 'like-new', label: '九成新' },
  { key: 'used', label: '旧但能用' },
];
export const SKILLS = [
  { key: 'repair', label: '维修' },
  { key: 'cleaning', label: '保洁' },
  { key: 'tutoring', label: '辅导功课' },
  { key: 'haircut', label: '理发' },
  { key: 'medical', label: '义诊' },
  { key: 'companionship', label: '陪伴' },
  { key: 'other', label: '其他' },
];
export const DONOR_TYPES = [
  { key: 'individual', label: '个人' },
  { key: 'company', label: '企业' },
  { key: 'organization', label: '组织' },
];
export const AVAILABLE_WITHIN = [
  { key: '7', label: '一周内' },
  { key: '30', label: '一个月内' },
  { key: '90', label: '三个月内' },
];

const STATUS: Record<string, string> = { open: '等待匹配', allocated: '已分配', closed: '已完成', withdrawn: '已撤回', expired: '已过期' };

export interface OfferRow {
  id: string;
  title: string;
  amount: string;
  statusText: string;
  until: string;
  progress: string;
}

export function offerRow(o: OfferView): OfferRow {
  const amount = o.kind === 'money' ? yuan(o.quantity) : `${o.quantity}${o.kind === 'service' ? '小时' : o.unit}`;
  const done = o.kind === 'money' ? yuan(o.deliveredQuantity) : `${o.deliveredQuantity}`;
  return {
    id: o.id,
    title: o.kind === 'money' ? '善款' : o.item,
    amount,
    statusText: STATUS[o.status] ?? o.status,
    until: `${day(o.availableUntil)}前有效`,
    progress: o.allocatedQuantity ? `已分配 ${o.kind === 'money' ? yuan(o.allocatedQuantity) : o.allocatedQuantity}，已交付 ${done}` : '',
  };
}
