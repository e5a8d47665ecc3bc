// Closing an activity (活动收尾): after its end an organizer finishes attendance (draft service records
// are written), then staff confirm the records (the time bank is credited; 办法 §11 gives them 10
// working days). One row shape for both steps.
import type { ActivitySummary, ServiceRecordView } from '../core/index';
import { minutes, timeRange } from './format';

export type ClosingStep = 'finish' | 'confirm';

export interface ClosingRow {
  id: string;
  title: string;
  when: string;
  /** finish: the end has passed (the server refuses before it, activity.not_over). */
  canAct: boolean;
  /** confirm: the records read so far, one line each, and whether their panel is open. */
  records: string[];
  drafts: number;
  recordsOpen: boolean;
  busy: boolean;
  error: string;
  done: string;
}

export function closingRow(a: ActivitySummary, step: ClosingStep, now: number): ClosingRow {
  return {
    id: a.activityId,
    title: a.title,
    when: timeRange(a.startAt, a.endAt),
    canAct: step === 'confirm' || a.endAt <= now,
    records: [],
    drafts: 0,
    recordsOpen: false,
    busy: false,
    error: '',
    done: '',
  };
}

const STATUS: Record<string, string> = { draft: '待确认', confirmed: '已确认', void: '已作废' };

export function recordLine(r: ServiceRecordView): string {
  return `${r.volunteerNo} · ${minutes(r.minutes)} · ${STATUS[r.status] ?? r.status}`;
}

export function finishedText(r: { records: number; unconfirmedAttendance: number }): string {
  return `已结束考勤，生成${r.records}条服务记录${r.unconfirmedAttendance ? `；还有${r.unconfirmedAttendance}人的考勤要队长在名单里确认` : ''}`;
}

export function confirmedText(r: { confirmed: number; closed: boolean }): string {
  return `已确认${r.confirmed}条，时长已记入志愿者的时间银行${r.closed ? '；活动已关闭' : '；还有考勤待确认，确认后再来'}`;
}
