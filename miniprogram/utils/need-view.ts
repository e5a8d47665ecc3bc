// Community needs (社区需求) as staff post and manage them: the form's big choices, turning the form
// into the contract's NeedInput (money typed in yuan, a service in hours) and the list rows.
import { addDays, type Day, type NeedInput, type NeedView } from '../core/index';
import { day, yuan } from './format';
import { AVAILABLE_WITHIN, GOODS_CATEGORIES, SKILLS } from './offer-view';
import { yuanToFen } from './wish-view';

export interface Choice {
  key: string;
  label: string;
}

export const NEED_CATEGORIES: Choice[] = [...GOODS_CATEGORIES, { key: 'money', label: '资金' }, { key: 'service', label: '服务' }];
export const URGENCIES: Choice[] = [
  { key: 'low', label: '不急' },
  { key: 'normal', label: '一般' },
  { key: 'high', label: '较急' },
  { key: 'critical', label: '紧急' },
];
export const GROUPS: Choice[] = [
  { key: 'elderly', label: '老年人' },
  { key: 'children', label: '儿童' },
  { key: 'disabled', label: '残疾人' },
  { key: 'low-income', label: '低收入家庭' },
  { key: 'sick', label: '患病居民' },
  { key: 'families', label: '困难家庭' },
  { key: 'other', label: '其他居民' },
];
export const PURPOSES: Choice[] = [
  { key: 'education', label: '助学' },
  { key: 'elderly-care', label: '助老' },
  { key: 'medical', label: '医疗' },
  { key: 'disability', label: '助残' },
  { key: 'emergency', label: '应急救助' },
  { key: 'community', label: '社区公益' },
];
/** The deadline: from today, or (when editing) the one the need already has. */
export const DEADLINES: Choice[] = [...AVAILABLE_WITHIN, { key: 'keep', label: '不改截止日期' }];
export const NEED_TABS: Choice[] = [
  { key: 'open', label: '进行中' },
  { key: 'closed', label: '已完成' },
  { key: 'cancelled', label: '已取消' },
];
export const CANCEL_REASONS = ['需求已由其他渠道解决', '居民不再需要', '信息有误，重新发布'];

export const labelOf = (choices: readonly Choice[], key: string | null | undefined): string => choices.find((c) => c.key === key)?.label ?? key ?? '';

/** The form as the page holds it: every field a string, as typed or chosen. */
export interface NeedForm {
  category: string;
  item: string;
  quantity: string;
  unit: string;
  amount: string;
  urgency: string;
  within: string;
  deadlineOn: string;
  group: string;
  purpose: string;
  skill: string;
  description: string;
}

export function blankNeedForm(): NeedForm {
  return { category: 'food', item: '', quantity: '', unit: '件', amount: '', urgency: 'normal', within: '30', deadlineOn: '', group: 'elderly', purpose: 'community', skill: 'repair', description: '' };
}

/** An existing need back in the form, to edit it. */
export function needFormOf(n: NeedView): NeedForm {
  return {
    category: n.category,
    item: n.item,
    quantity: n.category === 'money' ? '' : String(n.quantity),
    unit: n.unit,
    amount: n.category === 'money' ? (n.quantity / 100).toFixed(2).replace(/\.00$/, '') : '',
    urgency: n.urgency,
    within: 'keep',
    deadlineOn: n.deadlineOn,
    group: n.beneficiaryGroup,
    purpose: n.purpose ?? 'community',
    skill: n.skill ?? 'repair',
    description: n.description ?? '',
  };
}

/** The contract's NeedInput, or the message of each field that is not right yet. */
export function buildNeed(f: NeedForm, today: Day): { need?: NeedInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  let item = f.item.trim();
  let unit = f.unit.trim();
  let quantity: number;
  if (f.category === 'money') {
    const fen = yuanToFen(f.amount);
    if (fen === null) errors.amount = '请填写金额（元），例如 2000';
    quantity = fen ?? 0;
    item = '善款';
    unit = 'fen';
  } else {
    quantity = Number(f.quantity);
    if (!f.quantity.trim() || !Number.isInteger(quantity) || quantity < 1) errors.quantity = f.category === 'service' ? '请填写需要多少小时（整数）' : '请填写数量（整数）';
    if (f.category === 'service') {
      // What exactly is asked for (高龄老人家中水电维修), or the skill's name when left empty.
      item = item || labelOf(SKILLS, f.skill);
      unit = 'hour';
    } else {
      if (!item) errors.item = '请填写需要什么，例如“棉被”';
      if (!unit) errors.unit = '请填写单位，例如“床”';
    }
  }
  const deadlineOn = f.within === 'keep' ? f.deadlineOn : addDays(today, Number(f.within));
  if (deadlineOn < today) errors.within = '截止日期已经过了，请重新选择';
  if (Object.keys(errors).length) return { errors };
  const need: NeedInput = {
    category: f.category as NeedInput['category'],
    item,
    quantity,
    unit,
    urgency: f.urgency as NeedInput['urgency'],
    deadlineOn,
    beneficiaryGroup: f.group as NeedInput['beneficiaryGroup'],
  };
  if (f.category === 'money') need.purpose = f.purpose as NeedInput['purpose'];
  if (f.category === 'service') need.skill = f.skill as NeedInput['skill'];
  if (f.description.trim()) need.description = f.description.trim();
  return { need, errors };
}

const NEED_STATUS: Record<string, string> = { open: '进行中', closed: '已完成', cancelled: '已取消' };

export interface NeedRow {
  id: string;
  title: string;
  amount: string;
  lines: string[];
  statusText: string;
  urgent: boolean;
  open: boolean;
  /** Nothing of it is allocated: it may be cancelled; otherwise only closed. */
  cancellable: boolean;
  version: number;
  /** The need back in the form, to edit it. */
  form: NeedForm;
  /** The inline second step: '' none, 'close' confirm closing, 'cancel' choose a reason. */
  confirm: '' | 'close' | 'cancel';
  busy: boolean;
  error: string;
}

function amountOf(n: NeedView, q: number): string {
  if (n.category === 'money') return yuan(q);
  return `${q}${n.category === 'service' ? '小时' : n.unit}`;
}

export function needRow(n: NeedView): NeedRow {
  const lines = [`${labelOf(GROUPS, n.beneficiaryGroup)} · ${labelOf(URGENCIES, n.urgency)} · ${day(n.deadlineOn)}前`];
  if (n.purpose) lines.push(`用途：${labelOf(PURPOSES, n.purpose)}`);
  if (n.allocatedQuantity) lines.push(`已匹配 ${amountOf(n, n.allocatedQuantity)}，已送达 ${amountOf(n, n.deliveredQuantity)}`);
  if (n.description) lines.push(n.description);
  return {
    id: n.id,
    title: n.category === 'money' || n.category === 'service' ? `${labelOf(NEED_CATEGORIES, n.category)}：${n.item}` : n.item,
    amount: amountOf(n, n.quantity),
    lines,
    statusText: NEED_STATUS[n.status] ?? n.status,
    urgent: n.urgency === 'high' || n.urgency === 'critical',
    open: n.status === 'open',
    cancellable: n.status === 'open' && n.allocatedQuantity === 0,
    version: n.version,
    form: needFormOf(n),
    confirm: '',
    busy: false,
    error: '',
  };
}
