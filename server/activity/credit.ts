// The time-bank credit a confirmed or corrected service record causes. Owned by the volunteer
// domain (server/volunteer/time-bank-credit.ts, branch vol-org); this domain only calls it, in the
// SAME transaction in which it confirms or corrects the record. It is idempotent per
// (recordId, revision) and writes the difference between `minutes` and what was already credited
// for that record, so a record, its credits and points are never counted twice.
import type { Tx } from '../db';

export interface ServiceRecordCredit {
  recordId: string;
  revision: number;
  openid: string;
  communityId: string;
  minutes: number;
  at: number;
}

export type CreditServiceRecord = (tx: Tx, rec: ServiceRecordCredit) => Promise<unknown>;
