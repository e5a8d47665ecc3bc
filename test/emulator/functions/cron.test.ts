// CloudBase's 7-field timer cron: parsing, matching in China time (UTC+8), next fire times.
import { CronError, chinaTime, cronMatches, cronProblem, nextFireTime, nextFireTimes, parseCron } from '../../../emulator/functions/cron';

/** An instant given as China wall time, "YYYY-MM-DD hh:mm:ss". */
function cst(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}+08:00`);
}

/** Fire times rendered back as China wall time. */
function walls(dates: Date[]): string[] {
  return dates.map((d) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '));
}

describe('parseCron', () => {
  test('fields: *, lists, ranges, steps', () => {
    const s = parseCron('*/15 1,2,5 9-11 1-10/3 * * *');
    expect(s.second.values).toEqual([0, 15, 30, 45]);
    expect(s.minute.values).toEqual([1, 2, 5]);
    expect(s.hour.values).toEqual([9, 10, 11]);
    expect(s.day.values).toEqual([1, 4, 7, 10]);
    expect(s.month.values).toHaveLength(12);
    expect(s.year.values[0]).toBe(1970);
    expect(s.year.values.at(-1)).toBe(2099);
  });

  test('a/n steps from a up to the maximum (the docs: 1/10 minutes is 1, 11, 21, …)', () => {
    expect(parseCron('0 1/10 * * * * *').minute.values).toEqual([1, 11, 21, 31, 41, 51]);
    expect(parseCron('0 0 0 */10 * * *').day.values).toEqual([1, 11, 21, 31]);
  });

  test('month and weekday names, any case, in ranges and lists; weekday 0 is Sunday', () => {
    expect(parseCron('0 0 0 * JAN-MAR,dec * *').month.values).toEqual([1, 2, 3, 12]);
    expect(parseCron('0 15 10 * * MON-FRI *').weekday.values).toEqual([1, 2, 3, 4, 5]);
    expect(parseCron('0 0 12 * * sun,Sat *').weekday.values).toEqual([0, 6]);
    expect(parseCron('0 0 12 * * 0-6/2 *').weekday.values).toEqual([0, 2, 4, 6]);
  });

  test.each([
    ['0 0 2 * *', /expected 7 fields .* got 5/],
    ['0 0 2 1 * * * *', /expected 7 fields .* got 8/],
    ['', /expected 7 fields .* got 0/],
    ['60 * * * * * *', /second "60": 60 is out of range 0-59/],
    ['0 0 24 * * * *', /hour "24": 24 is out of range 0-23/],
    ['0 0 0 0 * * *', /day of month "0": 0 is out of range 1-31/],
    ['0 0 0 * 13 * *', /month "13": 13 is out of range 1-12/],
    ['0 0 0 * * 7 *', /day of week "7": 7 is out of range 0-6 \(Sunday is 0\)/],
    ['0 0 0 * * * 2100', /year "2100": 2100 is out of range 1970-2099/],
    ['0 0 0 ? * MON *', /day of month "\?": "\?" is not supported/],
    ['0 0 0 L * * *', /day of month "L": "L" is neither a number nor|"L" is not a number/],
    ['0 0 0 * * MON#2 *', /"#" is not supported/],
    ['0 0 0 * FOO * *', /month "FOO": "FOO" is neither a number nor one of JAN/],
    ['0 0 0 * * FRI-MON *', /range FRI-MON runs backwards/],
    ['*/0 * * * * * *', /a step must be at least 1/],
    ['*/x * * * * * *', /step "x" is not a positive integer/],
    ['1,,2 * * * * * *', /empty list item/],
    ['1-2-3 * * * * * *', /not a range a-b/],
    ['0 0 0 30 2 * *', /matches no date between 1970 and 2099/],
    ['0 0 0 * * * 1969', /year "1969": 1969 is out of range/],
  ])('refuses %j with a clear message', (expr, message) => {
    expect(() => parseCron(expr)).toThrow(CronError);
    expect(() => parseCron(expr)).toThrow(message);
    expect(cronProblem(expr)).toMatch(/^invalid cron/);
  });

  test('the messages quote the expression', () => {
    expect(cronProblem('0 0 25 * * * *')).toBe('invalid cron "0 0 25 * * * *": hour "25": 25 is out of range 0-23');
    expect(cronProblem('0 0 2 1 * * *')).toBeUndefined();
  });
});

describe('cronMatches (China time)', () => {
  test('02:00:00 on the 1st of each month, Beijing time, is 18:00 UTC the day before', () => {
    const s = parseCron('0 0 2 1 * * *');
    expect(cronMatches(s, cst('2025-03-01 02:00:00'))).toBe(true);
    expect(cronMatches(s, new Date('2025-02-28T18:00:00Z'))).toBe(true);
    expect(cronMatches(s, new Date('2025-03-01T02:00:00Z'))).toBe(false);
    expect(cronMatches(s, cst('2025-03-01 02:00:01'))).toBe(false);
    // Milliseconds do not matter: the second does.
    expect(cronMatches(s, new Date(cst('2025-03-01 02:00:00').getTime() + 999))).toBe(true);
  });

  test('weekday names follow China dates, not UTC dates', () => {
    const s = parseCron('0 30 7 * * MON *');
    // Monday 2025-03-03 07:30 in Beijing is Sunday 23:30 UTC.
    expect(chinaTime(cst('2025-03-03 07:30:00')).weekday).toBe(1);
    expect(cronMatches(s, cst('2025-03-03 07:30:00'))).toBe(true);
    expect(cronMatches(s, cst('2025-03-04 07:30:00'))).toBe(false);
  });

  test('day and weekday both given: either one fires (CloudBase: "或" relation)', () => {
    const s = parseCron('0 0 9 13 * FRI *');
    expect(cronMatches(s, cst('2025-06-13 09:00:00'))).toBe(true); // a Friday the 13th
    expect(cronMatches(s, cst('2025-05-13 09:00:00'))).toBe(true); // the 13th, a Tuesday
    expect(cronMatches(s, cst('2025-05-16 09:00:00'))).toBe(true); // a Friday
    expect(cronMatches(s, cst('2025-05-15 09:00:00'))).toBe(false);
  });

  test('one of day/weekday is *: only the other one restricts', () => {
    expect(cronMatches(parseCron('0 0 9 13 * * *'), cst('2025-05-16 09:00:00'))).toBe(false);
    expect(cronMatches(parseCron('0 0 9 * * FRI *'), cst('2025-05-13 09:00:00'))).toBe(false);
  });

  test('the year field restricts', () => {
    const s = parseCron('0 0 0 1 1 * 2026,2028');
    expect(cronMatches(s, cst('2026-01-01 00:00:00'))).toBe(true);
    expect(cronMatches(s, cst('2027-01-01 00:00:00'))).toBe(false);
  });
});

describe('next fire times from an instant (China time)', () => {
  test('every 5 seconds, strictly after the instant', () => {
    expect(walls(nextFireTimes(parseCron('*/5 * * * * * *'), cst('2025-01-01 00:00:00'), 3))).toEqual([
      '2025-01-01 00:00:05',
      '2025-01-01 00:00:10',
      '2025-01-01 00:00:15',
    ]);
  });

  test('across midnight in Beijing (16:00 UTC)', () => {
    expect(walls(nextFireTimes(parseCron('0 0 23,0,1 * * * *'), cst('2025-01-01 22:30:00'), 4))).toEqual([
      '2025-01-01 23:00:00',
      '2025-01-02 00:00:00',
      '2025-01-02 01:00:00',
      '2025-01-02 23:00:00',
    ]);
  });

  test('day 31 skips the months that have no 31st; month end across the year', () => {
    expect(walls(nextFireTimes(parseCron('0 0 12 31 * * *'), cst('2025-10-15 00:00:00'), 3))).toEqual([
      '2025-10-31 12:00:00',
      '2025-12-31 12:00:00',
      '2026-01-31 12:00:00',
    ]);
  });

  test('29 February fires only in leap years', () => {
    expect(walls(nextFireTimes(parseCron('0 0 0 29 2 * *'), cst('2025-01-01 00:00:00'), 2))).toEqual(['2028-02-29 00:00:00', '2032-02-29 00:00:00']);
  });

  test('weekdays 10:15, from a Friday evening: next is Monday', () => {
    expect(walls(nextFireTimes(parseCron('0 15 10 * * MON-FRI *'), cst('2025-03-07 18:00:00'), 2))).toEqual([
      '2025-03-10 10:15:00',
      '2025-03-11 10:15:00',
    ]);
  });

  test('a schedule that has ended has no next time', () => {
    expect(nextFireTime(parseCron('0 0 0 1 1 * 2020'), cst('2025-01-01 00:00:00'))).toBeUndefined();
    expect(nextFireTimes(parseCron('0 0 0 1 1 * 2098-2099'), cst('2098-06-01 00:00:00'), 5)).toHaveLength(1);
  });

  test('every fire time found by the walk matches, and no second in between does', () => {
    const s = parseCron('10-20/5 */7 1-3 * * * *');
    const from = cst('2025-02-28 23:00:00');
    const fires = nextFireTimes(s, from, 20);
    expect(fires.every((d) => cronMatches(s, d))).toBe(true);
    const set = new Set(fires.map((d) => d.getTime()));
    for (let t = from.getTime() + 1000; t <= fires.at(-1)!.getTime(); t += 1000) {
      expect(cronMatches(s, new Date(t))).toBe(set.has(t));
    }
  });
});
