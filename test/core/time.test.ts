import fc from 'fast-check';
import { addDays, ageOn, chinaTime, Day, dayOf, daysBetween, endOfDay, formatChina, isDay, startOfDay } from '../../core';

describe('China time', () => {
  test('an instant belongs to its China calendar day, whatever the host time zone', () => {
    // 2024-01-31T16:30Z is 00:30 on 1 February in Beijing.
    expect(dayOf(Date.UTC(2024, 0, 31, 16, 30))).toBe('2024-02-01');
    expect(dayOf(Date.UTC(2024, 0, 31, 15, 59))).toBe('2024-01-31');
    expect(formatChina(Date.UTC(2024, 0, 31, 16, 30))).toBe('2024-02-01 00:30');
  });

  test('dayOf agrees with the dayjs China-time calendar for any instant, Dates and the edges of year 0–9999 included', () => {
    const viaDayjs = (at: number) => chinaTime(at).format('YYYY-MM-DD');
    fc.assert(
      fc.property(fc.integer({ min: -64_000_000_000_000, max: 254_000_000_000_000 }), (at) => {
        expect(dayOf(at)).toBe(viaDayjs(at));
        expect(dayOf(new Date(at))).toBe(viaDayjs(at));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
    for (const at of [Date.parse('0000-01-01T00:00:00Z') - 8 * 3_600_000, Date.parse('9999-12-31T16:00:00Z') - 1, Date.parse('9999-12-31T16:00:00Z'), NaN]) {
      expect(dayOf(at)).toBe(viaDayjs(at));
    }
  });

  test('a day starts at 16:00 UTC of the previous day and lasts 24 h', () => {
    expect(startOfDay('2024-02-01')).toBe(Date.UTC(2024, 0, 31, 16, 0));
    expect(endOfDay('2024-02-01') - startOfDay('2024-02-01')).toBe(86_400_000);
    expect(dayOf(startOfDay('2024-02-01'))).toBe('2024-02-01');
    expect(dayOf(endOfDay('2024-02-01') - 1)).toBe('2024-02-01');
  });

  test('day arithmetic crosses months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2024-01-10', '2024-01-01')).toBe(-9);
  });

  test('only real calendar days are days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('2024-13-01')).toBe(false);
    expect(isDay('2024-1-01')).toBe(false);
    expect(Day.safeParse('2024-04-31').success).toBe(false);
    expect(() => startOfDay('2024-02-30')).toThrow(RangeError);
  });
});

describe('ageOn', () => {
  test.each([
    ['2010-06-15', '2026-06-14', 15],
    ['2010-06-15', '2026-06-15', 16],
    ['2008-02-29', '2026-02-28', 17], // a 29 February birthday ages on 1 March in other years
    ['2008-02-29', '2026-03-01', 18],
    ['1949-12-31', '2026-12-02', 76],
  ])('born %s, on %s: %i', (birth, on, age) => expect(ageOn(birth, on)).toBe(age));
});
