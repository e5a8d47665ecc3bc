// Certificate revocation (docs/volunteers.md, "Certificates"). A certificate states, as issued, the
// service it counted (recordIds: `<recordId>@<revision>`). It stops being valid when staff of the
// issuing community revoke it, or when a record it counted is corrected afterwards (its total is
// then no longer true): both are recorded on the certificate and in the audit log. Verification
// then answers only that it is revoked and since which day; the volunteer requests a new one.
import { CertificateRevocation } from '../../core';
import type { TxCtx } from '../context';
import type { StoredDoc } from '../db';
import { VolunteerCollections as C } from './collections';

export const RECORD_CORRECTED_REASON = '所计服务记录已更正，请重新申请证明';

export function revocationOf(d: StoredDoc): CertificateRevocation | null {
  const r = d.revocation as { at?: unknown; kind?: unknown; reason?: unknown } | null | undefined;
  return r && typeof r.at === 'number' ? CertificateRevocation.parse({ at: r.at, kind: r.kind, reason: r.reason }) : null;
}

/** Marks a certificate revoked (in the caller's transaction) and audits it. */
export async function revokeCertificate(ctx: TxCtx, d: StoredDoc, revocation: CertificateRevocation): Promise<void> {
  // command.set: a nested object over the stored null must replace it, not be merged field by field.
  const stored = { ...revocation, by: revocation.kind === 'staff' ? ctx.openid : null };
  await ctx.tx.collection(C.certificates).doc(d._id).update({ data: { revocation: ctx.db.command.set(stored) } });
  await ctx.audit({ action: 'volunteer.revokeCertificate', subject: `${C.certificates}/${d._id}`, before: { revocation: null }, after: { ...revocation } });
}

/**
 * A correction changed record `recordId` from `revision`: every still-valid certificate of its
 * volunteer that counted that revision is revoked (kind record_corrected). Returns their numbers.
 */
export async function revokeCertificatesCounting(ctx: TxCtx, openid: string, recordId: string, revision: number): Promise<string[]> {
  const counted = (await ctx.tx.collection(C.certificates).where({ openid, recordIds: `${recordId}@${revision}` }).limit(100).get()).data;
  const revoked: string[] = [];
  for (const d of counted) {
    if (revocationOf(d)) continue;
    await revokeCertificate(ctx, d, { at: ctx.now(), kind: 'record_corrected', reason: RECORD_CORRECTED_REASON });
    revoked.push(d._id);
  }
  return revoked;
}
