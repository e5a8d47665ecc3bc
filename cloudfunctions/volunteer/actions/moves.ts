// Moving a volunteer to another community (docs/volunteers.md, "Moving to another community").
// The volunteer asks; staff of the destination accept or refuse with a reason. On acceptance, in
// one transaction: the registration's community changes (volunteer number, hours, stars and the
// time-bank balance move with the person), the volunteer grant moves, teams of the old community
// are left (a leader loses the leader role there) and sign-ups for activities of the old community
// that have not started end (a freed place goes to the waitlist). Service records stay with the
// organizing unit that recorded them (办法 §11) and certificates with the community that issued them.
import { AppError, DecideMoveInput, ListMovesInput, MoveRef, MoveView, RequestMoveInput, moveMachine, withGrant } from '../../../core';
import { endFutureSignups } from '../../../server/activity/waitlist';
import type { Ctx, TxCtx } from '../../../server/context';
import type { StoredDoc } from '../../../server/db';
import { paginate } from '../../../server/paginate';
import { guardRead } from '../../../server/transaction';
import { applyTransition } from '../../../server/transition';
import { requireStaff } from '../../../server/volunteer/access';
import { VolunteerCollections as C } from '../../../server/volunteer/collections';
import { randomId } from '../../../server/volunteer/ids';
import { changeRoles, leaveTeams, without } from '../../../server/volunteer/membership';
import { volunteerById, requireVerified, volunteerByOpenid } from '../../../server/volunteer/store';

interface MoveDoc {
  _id: string;
  openid: string;
  volunteerId: string;
  volunteerNo: string;
  maskedName: string;
  fromCommunityId: string;
  toCommunityId: string;
  status: MoveView['status'];
  note: string | null;
  refuseReason: string | null;
  createdAt: number;
  decidedAt: number | null;
  version: number;
}

export function moveView(d: StoredDoc | MoveDoc): MoveView {
  const m = d as unknown as MoveDoc;
  return {
    moveId: m._id,
    volunteerNo: m.volunteerNo,
    maskedName: m.maskedName,
    fromCommunityId: m.fromCommunityId,
    toCommunityId: m.toCommunityId,
    status: m.status,
    note: m.note ?? null,
    refuseReason: m.refuseReason ?? null,
    createdAt: m.createdAt,
    decidedAt: m.decidedAt ?? null,
  };
}

/** The caller's latest request (for `me`), or null. */
export async function latestMove(ctx: Ctx, openid: string): Promise<MoveView | null> {
  const d = (await ctx.db.collection(C.volunteerMoves).where({ openid }).orderBy('createdAt', 'desc').limit(1).get()).data[0];
  return d ? moveView(d) : null;
}

async function loadMove(ctx: TxCtx, moveId: string): Promise<MoveDoc> {
  const d = (await ctx.tx.collection(C.volunteerMoves).doc(moveId).get()).data;
  if (!d) throw new AppError('not-found', 'no such request to move', { reason: 'move.not_found' });
  return d as unknown as MoveDoc;
}

export async function requestMove(input: RequestMoveInput, ctx: TxCtx): Promise<MoveView> {
  const v = requireVerified(await volunteerByOpenid(ctx.tx, ctx.openid));
  if (input.toCommunityId === v.communityId) throw new AppError('failed-precondition', 'you are already in this community', { reason: 'move.same_community' });
  const destination = (await ctx.tx.collection(C.communities).doc(input.toCommunityId).get()).data;
  if (!destination) throw new AppError('not-found', 'no such community', { reason: 'community.not_found' });
  // One open request at a time: the registration holds it, so two racing requests conflict on it.
  const stored = (await ctx.tx.collection(C.volunteers).doc(v._id).get()).data;
  if (typeof stored?.openMoveId === 'string') throw new AppError('already-exists', 'you already asked to move; withdraw that request first', { reason: 'move.already_open' });
  const at = ctx.now();
  const doc: MoveDoc = {
    _id: randomId('move'),
    openid: ctx.openid,
    volunteerId: v._id,
    volunteerNo: v.volunteerNo,
    maskedName: v.maskedName,
    fromCommunityId: v.communityId,
    toCommunityId: input.toCommunityId,
    status: 'requested',
    note: input.note,
    refuseReason: null,
    createdAt: at,
    decidedAt: null,
    version: 0,
  };
  await ctx.tx.collection(C.volunteerMoves).add({ data: { ...doc } });
  await ctx.tx.collection(C.volunteers).doc(v._id).update({ data: { openMoveId: doc._id, updatedAt: at } });
  await ctx.audit({ action: 'volunteer.requestMove', subject: `${C.volunteerMoves}/${doc._id}`, after: { from: doc.fromCommunityId, to: doc.toCommunityId } });
  return moveView(doc);
}

export async function withdrawMove(input: MoveRef, ctx: TxCtx): Promise<MoveView> {
  const m = await loadMove(ctx, input.moveId);
  // Someone else's request is "not found": a volunteer never acts on another's.
  if (m.openid !== ctx.openid) throw new AppError('not-found', 'no such request to move', { reason: 'move.not_found' });
  const { doc } = await applyTransition(ctx, moveMachine, { collection: C.volunteerMoves, id: m._id, event: 'withdraw', set: { decidedAt: ctx.now() } });
  await ctx.tx.collection(C.volunteers).doc(m.volunteerId).update({ data: { openMoveId: null, updatedAt: ctx.now() } });
  return moveView(doc);
}

export async function listMoves(input: ListMovesInput, ctx: Ctx): Promise<{ items: MoveView[]; next: string | null }> {
  await requireStaff(ctx, input.communityId);
  const page = await paginate(ctx.db, C.volunteerMoves, {
    where: { toCommunityId: input.communityId, status: 'requested' },
    sort: [{ field: 'createdAt', order: 'asc' }],
    after: input.after,
    limit: input.limit,
  });
  return { items: page.items.map(moveView), next: page.next };
}

export async function decideMove(input: DecideMoveInput, ctx: TxCtx): Promise<MoveView> {
  const m = await loadMove(ctx, input.moveId);
  await requireStaff(ctx, m.toCommunityId);
  if (m.openid === ctx.openid) throw new AppError('permission-denied', 'someone else decides on your own move', { reason: 'move.own_request' });
  const at = ctx.now();
  const accept = input.decision === 'accept';
  const { doc } = await applyTransition(ctx, moveMachine, {
    collection: C.volunteerMoves,
    id: m._id,
    event: accept ? 'accept' : 'refuse',
    set: { decidedAt: at, decidedBy: ctx.openid, refuseReason: input.decision === 'refuse' ? input.reason : null },
  });
  const v = await volunteerById(ctx.tx, m.volunteerId);
  if (!accept) {
    await ctx.tx.collection(C.volunteers).doc(v._id).update({ data: { openMoveId: null, updatedAt: at } });
    return moveView(doc);
  }
  if (v.status !== 'verified' || v.communityId !== m.fromCommunityId) {
    throw new AppError('failed-precondition', 'the registration changed since the request; ask the volunteer to request again', { reason: 'move.stale' });
  }
  await guardRead(ctx.tx, C.volunteers, v._id);
  await ctx.tx.collection(C.volunteers).doc(v._id).update({ data: { communityId: m.toCommunityId, openMoveId: null, version: v.version + 1, updatedAt: at } });
  const account = (await ctx.tx.collection(C.timeBankAccounts).doc(m.openid).get()).data;
  if (account) await ctx.tx.collection(C.timeBankAccounts).doc(m.openid).update({ data: { communityId: m.toCommunityId, updatedAt: at } });
  const teamsLeft = await leaveTeams(ctx, m.openid, m.fromCommunityId);
  const roles = await changeRoles(ctx, m.openid, (r) => withGrant(without(r, m.fromCommunityId, 'volunteer', 'leader'), { role: 'volunteer', communityId: m.toCommunityId }));
  const signupsEnded = await endFutureSignups(ctx, m.openid, m.fromCommunityId);
  await ctx.audit({
    action: 'volunteer.move',
    subject: `${C.volunteers}/${v._id}`,
    before: { communityId: m.fromCommunityId, roles: roles.before },
    after: { communityId: m.toCommunityId, roles: roles.after, teamsLeft, signupsEnded, moveId: m._id },
  });
  return moveView(doc);
}
