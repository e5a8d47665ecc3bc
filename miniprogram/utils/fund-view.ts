// The community fund (小区公益基金) as staff and its three named signers see it: each fund with its
// balance and who signs, its entries, and each pending disbursement with how many approvals it still
// needs and who may give them (two different signers make it count).
import { FUND_APPROVALS_REQUIRED, isDay, type FundEntryView, type FundSignerRole, type FundView } from '../core/index';
import { day, yuan } from './format';
import { yuanToFen } from './wish-view';

export const SIGNER_ROLE: Record<FundSignerRole, string> = { convener: '召集人', committeeMember: '委员', residentRep: '居民代表' };
const ROLES = Object.keys(SIGNER_ROLE) as FundSignerRole[];
const ENTRY_STATUS: Record<string, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回', recorded: '已入账' };
export const DISBURSEMENT_REJECT_REASONS = ['用途不符合基金章程', '凭证不全，请补充', '金额需要重新核实'];

/** The signer roles `openid` holds in this fund (one person could hold two). */
export function rolesOf(f: FundView, openid: string): FundSignerRole[] {
  return ROLES.filter((r) => f.signers[r] === openid);
}

export interface FundCard {
  id: string;
  name: string;
  balance: string;
  totals: string;
  signers: string;
}

export function fundCard(f: FundView, me: string): FundCard {
  const mine = rolesOf(f, me).map((r) => SIGNER_ROLE[r]);
  return {
    id: f.id,
    name: f.name,
    balance: `余额 ${yuan(f.balanceFen)}，待批 ${yuan(f.pendingFen)}`,
    totals: `累计收入 ${yuan(f.incomeFen)}，支出 ${yuan(f.spentFen)}`,
    signers: `签字人：召集人、委员、居民代表${mine.length ? `（您是${mine.join('、')}）` : ''}`,
  };
}

export interface DisbursementRow {
  id: string;
  fundId: string;
  fund: string;
  title: string;
  detail: string;
  /** Who approved, how many more are needed and who may give them. */
  approvals: string;
  /** Why this caller has no buttons (not a signer, or already approved), or ''. */
  notice: string;
  canDecide: boolean;
  pending: boolean;
  statusText: string;
  version: number;
  rejectOpen: boolean;
  busy: boolean;
  error: string;
}

export function disbursementRow(e: FundEntryView, f: FundView, me: string): DisbursementRow {
  const approvedRoles = e.approvals.map((a) => a.role);
  const approvedBy = new Set(e.approvals.map((a) => a.openid));
  const missing = Math.max(0, FUND_APPROVALS_REQUIRED - approvedBy.size);
  const others = ROLES.filter((r) => !approvedBy.has(f.signers[r])).map((r) => SIGNER_ROLE[r]);
  const pending = e.status === 'pending';
  const given = approvedRoles.length ? `已同意：${approvedRoles.map((r) => SIGNER_ROLE[r]).join('、')}。` : '还没有人同意。';
  const approvals = pending ? `${given}还需${missing}位签字人同意，可由${others.join('、')}中的${missing === 1 ? '一位' : '两位'}同意。` : given;
  const mySigner = rolesOf(f, me).length > 0;
  const iApproved = approvedBy.has(me);
  const notice = !pending ? '' : !mySigner ? '只有本基金的三位签字人可以审批，您可以提醒他们。' : iApproved ? '您已同意，等待另一位签字人。' : '';
  return {
    id: e.id,
    fundId: f.id,
    fund: f.name,
    title: `${yuan(e.amountFen)} · ${e.purpose}`,
    detail: `收款方：${e.counterpart}，${day(e.on)}`,
    approvals,
    notice,
    canDecide: pending && mySigner && !iApproved,
    pending,
    statusText: ENTRY_STATUS[e.status] ?? e.status,
    version: e.version,
    rejectOpen: false,
    busy: false,
    error: '',
  };
}

export interface EntryRow {
  id: string;
  title: string;
  detail: string;
  statusText: string;
  income: boolean;
}

export function entryRow(e: FundEntryView): EntryRow {
  const income = e.kind === 'income';
  return {
    id: e.id,
    title: `${income ? '收入' : '支出'} ${yuan(e.amountFen)} · ${e.purpose}`,
    detail: `${income ? '捐赠方' : '收款方'}：${e.counterpart}，${day(e.on)}`,
    statusText: ENTRY_STATUS[e.status] ?? e.status,
    income,
  };
}

/** The income / disbursement form, as typed. */
export interface FundForm {
  amount: string;
  counterpart: string;
  purpose: string;
  receivedOn: string;
  showName: boolean;
}

export type FundFormMode = 'income' | 'disbursement';

export function buildFundForm(mode: FundFormMode, f: FundForm, today: string) {
  const errors: Record<string, string> = {};
  const amountFen = yuanToFen(f.amount);
  if (amountFen === null) errors.amount = '请填写金额（元），例如 300';
  if (!f.counterpart.trim()) errors.counterpart = mode === 'income' ? '请填写捐赠方' : '请填写收款方';
  if (!f.purpose.trim()) errors.purpose = '请填写用途';
  if (mode === 'income' && (!isDay(f.receivedOn.trim()) || f.receivedOn.trim() > today)) errors.receivedOn = '请填写收到的日期，例如 2026-12-01，不能晚于今天';
  if (Object.keys(errors).length || amountFen === null) return { errors };
  const common = { amountFen, purpose: f.purpose.trim() };
  return {
    errors,
    income: mode === 'income' ? { ...common, donorName: f.counterpart.trim(), showName: f.showName, receivedOn: f.receivedOn.trim() } : undefined,
    disbursement: mode === 'disbursement' ? { ...common, payee: f.counterpart.trim() } : undefined,
  };
}
