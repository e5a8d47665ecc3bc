// China time (UTC+8, no DST). Instants are epoch-ms numbers named …At; calendar days are
// 'YYYY-MM-DD' strings named …On and always mean the day in China, whatever the host's TZ.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { z } from './zod-setup';

dayjs.extend(utc);

export const CHINA_UTC_OFFSET_MINUTES = 480;
const OFFSET_MS = CHINA_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const Day = z.string().refine(isDay, 'expected a calendar day YYYY-MM-DD');
export type Day = z.infer<typeof Day>;

export function isDay(value: string): boolean {
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A dayjs in China time, for formatting and calendar arithmetic. */
export function chinaTime(at: number | Date): dayjs.Dayjs {
  return dayjs.utc(at).utcOffset(CHINA_UTC_OFFSET_MINUTES);
}

/** Instants whose China date has a four-digit year (toISOString's plain form). */
const MIN_ISO_MS = Date.parse('0000-01-01T00:00:00Z') - OFFSET_MS;
const MAX_ISO_MS = Date.parse('9999-12-31T23:59:59.999Z') - OFFSET_MS;

/** The China calendar day of an instant. */
export function dayOf(at: number | Date): Day {
  // The shifted instant's UTC date is the China date: ~8× cheaper than a dayjs format (every
  // check-in stamps its day). Years outside 0000–9999 and invalid instants keep dayjs's answer.
  const ms = typeof at === 'number' ? at : at.getTime();
  if (ms >= MIN_ISO_MS && ms <= MAX_ISO_MS) return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
  return chinaTime(at).format('YYYY-MM-DD');
}


/** Epoch ms of 00:00 China time on `on`. */
export function startOfDay(on: Day): number {
  const m = DAY_RE.exec(on);
  if (!m || !isDay(on)) throw new RangeError(`not a calendar day: ${on}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - OFFSET_MS;
}

/** Epoch ms of 00:00 China time on the day after `on` (exclusive end of the day). */
export function endOfDay(on: Day): number {
  return startOfDay(on) + DAY_MS;
}

export function addDays(on: Day, days: number): Day {
  return dayOf(startOfDay(on) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((startOfDay(to) - startOfDay(from)) / DAY_MS);
}

export function formatChina(at: number | Date, pattern = 'YYYY-MM-DD HH:mm'): string {
  return chinaTime(at).format(pattern);
}

/** Whole years of age on day `on` (both 'YYYY-MM-DD'); someone born on 29 Feb ages on 1 Mar. */
export function ageOn(birthDate: Day, on: Day): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}
