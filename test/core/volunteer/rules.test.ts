// Pure rules of the volunteer domain: GB 11643 ID numbers, age, stars, plain text.
import fc from 'fast-check';
import { ageOn, idCheckCharacter, idNumberFacts, idNumberProblem, isPlainText, RegisterInput, starStanding, checkStarThresholds, CONSENT_VERSION } from '../../../core';

describe('GB 11643 ID numbers', () => {
  test('known valid numbers (published examples) pass, with birth date and gender', () => {
    // 11010519491231002X is the standard's own example; 440524188001010014 is valid by its check
    // character but born before 1900, which no living volunteer is.
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberFacts('11010519491231002x')).toEqual({ normal: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' });
    expect(idNumberProblem('440524188001010014')).toBe('birth_date');
    expect(idNumberFacts('440524198001010013')).toMatchObject({ birthDate: '1980-01-01', gender: 'male' });
  });

  test('the check character catches every single-digit change', () => {
    const valid = '11010519491231002X';
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        const changed = valid.slice(0, i) + d + valid.slice(i + 1);
        expect(idNumberProblem(changed)).not.toBeNull();
      }
    }
  });

  test('property: a computed check character always validates, any other never does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{5}$/), fc.date({ min: new Date('1901-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }), fc.stringMatching(/^\d{3}$/), (first, region, birth, seq) => {
        const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
        const first17 = `${first}${region}${ymd}${seq}`;
        const check = idCheckCharacter(first17);
        expect(idNumberProblem(first17 + check)).toBeNull();
        for (const other of '0123456789X') if (other !== check) expect(idNumberProblem(first17 + other)).toBe('check_digit');
      }),
    );
  });

  test('malformed numbers name their problem', () => {
    expect(idNumberProblem('12345')).toBe('format');
    expect(idNumberProblem('01010519491231002X')).toBe('format');
    expect(idNumberProblem('110105194913310020')).toBe('birth_date');
    expect(idNumberProblem('１１０１０５１９４９１２３１００２Ｘ')).toBeNull(); // full-width, as an IME types it
  });
});

describe('age', () => {
  test.each([
    ['2012-12-02', '2026-12-02', 14],
    ['2012-12-03', '2026-12-02', 13],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
  ])('born %s, on %s: %i', (birth, on, age) => expect(ageOn(birth, on)).toBe(age));
});

describe('stars', () => {
  test.each([
    [0, 0, 100],
    [99 * 60 + 59, 0, 0.02],
    [100 * 60, 1, 200],
    [1499 * 60, 4, 1],
    [1500 * 60, 5, null],
    [5000 * 60, 5, null],
  ])('%i minutes: %i stars, %s h to next', (minutes, stars, next) => expect(starStanding(minutes)).toEqual({ stars, hoursToNext: next }));

  test('configured thresholds', () => {
    expect(starStanding(500 * 60, [100, 200, 500, 800, 1000])).toEqual({ stars: 3, hoursToNext: 300 });
    expect(checkStarThresholds([100, 100])).toMatch(/increase/);
    expect(checkStarThresholds([])).not.toBeNull();
    expect(checkStarThresholds([-1, 5])).not.toBeNull();
    expect(checkStarThresholds([100, 300, 600, 1000, 1500])).toBeNull();
  });
});

describe('plain text', () => {
  test.each(['<b>', 'a{b}', '`x`', 'a\\b', '😀', '❤️', '⭐', 'zero\u200bwidth', 'bell\u0007', '\ud800'])('refuses %j', (s) => expect(isPlainText(s)).toBe(false));
  test.each(['幸福里社区 3栋 2单元', '理发、维修（家电）', 'Mary-Jane O’Neil', '第1网格：1~3栋', '50%'])('accepts %j', (s) => expect(isPlainText(s)).toBe(true));

  test('the registration contract takes full-width ID numbers and refuses stale consent versions', () => {
    const base = { communityId: 'demo-community', name: '刘晓', idNumber: '１１０１０５１９４９１２３１００２ｘ', phone: '13812345678', residentialArea: '3栋', skills: [], serviceCategories: ['health'], consent: { version: CONSENT_VERSION, personalInfo: true, sensitiveInfo: true } };
    expect(RegisterInput.safeParse(base).success).toBe(true);
    expect(RegisterInput.safeParse({ ...base, consent: { ...base.consent, version: '2000-01' } }).success).toBe(false);
    expect(RegisterInput.safeParse({ ...base, serviceCategories: [] }).success).toBe(false);
  });
});
