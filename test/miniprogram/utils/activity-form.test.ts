import { activityFormProblems, instantOf } from '../../../miniprogram/utils/activity-form';

test('instantOf reads a China-time day and time', () => {
  expect(instantOf('2026-12-10', '09:30')).toBe(Date.UTC(2026, 11, 10, 1, 30));
  expect(instantOf('2026-12-10', '0:05')).toBe(Date.UTC(2026, 11, 9, 16, 5));
  expect(instantOf('2026-02-30', '09:00')).toBeNull();
  expect(instantOf('2026-12-10', '24:00')).toBeNull();
  expect(instantOf('12/10', '09:00')).toBeNull();
});

test('a start in the past is refused', () => {
  const p = activityFormProblems(
    { title: '活动', content: 'x', risks: '无特殊风险', placeName: 'p', lat: 1, lng: 1, day: '2026-12-01', start: '09:00', end: '10:00', capacity: '5', leaderName: '张', organizingUnit: '居委会' },
    Date.UTC(2026, 11, 2),
  );
  expect(p).toEqual({ startAt: '开始时间需要在现在之后' });
});
