// Needs posted by community staff or social workers. Anyone may list a community's open needs
// (donors browse them); they carry a beneficiary group, never a person.
import { NeedInput, needMachine, NeedView, ParsedInputOf } from '../../../core';
import type { CharityContract } from '../../../core/charity/charity.contract';
import { Collections } from '../../../server/collections';
import type { Ctx, TxCtx } from '../../../server/context';
import { paginate } from '../../../server/paginate';
import { applyTransition } from '../../../server/transition';
import { NEED_ROLES, notFound, precondition, requireOneOf } from '../../../server/charity/access';
import { asDoc, NeedDoc, needFields, needView } from '../../../server/charity/docs';
import { newId } from '../../../server/charity/ids';
import { checkTexts } from '../text';

type In<K extends keyof CharityContract['actions'] & string> = ParsedInputOf<CharityContract, K>;

/** Declared by the wish domain (database/wishes.ts); a need may stand for some of its micro-wishes. */
const WISHES = 'wishes';

/** Linked micro-wishes and the project must exist and belong to the need's community. */
async function checkLinks(ctx: TxCtx, communityId: string, need: NeedInput): Promise<void> {
  for (const id of new Set(need.linkedWishIds ?? [])) {
    const wish = (await ctx.tx.collection(WISHES).doc(id).get()).data;
    if (!wish || wish.communityId !== communityId) throw notFound(`micro-wish ${id} of ${communityId}`, 'charity_need.wish_not_found');
  }
  if (need.projectId) {
    const project = (await ctx.tx.collection(Collections.charityProjects).doc(need.projectId).get()).data;
    if (!project || project.communityId !== communityId) throw notFound(`project ${need.projectId} of ${communityId}`, 'charity_need.project_not_found');
  }
}

export async function createNeed(input: In<'createNeed'>, ctx: TxCtx): Promise<NeedView> {
  await requireOneOf(ctx, NEED_ROLES, input.communityId);
  await checkTexts(ctx, { 'need.item': input.need.item, 'need.description': input.need.description });
  await checkLinks(ctx, input.communityId, input.need);
  const at = ctx.now();
  const doc: NeedDoc = {
    _id: newId('need'),
    communityId: input.communityId,
    ...needFields(input.need),
    allocatedQuantity: 0,
    deliveredQuantity: 0,
    status: 'open',
    version: 0,
    postedBy: ctx.openid,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.tx.collection(Collections.charityNeeds).add({ data: doc as unknown as Record<string, unknown> });
  await ctx.audit({ action: 'charity_need.create', subject: `${Collections.charityNeeds}/${doc._id}`, after: { status: 'open', category: doc.category, quantity: doc.quantity, unit: doc.unit } });
  return needView(doc);
}

async function managedNeed(ctx: TxCtx, needId: string): Promise<NeedDoc> {
  const need = asDoc<NeedDoc>((await ctx.tx.collection(Collections.charityNeeds).doc(needId).get()).data);
  if (!need) throw notFound('need', 'charity_need.not_found');
  await requireOneOf(ctx, NEED_ROLES, need.communityId);
  return need;
}

/** Editing keeps what is already allocated: the quantity cannot drop below it, nor the unit change under it. */
export async function updateNeed(input: In<'updateNeed'>, ctx: TxCtx): Promise<NeedView> {
  const need = await managedNeed(ctx, input.needId);
  const fields = needFields(input.need);
  if (need.allocatedQuantity > 0 && (fields.unit !== need.unit || fields.category !== need.category)) {
    throw precondition('part of this need is allocated: its category and unit stay', 'charity_need.already_allocated');
  }
  if (fields.quantity < need.allocatedQuantity) {
    throw precondition(`${need.allocatedQuantity} ${need.unit} are already allocated: the quantity cannot be lower`, 'charity_need.below_allocated');
  }
  await checkTexts(ctx, { 'need.item': input.need.item, 'need.description': input.need.description });
  await checkLinks(ctx, need.communityId, input.need);
  const r = await applyTransition(ctx, needMachine, { collection: Collections.charityNeeds, id: need._id, event: 'edit', version: input.version, set: { ...fields, updatedAt: ctx.now() } });
  return needView(r.doc as unknown as NeedDoc);
}

/** Closing with allocations still to deliver would strand them: cancel those first. */
export async function closeNeed(input: In<'closeNeed'>, ctx: TxCtx): Promise<NeedView> {
  const need = await managedNeed(ctx, input.needId);
  if (need.allocatedQuantity > need.deliveredQuantity) {
    throw precondition('allocations of this need are still to be delivered', 'charity_need.open_allocations');
  }
  const r = await applyTransition(ctx, needMachine, {
    collection: Collections.charityNeeds,
    id: need._id,
    event: 'close',
    ...(input.version !== undefined ? { version: input.version } : {}),
    set: { updatedAt: ctx.now(), closeNote: input.note ?? null },
  });
  return needView(r.doc as unknown as NeedDoc);
}

export async function cancelNeed(input: In<'cancelNeed'>, ctx: TxCtx): Promise<NeedView> {
  const need = await managedNeed(ctx, input.needId);
  if (need.allocatedQuantity > 0) throw precondition('part of this need is allocated: close it instead', 'charity_need.already_allocated');
  const r = await applyTransition(ctx, needMachine, {
    collection: Collections.charityNeeds,
    id: need._id,
    event: 'cancel',
    ...(input.version !== undefined ? { version: input.version } : {}),
    set: { updatedAt: ctx.now(), cancelReason: input.reason },
  });
  return needView(r.doc as unknown as NeedDoc);
}

/** Open needs are public; other statuses are for the community's staff and social workers. */
export async function listNeeds(input: In<'listNeeds'>, ctx: Ctx) {
  if (input.status !== 'open') await requireOneOf(ctx, NEED_ROLES, input.communityId);
  const page = await paginate(ctx.db, Collections.charityNeeds, {
    where: { communityId: input.communityId, status: input.status },
    sort: [{ field: 'createdAt', order: 'desc' }],
    after: input.after ?? null,
    limit: input.limit,
  });
  return { items: page.items.map((d) => needView(d as unknown as NeedDoc)), next: page.next };
}

