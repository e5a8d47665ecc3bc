// Wish data → what the donor and resident pages show.
import { RECOMMEND_WEIGHTS, type WishCard, type WishView } from '../core/index';
import { countdown, day, yuan } from './format';

export const WISH_CATEGORIES = [
  { key: 'study', label: '学习用品' },
  { key: 'daily-living', label: '生活用品' },
  { key: 'health', label: '健康护理' },
  { key: 'companionship', label: '陪伴服务' },
  { key: 'other', label: '其他' },
];
const CATEGORY: Record<string, string> = Object.fromEntries(WISH_CATEGORIES.map((c) => [c.key, c.label]));

export const AGE_LABEL: Record<string, string> = { '0-5': '5岁以下', '6-13': '6–13岁', '14-17': '14–17岁', '18-59': '18–59岁', '60-69': '60多岁', '70-79': '70多岁', '80+': '80岁以上' };
const GROUP: Record<string, string> = { 'elderly-alone': '独居老人', elderly: '老人', child: '儿童', 'family-in-difficulty': '困难家庭', other: '' };

export const WISH_STATUS: Record<string, string> = {
  submitted: '待核实',
  rejected: '未通过',
  verified: '已核实',
  published: '等待认领',
  claimed: '已被认领',
  delivered: '已送达，待签收',
  confirmed: '已签收',
  thanked: '已感谢',
  expired: '已过期',
  closed: '已关闭',
};

export function categoryLabel(c: string): string {
  return CATEGORY[c] ?? '其他';
}

export interface WishRow {
  id: string;
  item: string;
  who: string;
  value: string;
  category: string;
  wanted: string;
  urgent: boolean;
  community: string;
  ariaLabel: string;
  /** Recommended tab: why this wish is suggested. */
  why: string;
}

export function wishRow(c: WishCard, why = ''): WishRow {
  const who = [c.maskedName, AGE_LABEL[c.ageBand] ?? '', c.group ? GROUP[c.group] ?? '' : ''].filter(Boolean).join('，');
  const value = yuan(c.valueFen);
  const wanted = `希望${day(c.wantedOn)}前收到`;
  return {
    id: c.id,
    item: c.item,
    who,
    value,
    category: categoryLabel(c.category),
    wanted,
    urgent: c.urgent,
    community: c.communityName,
    ariaLabel: `${c.item}，${who}，价值${value}，${wanted}${c.urgent ? '，急需' : ''}`,
    why,
  };
}

const WHY: Record<keyof typeof RECOMMEND_WEIGHTS, string> = {
  category: '符合您关注的类别',
  budget: '在您的预算以内',
  urgency: '心愿人急需',
  waiting: '已经等待较久',
  spread: '来自还较少被帮助的社区',
  distance: '离您较近',
};

/**
 * The recommendation's reasons, strongest first: a part counts when it earned at least 60% of its
 * weight (core/wish/rules.ts RECOMMEND_WEIGHTS), at most three are named. With `located` (the donor
 * sent their position) the distance part is always said, near or far, after the others.
 */
export function whyText(parts: Record<keyof typeof RECOMMEND_WEIGHTS, number>, located = false): string {
  const keys = (Object.keys(RECOMMEND_WEIGHTS) as Array<keyof typeof RECOMMEND_WEIGHTS>).filter((k) => !located || k !== 'distance');
  const top = keys
    .filter((k) => parts[k] >= 0.6 * RECOMMEND_WEIGHTS[k])
    .sort((a, b) => parts[b] - parts[a])
    .map((k) => WHY[k]);
  const why = top.length ? `推荐理由：${top.slice(0, 3).join('、')}` : '推荐理由：综合匹配';
  return located ? `${why}；${distanceText(parts.distance)}` : why;
}

/** The distance part in words: full weight at the donor's position, none from 10 km. */
export function distanceText(part: number): string {
  const w = RECOMMEND_WEIGHTS.distance;
  return part >= 0.6 * w ? '离您较近' : part <= 0.2 * w ? '离您较远' : '距离适中';
}

/**
 * A position rounded to 0.01° (about a kilometre): enough for the recommendation's distance part
 * (full at the community, none at 10 km), and no more precise than that needs.
 */
export function coarsePosition(p: { lat: number; lng: number }): { lat: number; lng: number } {
  return { lat: Math.round(p.lat * 100) / 100, lng: Math.round(p.lng * 100) / 100 };
}

/** What the recommended tab says about the position it used. */
export function locationNote(used: boolean, refused: boolean): string {
  if (used) return '已按您的大致位置推荐附近的心愿';
  return refused ? '未获得位置权限，距离按中等计算（可点“使用我的位置”重试）' : '未能获取位置，距离按中等计算';
}

export interface WishDetail {
  item: string;
  who: string;
  value: string;
  category: string;
  wanted: string;
  urgent: boolean;
  community: string;
  description: string;
  status: string;
  statusText: string;
  canClaim: boolean;
  /** Pooled wish (拼好愿): donors pledge shares of the value. */
  canPledge: boolean;
  pooledText: string;
  canCancelClaim: boolean;
  canConfirm: boolean;
  canThank: boolean;
  claimedByYou: boolean;
  due: string;
  dueOverdue: boolean;
  thanks: string;
  verification: string;
  rejection: string;
  version: number;
}

export function wishDetail(w: WishView, now: number): WishDetail {
  const row = wishRow(w);
  const due = w.claimDueAt ? countdown(w.claimDueAt, now) : null;
  return {
    item: w.item,
    who: row.who,
    value: row.value,
    category: row.category,
    wanted: row.wanted,
    urgent: w.urgent,
    community: w.communityName,
    description: w.description,
    status: w.status,
    statusText: WISH_STATUS[w.status] ?? w.status,
    canClaim: w.events.includes('claim'),
    canPledge: w.events.includes('pledge'),
    pooledText: w.pooled ? `多人合力圆梦：已认捐${yuan(w.pledgedFen)}，还差${yuan(Math.max(0, w.valueFen - w.pledgedFen))}` : '',
    canCancelClaim: w.events.includes('cancelClaim'),
    canConfirm: w.events.includes('confirm'),
    canThank: w.events.includes('thank'),
    claimedByYou: w.claimedByYou,
    due: due ? `送达期限：${due.text}` : '',
    dueOverdue: due ? due.overdue : false,
    thanks: w.thanksMessage ?? '',
    verification: w.verification ? `社区已${w.verification.method === 'home-visit' ? '上门' : '电话'}核实` : '',
    rejection: w.rejectionReason ?? '',
    version: w.version,
  };
}

export interface MyWishRow {
  id: string;
  item: string;
  statusText: string;
  value: string;
  due: string;
  urgent: boolean;
  thanks: string;
  action: '' | 'confirm' | 'thank';
}

export function myWishRow(w: WishView, now: number): MyWishRow {
  const due = w.claimDueAt && w.status === 'claimed' ? countdown(w.claimDueAt, now) : null;
  return {
    id: w.id,
    item: w.item,
    statusText: WISH_STATUS[w.status] ?? w.status,
    value: yuan(w.valueFen),
    due: due ? `送达期限：${due.text}` : '',
    urgent: due ? due.urgent : false,
    thanks: w.thanksMessage ? `感谢留言：${w.thanksMessage}` : '',
    action: w.events.includes('confirm') ? 'confirm' : w.events.includes('thank') ? 'thank' : '',
  };
}

/** A turned-down wish, ready to correct: the reason, and its fields as the form starts. */
export interface ReviseForm {
  rejection: string;
  canRevise: boolean;
  rItem: string;
  rDescription: string;
  rValue: string;
  rWithin: string;
  category: WishView['category'];
  version: number;
}

export function reviseForm(w: WishView): ReviseForm {
  return {
    rejection: w.rejectionReason ? `社区的意见：${w.rejectionReason}` : '',
    canRevise: w.events.includes('revise'),
    rItem: w.item,
    rDescription: w.description,
    rValue: String(w.valueFen / 100),
    rWithin: '30',
    category: w.category,
    version: w.version,
  };
}

export const AGE_BANDS = [
  { key: '60-69', label: '60多岁' },
  { key: '70-79', label: '70多岁' },
  { key: '80+', label: '80岁以上' },
  { key: '18-59', label: '18–59岁' },
  { key: '14-17', label: '14–17岁' },
  { key: '6-13', label: '6–13岁' },
  { key: '0-5', label: '5岁以下' },
];

export const GROUPS = [
  { key: 'elderly-alone', label: '独居老人' },
  { key: 'elderly', label: '老人' },
  { key: 'child', label: '儿童' },
  { key: 'family-in-difficulty', label: '困难家庭' },
  { key: 'other', label: '其他' },
];

/** "When do you need it": big choices instead of a date picker; days from today. */
export const WANTED_WITHIN = [
  { key: '7', label: '一周内' },
  { key: '14', label: '两周内' },
  { key: '30', label: '一个月内' },
  { key: '90', label: '三个月内' },
];

/** Yuan typed by a person ("120", "99.5") → fen; null when not a positive amount. */
export function yuanToFen(text: string): number | null {
  const t = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const fen = Math.round(Number(t) * 100);
  return fen > 0 ? fen : null;
}

/** Ready-made thank-you messages: one tap for someone who does not type. */
export const THANKS_PRESETS = ['谢谢您的爱心！东西收到了，非常喜欢。', '收到了，感谢好心人的帮助！', '谢谢您，祝您和家人身体健康！'];

export interface DisclosureFigure {
  key: string;
  label: string;
  value: string;
}

export function disclosureFigures(f: { posted: number; verified: number; claimed: number; fulfilled: number; expired: number; averageDaysToFulfil: number | null }): DisclosureFigure[] {
  return [
    { key: 'posted', label: '新发布心愿', value: `${f.posted}个` },
    { key: 'claimed', label: '被认领', value: `${f.claimed}个` },
    { key: 'fulfilled', label: '已圆梦', value: `${f.fulfilled}个` },
    { key: 'days', label: '平均圆梦用时', value: f.averageDaysToFulfil === null ? '—' : `${Math.round(f.averageDaysToFulfil * 10) / 10}天` },
  ];
}

/** 'YYYY-MM' of an instant in China time, and the month before. */
export function monthOf(at: number): string {
  const d = new Date(at + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** Why staff close a wish: chosen, not typed. */
export const CLOSE_REASONS = ['心愿人已不需要了', '已通过其他途径解决', '联系不上心愿人'];

export interface ManageRow {
  id: string;
  item: string;
  who: string;
  wanted: string;
  version: number;
  canRepublish: boolean;
  canClose: boolean;
  panel: '' | 'republish' | 'close';
  within: string;
  busy: boolean;
  error: string;
  done: string;
  ariaLabel: string;
}

/** A wish staff may put back up (expired, with a new wanted-by day) or close with a reason. */
export function manageRow(w: WishView, done = ''): ManageRow {
  const r = wishRow(w);
  return {
    id: w.id,
    item: w.item,
    who: r.who,
    wanted: r.wanted,
    version: w.version,
    canRepublish: w.events.includes('republish'),
    canClose: w.events.includes('close'),
    panel: '',
    within: '30',
    busy: false,
    error: '',
    done,
    ariaLabel: `${w.item}，${r.who}，${r.wanted}`,
  };
}
