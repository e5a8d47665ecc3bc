import { addWorkingDays, isWorkingDay, NO_HOLIDAYS, parseDayList, weekdayOf, workingDaysBetween, HolidayTable } from '../../core';

// 2026 National Day: 1–7 October off (Thu 1 – Wed 7), with Sat 10 October a make-up working day.
const NATIONAL_DAY: HolidayTable = {
  holidays: parseDayList('2026-10-01,2026-10-02,2026-10-05,2026-10-06,2026-10-07'),
  makeupWorkdays: parseDayList('2026-10-10'),
};

describe('working days', () => {
  test('weekdays in China time whatever the host zone', () => {
    expect(weekdayOf('2026-12-02')).toBe(3); // a Wednesday
    expect(weekdayOf('2026-12-06')).toBe(0);
  });

  test.each([
    ['2026-12-04', 1, NO_HOLIDAYS, '2026-12-07'], // Friday + 1 → Monday
    ['2026-12-02', 7, NO_HOLIDAYS, '2026-12-11'],
    ['2026-12-02', 10, NO_HOLIDAYS, '2026-12-16'],
    ['2026-09-30', 1, NATIONAL_DAY, '2026-10-08'], // the holiday week is skipped
    ['2026-10-08', 2, NATIONAL_DAY, '2026-10-10'], // Friday 9th, then the make-up Saturday
    ['2026-09-30', 3, NATIONAL_DAY, '2026-10-10'],
  ])('%s + %i working days = %s', (on, n, table, due) => expect(addWorkingDays(on, n as number, table as HolidayTable)).toBe(due));

  test('holidays and make-up days decide over the weekday', () => {
    expect(isWorkingDay('2026-10-01', NATIONAL_DAY)).toBe(false);
    expect(isWorkingDay('2026-10-10', NATIONAL_DAY)).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(false);
  });

  test('between counts the days after the first up to the last', () => {
    expect(workingDaysBetween('2026-12-02', '2026-12-02')).toBe(0);
    expect(workingDaysBetween('2026-12-04', '2026-12-07')).toBe(1);
    expect(workingDaysBetween('2026-09-30', '2026-10-10', NATIONAL_DAY)).toBe(3);
  });

  test('bad input is refused, naming it', () => {
    expect(() => addWorkingDays('2026-12-02', 0)).toThrow(RangeError);
    expect(() => parseDayList('2026-10-01, 2026-13-01')).toThrow(/2026-13-01/);
    expect(parseDayList(' , ')).toEqual(new Set());
  });
});
