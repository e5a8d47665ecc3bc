// Pure rules of the activity domain: working days with a holiday table (the geofence: test/core/geo.test.ts), the QR
// scene format, ages, recruiting text and plain-text fields.
import {
  activityMachine,
  activityText,
  addWorkingDays,
  ageOn,
  CreateActivityInput,
  formatScene,
  isWorkingDay,
  parseDayList,
  parseScene,
  recruitingText,
  weekdayOf,
  workingDaysBetween,
} from '../../../core';

describe('working days', () => {
  const national = { holidays: parseDayList('2026-10-01,2026-10-02,2026-10-05,2026-10-06,2026-10-07'), makeupWorkdays: parseDayList('2026-09-27,2026-10-10') };

  test('weekdays of known dates (China calendar)', () => {
    expect(weekdayOf('2026-12-07')).toBe(1);
    expect(weekdayOf('2026-12-06')).toBe(0);
    expect(weekdayOf('2024-02-29')).toBe(4);
  });

  test.each([
    // from (activity day), n, table, due day
    ['2026-12-07', 10, 'none', '2026-12-21'], // Monday + 10 working days = two weeks later
    ['2026-12-11', 1, 'none', '2026-12-14'], // Friday → Monday
    ['2026-12-12', 1, 'none', '2026-12-14'], // Saturday → Monday
    ['2026-09-30', 1, 'national', '2026-10-08'], // the National Day week is skipped
    ['2026-09-25', 1, 'national', '2026-09-27'], // a make-up Sunday is a working day
    ['2026-09-30', 10, 'national', '2026-10-20'],
  ] as const)('%s + %d working days (%s) = %s', (from, n, table, due) => {
    expect(addWorkingDays(from, n, table === 'national' ? national : undefined)).toBe(due);
  });

  test('counting agrees with adding', () => {
    expect(workingDaysBetween('2026-09-30', '2026-10-20', national)).toBe(10);
    expect(workingDaysBetween('2026-12-07', '2026-12-07')).toBe(0);
    expect(isWorkingDay('2026-10-10', national)).toBe(true);
    expect(isWorkingDay('2026-10-01', national)).toBe(false);
  });

  test('a bad holiday entry is refused, naming it', () => {
    expect(() => parseDayList('2026-10-01, 2026-13-01')).toThrow(/2026-13-01/);
    expect(parseDayList(' , ')).toEqual(new Set());
  });
});

describe('QR scene', () => {
  test('rotating and poster scenes round-trip and fit in 32 characters', () => {
    const rotating = formatScene('act-tea-visit', 29_600_000, 'Zk3_9aQw-1');
    expect(rotating.length).toBeLessThanOrEqual(32);
    expect(parseScene(rotating)).toEqual({ kind: 'rotating', activityId: 'act-tea-visit', slot: 29_600_000, mac: 'Zk3_9aQw-1' });
    expect(parseScene(formatScene('a7k2m9q4xz', 'p', 'abcdefghij'))).toEqual({ kind: 'poster', activityId: 'a7k2m9q4xz', mac: 'abcdefghij' });
  });
  test.each(['', 'hello', 'act.p.short', 'ACT-UPPER.p.abcdefghij', 'act-tea-visit.p.abcdefghij.x', '<b>.p.abcdefghij', 'a.p.abcdefghij'])('%p is not a scene', (s) => {
    expect(parseScene(s)).toBeNull();
  });
});

describe('eligibility and recruiting text', () => {
  test('ageOn counts whole years on the day', () => {
    expect(ageOn('2010-12-08', '2026-12-07')).toBe(15);
    expect(ageOn('2010-12-07', '2026-12-07')).toBe(16);
  });
  test('the recruiting text states time, place, places, conditions and the risks (条例 §12)', () => {
    const text = recruitingText({
      title: '探访',
      content: '入户探访',
      risks: '注意上下楼梯安全',
      placeName: '党群服务中心',
      startAt: Date.UTC(2026, 11, 8, 1),
      endAt: Date.UTC(2026, 11, 8, 4),
      capacity: 10,
      waitlist: 5,
      organizingUnit: '幸福里居委会',
      leaderName: '赵队长',
      minAge: 16,
      trainings: ['first-aid'],
      insuranceRequired: true,
      teamOnly: false,
    });
    for (const part of ['2026-12-08 09:00', '党群服务中心', '10 人', '候补 5 人', '16 周岁', 'first-aid', '意外伤害保险', '可能的风险：注意上下楼梯安全', '赵队长']) {
      expect(text).toContain(part);
    }
  });
});

describe('activity input', () => {
  const base = {
    communityId: 'demo-community',
    title: '清洁日',
    content: '清理花园',
    category: 'environment',
    risks: '无特殊风险',
    place: { name: '花园', lat: 23.1, lng: 113.3, radiusM: 200 },
    startAt: Date.UTC(2026, 11, 8, 1),
    endAt: Date.UTC(2026, 11, 8, 4),
    capacity: 10,
    organizingUnit: '居委会',
    leaderName: '赵',
  };
  test('defaults fill eligibility and check-in rules', () => {
    expect(CreateActivityInput.parse(base)).toMatchObject({ waitlist: 0, eligibility: { minAge: 14, teamOnly: false }, checkin: { opensBeforeMin: 120, maxPairsPerDay: 1 } });
  });
  test.each([
    ['end before start', { endAt: base.startAt - 1 }, ['endAt']],
    ['longer than a week', { endAt: base.startAt + 8 * 86_400_000 }, ['endAt']],
    ['negative capacity', { capacity: -1 }, ['capacity']],
    ['latitude out of range', { place: { ...base.place, lat: 95 } }, ['place', 'lat']],
    ['markup in the title', { title: '<img src=x onerror=alert(1)>' }, ['title']],
    ['emoji in the title', { title: '清洁日🧹' }, ['title']],
    ['empty risks', { risks: '  ' }, ['risks']],
    ['team-only without a team', { eligibility: { teamOnly: true } }, ['eligibility', 'teamOnly']],
    ['a category that is not a category', { category: 'party' }, ['category']],
  ] as const)('%s is refused at %j', (_n, patch, path) => {
    const r = CreateActivityInput.safeParse({ ...base, ...patch });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path.join('.'))).toContain(path.join('.'));
  });
  test('activityText keeps line breaks only where allowed', () => {
    expect(activityText(1, 10, true).safeParse('a\nb').success).toBe(true);
    expect(activityText(1, 10).safeParse('a\nb').success).toBe(false);
  });
  test('the activity machine: staff publish a draft or a submitted activity; ended ones close', () => {
    expect(activityMachine.eventsFrom('draft')).toEqual(['submit', 'publish', 'cancel']);
    expect(activityMachine.next('ended', 'close')).toBe('closed');
    expect(() => activityMachine.next('cancelled', 'publish')).toThrow();
  });
});
