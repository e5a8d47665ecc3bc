// Display formats, always in China time whatever the phone's zone, in words an older reader knows.
import { chinaTime } from '../core/index';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 12月3日（周四）09:30 */
export function dateTime(at: number): string {
  const t = chinaTime(at);
  return `${t.month() + 1}月${t.date()}日（周${WEEKDAYS[t.day()]}）${t.format('HH:mm')}`;
}

/** 12月3日 09:30–11:30, or with the end date when it is another day. */
export function timeRange(startAt: number, endAt: number): string {
  const s = chinaTime(startAt);
  const e = chinaTime(endAt);
  const sameDay = s.format('YYYY-MM-DD') === e.format('YYYY-MM-DD');
  return `${dateTime(startAt)}–${sameDay ? e.format('HH:mm') : `${e.month() + 1}月${e.date()}日 ${e.format('HH:mm')}`}`;
}

/** 'YYYY-MM-DD' → 2026年12月3日 */
export function day(on: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(on);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : on;
}

/** 90 → 1.5小时; 45 → 45分钟 */
export function minutes(total: number): string {
  if (Math.abs(total) < 60) return `${total}分钟`;
  const hours = Math.round((total / 60) * 100) / 100;
  return `${hours}小时`;
}

/** Fen → ¥12.50 */
export function yuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

/** A countdown in whole units: 还剩2天3小时 / 还剩45分钟 / 已超时 */
export function countdown(deadline: number, now: number): { text: string; overdue: boolean; urgent: boolean } {
  const ms = deadline - now;
  if (ms <= 0) return { text: '已超时', overdue: true, urgent: true };
  const mins = Math.ceil(ms / 60_000);
  const d = Math.floor(mins / 1440);
  const h = Math.floor((mins % 1440) / 60);
  const m = mins % 60;
  const text = d > 0 ? `还剩${d}天${h}小时` : h > 0 ? `还剩${h}小时${m}分钟` : `还剩${m}分钟`;
  return { text, overdue: false, urgent: ms < 86_400_000 };
}
