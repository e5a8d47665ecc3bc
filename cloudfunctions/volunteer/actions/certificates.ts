// Certificates (办法 §14–15; 民发〔2015〕149号): on request, free, stating the volunteer's identity
// (name, masked ID number, volunteer number), service time and content from the CONFIRMED service
// records, the recording organization, a certificate number and the date. The statement is stored
// as issued; a later correction of a record it counted revokes it (server/volunteer/certificates.ts),
// and staff of the issuing community may revoke it with a reason. Public verification: the number
// plus the 8-character check code answer whether it is valid and what it states, nothing more; a
// wrong code and an unknown number answer the same {valid: false, revokedOn: null}; a revoked one
// answers only the day it was revoked.
import {
  AppError,
  CertificateStatement,
  dayOf,
  RequestCertificateInput,
  RevokeCertificateInput,
  VerifyCertificateInput,
} from '../../../core';
import { requireStaff } from '../../../server/volunteer/access';
import { revocationOf, revokeCertificate as markRevoked } from '../../../server/volunteer/certificates';
import type { Ctx, TxCtx } from '../../../server/context';
import type { StoredDoc } from '../../../server/db';
import { piiCrypto } from '../../../server/pii';
import { VolunteerCollections as C } from '../../../server/volunteer/collections';
import { randomCode, sameDigest, sha256Hex } from '../../../server/volunteer/ids';
import { readAllRecords } from '../../../server/volunteer/service-records';
import { requireVerified, volunteerByOpenid } from '../../../server/volunteer/store';
import { openField } from '../views';

const checkHash = (certificateNo: string, code: string) => sha256Hex(`${certificateNo}\0${code}`);
const certAad = (no: string, field: string) => `certificates/${no}/${field}`;

export function hoursText(minutes: number): string {
  return (Math.round((minutes / 60) * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
}

export function recorderName(community: StoredDoc | null): string {
  if (community && typeof community.recorderName === 'string' && community.recorderName) return community.recorderName;
  return community && typeof community.name === 'string' ? `${community.name}居民委员会` : '社区居民委员会';
}

export async function requestCertificate(input: RequestCertificateInput, ctx: TxCtx) {
  const v = requireVerified(await volunteerByOpenid(ctx.tx, ctx.openid));
  const at = ctx.now();
  const issuedOn = dayOf(at);
  const to = input.to ?? issuedOn;
  const _ = ctx.db.command;
  const records = await readAllRecords(ctx.db, [{ openid: ctx.openid, status: 'confirmed' }, { date: _.lte(to) }, ...(input.from ? [{ date: _.gte(input.from) }] : [])]);
  if (records.length === 0) throw new AppError('failed-precondition', 'there are no confirmed service records in this period', { reason: 'certificate.no_records' });
  const lines = new Map<string, { activities: Set<string>; minutes: number }>();
  for (const r of records) {
    const line = lines.get(r.category) ?? { activities: new Set<string>(), minutes: 0 };
    line.activities.add(r.activityId);
    line.minutes += r.minutes;
    lines.set(r.category, line);
  }
  const totalMinutes = records.reduce((s, r) => s + r.minutes, 0);
  const community = (await ctx.tx.collection(C.communities).doc(v.communityId).get()).data;
  const certificateNo = `ZYZM-${issuedOn.replace(/-/g, '')}-${randomCode(6)}`;
  const checkCode = randomCode(8);
  const pii = piiCrypto(ctx.config);
  const statement = {
    issuedOn,
    maskedIdNumber: v.maskedIdNumber,
    volunteerNo: v.volunteerNo,
    periodFrom: input.from,
    periodTo: to,
    totalMinutes,
    hours: hoursText(totalMinutes),
    records: records.length,
    contents: [...lines.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([category, l]) => ({ category, activities: l.activities.size, minutes: l.minutes })),
    recordingOrganization: recorderName(community),
  };
  await ctx.tx.collection(C.certificates).add({
    data: {
      _id: certificateNo,
      openid: ctx.openid,
      volunteerId: v._id,
      // The issuing community: its staff may revoke the certificate (it stays theirs after a move).
      communityId: v.communityId,
      revocation: null,
      ...statement,
      maskedName: v.maskedName,
      nameSealed: pii.seal(openField(ctx.config, v, 'name', v.maskedName), certAad(certificateNo, 'name')),
      checkHash: checkHash(certificateNo, checkCode),
      checkCodeSealed: pii.seal(checkCode, certAad(certificateNo, 'checkCode')),
      recordIds: records.map((r) => `${r._id}@${r.revision}`),
      issuedAt: at,
    },
  });
  await ctx.audit({ action: 'volunteer.requestCertificate', subject: `${C.certificates}/${certificateNo}`, after: { totalMinutes, records: records.length, periodTo: to } });
  return { certificateNo, checkCode, issuedOn, totalMinutes, hours: statement.hours, records: records.length };
}

function statementOf(ctx: Pick<Ctx, 'config'>, d: StoredDoc): CertificateStatement {
  const pii = piiCrypto(ctx.config);
  const name = typeof d.nameSealed === 'string' ? pii.open(d.nameSealed, certAad(d._id, 'name')) : String(d.maskedName ?? '');
  return CertificateStatement.parse({
    certificateNo: d._id,
    issuedOn: d.issuedOn,
    name,
    maskedIdNumber: d.maskedIdNumber,
    volunteerNo: d.volunteerNo,
    periodFrom: d.periodFrom ?? null,
    periodTo: d.periodTo,
    totalMinutes: d.totalMinutes,
    hours: d.hours,
    records: d.records,
    contents: d.contents,
    recordingOrganization: d.recordingOrganization,
  });
}

export async function listCertificates(_input: Record<string, never>, ctx: Ctx) {
  const docs = (await ctx.db.collection(C.certificates).where({ openid: ctx.openid }).orderBy('issuedAt', 'desc').limit(100).get()).data;
  const pii = piiCrypto(ctx.config);
  return {
    items: docs.map((d) => ({ ...statementOf(ctx, d), checkCode: pii.open(String(d.checkCodeSealed), certAad(d._id, 'checkCode')), revocation: revocationOf(d) })),
  };
}

export async function verifyCertificate(input: VerifyCertificateInput, ctx: Ctx) {
  const d = (await ctx.db.collection(C.certificates).doc(input.certificateNo).get()).data;
  const match = typeof d?.checkHash === 'string' && sameDigest(d.checkHash, checkHash(input.certificateNo, input.checkCode));
  if (!d || !match) return { valid: false as const, revokedOn: null };
  const revocation = revocationOf(d);
  if (revocation) return { valid: false as const, revokedOn: dayOf(revocation.at) };
  return { valid: true as const, certificate: statementOf(ctx, d) };
}

/** The community whose staff may revoke: stored since revocation exists; before, the volunteer's. */
async function issuingCommunity(ctx: TxCtx, d: StoredDoc): Promise<string | null> {
  if (typeof d.communityId === 'string') return d.communityId;
  const v = typeof d.volunteerId === 'string' ? (await ctx.tx.collection(C.volunteers).doc(d.volunteerId).get()).data : null;
  return v && typeof v.communityId === 'string' ? v.communityId : null;
}

export async function revokeCertificate(input: RevokeCertificateInput, ctx: TxCtx) {
  const d = (await ctx.tx.collection(C.certificates).doc(input.certificateNo).get()).data;
  const communityId = d ? await issuingCommunity(ctx, d) : null;
  if (!d || !communityId) throw new AppError('not-found', 'no such certificate', { reason: 'certificate.not_found' });
  await requireStaff(ctx, communityId);
  if (revocationOf(d)) throw new AppError('failed-precondition', 'this certificate is already revoked', { reason: 'certificate.already_revoked' });
  const revocation = { at: ctx.now(), kind: 'staff' as const, reason: input.reason };
  await markRevoked(ctx, d, revocation);
  return { certificateNo: d._id, revocation };
}
