// Pure rules of the charity domain: disclosure deadlines (rules-and-norms B8), the public donor
// label, fund signatures, remaining quantities.
import { maskName } from '../mask';
import { Day } from '../time';
import { addWorkingDays, HolidayTable, NO_HOLIDAYS } from '../working-days';

/** Receipts are disclosed within this many working days (民政部 《公益慈善捐助信息公开指引》). */
export const RECEIPT_DISCLOSURE_WORKING_DAYS = 7;
/** A project longer than this many months reports progress every PROJECT_REPORT_MONTHS (慈善组织信息公开办法). */
export const LONG_PROJECT_MONTHS = 6;
export const PROJECT_REPORT_MONTHS = 3;
/** Approvals by distinct named signers a disbursement needs before it counts. */
export const FUND_APPROVALS_REQUIRED = 2;

/** When a receipt of `receivedOn` must be public: 7 working days later (holidays from configuration). */
export function receiptDisclosureDue(receivedOn: Day, holidays: HolidayTable = NO_HOLIDAYS): Day {
  return addWorkingDays(receivedOn, RECEIPT_DISCLOSURE_WORKING_DAYS, holidays);
}

/** The same day `months` calendar months later (clamped to the month's last day). */
export function addMonths(on: Day, months: number): Day {
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A project is long when it runs more than LONG_PROJECT_MONTHS. */
export function isLongProject(startOn: Day, endOn: Day): boolean {
  return endOn > addMonths(startOn, LONG_PROJECT_MONTHS);
}

/** The next progress report of a long project: three months after the last one (or its start). */
export function projectReportDue(startOn: Day, lastReportOn: Day | null): Day {
  return addMonths(lastReportOn ?? startOn, PROJECT_REPORT_MONTHS);
}

/** 'YYYY-MM' of a day. */
export function monthOf(on: Day): string {
  return on.slice(0, 7);
}

/**
 * How the public ledger names a donor: by the first character (王某, J.) unless they opted in to
 * their name. An empty name is 爱心人士 (anonymous).
 */
export function publicDonorLabel(donorName: string, showName: boolean): string {
  const name = donorName.trim();
  if (!name) return '爱心人士';
  return showName ? name : maskName(name);
}

/** Distinct signers among the approvals: the same signer approving twice is one approval. */
export function distinctSigners(approvals: ReadonlyArray<{ openid: string }>): number {
  return new Set(approvals.map((a) => a.openid)).size;
}
