// The caller's own time bank: balance and ledger, family bindings (by invitation code: both people
// take part, so nobody can bind themselves to someone else's account), transfers to a bound family
// member, donations to the community pool, redemption requests. Every debit is checked against the
// balance inside the transaction that writes it: concurrent debits conflict on the account
// document, the loser re-runs against the new balance, so no balance goes below zero.
import {
  AcceptFamilyInviteInput,
  CommunityPoolInput,
  AppError,
  CreateFamilyInviteInput,
  DonateInput,
  FamilyBinding,
  FamilyRelation,
  LedgerEntry,
  RedeemInput,
  starStanding,
  TimeBankInput,
  TimeBankOutput,
  TransferInput,
} from '../../../core';
import type { Ctx, TxCtx } from '../../../server/context';
import type { StoredDoc } from '../../../server/db';
import { paginate } from '../../../server/paginate';
import { guardRead } from '../../../server/transaction';
import { requireStaff } from '../../../server/volunteer/access';
import { volunteerSettings } from '../../../server/volunteer/config';
import { VolunteerCollections as C } from '../../../server/volunteer/collections';
import { randomCode, sha256Hex as sha256 } from '../../../server/volunteer/ids';
import { volunteerByOpenid } from '../../../server/volunteer/store';
import { poolAccountId, post, readAccount } from '../../../server/volunteer/time-bank';


export function bindingId(a: string, b: string): string {
  return [a, b].sort().join('~');
}

function toEntry(d: StoredDoc): LedgerEntry {
  return {
    entryId: d._id,
    kind: d.kind as LedgerEntry['kind'],
    minutes: Number(d.minutes),
    serviceMinutes: Number(d.serviceMinutes ?? 0),
    at: Number(d.at),
    recordId: typeof d.recordId === 'string' ? d.recordId : null,
    note: typeof d.note === 'string' ? d.note : null,
  };
}

async function bindingsOf(ctx: Ctx, openid: string): Promise<FamilyBinding[]> {
  const docs = (await ctx.db.collection(C.familyBindings).where({ members: openid }).limit(20).get()).data;
  const out: FamilyBinding[] = [];
  for (const d of docs) {
    const other = (d.members as string[]).find((m) => m !== openid) ?? '';
    const v = await volunteerByOpenid(ctx.db, other);
    out.push({ bindingId: d._id, relation: d.relation as FamilyRelation, counterpartName: v?.maskedName ?? '家人', since: Number(d.createdAt) });
  }
  return out;
}

export async function ledgerPage(ctx: Pick<Ctx, 'db'>, account: string, after: string | null, limit: number): Promise<{ items: LedgerEntry[]; next: string | null }> {
  const page = await paginate(ctx.db, C.timeBankLedger, { where: { account }, sort: [{ field: 'at', order: 'desc' }], after, limit });
  return { items: page.items.map(toEntry), next: page.next };
}

export async function timeBank(input: TimeBankInput, ctx: Ctx): Promise<TimeBankOutput> {
  const account = (await ctx.db.collection(C.timeBankAccounts).doc(ctx.openid).get()).data;
  const v = await volunteerByOpenid(ctx.db, ctx.openid);
  const total = Math.round(v?.totalMinutes ?? 0);
  const settings = volunteerSettings(ctx.config);
  const page = await ledgerPage(ctx, ctx.openid, input.after, input.limit);
  return {
    balanceMinutes: Number(account?.balanceMinutes ?? 0),
    earnedMinutes: Number(account?.earnedMinutes ?? 0),
    totalMinutes: total,
    ...starStanding(total, settings.starThresholdsHours),
    capMinutes: settings.capMinutes,
    bindings: await bindingsOf(ctx, ctx.openid),
    ledger: page.items,
    next: page.next,
  };
}

export async function communityPool(input: CommunityPoolInput, ctx: Ctx): Promise<{ balanceMinutes: number; ledger: LedgerEntry[]; next: string | null }> {
  await requireStaff(ctx, input.communityId);
  const id = poolAccountId(input.communityId);
  const account = (await ctx.db.collection(C.timeBankAccounts).doc(id).get()).data;
  const page = await ledgerPage(ctx, id, input.after, input.limit);
  return { balanceMinutes: Number(account?.balanceMinutes ?? 0), ledger: page.items, next: page.next };
}

export async function createFamilyInvite(input: CreateFamilyInviteInput, ctx: TxCtx): Promise<{ code: string; expiresAt: number }> {
  const code = randomCode(8);
  const expiresAt = ctx.now() + volunteerSettings(ctx.config).familyInviteTtlMs;
  // Only the code's hash is stored: reading the collection does not let anyone accept an invitation.
  await ctx.tx.collection(C.familyInvites).add({ data: { _id: sha256(code), inviter: ctx.openid, relation: input.relation, expiresAt, usedAt: null, createdAt: ctx.now() } });
  return { code, expiresAt };
}

export async function acceptFamilyInvite(input: AcceptFamilyInviteInput, ctx: TxCtx): Promise<FamilyBinding> {
  const ref = ctx.tx.collection(C.familyInvites).doc(sha256(input.code));
  const invite = (await ref.get()).data;
  // One answer for unknown, used and expired codes: a guesser learns nothing.
  if (!invite || invite.usedAt !== null || Number(invite.expiresAt) <= ctx.now()) {
    throw new AppError('failed-precondition', 'this invitation code is not valid (wrong, used or expired)', { reason: 'family.invite_invalid' });
  }
  const inviter = String(invite.inviter);
  if (inviter === ctx.openid) throw new AppError('failed-precondition', 'you cannot bind yourself', { reason: 'family.self_binding' });
  const id = bindingId(inviter, ctx.openid);
  const bindingRef = ctx.tx.collection(C.familyBindings).doc(id);
  if ((await bindingRef.get()).data) throw new AppError('already-exists', 'you are already bound to this person', { reason: 'family.already_bound' });
  const at = ctx.now();
  await bindingRef.set({ data: { members: [inviter, ctx.openid].sort(), inviter, relation: invite.relation, createdAt: at } });
  await ref.update({ data: { usedAt: at, usedBy: ctx.openid } });
  await ctx.audit({ action: 'volunteer.acceptFamilyInvite', subject: `${C.familyBindings}/${id}`, after: { relation: invite.relation } });
  const v = await volunteerByOpenid(ctx.tx, inviter);
  return { bindingId: id, relation: invite.relation as FamilyRelation, counterpartName: v?.maskedName ?? '家人', since: at };
}

async function communityOfAccount(ctx: TxCtx): Promise<string> {
  const account = await readAccount(ctx.tx, ctx.openid);
  return account?.communityId ?? '';
}

export async function transfer(input: TransferInput, ctx: TxCtx): Promise<{ balanceMinutes: number; entryId: string }> {
  const binding = (await ctx.tx.collection(C.familyBindings).doc(input.bindingId).get()).data;
  const members = Array.isArray(binding?.members) ? (binding.members as string[]) : [];
  // A binding the caller is not part of is as good as none: do not confirm that it exists.
  if (!binding || !members.includes(ctx.openid)) throw new AppError('not-found', 'no such family binding of yours', { reason: 'family.not_bound' });
  const to = members.find((m) => m !== ctx.openid) as string;
  // The binding is only read: guard it, so a removal (an erasure) committing meanwhile makes this conflict and re-run.
  await guardRead(ctx.tx, C.familyBindings, input.bindingId);
  const at = ctx.now();
  const entryId = `tf_${ctx.openid}_${ctx.requestId}`;
  const community = await communityOfAccount(ctx);
  const after = await post(ctx.tx, { entryId: `${entryId}_out`, account: ctx.openid, kind: 'transfer-out', minutes: -input.minutes, counterparty: to, note: input.note, at }, { openid: ctx.openid, communityId: community });
  await post(ctx.tx, { entryId: `${entryId}_in`, account: to, kind: 'transfer-in', minutes: input.minutes, counterparty: ctx.openid, note: input.note, at }, { openid: to, communityId: community });
  await ctx.audit({ action: 'volunteer.transfer', subject: `${C.familyBindings}/${input.bindingId}`, after: { minutes: input.minutes, from: ctx.openid, to } });
  return { balanceMinutes: after.balanceMinutes, entryId: `${entryId}_out` };
}

export async function donate(input: DonateInput, ctx: TxCtx): Promise<{ balanceMinutes: number; entryId: string }> {
  if (!(await ctx.tx.collection(C.communities).doc(input.communityId).get()).data) {
    throw new AppError('not-found', 'no such community', { reason: 'community.not_found' });
  }
  const at = ctx.now();
  const entryId = `dn_${ctx.openid}_${ctx.requestId}`;
  const pool = poolAccountId(input.communityId);
  const after = await post(ctx.tx, { entryId, account: ctx.openid, kind: 'donation', minutes: -input.minutes, counterparty: pool, at }, { openid: ctx.openid, communityId: input.communityId });
  await post(ctx.tx, { entryId: `${entryId}_pool`, account: pool, kind: 'donation', minutes: input.minutes, counterparty: ctx.openid, at }, { openid: '', communityId: input.communityId });
  await ctx.audit({ action: 'volunteer.donate', subject: `${C.timeBankAccounts}/${pool}`, after: { minutes: input.minutes, from: ctx.openid } });
  return { balanceMinutes: after.balanceMinutes, entryId };
}

export async function redeem(input: RedeemInput, ctx: TxCtx): Promise<{ redemptionId: string; minutes: number; purpose: string; status: 'pending'; createdAt: number }> {
  const at = ctx.now();
  const redemptionId = `rd_${ctx.openid}_${ctx.requestId}`;
  const community = await communityOfAccount(ctx);
  await post(ctx.tx, { entryId: redemptionId, account: ctx.openid, kind: 'redemption', minutes: -input.minutes, note: input.purpose, at }, { openid: ctx.openid, communityId: community });
  const doc = { openid: ctx.openid, communityId: community, minutes: input.minutes, purpose: input.purpose, status: 'pending' as const, createdAt: at };
  await ctx.tx.collection(C.timeBankRedemptions).add({ data: { _id: redemptionId, ...doc } });
  await ctx.audit({ action: 'volunteer.redeem', subject: `${C.timeBankRedemptions}/${redemptionId}`, after: { minutes: input.minutes, status: 'pending' } });
  return { redemptionId, minutes: input.minutes, purpose: input.purpose, status: 'pending', createdAt: at };
}
