// CloudBase timer-trigger cron: SEVEN space-separated fields, second minute hour day month weekday
// year (WeChat cloud docs "定时触发器"; docs.cloudbase.net "tcb fn trigger"). No npm cron library
// is installed and the common ones speak 5/6-field Unix/Quartz dialects (different weekday
// numbering, `?`, `L`, no year), so this is a small evaluator of exactly the documented syntax:
//   * every value · a,b list · a-b range · */n, a/n, a-b/n steps · month JAN–DEC · weekday SUN–SAT
//   (0 = Sunday, 6 = Saturday; 7 is not accepted) · year 1970–2099.
// When day and weekday are both restricted, a day matching EITHER fires (docs: "两者为或关系").
// Times are evaluated in China time (UTC+8, no daylight saving), as CloudBase fires in Beijing time.

export interface CronField {
  /** Allowed values (sorted, deduplicated). */
  values: number[];
  /** The field was a bare `*`: matters only for the day/weekday rule. */
  star: boolean;
}

export interface CronSchedule {
  source: string;
  second: CronField;
  minute: CronField;
  hour: CronField;
  day: CronField;
  month: CronField;
  weekday: CronField;
  year: CronField;
}

export class CronError extends Error {
  constructor(
    readonly expression: string,
    detail: string,
  ) {
    super(`invalid cron "${expression}": ${detail}`);
    this.name = 'CronError';
  }
}

interface FieldSpec {
  key: Exclude<keyof CronSchedule, 'source'>;
  label: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const FIELDS: readonly FieldSpec[] = [
  { key: 'second', label: 'second', min: 0, max: 59 },
  { key: 'minute', label: 'minute', min: 0, max: 59 },
  { key: 'hour', label: 'hour', min: 0, max: 23 },
  { key: 'day', label: 'day of month', min: 1, max: 31 },
  { key: 'month', label: 'month', min: 1, max: 12, names: MONTHS },
  { key: 'weekday', label: 'day of week', min: 0, max: 6, names: WEEKDAYS },
  { key: 'year', label: 'year', min: 1970, max: 2099 },
];

/** China Standard Time: UTC+8 all year (China has had no daylight saving since 1991). */
export const CHINA_OFFSET_MS = 8 * 3600_000;

/** Parses and checks an expression; throws CronError naming the field and the problem. */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/).filter(Boolean);
  if (parts.length !== FIELDS.length) {
    // The usual mistake is a 5-field Unix cron: say what CloudBase expects instead.
    throw new CronError(
      expression,
      `expected 7 fields (second minute hour day month weekday year), got ${parts.length}; e.g. "0 30 2 * * * *" is 02:30:00 every day`,
    );
  }
  const schedule = { source: expression } as CronSchedule;
  FIELDS.forEach((spec, i) => {
    schedule[spec.key] = parseField(expression, spec, parts[i]);
  });
  // "需要考虑月的天数": a day that no allowed month has (30 FEB) would never fire; say so now
  // rather than leave a trigger that silently never runs.
  if (nextFireTime(schedule, new Date(Date.UTC(1970, 0, 1) - CHINA_OFFSET_MS - 1000)) === undefined) {
    throw new CronError(expression, 'it matches no date between 1970 and 2099');
  }
  return schedule;
}

/** The message of the first problem, or undefined when the expression is valid. */
export function cronProblem(expression: string): string | undefined {
  try {
    parseCron(expression);
    return undefined;
  } catch (e) {
    if (e instanceof CronError) return e.message;
    throw e;
  }
}

function parseField(expression: string, spec: FieldSpec, text: string): CronField {
  const fail = (detail: string): never => {
    throw new CronError(expression, `${spec.label} "${text}": ${detail}`);
  };
  const bad = /[^0-9A-Za-z,*\/-]/.exec(text);
  if (bad) fail(`"${bad[0]}" is not supported (CloudBase cron allows only numbers${spec.names ? ', names' : ''} and , - * /)`);
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') fail('empty list item');
    const [rangeText, stepText, extra] = item.split('/');
    if (extra !== undefined) fail(`"${item}" has more than one /`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText)) fail(`step "${stepText}" is not a positive integer`);
      step = Number(stepText);
      if (step < 1) fail('a step must be at least 1');
    }
    let lo: number;
    let hi: number;
    if (rangeText === '*') {
      lo = spec.min;
      hi = spec.max;
    } else if (rangeText.includes('-')) {
      const [a, b, more] = rangeText.split('-');
      if (more !== undefined || a === '' || b === '') fail(`"${rangeText}" is not a range a-b`);
      lo = value(a, spec, fail);
      hi = value(b, spec, fail);
      if (lo > hi) fail(`range ${a}-${b} runs backwards (write it as a list of two ranges)`);
    } else {
      lo = value(rangeText, spec, fail);
      // "a/n" means a, a+n, … up to the field's maximum (docs: 1/10 in minutes is 1, 11, 21, …).
      hi = stepText === undefined ? lo : spec.max;
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return { values: [...values].sort((a, b) => a - b), star: text === '*' };
}

function value(token: string, spec: FieldSpec, fail: (detail: string) => never): number {
  let n: number;
  if (/^\d+$/.test(token)) {
    n = Number(token);
  } else {
    const i = spec.names?.indexOf(token.toUpperCase() as never) ?? -1;
    if (i < 0) {
      return fail(spec.names ? `"${token}" is neither a number nor one of ${spec.names.join(' ')}` : `"${token}" is not a number`);
    }
    n = i + (spec.key === 'month' ? 1 : 0);
  }
  if (n < spec.min || n > spec.max) {
    const hint = spec.key === 'weekday' && n === 7 ? ' (Sunday is 0)' : '';
    fail(`${n} is out of range ${spec.min}-${spec.max}${hint}`);
  }
  return n;
}

/** China wall-clock fields of an instant. */
export function chinaTime(at: Date): { year: number; month: number; day: number; weekday: number; hour: number; minute: number; second: number } {
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** Whether the schedule fires at this instant's second (milliseconds are ignored). */
export function cronMatches(s: CronSchedule, at: Date): boolean {
  const t = chinaTime(at);
  return (
    has(s.second, t.second) &&
    has(s.minute, t.minute) &&
    has(s.hour, t.hour) &&
    has(s.month, t.month) &&
    has(s.year, t.year) &&
    dayMatches(s, t.day, t.weekday)
  );
}

function has(f: CronField, v: number): boolean {
  return f.values.includes(v);
}

function dayMatches(s: CronSchedule, day: number, weekday: number): boolean {
  if (s.day.star || s.weekday.star) return has(s.day, day) && has(s.weekday, weekday);
  return has(s.day, day) || has(s.weekday, weekday);
}

/**
 * The first fire time strictly after `after`, or undefined when there is none before 2100.
 * Walks China wall time field by field, jumping to the start of the next year/month/day/hour/
 * minute when a field does not match, so even a yearly schedule takes only a few hundred steps.
 */
export function nextFireTime(s: CronSchedule, after: Date): Date | undefined {
  // Wall time as a UTC-based number: Date.UTC arithmetic then handles month lengths and leap years.
  let w = Math.floor((after.getTime() + CHINA_OFFSET_MS) / 1000) * 1000 + 1000;
  for (;;) {
    const d = new Date(w);
    const [y, mo, da, h, mi, se] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
    if (y > 2099) return undefined;
    if (!has(s.year, y)) w = Date.UTC(y + 1, 0, 1);
    else if (!has(s.month, mo + 1)) w = Date.UTC(y, mo + 1, 1);
    else if (!dayMatches(s, da, d.getUTCDay())) w = Date.UTC(y, mo, da + 1);
    else if (!has(s.hour, h)) w = Date.UTC(y, mo, da, h + 1);
    else if (!has(s.minute, mi)) w = Date.UTC(y, mo, da, h, mi + 1);
    else if (!has(s.second, se)) w += 1000;
    else return new Date(w - CHINA_OFFSET_MS);
  }
}

/** The next `count` fire times after `after` (fewer when the schedule ends before 2100). */
export function nextFireTimes(s: CronSchedule, after: Date, count: number): Date[] {
  const out: Date[] = [];
  let t: Date | undefined = after;
  while (out.length < count && (t = nextFireTime(s, t))) out.push(t);
  return out;
}
