// TEMPORARY until `git merge vol-org` brings server/volunteer/time-bank-credit.ts (after 05:00 UTC):
// then this file re-exports the real creditServiceRecord. Until then confirming a record fails
// loudly instead of silently skipping the credit.
import type { CreditServiceRecord } from '../../server/activity/credit';

export const creditServiceRecord: CreditServiceRecord = async () => {
  throw new Error('time-bank credit not merged yet (vol-org server/volunteer/time-bank-credit.ts)');
};
