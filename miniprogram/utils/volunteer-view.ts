// The volunteer's own screens: card, records, time bank, certificates.
import type { CertificateRevocation, CertificateStatement, LedgerEntry, ServiceRecordView, VolunteerSelf } from '../core/index';
import { dateTime, day, minutes } from './format';
import { revocationText } from './volunteer-card';

const STATUS: Record<string, string> = { pending: '审核中', verified: '已认证', rejected: '未通过审核', erased: '已注销' };

export interface CardView {
  name: string;
  volunteerNo: string;
  status: string;
  statusText: string;
  stars: string;
  starsLabel: string;
  hours: string;
  next: string;
  rejectReason: string;
  insurance: string;
}

export function cardView(v: VolunteerSelf): CardView {
  return {
    name: v.maskedName,
    volunteerNo: v.volunteerNo,
    status: v.status,
    statusText: STATUS[v.status] ?? v.status,
    stars: v.stars > 0 ? '★'.repeat(v.stars) : '',
    starsLabel: v.stars > 0 ? `${v.stars}星志愿者` : '还没有星级',
    hours: minutes(v.totalMinutes),
    next: v.hoursToNext === null ? '已达到最高星级' : `再服务${v.hoursToNext}小时升一星`,
    rejectReason: v.rejectReason ?? '',
    insurance: v.insuranceUntil ? `保险有效期至${dateTime(v.insuranceUntil).replace(/（.*$/, '')}` : '暂无志愿者保险记录',
  };
}

const RECORD_STATUS: Record<string, string> = { draft: '待确认', confirmed: '已记录', void: '已作废' };

export interface RecordRow {
  recordId: string;
  title: string;
  date: string;
  hours: string;
  statusText: string;
  confirmed: boolean;
  due: string;
  overdue: boolean;
  place: string;
  /** Correction panel state for this row. */
  panel: boolean;
  requested: boolean;
  minutesInput: string;
  noteInput: string;
  error: string;
  busy: boolean;
}

export function recordRow(r: ServiceRecordView): RecordRow {
  return {
    recordId: r.recordId,
    title: r.activityTitle,
    date: day(r.date),
    hours: minutes(r.minutes),
    statusText: RECORD_STATUS[r.status] ?? r.status,
    confirmed: r.status === 'confirmed',
    due: r.status === 'draft' ? `应在${day(r.dueOn)}前确认` : '',
    overdue: r.status === 'draft' && r.overdue,
    place: r.place,
    panel: false,
    requested: false,
    minutesInput: String(r.minutes),
    noteInput: '',
    error: '',
    busy: false,
  };
}

const LEDGER_KIND: Record<string, string> = {
  credit: '服务存入',
  'transfer-out': '转给家人',
  'transfer-in': '家人转入',
  donation: '捐给社区',
  redemption: '兑换服务',
};

export interface LedgerRow {
  entryId: string;
  kind: string;
  amount: string;
  at: string;
  note: string;
  positive: boolean;
}

export function ledgerRow(e: LedgerEntry): LedgerRow {
  return {
    entryId: e.entryId,
    kind: LEDGER_KIND[e.kind] ?? e.kind,
    amount: `${e.minutes >= 0 ? '+' : '−'}${minutes(Math.abs(e.minutes))}`,
    at: dateTime(e.at),
    note: e.note ?? '',
    positive: e.minutes >= 0,
  };
}

/** Parses a typed number of hours (e.g. "1.5") into whole minutes; null when not a positive amount. */
export function hoursToMinutes(text: string): number | null {
  const n = Number(text.trim());
  if (!Number.isFinite(n) || n <= 0) return null;
  const m = Math.round(n * 60);
  return m >= 1 ? m : null;
}

export interface CertificateRow {
  certificateNo: string;
  checkCode: string;
  /** Empty while valid; why and since when it no longer is (utils/volunteer-card.ts). */
  revoked: string;
  issued: string;
  period: string;
  hours: string;
  lines: string[];
}

export function certificateRow(c: CertificateStatement & { checkCode: string; revocation: CertificateRevocation | null }): CertificateRow {
  return {
    certificateNo: c.certificateNo,
    checkCode: c.checkCode,
    revoked: revocationText(c.revocation),
    issued: day(c.issuedOn),
    period: `${c.periodFrom ? day(c.periodFrom) : '注册起'}至${day(c.periodTo)}`,
    hours: `${c.hours}小时（${c.records}次服务）`,
    lines: [
      '志愿服务证明',
      `兹证明 ${c.name}（身份证号 ${c.maskedIdNumber}，志愿者编号 ${c.volunteerNo}）`,
      `于${c.periodFrom ? day(c.periodFrom) : '注册以来'}至${day(c.periodTo)}参加志愿服务`,
      `累计服务 ${c.hours} 小时，共 ${c.records} 次。`,
      ...c.contents.map((l) => `${l.category}：${l.activities}次，${minutes(l.minutes)}`),
      `记录单位：${c.recordingOrganization}`,
      `证明编号：${c.certificateNo}`,
      `验证码：${c.checkCode}`,
      `开具日期：${day(c.issuedOn)}`,
    ],
  };
}
