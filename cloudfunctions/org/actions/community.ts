// The community's structure: its document (name, district, the volunteer-number code) is kept by
// its community-admin; grids (网格) with their buildings and 网格员 by its staff.
import { AppError, Community, GetCommunityInput, Grid, hasRole, RemoveGridInput, SaveCommunityInput, SaveGridInput } from '../../../core';
import type { Ctx, TxCtx } from '../../../server/context';
import type { StoredDoc } from '../../../server/db';
import { readUser } from '../../../server/user-store';
import { requireAdmin, requireStaff } from '../../../server/volunteer/access';
import { VolunteerCollections as C } from '../../../server/volunteer/collections';

const MAX_GRIDS = 100;

export function toCommunity(d: StoredDoc): Community {
  const grids = Array.isArray(d.grids) ? (d.grids as Array<Record<string, unknown>>) : [];
  return {
    communityId: d._id,
    name: String(d.name ?? ''),
    district: String(d.district ?? ''),
    code: typeof d.code === 'string' ? d.code : '',
    grids: grids.map((g) => ({ id: String(g.id), name: String(g.name ?? ''), staffOpenid: typeof g.staffOpenid === 'string' ? g.staffOpenid : null, buildings: Array.isArray(g.buildings) ? g.buildings.map(String) : [] })),
  };
}

async function communityDoc(reader: Pick<Ctx['db'], 'collection'> | TxCtx['tx'], id: string): Promise<StoredDoc> {
  const d = (await reader.collection(C.communities).doc(id).get()).data;
  if (!d) throw new AppError('not-found', 'no such community', { reason: 'community.not_found' });
  return d;
}

export async function getCommunity(input: GetCommunityInput, ctx: Ctx): Promise<Community> {
  return toCommunity(await communityDoc(ctx.db, input.communityId));
}

export async function saveCommunity(input: SaveCommunityInput, ctx: TxCtx): Promise<Community> {
  await requireAdmin(ctx, input.communityId);
  const ref = ctx.tx.collection(C.communities).doc(input.communityId);
  const current = (await ref.get()).data;
  const at = ctx.now();
  // Volunteer numbers already given out carry the code: it cannot change under them.
  if (current && typeof current.volunteerSeq === 'number' && current.volunteerSeq > 0 && current.code !== input.code) {
    throw new AppError('failed-precondition', 'volunteers already carry numbers with this community code', { reason: 'community.code_fixed' });
  }
  const sameCode = (await ctx.tx.collection(C.communities).where({ code: input.code }).get()).data.filter((d) => d._id !== input.communityId);
  if (sameCode.length > 0) throw new AppError('already-exists', 'another community uses this code', { reason: 'community.code_taken' });
  const fields = { name: input.name, district: input.district, code: input.code, updatedAt: at };
  if (current) await ref.update({ data: fields });
  else await ref.set({ data: { ...fields, grids: [], volunteerSeq: 0, createdAt: at } });
  await ctx.audit({ action: 'org.saveCommunity', subject: `${C.communities}/${input.communityId}`, before: current ? { name: current.name, district: current.district, code: current.code } : null, after: { name: input.name, district: input.district, code: input.code } });
  return toCommunity({ ...(current ?? { grids: [] }), ...fields, _id: input.communityId });
}

export async function saveGrid(input: SaveGridInput, ctx: TxCtx): Promise<Community> {
  await requireStaff(ctx, input.communityId);
  const current = toCommunity(await communityDoc(ctx.tx, input.communityId));
  const grid: Grid = { ...input.grid, buildings: [...new Set(input.grid.buildings)] };
  if (grid.staffOpenid !== null) {
    const gridStaff = await readUser(ctx.tx, grid.staffOpenid);
    if (!gridStaff || !(hasRole(gridStaff.roles, 'staff', input.communityId) || hasRole(gridStaff.roles, 'community-admin', input.communityId))) {
      throw new AppError('failed-precondition', 'the 网格员 must be staff of this community', { reason: 'community.grid_staff_not_staff' });
    }
  }
  const exists = current.grids.some((g) => g.id === grid.id);
  if (!exists && current.grids.length >= MAX_GRIDS) throw new AppError('resource-exhausted', `at most ${MAX_GRIDS} grids`, { reason: 'community.too_many_grids' });
  const grids = exists ? current.grids.map((g) => (g.id === grid.id ? grid : g)) : [...current.grids, grid];
  await ctx.tx.collection(C.communities).doc(input.communityId).update({ data: { grids, updatedAt: ctx.now() } });
  await ctx.audit({ action: 'org.saveGrid', subject: `${C.communities}/${input.communityId}`, before: { grid: current.grids.find((g) => g.id === grid.id) ?? null }, after: { grid } });
  return { ...current, grids };
}

export async function removeGrid(input: RemoveGridInput, ctx: TxCtx): Promise<Community> {
  await requireStaff(ctx, input.communityId);
  const current = toCommunity(await communityDoc(ctx.tx, input.communityId));
  const old = current.grids.find((g) => g.id === input.gridId);
  if (!old) throw new AppError('not-found', 'no such grid', { reason: 'community.grid_not_found' });
  const grids = current.grids.filter((g) => g.id !== input.gridId);
  await ctx.tx.collection(C.communities).doc(input.communityId).update({ data: { grids, updatedAt: ctx.now() } });
  await ctx.audit({ action: 'org.removeGrid', subject: `${C.communities}/${input.communityId}`, before: { grid: old }, after: null });
  return { ...current, grids };
}
