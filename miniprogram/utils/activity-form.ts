// The staff's new-activity form: typed date and times (China time) → instants, with plain checks.
import { startOfDay, isDay } from '../core/index';

/** '2026-12-10' + '09:30' (China time) → epoch ms; null when either is not valid. */
export function instantOf(day: string, hhmm: string): number | null {
  const d = day.trim();
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(hhmm.trim());
  if (!isDay(d) || !m) return null;
  return startOfDay(d) + (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}

export interface ActivityFormFields {
  title: string;
  content: string;
  risks: string;
  placeName: string;
  lat: number | null;
  lng: number | null;
  day: string;
  start: string;
  end: string;
  capacity: string;
  leaderName: string;
  organizingUnit: string;
}

export function activityFormProblems(f: ActivityFormFields, now: number): Record<string, string> {
  const p: Record<string, string> = {};
  if (f.title.trim().length < 2) p.title = '请填写活动名称（至少2个字）';
  if (!f.content.trim()) p.content = '请写活动内容';
  if (f.risks.trim().length < 2) p.risks = '请写风险提示；没有特别风险请写“无特殊风险”';
  if (!f.placeName.trim()) p.placeName = '请填写地点名称';
  if (f.lat === null || f.lng === null) p.place = '请在活动地点点“使用我现在的位置”，用于签到范围';
  const s = instantOf(f.day, f.start);
  const e = instantOf(f.day, f.end);
  if (s === null) p.startAt = '日期写成 2026-12-10，时间写成 09:00';
  else if (s <= now) p.startAt = '开始时间需要在现在之后';
  if (e === null) p.endAt = '结束时间写成 11:00';
  else if (s !== null && e <= s) p.endAt = '结束时间需要晚于开始时间';
  const cap = Number(f.capacity);
  if (!Number.isInteger(cap) || cap < 1 || cap > 1000) p.capacity = '请填写1到1000之间的人数';
  if (!f.leaderName.trim()) p.leaderName = '请填写负责人';
  if (f.organizingUnit.trim().length < 2) p.organizingUnit = '请填写组织单位';
  return p;
}
