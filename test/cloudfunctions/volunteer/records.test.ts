// Certificates from confirmed service records and their public verification; the staff CSV export;
// a person's own data export and account erasure.
import { db, uniq } from '../../server/fixtures/db';
import { csvCell } from '../../../cloudfunctions/volunteer/actions/export';
import { runTx } from '../../../server/transaction';
import { creditServiceRecord } from '../../../server/volunteer/time-bank-credit';
import { ensureServiceRecords, idNumber, makeCommunity, makeUser, ok, registration, serviceRecord, T0, vol, verifiedVolunteer } from './support';

jest.setTimeout(60_000);

let A: string;
let B: string;
let staffA: string;
let staffB: string;

beforeAll(async () => {
  await ensureServiceRecords();
  A = await makeCommunity(undefined, { name: '幸福里社区' });
  B = await makeCommunity();
  staffA = await makeUser([{ role: 'staff', communityId: A }]);
  staffB = await makeUser([{ role: 'staff', communityId: B }]);
});

describe('certificates', () => {
  test('states hours, content and recorder from confirmed records only; verifiable with number + check code, nothing more', async () => {
    const v = await verifiedVolunteer(A, staffA, uniq('cert'), { name: '陈静' });
    const base = { openid: v.openid, communityId: A, volunteerNo: v.volunteerNo };
    await serviceRecord({ ...base, minutes: 90, date: '2026-10-01' });
    await serviceRecord({ ...base, minutes: 45, date: '2026-11-01', category: 'environment' });
    await serviceRecord({ ...base, minutes: 600, date: '2026-11-02', status: 'draft' });
    await serviceRecord({ ...base, minutes: 300, date: '2026-11-03', status: 'void' });
    const receipt = ok(await vol(v.openid, 'requestCertificate', {}));
    expect(receipt).toMatchObject({ totalMinutes: 135, hours: '2.25', records: 2, issuedOn: '2026-12-02' });
    expect(receipt.certificateNo).toMatch(/^ZYZM-20261202-[A-Z0-9]{6}$/);
    expect(JSON.stringify(receipt)).not.toContain('陈静');

    const list = ok(await vol(v.openid, 'listCertificates', {}, undefined));
    expect(list.items).toEqual([
      expect.objectContaining({ certificateNo: receipt.certificateNo, checkCode: receipt.checkCode, name: '陈静', volunteerNo: v.volunteerNo, recordingOrganization: '幸福里社区居民委员会', periodFrom: null, periodTo: '2026-12-02' }),
    ]);
    expect(list.items[0].contents).toEqual([
      { category: 'elderly-care', activities: 1, minutes: 90 },
      { category: 'environment', activities: 1, minutes: 45 },
    ]);

    const anyone = uniq('public');
    const verified = ok(await vol(anyone, 'verifyCertificate', { certificateNo: receipt.certificateNo, checkCode: receipt.checkCode }, undefined));
    expect(verified.valid).toBe(true);
    expect(Object.keys(verified.certificate).sort()).toEqual(
      ['certificateNo', 'contents', 'hours', 'issuedOn', 'maskedIdNumber', 'name', 'periodFrom', 'periodTo', 'records', 'recordingOrganization', 'totalMinutes', 'volunteerNo'].sort(),
    );
    expect(verified.certificate).toMatchObject({ name: '陈静', totalMinutes: 135 });
    expect(JSON.stringify(verified)).not.toContain(v.openid);
    const wrongCode = receipt.checkCode[0] === 'A' ? `B${receipt.checkCode.slice(1)}` : `A${receipt.checkCode.slice(1)}`;
    expect(ok(await vol(anyone, 'verifyCertificate', { certificateNo: receipt.certificateNo, checkCode: wrongCode }, undefined))).toEqual({ valid: false, revokedOn: null });
    expect(ok(await vol(anyone, 'verifyCertificate', { certificateNo: 'ZYZM-20261202-AAAAAA', checkCode: receipt.checkCode }, undefined))).toEqual({ valid: false, revokedOn: null });
    expect(await vol(anyone, 'verifyCertificate', { certificateNo: '<x>', checkCode: 'x' }, undefined)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });

    // a period: only October
    const oct = ok(await vol(v.openid, 'requestCertificate', { from: '2026-10-01', to: '2026-10-31' }));
    expect(oct).toMatchObject({ totalMinutes: 90, records: 1 });
    expect(await vol(v.openid, 'requestCertificate', { from: '2026-11-01', to: '2026-10-01' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  test('no confirmed records, or no verified registration: refused', async () => {
    const v = await verifiedVolunteer(A, staffA);
    expect(await vol(v.openid, 'requestCertificate', {})).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'certificate.no_records' } } });
    expect(await vol(uniq('nobody'), 'requestCertificate', {})).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'volunteer.not_registered' } } });
  });
});

describe('CSV export', () => {
  test('confirmed records of the community and period, with the documented columns; names for staff, ID numbers only on request; audited', async () => {
    const c = await makeCommunity();
    const staff = await makeUser([{ role: 'staff', communityId: c }]);
    const id = idNumber('19800101');
    const v = await verifiedVolunteer(c, staff, uniq('csv'), { name: '吴敏', idNumber: id });
    const base = { openid: v.openid, communityId: c, volunteerNo: v.volunteerNo };
    await serviceRecord({ ...base, minutes: 75, date: '2026-11-05' });
    await serviceRecord({ ...base, minutes: 30, date: '2026-11-20' });
    await serviceRecord({ ...base, minutes: 30, date: '2026-12-20' });
    await serviceRecord({ ...base, minutes: 30, date: '2026-11-21', status: 'draft' });
    const page = ok(await vol(staff, 'exportServiceRecords', { communityId: c, from: '2026-11-01', to: '2026-11-30' }, undefined));
    expect(page.rows).toBe(2);
    const lines = page.csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('志愿者编号,姓名,证件类型,证件号码,活动名称,服务类别,服务日期,服务地点,服务内容,服务时长(小时),活动组织单位,活动负责人,记录编号,记录版本,计时规则版本');
    expect(lines[1]).toContain(`${v.volunteerNo},吴敏,居民身份证,${id[0]}****************${id[17]},重阳节探访独居老人,elderly-care,2026-11-05,幸福里社区服务站,陪伴聊天，打扫卫生,1.25,阳光社工服务中心,赵队长`);
    expect(lines[2]).toContain(',2026-11-20,');
    const full = ok(await vol(staff, 'exportServiceRecords', { communityId: c, from: '2026-11-01', to: '2026-11-30', includeIdNumbers: true, limit: 1 }, undefined));
    expect(full.rows).toBe(1);
    expect(full.csv).toContain(`,居民身份证,${id},`);
    expect(full.next).not.toBeNull();
    const second = ok(await vol(staff, 'exportServiceRecords', { communityId: c, from: '2026-11-01', to: '2026-11-30', includeIdNumbers: true, limit: 1, after: full.next }, undefined));
    expect(second.csv.startsWith('\uFEFF')).toBe(false);
    expect(second.csv).toContain(',2026-11-20,');
    const audits = (await db().collection('audit_log').where({ action: 'volunteer.exportServiceRecords', actor: staff }).get()).data;
    expect(audits.map((a) => a.after)).toEqual(expect.arrayContaining([expect.objectContaining({ includeIdNumbers: true, rows: 1 })]));
    expect(audits).toHaveLength(3);
    expect(await vol(staffA, 'exportServiceRecords', { communityId: c, from: '2026-11-01', to: '2026-11-30' }, undefined)).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(await vol(v.openid, 'exportServiceRecords', { communityId: c, from: '2026-11-01', to: '2026-11-30' }, undefined)).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  });

  test('cells are quoted and defused for spreadsheets', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  });
});

describe('own data and erasure', () => {
  test('export my data gives everything in clear to the person themselves', async () => {
    const id = idNumber('19750505');
    const v = await verifiedVolunteer(A, staffA, uniq('mine'), { name: '郑华', idNumber: id, phone: '13511112222' });
    await serviceRecord({ openid: v.openid, communityId: A, volunteerNo: v.volunteerNo, minutes: 60, date: '2026-11-11' });
    const data = ok(await vol(v.openid, 'exportMyData', {}, undefined));
    expect(data.volunteer).toMatchObject({ name: '郑华', idNumber: id, phone: '13511112222', residentialArea: '幸福里 3栋' });
    expect(data.consents).toHaveLength(2);
    expect(data.serviceRecords).toEqual([expect.objectContaining({ date: '2026-11-11', minutes: 60, status: 'confirmed' })]);
    expect(ok(await vol(uniq('nobody'), 'exportMyData', {}, undefined))).toMatchObject({ volunteer: null, serviceRecords: [], certificates: [] });
  });

  test('delete account: personal data gone, law-required records kept de-identified, the person can register again', async () => {
    const id = idNumber('19700707');
    const v = await verifiedVolunteer(A, staffA, uniq('bye'), { name: '孙丽', idNumber: id });
    const rec = await serviceRecord({ openid: v.openid, communityId: A, volunteerNo: v.volunteerNo, minutes: 120, date: '2026-11-11' });
    await runTx(db(), (tx) => creditServiceRecord(tx, { recordId: rec, revision: 0, openid: v.openid, communityId: A, minutes: 120, at: T0 }));
    const cert = ok(await vol(v.openid, 'requestCertificate', {}));
    const team = `team-${uniq('t')}`;
    await db().collection('teams').add({ data: { _id: team, communityId: A, organizationId: null, name: '测试队', tags: [], leaders: [v.openid], members: [v.openid, 'someone-else'], createdAt: T0 } });

    const res = ok(await vol(v.openid, 'deleteAccount', { confirm: true }));
    expect(res.erased).toBe(true);
    expect(res.retained.length).toBeGreaterThan(0);

    const doc = (await db().collection('volunteers').doc(v.volunteerId).get()).data as Record<string, any>;
    expect(doc).toMatchObject({ status: 'erased', volunteerNo: v.volunteerNo, communityId: A, totalMinutes: 120, nameSealed: null, idSealed: null, idHash: null, phoneSealed: null, areaSealed: null, birthDate: '1970-01-01' });
    expect(doc.openid).not.toBe(v.openid);
    expect(ok(await vol(v.openid, 'me', {}, undefined))).toEqual({ volunteer: null, move: null });
    // the service record (activity domain) is untouched
    expect((await db().collection('service_records').doc(rec).get()).data).toMatchObject({ minutes: 120, status: 'confirmed' });
    // the certificate stays verifiable with the masked name only
    const check = ok(await vol(uniq('pub'), 'verifyCertificate', { certificateNo: cert.certificateNo, checkCode: cert.checkCode }, undefined));
    expect(check).toMatchObject({ valid: true, certificate: { name: '孙某', totalMinutes: 120 } });
    // the balance went to the community pool; the team no longer lists the person
    expect((await db().collection('time_bank_accounts').doc(v.openid).get()).data).toMatchObject({ balanceMinutes: 0 });
    expect((await db().collection('teams').doc(team).get()).data).toMatchObject({ leaders: [], members: ['someone-else'] });
    expect((await db().collection('users').doc(v.openid).get()).data).toMatchObject({ roles: [] });
    // the ID number is free again: the same person may register anew
    ok(await vol(v.openid, 'register', registration(A, { idNumber: id })));
  });
});

test('staff of another community see nothing of this one', async () => {
  const v = await verifiedVolunteer(A, staffA);
  expect(await vol(staffB, 'get', { volunteerId: v.volunteerId }, undefined)).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
});
