// The charity demo data is what the functions would have written: every document reads through
// the function's views into its contract, and the quantities agree with each other.
import { AllocationView, FundEntryView, FundView, NeedView, OfferView, RESERVING_STATUSES, StockItemView, StockMovementView } from '../../../core';
import { charityDemoDocuments, CHARITY_DEMO_PEOPLE } from '../../../emulator/seed/demo-charity';
import { addTotals, allocationView, AllocationDoc, FundDoc, FundEntryDoc, fundEntryView, fundView, NeedDoc, needView, OfferDoc, offerView, stockItemView, StockItemDoc, stockMovementView, StockMovementDoc } from '../../../server/charity/docs';
import { stockItemId } from '../../../server/charity/ids';

const now = Date.UTC(2026, 10, 23, 2);
const docs = charityDemoDocuments(now) as unknown as {
  charity_offers: OfferDoc[];
  charity_needs: NeedDoc[];
  charity_allocations: AllocationDoc[];
  charity_stock_items: StockItemDoc[];
  charity_stock_movements: StockMovementDoc[];
  charity_funds: FundDoc[];
  charity_fund_entries: FundEntryDoc[];
};

test('every seeded document reads into its contract view', () => {
  for (const o of docs.charity_offers) expect(OfferView.safeParse(offerView(o, 'x')).success).toBe(true);
  for (const n of docs.charity_needs) expect(NeedView.safeParse(needView(n)).success).toBe(true);
  for (const a of docs.charity_allocations) expect(AllocationView.safeParse(allocationView(a, 'x', true)).success).toBe(true);
  for (const s of docs.charity_stock_items) expect(StockItemView.safeParse(stockItemView(s)).success).toBe(true);
  for (const m of docs.charity_stock_movements) expect(StockMovementView.safeParse(stockMovementView(m)).success).toBe(true);
  for (const e of docs.charity_fund_entries) expect(FundEntryView.safeParse(fundEntryView(e)).success).toBe(true);
  for (const f of docs.charity_funds) expect(FundView.safeParse(fundView(f, { incomeFen: 0, spentFen: 0, pendingFen: 0 })).success).toBe(true);
});

test('reservations, deliveries, balances and signers agree', () => {
  const reserving = docs.charity_allocations.filter((a) => (RESERVING_STATUSES as readonly string[]).includes(a.status));
  for (const o of docs.charity_offers) {
    const mine = reserving.filter((a) => a.offerId === o._id);
    expect({ id: o._id, allocated: o.allocatedQuantity, delivered: o.deliveredQuantity }).toEqual({
      id: o._id,
      allocated: mine.reduce((s, a) => s + a.quantity, 0),
      delivered: mine.reduce((s, a) => s + a.deliveredQuantity, 0),
    });
  }
  for (const n of docs.charity_needs) {
    const mine = reserving.filter((a) => a.needId === n._id);
    expect({ id: n._id, allocated: n.allocatedQuantity }).toEqual({ id: n._id, allocated: mine.reduce((s, a) => s + a.quantity, 0) });
  }
  for (const a of docs.charity_allocations) expect(a.handovers.reduce((s, h) => s + h.quantity, 0)).toBe(a.deliveredQuantity);
  for (const s of docs.charity_stock_items) {
    expect(s._id).toBe(stockItemId(s.communityId, s.item, s.unit));
    const moves = docs.charity_stock_movements.filter((m) => m.itemId === s._id);
    expect(moves.reduce((t, m) => t + (m.direction === 'out' ? -m.quantity : m.quantity), 0)).toBe(s.balance);
  }
  const totals = addTotals({ incomeFen: 0, spentFen: 0, pendingFen: 0 }, docs.charity_fund_entries);
  expect(totals.incomeFen - totals.spentFen).toBeGreaterThanOrEqual(0);
  const signers = Object.values(docs.charity_funds[0]!.signers);
  for (const e of docs.charity_fund_entries.filter((x) => x.status === 'approved')) expect(new Set(e.approvals.map((a) => a.openid)).size).toBeGreaterThanOrEqual(2);
  for (const e of docs.charity_fund_entries) for (const a of e.approvals) expect(signers).toContain(a.openid);
  expect(signers.filter((s) => s.startsWith('demo-')).length).toBe(3);
  expect(CHARITY_DEMO_PEOPLE.map((p) => p.openid)).toEqual(expect.arrayContaining(['demo-committee', 'demo-resident-rep']));
});
