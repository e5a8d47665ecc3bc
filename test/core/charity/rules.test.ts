// Pure rules of the charity domain: disclosure deadlines, the public donor label, fund signatures,
// and the lifecycle tables' shape.
import fc from 'fast-check';
import {
  addMonths,
  addWorkingDays,
  allocationMachine,
  distinctSigners,
  isLongProject,
  isWorkingDay,
  offerMachine,
  projectReportDue,
  publicDonorLabel,
  receiptDisclosureDue,
  RESERVING_STATUSES,
} from '../../../core';
import { addDays, daysBetween } from '../../../core/time';

describe('working days and disclosure deadlines', () => {
  test('weekends are skipped', () => {
    expect(isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-22')).toBe(false);
    expect(isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday → Monday
    expect(receiptDisclosureDue('2026-11-23')).toBe('2026-12-02'); // Monday + 7 working days
    expect(receiptDisclosureDue('2026-11-21')).toBe('2026-12-01'); // received on a Saturday
    // A public holiday inside the window moves the deadline one working day later.
    expect(receiptDisclosureDue('2026-11-23', { holidays: new Set(['2026-11-26']), makeupWorkdays: new Set() })).toBe('2026-12-03');
  });

  test('n working days later is a weekday, n weekdays away, never more than n + 2 + 2·⌊n/5⌋ calendar days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 40 }), (offset, n) => {
        const from = addDays('2024-01-01', offset);
        const to = addWorkingDays(from, n);
        expect(isWorkingDay(to)).toBe(true);
        let weekdays = 0;
        for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) weekdays += 1;
        expect(weekdays).toBe(n);
        expect(daysBetween(from, to)).toBeLessThanOrEqual(n + 2 + 2 * Math.floor(n / 5));
      }),
      { numRuns: 200 },
    );
  });

  test('months and long projects', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(isLongProject('2026-01-01', '2026-07-01')).toBe(false); // exactly six months
    expect(isLongProject('2026-01-01', '2026-07-02')).toBe(true);
    expect(projectReportDue('2026-06-01', null)).toBe('2026-09-01');
    expect(projectReportDue('2026-06-01', '2026-11-23')).toBe('2027-02-23');
  });
});

describe('the public donor label', () => {
  test('first character unless the donor opted in', () => {
    expect(publicDonorLabel('周建国', false)).toBe('周某');
    expect(publicDonorLabel('周建国', true)).toBe('周建国');
    expect(publicDonorLabel('Acme Ltd', false)).toBe('A.');
    expect(publicDonorLabel('  ', false)).toBe('爱心人士');
  });

  test('a name not opted in never appears beyond its first character', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗建国明华丽'.split('')), minLength: 2, maxLength: 6 }), (name) => {
        const label = publicDonorLabel(name, false);
        expect(label).toBe(`${name[0]}某`);
      }),
    );
  });
});

test('distinct signers: the same signer twice is one approval', () => {
  expect(distinctSigners([{ openid: 'a' }, { openid: 'a' }])).toBe(1);
  expect(distinctSigners([{ openid: 'a' }, { openid: 'b' }, { openid: 'a' }])).toBe(2);
  expect(distinctSigners([])).toBe(0);
});

test('allocation lifecycle: only confirmed-or-later statuses reserve, and nothing leaves delivered or rejected', () => {
  expect(allocationMachine.terminal).toEqual(['delivered', 'rejected', 'declined', 'cancelled']);
  expect(RESERVING_STATUSES.every((s) => allocationMachine.isState(s))).toBe(true);
  expect(allocationMachine.eventsFrom('proposed')).toEqual(['adjust', 'confirm', 'reject']);
  expect(allocationMachine.eventsFrom('delivering')).toEqual(['deliverPart', 'deliverAll', 'cancel']);
  expect(offerMachine.eventsFrom('withdrawn')).toEqual([]);
  expect(allocationMachine.reasonFor('deliverPart')).toBe('charity_allocation.cannot_deliver_part');
});
