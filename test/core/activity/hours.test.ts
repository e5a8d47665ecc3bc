// Hours policies (core/activity/hours.ts): each rounding rule, the minimum attendance share and the
// cap at the activity's length, table-driven.
import { attendedMs, HOURS_POLICIES, HoursPolicy, policyVersion, roundMinutes, serviceMinutes } from '../../../core';

describe('roundMinutes', () => {
  test.each([
    // rounding, attended minutes, expected minutes
    ['minute', 0, 0],
    ['minute', 59, 59],
    ['minute', 61.9, 61],
    ['rule-15-45', 0, 0],
    ['rule-15-45', 15, 0],
    ['rule-15-45', 16, 30],
    ['rule-15-45', 45, 30],
    ['rule-15-45', 46, 60],
    ['rule-15-45', 60, 60],
    ['rule-15-45', 75, 60],
    ['rule-15-45', 76, 90],
    ['rule-15-45', 106, 120],
    ['quarter-up', 0, 0],
    ['quarter-up', 1, 15],
    ['quarter-up', 15, 15],
    ['quarter-up', 16, 30],
    ['quarter-up', 119, 120],
    ['six-minute-down', 5, 0],
    ['six-minute-down', 6, 6],
    ['six-minute-down', 59, 54],
    ['six-minute-down', 60, 60],
    ['six-minute-down', 125, 120],
    ['minute', -5, 0],
  ] as const)('%s: %d min → %d', (rounding, attended, expected) => {
    expect(roundMinutes(rounding, attended)).toBe(expected);
  });
});

const policy = (p: Partial<HoursPolicy>): HoursPolicy => ({ id: 't', version: 1, rounding: 'minute', minAttendancePct: 0, capAtActivityLength: true, ...p });

describe('serviceMinutes', () => {
  test.each([
    // policy, attended, activity length, expected
    ['exact, under the length', policy({}), 100, 120, 100],
    ['exact, capped at the length', policy({}), 150, 120, 120],
    ['exact, no cap', policy({ capAtActivityLength: false }), 150, 120, 150],
    ['15/45 rounds up past the length, then capped', policy({ rounding: 'rule-15-45' }), 50, 50, 50],
    ['15/45 without cap', policy({ rounding: 'rule-15-45', capAtActivityLength: false }), 50, 50, 60],
    ['15/45 inside the length', policy({ rounding: 'rule-15-45' }), 100, 180, 90],
    ['quarter hours', policy({ rounding: 'quarter-up' }), 61, 180, 75],
    ['6-minute steps', policy({ rounding: 'six-minute-down' }), 65, 180, 60],
    ['60 %: 59 % attended gives nothing', policy({ minAttendancePct: 60 }), 59, 100, 0],
    ['60 %: exactly 60 % counts', policy({ minAttendancePct: 60 }), 60, 100, 60],
    ['60 %: with rounding', policy({ minAttendancePct: 60, rounding: 'rule-15-45' }), 110, 180, 120],
    ['minimum share of a zero-length activity', policy({ minAttendancePct: 10 }), 30, 0, 0],
    ['nothing attended', policy({ rounding: 'quarter-up' }), 0, 60, 0],
  ] as const)('%s', (_name, p, attended, length, expected) => {
    expect(serviceMinutes(p, attended, length)).toBe(expected);
  });

  test('every named policy stamps id@version and never exceeds the activity length', () => {
    for (const p of Object.values(HOURS_POLICIES)) {
      expect(policyVersion(p)).toBe(`${p.id}@${p.version}`);
      for (const attended of [0, 14, 16, 44, 46, 59, 61, 179, 180, 240]) expect(serviceMinutes(p, attended, 180)).toBeLessThanOrEqual(180);
    }
  });
});

test('attendedMs sums closed sessions only', () => {
  expect(
    attendedMs([
      { inAt: 0, outAt: 30 * 60_000 },
      { inAt: 60 * 60_000, outAt: 90 * 60_000 },
      { inAt: 100 * 60_000, outAt: null },
      { inAt: 200, outAt: 100 },
    ]),
  ).toBe(60 * 60_000);
});

test('attendedMs clipped to the activity: time before the start or after the end does not count', () => {
  const within = { from: 60 * 60_000, to: 180 * 60_000 };
  expect(attendedMs([{ inAt: 0, outAt: 60 * 60_000 }], within)).toBe(0);
  expect(attendedMs([{ inAt: 30 * 60_000, outAt: 90 * 60_000 }], within)).toBe(30 * 60_000);
  expect(attendedMs([{ inAt: 170 * 60_000, outAt: 300 * 60_000 }], within)).toBe(10 * 60_000);
  expect(attendedMs([{ inAt: 0, outAt: 400 * 60_000 }], within)).toBe(120 * 60_000);
});
