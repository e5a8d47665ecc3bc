// The community station's stock (慈善超市 / 捐助接收点): goods received and given out with a
// balance per item that never goes negative; a correction needs a second staff member.
import { ParsedInputOf, publicDonorLabel, StockCorrectionView, stockCorrectionMachine } from '../../../core';
import type { CharityContract } from '../../../core/charity/charity.contract';
import { Collections } from '../../../server/collections';
import type { Ctx, TxCtx } from '../../../server/context';
import { paginate } from '../../../server/paginate';
import { applyTransition } from '../../../server/transition';
import { denied, notFound, requireOneOf, STAFF_ROLES } from '../../../server/charity/access';
import { asDoc, StockCorrectionDoc, stockCorrectionView, StockItemDoc, stockItemView, StockMovementDoc, stockMovementView } from '../../../server/charity/docs';
import { newId, stockItemId } from '../../../server/charity/ids';
import { addLedgerEntry } from '../../../server/charity/ledger';
import { moveStock } from '../../../server/charity/stock';
import { checkTexts } from '../text';
import { holidayTable } from '../../../server/holidays';

type In<K extends keyof CharityContract['actions'] & string> = ParsedInputOf<CharityContract, K>;

/** Goods handed in at the station without an offer (walk-in donations), or given out to a resident. */
export async function recordStockMovement(input: In<'recordStockMovement'>, ctx: TxCtx) {
  await requireOneOf(ctx, STAFF_ROLES, input.communityId);
  // A donor who opted in is named on the public ledger: screen the name like other public text.
  if (input.direction === 'in' && input.showName) await checkTexts(ctx, { counterpart: input.counterpart });
  const at = ctx.now();
  const moved = await moveStock(ctx.tx, {
    communityId: input.communityId,
    item: input.item,
    unit: input.unit,
    direction: input.direction,
    quantity: input.quantity,
    counterpart: input.counterpart,
    note: input.note ?? null,
    allocationId: null,
    by: ctx.openid,
    at,
  });
  await ctx.audit({ action: `charity_stock.${input.direction}`, subject: `${Collections.charityStockItems}/${moved.item._id}`, before: { balance: moved.before }, after: { balance: moved.item.balance } });
  await addLedgerEntry(ctx.tx, { holidays: holidayTable(ctx.config),
    communityId: input.communityId,
    direction: input.direction === 'in' ? 'received' : 'given',
    // Given out: the recipient is never on the public ledger.
    label: input.direction === 'in' ? publicDonorLabel(input.counterpart, input.showName) : '社区居民',
    item: input.item,
    quantity: input.quantity,
    unit: input.unit,
    at,
    source: `${Collections.charityStockMovements}/${moved.movement._id}`,
    now: at,
  });
  return { item: stockItemView(moved.item), movement: stockMovementView(moved.movement) };
}

export async function requestStockCorrection(input: In<'requestStockCorrection'>, ctx: TxCtx): Promise<StockCorrectionView> {
  await requireOneOf(ctx, STAFF_ROLES, input.communityId);
  const doc: StockCorrectionDoc = {
    _id: newId('cor'),
    communityId: input.communityId,
    itemId: stockItemId(input.communityId, input.item, input.unit),
    item: input.item,
    unit: input.unit,
    delta: input.delta,
    reason: input.reason,
    status: 'pending',
    version: 0,
    requestedBy: ctx.openid,
    decidedBy: null,
    createdAt: ctx.now(),
  };
  await ctx.tx.collection(Collections.charityStockCorrections).add({ data: doc as unknown as Record<string, unknown> });
  await ctx.audit({ action: 'charity_stock_correction.request', subject: `${Collections.charityStockCorrections}/${doc._id}`, after: { delta: doc.delta, itemId: doc.itemId } });
  return stockCorrectionView(doc);
}

async function decidable(ctx: TxCtx, id: string): Promise<StockCorrectionDoc> {
  const c = asDoc<StockCorrectionDoc>((await ctx.tx.collection(Collections.charityStockCorrections).doc(id).get()).data);
  if (!c) throw notFound('stock correction', 'charity_stock_correction.not_found');
  await requireOneOf(ctx, STAFF_ROLES, c.communityId);
  if (c.requestedBy === ctx.openid) throw denied('a correction needs a second person: someone else must decide it', 'charity_stock_correction.same_person');
  return c;
}

/** The second person applies it: the balance changes by delta, never below zero. */
export async function approveStockCorrection(input: In<'approveStockCorrection'>, ctx: TxCtx): Promise<StockCorrectionView> {
  const c = await decidable(ctx, input.correctionId);
  const r = await applyTransition(ctx, stockCorrectionMachine, {
    collection: Collections.charityStockCorrections,
    id: c._id,
    event: 'approve',
    ...(input.version !== undefined ? { version: input.version } : {}),
    set: { decidedBy: ctx.openid },
  });
  const moved = await moveStock(ctx.tx, {
    communityId: c.communityId,
    item: c.item,
    unit: c.unit,
    direction: 'correction',
    quantity: c.delta,
    counterpart: null,
    note: c.reason,
    allocationId: null,
    by: ctx.openid,
    at: ctx.now(),
  });
  await ctx.audit({ action: 'charity_stock.correction', subject: `${Collections.charityStockItems}/${moved.item._id}`, before: { balance: moved.before }, after: { balance: moved.item.balance } });
  return stockCorrectionView(r.doc as unknown as StockCorrectionDoc);
}

export async function rejectStockCorrection(input: In<'rejectStockCorrection'>, ctx: TxCtx): Promise<StockCorrectionView> {
  const c = await decidable(ctx, input.correctionId);
  const r = await applyTransition(ctx, stockCorrectionMachine, {
    collection: Collections.charityStockCorrections,
    id: c._id,
    event: 'reject',
    ...(input.version !== undefined ? { version: input.version } : {}),
    set: { decidedBy: ctx.openid },
  });
  return stockCorrectionView(r.doc as unknown as StockCorrectionDoc);
}

export async function listStock(input: In<'listStock'>, ctx: Ctx) {
  await requireOneOf(ctx, STAFF_ROLES, input.communityId);
  const page = await paginate(ctx.db, Collections.charityStockItems, { where: { communityId: input.communityId }, sort: [{ field: 'item', order: 'asc' }], after: input.after ?? null, limit: input.limit });
  return { items: page.items.map((d) => stockItemView(d as unknown as StockItemDoc)), next: page.next };
}

export async function listStockMovements(input: In<'listStockMovements'>, ctx: Ctx) {
  await requireOneOf(ctx, STAFF_ROLES, input.communityId);
  const where: Record<string, unknown> = { communityId: input.communityId };
  if (input.itemId) where.itemId = input.itemId;
  const page = await paginate(ctx.db, Collections.charityStockMovements, { where, sort: [{ field: 'at', order: 'desc' }], after: input.after ?? null, limit: input.limit });
  return { items: page.items.map((d) => stockMovementView(d as unknown as StockMovementDoc)), next: page.next };
}

export async function listStockCorrections(input: In<'listStockCorrections'>, ctx: Ctx) {
  await requireOneOf(ctx, STAFF_ROLES, input.communityId);
  const page = await paginate(ctx.db, Collections.charityStockCorrections, {
    where: { communityId: input.communityId, status: input.status },
    sort: [{ field: 'createdAt', order: 'desc' }],
    after: input.after ?? null,
    limit: input.limit,
  });
  return { items: page.items.map((d) => stockCorrectionView(d as unknown as StockCorrectionDoc)), next: page.next };
}
