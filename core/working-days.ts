// Working days (工作日) for every legal deadline counted in them: the service record within 10
// working days (办法 §11), receipt disclosure within 7 working days (B8). Monday to Friday, minus the
// configured public holidays, plus the configured make-up working days (调休 weekends). Pure: the
// server passes the table from configuration (PUBLIC_HOLIDAYS, MAKEUP_WORKDAYS; server/holidays.ts).
import { addDays, Day, startOfDay } from './time';

export interface HolidayTable {
  /** Days off although they fall on Monday–Friday (e.g. 2026-10-01). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休). */
  makeupWorkdays: ReadonlySet<string>;
}

export const NO_HOLIDAYS: HolidayTable = { holidays: new Set(), makeupWorkdays: new Set() };

/** Day of the week of a China calendar day, 0 = Sunday. */
export function weekdayOf(on: Day): number {
  // startOfDay is 00:00 China time = 16:00 UTC the day before; +8 h lands on the day itself in UTC.
  return new Date(startOfDay(on) + 8 * 3600_000).getUTCDay();
}

export function isWorkingDay(on: Day, table: HolidayTable = NO_HOLIDAYS): boolean {
  if (table.makeupWorkdays.has(on)) return true;
  if (table.holidays.has(on)) return false;
  const wd = weekdayOf(on);
  return wd !== 0 && wd !== 6;
}

/** The n-th working day after `on` (n ≥ 1); `on` itself does not count. */
export function addWorkingDays(on: Day, n: number, table: HolidayTable = NO_HOLIDAYS): Day {
  if (!Number.isInteger(n) || n < 1 || n > 3660) throw new RangeError(`working days must be 1..3660, got ${n}`);
  let day = on;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, table)) left -= 1;
  }
  return day;
}

/** Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: Day, to: Day, table: HolidayTable = NO_HOLIDAYS): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, table)) count += 1;
  return count;
}

/** Parses a comma-separated list of days; throws naming the bad entry. */
export function parseDayList(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.split(',')) {
    const d = raw.trim();
    if (!d) continue;
    if (!Day.safeParse(d).success) throw new RangeError(`not a calendar day YYYY-MM-DD: '${d.slice(0, 20)}'`);
    out.add(d);
  }
  return out;
}
