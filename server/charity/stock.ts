// The station's stock: every movement reads and writes the item's one document in the caller's
// transaction, so concurrent movements of one item conflict and the loser re-runs against the new
// balance (runTx): the balance is exact and never negative.
import { AppError } from '../../core';
import { Collections } from '../collections';
import type { Tx } from '../db';
import { asDoc, StockItemDoc, StockMovementDoc } from './docs';
import { newId, stockItemId } from './ids';

export interface MovementInput {
  communityId: string;
  item: string;
  unit: string;
  direction: 'in' | 'out' | 'correction';
  /** Positive for in/out; a correction's signed delta. */
  quantity: number;
  counterpart: string | null;
  note: string | null;
  allocationId: string | null;
  by: string;
  at: number;
}

export async function moveStock(tx: Tx, m: MovementInput): Promise<{ item: StockItemDoc; movement: StockMovementDoc; before: number }> {
  const id = stockItemId(m.communityId, m.item, m.unit);
  const ref = tx.collection(Collections.charityStockItems).doc(id);
  const current = asDoc<StockItemDoc>((await ref.get()).data);
  const before = current?.balance ?? 0;
  const delta = m.direction === 'out' ? -m.quantity : m.quantity;
  const balance = before + delta;
  if (balance < 0) {
    throw new AppError('failed-precondition', `the station holds ${before} ${m.unit} of ${m.item}: cannot take ${-delta}`, { reason: 'charity_stock.insufficient' });
  }
  const item: StockItemDoc = {
    _id: id,
    communityId: m.communityId,
    item: m.item,
    unit: m.unit,
    balance,
    receivedTotal: (current?.receivedTotal ?? 0) + (m.direction === 'in' ? m.quantity : 0),
    givenTotal: (current?.givenTotal ?? 0) + (m.direction === 'out' ? m.quantity : 0),
    version: (current?.version ?? 0) + 1,
    updatedAt: m.at,
  };
  const { _id, ...fields } = item;
  if (current) await ref.update({ data: fields });
  else await ref.set({ data: fields });
  const movement: StockMovementDoc = {
    _id: newId('mov'),
    communityId: m.communityId,
    itemId: id,
    item: m.item,
    unit: m.unit,
    direction: m.direction,
    quantity: m.quantity,
    balanceAfter: balance,
    counterpart: m.counterpart,
    note: m.note,
    allocationId: m.allocationId,
    at: m.at,
    by: m.by,
  };
  await tx.collection(Collections.charityStockMovements).add({ data: movement as unknown as Record<string, unknown> });
  return { item, movement, before };
}
