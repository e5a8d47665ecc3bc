// The one place service time becomes stars and time-bank credit (issue 3 §6: "written once from each
// confirmed record; no double counting between record, credits and points"). The activity half
// calls it in the SAME transaction in which it confirms or corrects a service record:
//
//   await creditServiceRecord(ctx.tx, { recordId, revision, openid, communityId, minutes, at: ctx.now() });
//
// Per record it keeps what was already credited (time_bank_record_credits/<recordId>: revision,
// service minutes, banked minutes) and writes only the difference, as one ledger entry with the
// deterministic _id `cr_<recordId>_r<revision>`:
// - the same (recordId, revision) again, or an older revision, changes nothing (idempotent; a late
//   retry of an old revision cannot undo a correction);
// - a correction (revision + 1) writes minutes − credited: +30, or −45 for a record corrected down,
//   and 0 − credited for a voided record (minutes 0);
// - the volunteer's totalMinutes (what stars derive from) moves by the service difference;
//   the balance moves by the banked difference: TIME_BANK_CREDIT_PERCENT of the minutes, limited
//   by TIME_BANK_CAP_HOURS when set (service beyond the cap still counts for stars). A downward
//   correction may take a balance below zero when the credits were already spent; transfers and
//   redemptions are then refused until it recovers.
// A volunteer whose account was erased gets nothing (no account to credit): { applied: false }.
import { AppError } from '../../core';
import { loadConfig } from '../config';
import type { Tx } from '../db';
import { VolunteerCollections as C } from './collections';
import { volunteerSettings } from './config';
import { post, readAccount } from './time-bank';

export interface ServiceRecordCredit {
  recordId: string;
  /** 0 for the first confirmation, +1 per correction. */
  revision: number;
  openid: string;
  communityId: string;
  /** The record's minutes in this revision (0 for a voided record). */
  minutes: number;
  /** Epoch ms of the confirmation or correction. */
  at: number;
}

export type CreditResult =
  | { applied: true; entryId: string; serviceDelta: number; bankDelta: number; totalMinutes: number; balanceMinutes: number }
  | { applied: false; reason: 'already_credited' | 'stale_revision' | 'no_volunteer' };

const RECORD_ID = /^[A-Za-z0-9_:~-]{1,200}$/;

export function creditEntryId(recordId: string, revision: number): string {
  return `cr_${recordId}_r${revision}`;
}

export async function creditServiceRecord(tx: Tx, rec: ServiceRecordCredit): Promise<CreditResult> {
  // The caller is our own code, not a user: a malformed call is a programming error (internal).
  if (!RECORD_ID.test(rec.recordId)) throw new Error(`creditServiceRecord: bad recordId ${JSON.stringify(rec.recordId).slice(0, 80)}`);
  if (!Number.isInteger(rec.revision) || rec.revision < 0) throw new Error('creditServiceRecord: revision must be an integer ≥ 0');
  if (!Number.isInteger(rec.minutes) || rec.minutes < 0 || rec.minutes > 7 * 24 * 60) throw new Error('creditServiceRecord: minutes must be an integer 0..10080');
  if (!Number.isFinite(rec.at)) throw new Error('creditServiceRecord: at must be epoch ms');

  const settings = volunteerSettings(loadConfig());
  const stateRef = tx.collection(C.timeBankRecordCredits).doc(rec.recordId);
  const state = (await stateRef.get()).data;
  if (state) {
    if (state.openid !== rec.openid) throw new Error(`creditServiceRecord: record ${rec.recordId} was credited to another openid`);
    const credited = Number(state.revision);
    if (credited === rec.revision) return { applied: false, reason: 'already_credited' };
    if (credited > rec.revision) return { applied: false, reason: 'stale_revision' };
  }
  const volunteers = (await tx.collection(C.volunteers).where({ openid: rec.openid }).get()).data;
  const volunteer = volunteers[0];
  if (!volunteer || volunteer.status === 'erased') return { applied: false, reason: 'no_volunteer' };

  const servedBefore = state ? Number(state.minutes) : 0;
  const bankedBefore = state ? Number(state.bankedMinutes) : 0;
  const serviceDelta = rec.minutes - servedBefore;

  const account = await readAccount(tx, rec.openid);
  const balance = account?.balanceMinutes ?? 0;
  const target = Math.floor((rec.minutes * settings.creditPercent) / 100);
  const capMinutes = settings.capMinutes ?? Infinity;
  let banked: number;
  if (target >= bankedBefore) {
    const room = Math.max(0, capMinutes - balance);
    banked = bankedBefore + Math.min(target - bankedBefore, room);
  } else {
    banked = target;
  }
  const bankDelta = banked - bankedBefore;

  const entryId = creditEntryId(rec.recordId, rec.revision);
  const after = await post(
    tx,
    { entryId, account: rec.openid, kind: 'credit', minutes: bankDelta, serviceMinutes: serviceDelta, recordId: rec.recordId, revision: rec.revision, at: rec.at },
    { openid: rec.openid, communityId: rec.communityId },
    { allowNegative: true, earned: bankDelta },
  );
  await stateRef.set({
    data: { openid: rec.openid, communityId: rec.communityId, revision: rec.revision, minutes: rec.minutes, bankedMinutes: banked, entryId, updatedAt: rec.at },
  });
  const total = (typeof volunteer.totalMinutes === 'number' ? volunteer.totalMinutes : 0) + serviceDelta;
  if (total < 0) throw new AppError('failed-precondition', 'service time would become negative', { reason: 'timebank.negative_total' });
  await tx.collection(C.volunteers).doc(volunteer._id).update({ data: { totalMinutes: total, updatedAt: rec.at } });
  return { applied: true, entryId, serviceDelta, bankDelta, totalMinutes: total, balanceMinutes: after.balanceMinutes };
}
