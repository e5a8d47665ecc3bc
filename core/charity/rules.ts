// Pure rules of the charity domain: disclosure deadlines (rules-and-norms B8), the public donor
// label, fund signatures, remaining quantities.
import { maskName } from '../mask';
import { addDays, Day, startOfDay } from '../time';

/** Receipts are disclosed within this many working days (民政部 《公益慈善捐助信息公开指引》). */
export const RECEIPT_DISCLOSURE_WORKING_DAYS = 7;
/** A project longer than this many months reports progress every PROJECT_REPORT_MONTHS (慈善组织信息公开办法). */
export const LONG_PROJECT_MONTHS = 6;
export const PROJECT_REPORT_MONTHS = 3;
/** Approvals by distinct named signers a disbursement needs before it counts. */
export const FUND_APPROVALS_REQUIRED = 2;

/**
 * Saturday or Sunday (China calendar day). Public holidays and make-up workdays (调休) are not
 * modelled here; the volunteers domain is adding a holiday table (core/working-days.ts on vol-org)
 * that these deadlines should use once it is on main. Named apart from it so both can be exported.
 */
export function isDisclosureWeekend(on: Day): boolean {
  const weekday = new Date(startOfDay(on) + 8 * 3600_000).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The day `n` working days after `on` (Monday–Friday; `on` itself does not count). */
export function addDisclosureWorkingDays(on: Day, n: number): Day {
  let day = on;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (!isDisclosureWeekend(day)) left -= 1;
  }
  return day;
}

/** When a receipt of `receivedOn` must be public. */
export function receiptDisclosureDue(receivedOn: Day): Day {
  return addDisclosureWorkingDays(receivedOn, RECEIPT_DISCLOSURE_WORKING_DAYS);
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
