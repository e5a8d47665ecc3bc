// Registration, review and profile through the volunteer function in-process (real SDK, emulator).
import { CONSENT_VERSION } from '../../../core';
import { piiCrypto } from '../../../server/pii';
import { loadConfig } from '../../../server/config';
import { db, uniq } from '../../server/fixtures/db';
import { idNumber, makeCommunity, makeUser, ok, registration, T0, caller, vol, verifiedVolunteer, writesBy } from './support';
import { volunteer } from '../../../cloudfunctions/volunteer/function';

jest.setTimeout(60_000);

let A: string;
let B: string;
let staffA: string;
let staffB: string;

beforeAll(async () => {
  A = await makeCommunity();
  B = await makeCommunity();
  staffA = await makeUser([{ role: 'staff', communityId: A }]);
  staffB = await makeUser([{ role: 'staff', communityId: B }]);
});

const stored = async (volunteerId: string) => (await db().collection('volunteers').doc(volunteerId).get()).data as Record<string, any>;

describe('register', () => {
  test('stores the 办法 §5 fields sealed, answers masked, numbers the volunteer, audits without personal data', async () => {
    const openid = uniq('reg');
    const id = idNumber('19850615', 'male');
    const res = ok(await vol(openid, 'register', registration(A, { name: '王小明', idNumber: id.toLowerCase(), phone: '13912345678' })));
    expect(res).toMatchObject({ status: 'pending', communityId: A, maskedName: '王某', maskedPhone: '139****5678', maskedIdNumber: `${id[0]}****************${id[17]}` });
    expect(res.volunteerNo).toMatch(/^CS-\d{6}$/);
    const doc = await stored(res.volunteerId);
    const json = JSON.stringify(doc);
    for (const secret of ['王小明', id, '13912345678', '幸福里 3栋']) expect(json).not.toContain(secret);
    expect(doc).toMatchObject({ openid, gender: 'male', birthDate: '1985-06-15', status: 'pending', totalMinutes: 0, trainings: [], insuranceUntil: null });
    expect(doc.consents.map((c: any) => c.kind)).toEqual(['personal-info', 'sensitive-info']);
    expect(doc.consents.every((c: any) => c.version === CONSENT_VERSION && c.at === T0)).toBe(true);
    // one person, one account: the blind index of the normal form (upper-case X) points here
    const pii = piiCrypto(loadConfig());
    expect((await db().collection('volunteer_ids').doc(pii.blindIndex('id-number', id)).get()).data).toMatchObject({ volunteerId: res.volunteerId });
    expect(pii.open(doc.idSealed, `volunteers/${res.volunteerId}/id`)).toBe(id);
    const audit = (await db().collection('audit_log').where({ subject: `volunteers/${res.volunteerId}` }).get()).data;
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('王小明');
    // the person sees their own data in full
    const me = ok(await vol(openid, 'me', {}, undefined));
    expect(me.volunteer).toMatchObject({ name: '王小明', residentialArea: '幸福里 3栋', gender: 'male', birthDate: '1985-06-15', stars: 0, hoursToNext: 100 });
  });

  test('volunteer numbers count up per community', async () => {
    const c = await makeCommunity(undefined, { code: 'SEQ' });
    const a = ok(await vol(uniq('n'), 'register', registration(c)));
    const b = ok(await vol(uniq('n'), 'register', registration(c)));
    expect([a.volunteerNo, b.volunteerNo]).toEqual(['SEQ-000001', 'SEQ-000002']);
  });

  test('one person, one account: the same ID number from another openid, or a second registration, is refused', async () => {
    const id = idNumber();
    ok(await vol(uniq('p'), 'register', registration(A, { idNumber: id })));
    const other = uniq('p');
    expect(await vol(other, 'register', registration(A, { idNumber: ` ${id.slice(0, 17)}${id[17]?.toLowerCase()} ` }))).toMatchObject({ ok: false, error: { code: 'already-exists', details: { reason: 'volunteer.id_number_registered' } } });
    expect((await db().collection('volunteers').where({ openid: other }).count()).total).toBe(0);
    const twice = uniq('p');
    ok(await vol(twice, 'register', registration(A)));
    expect(await vol(twice, 'register', registration(A))).toMatchObject({ ok: false, error: { code: 'already-exists', details: { reason: 'volunteer.already_registered' } } });
  });

  test('concurrent registrations with one ID number: exactly one succeeds', async () => {
    const id = idNumber();
    const results = await Promise.all(Array.from({ length: 4 }, () => vol(uniq('race'), 'register', registration(A, { idNumber: id }))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'already-exists')).toBe(true);
  });

  test('a retry with the same requestId answers the same and registers once', async () => {
    const openid = uniq('idem');
    const input = registration(A);
    const rid = uniq('rid');
    const [a, b] = await Promise.all([vol(openid, 'register', input, rid), vol(openid, 'register', input, rid)]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    expect((await db().collection('volunteers').where({ openid }).count()).total).toBe(1);
  });

  test('ages: under 14 refused; 14–17 only with a guardian; adults without one (age on the registration day, China time)', async () => {
    // 2026-12-02 China time: born 2012-12-03 is 13, born 2012-12-02 is 14 today, born 2008-12-02 is 18 today.
    const guardian = { name: '刘大伟', phone: '13700001111', relation: 'father', consent: true };
    const r13 = await vol(uniq('a'), 'register', registration(A, { idNumber: idNumber('20121203') }));
    expect(r13).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'volunteer.under_14' } } });
    const r14 = await vol(uniq('a'), 'register', registration(A, { idNumber: idNumber('20121202') }));
    expect(r14).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason: 'volunteer.guardian_required', issues: [{ path: ['input', 'guardian'] }] } } });
    const teen = uniq('a');
    const r14g = ok(await vol(teen, 'register', registration(A, { idNumber: idNumber('20121202'), guardian })));
    const doc = await stored(r14g.volunteerId);
    expect(doc.consents.map((c: any) => c.kind)).toEqual(['personal-info', 'sensitive-info', 'guardian']);
    expect(JSON.stringify(doc.guardian)).not.toContain('刘大伟');
    expect(ok(await vol(teen, 'me', {}, undefined)).volunteer.guardianConsent).toBe(true);
    const adult = await vol(uniq('a'), 'register', registration(A, { idNumber: idNumber('20081202'), guardian }));
    expect(adult).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason: 'volunteer.guardian_not_needed' } } });
    ok(await vol(uniq('a'), 'register', registration(A, { idNumber: idNumber('20081202') })));
  });

  test('a wrong check digit, an impossible birth date, missing consents or an old consent version are invalid-argument and write nothing', async () => {
    const openid = uniq('bad');
    const good = idNumber();
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const cases: Array<[Record<string, unknown>, Array<string | number>]> = [
      [{ idNumber: wrongCheck }, ['input', 'idNumber']],
      [{ idNumber: '110105199002300019' }, ['input', 'idNumber']],
      [{ consent: { version: CONSENT_VERSION, personalInfo: true, sensitiveInfo: false } }, ['input', 'consent', 'sensitiveInfo']],
      [{ consent: { version: CONSENT_VERSION, personalInfo: true } }, ['input', 'consent', 'sensitiveInfo']],
      [{ consent: { version: '2020-01', personalInfo: true, sensitiveInfo: true } }, ['input', 'consent', 'version']],
      [{ name: '<b>刘</b>' }, ['input', 'name']],
      [{ residentialArea: '3栋😀' }, ['input', 'residentialArea']],
      [{ communityId: 'Bad Id' }, ['input', 'communityId']],
    ];
    for (const [override, path] of cases) {
      const res = await vol(openid, 'register', registration(A, override));
      expect(res).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      if (!res.ok) expect(res.error.details?.issues?.map((i) => i.path)).toContainEqual(path);
    }
    expect(await writesBy(openid)).toBe(0);
    expect((await db().collection('volunteers').where({ openid }).count()).total).toBe(0);
  });

  test('an unknown community is not-found', async () => {
    expect(await vol(uniq('x'), 'register', registration('no-such-community'))).toMatchObject({ ok: false, error: { code: 'not-found', details: { reason: 'community.not_found' } } });
  });
});

describe('review', () => {
  test('staff verify: status verified and the volunteer role in the community', async () => {
    const v = await verifiedVolunteer(A, staffA);
    expect(await stored(v.volunteerId)).toMatchObject({ status: 'verified', reviewedBy: staffA, version: 1 });
    expect((await db().collection('users').doc(v.openid).get()).data).toMatchObject({ roles: [{ role: 'volunteer', communityId: A }] });
    const again = await vol(staffA, 'review', { volunteerId: v.volunteerId, decision: 'verify' });
    expect(again).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'volunteer.cannot_verify' } } });
  });

  test('reject with a reason; the volunteer corrects and resubmits; a stale version is refused', async () => {
    const openid = uniq('rej');
    const firstId = idNumber();
    const reg = ok(await vol(openid, 'register', registration(A, { name: '李四', idNumber: firstId })));
    expect(await vol(staffA, 'review', { volunteerId: reg.volunteerId, decision: 'reject', reason: '姓名与身份证不符', version: 5 })).toMatchObject({ ok: false, error: { details: { reason: 'state.stale_version' } } });
    const rej = ok(await vol(staffA, 'review', { volunteerId: reg.volunteerId, decision: 'reject', reason: '姓名与身份证不符', version: 0 }));
    expect(rej).toMatchObject({ status: 'rejected', rejectReason: '姓名与身份证不符' });
    const { communityId: _c, ...resubmission } = registration(A, { name: '李思思' });
    const re = ok(await vol(openid, 'resubmit', resubmission));
    expect(re).toMatchObject({ status: 'pending', rejectReason: null, maskedName: '李某' });
    expect(ok(await vol(openid, 'me', {}, undefined)).volunteer.name).toBe('李思思');
    expect((await stored(reg.volunteerId)).consents.map((c: any) => c.kind)).toEqual(['personal-info', 'sensitive-info', 'personal-info', 'sensitive-info']);
    // the old ID number is released, the new one held
    ok(await vol(uniq('other'), 'register', registration(A, { idNumber: firstId })));
    expect(await vol(uniq('other'), 'register', registration(A, { idNumber: resubmission.idNumber }))).toMatchObject({ ok: false, error: { code: 'already-exists' } });
    expect(await vol(openid, 'resubmit', resubmission)).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'volunteer.cannot_resubmit' } } });
  });

  test('staff of another community, the volunteer themselves and a resident cannot review', async () => {
    const openid = uniq('self');
    const reg = ok(await vol(openid, 'register', registration(A)));
    const resident = await makeUser([]);
    for (const who of [staffB, openid, resident]) {
      const r = await vol(who, 'review', { volunteerId: reg.volunteerId, decision: 'verify' });
      expect(r).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    }
    // staff who registered themselves cannot verify their own registration
    const staffSelf = await makeUser([{ role: 'staff', communityId: A }]);
    const own = ok(await vol(staffSelf, 'register', registration(A)));
    expect(await vol(staffSelf, 'review', { volunteerId: own.volunteerId, decision: 'verify' })).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'volunteer.self_review' } } });
    expect(await stored(reg.volunteerId)).toMatchObject({ status: 'pending' });
  });
});

describe('profile, trainings, insurance, lists', () => {
  test('the volunteer edits phone, area, skills and categories; the version guards lost updates', async () => {
    const v = await verifiedVolunteer(A, staffA);
    const r = ok(await vol(v.openid, 'updateProfile', { phone: '13600001234', skills: ['理发', '维修'], version: 1 }));
    expect(r).toMatchObject({ maskedPhone: '136****1234', status: 'verified', version: 2 });
    expect(await vol(v.openid, 'updateProfile', { skills: ['x'], version: 1 })).toMatchObject({ ok: false, error: { details: { reason: 'state.stale_version' } } });
    expect(await vol(v.openid, 'updateProfile', {})).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(ok(await vol(v.openid, 'me', {}, undefined)).volunteer).toMatchObject({ skills: ['理发', '维修'], maskedPhone: '136****1234' });
  });

  test('staff record trainings and insurance (until the end of that day, China time)', async () => {
    const v = await verifiedVolunteer(A, staffA);
    ok(await vol(staffA, 'recordTraining', { volunteerId: v.volunteerId, training: 'first-aid', completedOn: '2026-11-30' }));
    ok(await vol(staffA, 'recordTraining', { volunteerId: v.volunteerId, training: 'first-aid', completedOn: '2026-12-01' }));
    const s = ok(await vol(staffA, 'setInsurance', { volunteerId: v.volunteerId, until: '2027-06-30' }));
    expect(s.trainings).toEqual(['first-aid']);
    expect(s.insuranceUntil).toBe(Date.UTC(2027, 5, 30, 16, 0, 0) - 1);
    expect(await stored(v.volunteerId)).toMatchObject({ trainings: ['first-aid'], insuranceUntil: Date.UTC(2027, 5, 30, 16) - 1 });
    expect(await vol(staffB, 'setInsurance', { volunteerId: v.volunteerId, until: null })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  });

  test('staff list their community only, with names for checking and everything else masked', async () => {
    const c = await makeCommunity();
    const staff = await makeUser([{ role: 'staff', communityId: c }]);
    await verifiedVolunteer(c, staff, uniq('l'), { name: '周一' });
    ok(await vol(uniq('l'), 'register', registration(c, { name: '周二' })));
    const all = ok(await vol(staff, 'list', { communityId: c }, undefined));
    // same createdAt (one clock): the order among them is by id
    expect(all.items.map((i: any) => i.name).sort()).toEqual(['周一', '周二']);
    const first = all.items.find((i: any) => i.name === '周一');
    expect(first).toMatchObject({ maskedPhone: '138****5678', status: 'verified' });
    expect(JSON.stringify(all)).not.toContain('13812345678');
    const pending = ok(await vol(staff, 'list', { communityId: c, status: 'pending' }, undefined));
    expect(pending.items.map((i: any) => i.name)).toEqual(['周二']);
    expect(await vol(staffA, 'list', { communityId: c }, undefined)).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(await vol(staffA, 'get', { volunteerId: first.volunteerId }, undefined)).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(ok(await vol(staff, 'get', { volunteerId: first.volunteerId }, undefined))).toMatchObject({ name: '周一', age: 36 });
  });

  test('an older clock: age is computed on the day of the call', async () => {
    const early = caller(volunteer, Date.UTC(2026, 11, 1, 15, 59, 0)); // 2026-12-01 23:59 China time
    expect(await early(uniq('t'), 'register', registration(A, { idNumber: idNumber('20121202') , guardian: { name: '刘大伟', phone: '13700001111', relation: 'mother', consent: true } }))).toMatchObject({ ok: false, error: { details: { reason: 'volunteer.under_14' } } });
  });
});
