// The time-bank credit of the volunteer domain (server/volunteer/time-bank-credit.ts), called in the
// same transaction in which a record is confirmed, corrected or back-filled.
import type { CreditServiceRecord } from '../../server/activity/credit';
import { creditServiceRecord as volunteerCredit } from '../../server/volunteer/time-bank-credit';

export const creditServiceRecord: CreditServiceRecord = volunteerCredit;
