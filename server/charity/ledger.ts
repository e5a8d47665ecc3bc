// The disclosure ledger (两公开): one entry per thing received or given out, written in the same
// transaction as the change it discloses. Entries are masked when written (the donor's label,
// never the beneficiary), so the public view can never show more than this.
import { addMonths, dayOf, HolidayTable, monthOf, receiptDisclosureDue } from '../../core';
import { Collections } from '../collections';
import type { Tx } from '../db';
import { newId } from './ids';

export interface LedgerDoc {
  _id: string;
  communityId: string;
  month: string;
  direction: 'received' | 'given';
  /** What the public sees as the counterpart: the masked donor, or who it went to (a group, a purpose). */
  label: string;
  item: string;
  quantity: number | null;
  unit: string | null;
  amountFen: number | null;
  on: string;
  /** Received: 7 working days after `on`; given: one month after (B8). */
  dueOn: string;
  published: boolean;
  publishedAt: number | null;
  /** '<collection>/<id>' of the record it discloses. */
  source: string;
  createdAt: number;
}

export interface LedgerInput {
  communityId: string;
  direction: 'received' | 'given';
  label: string;
  item: string;
  /** Goods or hours in `unit`, or money in fen (unit 'fen'). */
  quantity: number;
  unit: string;
  at: number;
  source: string;
  now: number;
  /** The working-day calendar of the receipt deadline (server/holidays.ts). */
  holidays: HolidayTable;
}

export async function addLedgerEntry(tx: Tx, e: LedgerInput): Promise<LedgerDoc> {
  const on = dayOf(e.at);
  const money = e.unit === 'fen';
  const doc: LedgerDoc = {
    _id: newId('led'),
    communityId: e.communityId,
    month: monthOf(on),
    direction: e.direction,
    label: e.label,
    item: e.item,
    quantity: money ? null : e.quantity,
    unit: money ? null : e.unit,
    amountFen: money ? e.quantity : null,
    on,
    dueOn: e.direction === 'received' ? receiptDisclosureDue(on, e.holidays) : addMonths(on, 1),
    published: false,
    publishedAt: null,
    source: e.source,
    createdAt: e.now,
  };
  await tx.collection(Collections.charityLedger).add({ data: doc as unknown as Record<string, unknown> });
  return doc;
}

/** How the public ledger names who received something: the need's beneficiary group. */
export const GROUP_LABELS: Record<string, string> = {
  elderly: '社区老人',
  children: '社区儿童',
  disabled: '残疾人',
  'low-income': '困难家庭',
  sick: '患病居民',
  families: '社区家庭',
  other: '社区居民',
};
