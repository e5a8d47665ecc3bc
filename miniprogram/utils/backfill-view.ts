// Asking for a back-fill (补录) of a service record: the staff member who asks is its first approver,
// a second one approves it on the review page. The form is checked here before anything is sent.
import type { ActivitySummary } from '../core/index';
import { minutes, timeRange } from './format';
import { hoursToMinutes } from './volunteer-view';

export interface BackfillActivity {
  id: string;
  title: string;
  when: string;
  /** The activity's length: a back-fill may not exceed it (backfill.exceeds_activity). */
  lengthMinutes: number;
}

export function backfillActivity(a: ActivitySummary): BackfillActivity {
  return { id: a.activityId, title: a.title, when: timeRange(a.startAt, a.endAt), lengthMinutes: Math.floor((a.endAt - a.startAt) / 60_000) };
}

export interface BackfillForm {
  hours: string;
  evidence: string;
  note: string;
}

/** The form as it opens: the whole activity's length, which staff shorten when the person left early. */
export function blankBackfillForm(a: BackfillActivity): BackfillForm {
  return { hours: String(Math.round((a.lengthMinutes / 60) * 100) / 100), evidence: '', note: '' };
}

export function buildBackfill(f: BackfillForm, a: BackfillActivity): { input?: { minutes: number; evidence: string; note: string }; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const mins = hoursToMinutes(f.hours);
  const evidence = f.evidence.trim();
  const note = f.note.trim();
  if (mins === null) errors.minutes = '请填写补录的小时数，例如 2.5';
  else if (mins > a.lengthMinutes) errors.minutes = `不能超过活动时长${minutes(a.lengthMinutes)}`;
  if (evidence.length < 10) errors.evidence = '请写明证明材料（至少10个字），例如：纸质签到表照片，队长签字';
  else if (evidence.length > 500) errors.evidence = '证明材料最多500个字';
  if (note.length < 2) errors.note = '请写一句为什么要补录';
  else if (note.length > 200) errors.note = '说明最多200个字';
  if (Object.keys(errors).length || mins === null) return { errors };
  return { input: { minutes: mins, evidence, note }, errors };
}
