// Certificate revocation: staff of the issuing community revoke with a reason (audited); public
// verification then answers only that it is revoked and since which day; the volunteer sees it as
// revoked and requests a new one. A correction that changes a record's minutes revokes every
// certificate that counted the old minutes (and only those).
import { dayOf } from '../../../core';
import { db, uniq } from '../../server/fixtures/db';
import { act, confirmedRecordOf, END, HOUR, makeWorld, ok, putVolunteer, volAct, World } from './fixtures';

jest.setTimeout(90_000);

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const LATER = END + 24 * HOUR;

async function certified(openid: string, at = LATER, period: Record<string, string> = {}): Promise<{ certificateNo: string; checkCode: string; totalMinutes: number }> {
  return ok(await volAct(openid, 'requestCertificate', period, at));
}
const verify = (c: { certificateNo: string; checkCode: string }, at = LATER) => volAct(uniq('anyone'), 'verifyCertificate', { certificateNo: c.certificateNo, checkCode: c.checkCode }, at);

test('staff revoke with a reason: verification says revoked since that day and nothing more; the volunteer sees why and gets a new one', async () => {
  const v = uniq('cv');
  await putVolunteer(v, w.community);
  await confirmedRecordOf(w, v);
  const cert = await certified(v);
  expect(ok(await verify(cert))).toMatchObject({ valid: true, certificate: { certificateNo: cert.certificateNo } });

  const at = LATER + 3 * 24 * HOUR;
  const r = ok(await volAct(w.staff, 'revokeCertificate', { certificateNo: cert.certificateNo, reason: '服务内容填写有误' }, at));
  expect(r).toEqual({ certificateNo: cert.certificateNo, revocation: { at, kind: 'staff', reason: '服务内容填写有误' } });
  expect(ok(await verify(cert, at + HOUR))).toEqual({ valid: false, revokedOn: dayOf(at) });
  // A wrong check code still learns nothing, not even that it was revoked.
  expect(ok(await volAct(uniq('anyone'), 'verifyCertificate', { certificateNo: cert.certificateNo, checkCode: cert.checkCode === 'ABCDEFGH' ? 'HGFEDCBA' : 'ABCDEFGH' }))).toEqual({
    valid: false,
    revokedOn: null,
  });
  const mine = ok(await volAct(v, 'listCertificates', {}, at + HOUR)).items;
  expect(mine.find((c: { certificateNo: string }) => c.certificateNo === cert.certificateNo).revocation).toEqual({ at, kind: 'staff', reason: '服务内容填写有误' });
  const audit = (await db().collection('audit_log').where({ action: 'volunteer.revokeCertificate', subject: `certificates/${cert.certificateNo}` }).get()).data;
  expect(audit).toHaveLength(1);
  expect(audit[0]!.actor).toBe(w.staff);

  expect(await volAct(w.staff2, 'revokeCertificate', { certificateNo: cert.certificateNo, reason: '再撤销一次' }, at + HOUR)).toMatchObject({
    ok: false,
    error: { code: 'failed-precondition', details: { reason: 'certificate.already_revoked' } },
  });
  const fresh = await certified(v, at + 2 * HOUR);
  expect(ok(await verify(fresh, at + 2 * HOUR))).toMatchObject({ valid: true, certificate: { totalMinutes: cert.totalMinutes } });
});

test('only staff of the issuing community may revoke; an unknown number is not found; a refusal writes nothing', async () => {
  const v = uniq('cv');
  await putVolunteer(v, w.community);
  await confirmedRecordOf(w, v);
  const cert = await certified(v);
  for (const who of [v, w.otherStaff, w.leader, w.volunteer, w.resident, w.unregistered]) {
    expect(await volAct(who, 'revokeCertificate', { certificateNo: cert.certificateNo, reason: '我要撤销' })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  }
  expect(await volAct(w.staff, 'revokeCertificate', { certificateNo: 'ZYZM-20261202-ZZZZZZ', reason: '撤销' })).toMatchObject({
    ok: false,
    error: { code: 'not-found', details: { reason: 'certificate.not_found' } },
  });
  expect((await db().collection('certificates').doc(cert.certificateNo).get()).data).toMatchObject({ revocation: null });
  expect(ok(await verify(cert))).toMatchObject({ valid: true });
});

test('an accepted correction revokes the certificates that counted the old minutes; other certificates and refused corrections leave them valid', async () => {
  const v = uniq('cv');
  await putVolunteer(v, w.community);
  const recordId = await confirmedRecordOf(w, v);
  const record = (await db().collection('service_records').doc(recordId).get()).data as unknown as { minutes: number };
  const counting = await certified(v);
  // A certificate of a period before the record does not state it (and stays valid); it needs a record of its own.
  const older = await confirmedRecordOf(w, v);
  await db().collection('service_records').doc(older).update({ data: { date: '2026-11-02' } });
  const before = await certified(v, LATER, { from: '2026-11-01', to: '2026-11-30' });
  expect(before.totalMinutes).toBe(record.minutes);

  const refused = ok(await act(v, 'requestCorrection', { recordId, minutes: record.minutes + 30, note: '签退晚了半小时' }, LATER));
  ok(await act(w.staff, 'resolveCorrection', { correctionId: refused.correctionId, accept: false, note: '与签到表不符' }, LATER + HOUR));
  expect(ok(await verify(counting, LATER + HOUR))).toMatchObject({ valid: true });

  const c = ok(await act(v, 'requestCorrection', { recordId, minutes: record.minutes + 30, note: '签退晚了半小时，有照片' }, LATER + 2 * HOUR));
  const at = LATER + 3 * HOUR;
  ok(await act(w.staff, 'resolveCorrection', { correctionId: c.correctionId, accept: true, note: '照片核实' }, at));
  expect(ok(await verify(counting, at))).toEqual({ valid: false, revokedOn: dayOf(at) });
  expect(ok(await verify(before, at))).toMatchObject({ valid: true });
  const listed = ok(await volAct(v, 'listCertificates', {}, at)).items.find((x: { certificateNo: string }) => x.certificateNo === counting.certificateNo);
  expect(listed.revocation).toMatchObject({ at, kind: 'record_corrected' });
  // A new certificate of the same period states the corrected total.
  const renewed = await certified(v, at + HOUR, { from: '2026-12-01' });
  expect(renewed.totalMinutes).toBe(counting.totalMinutes + 30);
  expect(ok(await verify(renewed, at + HOUR))).toMatchObject({ valid: true });
});
