// The community fund (小区公益基金): co-managed by three named signers (convener, committee
// member, resident representative). Income counts when recorded; a disbursement counts only when
// two DIFFERENT signers have approved it. The balance is derived from the entries every time it
// is shown or checked: no stored balance can drift from them.
import {
  dayOf,
  disbursementMachine,
  distinctSigners,
  FUND_APPROVALS_REQUIRED,
  FundEntryView,
  FundSignerRole,
  FundView,
  ParsedInputOf,
  publicDonorLabel,
} from '../../../core';
import type { CharityContract } from '../../../core/charity/charity.contract';
import { Collections } from '../../../server/collections';
import type { Ctx, TxCtx } from '../../../server/context';
import type { DocData, StoredDoc } from '../../../server/db';
import { paginate } from '../../../server/paginate';
import { guardRead } from '../../../server/transaction';
import { applyTransition } from '../../../server/transition';
import { denied, holdsOneOf, notFound, precondition, requireOneOf, STAFF_ROLES } from '../../../server/charity/access';
import { addTotals, asDoc, FundDoc, FundEntryDoc, fundEntryView, FundTotals, fundView } from '../../../server/charity/docs';
import { newId } from '../../../server/charity/ids';
import { addLedgerEntry } from '../../../server/charity/ledger';
import { checkTexts } from '../text';
import { holidayTable } from '../../../server/holidays';

type In<K extends keyof CharityContract['actions'] & string> = ParsedInputOf<CharityContract, K>;

const PAGE = 500;
const ZERO: FundTotals = { incomeFen: 0, spentFen: 0, pendingFen: 0 };

/** Reads every entry of the fund (in pages by _id) and adds them up. `read` is ctx.db or the transaction. */
async function totals(read: (where: DocData, limit: number) => Promise<StoredDoc[]>, fundId: string, gtId: (id: string) => unknown): Promise<FundTotals> {
  let t = ZERO;
  let last: string | null = null;
  for (;;) {
    const where: DocData = last === null ? { fundId } : { fundId, _id: gtId(last) };
    const page = await read(where, PAGE);
    t = addTotals(t, page as unknown as FundEntryDoc[]);
    if (page.length < PAGE) return t;
    last = page[page.length - 1]!._id;
  }
}

const committedTotals = (ctx: Ctx, fundId: string) =>
  totals((where, limit) => ctx.db.collection(Collections.charityFundEntries).where(where).orderBy('_id', 'asc').limit(limit).get().then((r) => r.data), fundId, (id) => ctx.db.command.gt(id));

const txTotals = (ctx: TxCtx, fundId: string) =>
  totals((where, limit) => ctx.tx.collection(Collections.charityFundEntries).where(where).orderBy('_id', 'asc').limit(limit).get().then((r) => r.data), fundId, (id) => ctx.db.command.gt(id));

function signerRoles(fund: FundDoc, openid: string): FundSignerRole[] {
  return (Object.entries(fund.signers) as Array<[FundSignerRole, string]>).filter(([, o]) => o === openid).map(([role]) => role);
}

async function loadFund(ctx: Ctx | TxCtx, fundId: string): Promise<FundDoc> {
  const reader = 'tx' in ctx ? ctx.tx.collection(Collections.charityFunds).doc(fundId) : ctx.db.collection(Collections.charityFunds).doc(fundId);
  const fund = asDoc<FundDoc>((await reader.get()).data);
  if (!fund) throw notFound('fund', 'charity_fund.not_found');
  return fund;
}

/** Staff of the fund's community or one of its signers. */
async function requireManager(ctx: Ctx | TxCtx, fund: FundDoc): Promise<void> {
  if (signerRoles(fund, ctx.openid).length > 0) return;
  await requireOneOf(ctx, STAFF_ROLES, fund.communityId);
}

export async function createFund(input: In<'createFund'>, ctx: TxCtx): Promise<FundView> {
  await requireOneOf(ctx, ['community-admin'], input.communityId);
  await checkTexts(ctx, { name: input.name });
  const doc: FundDoc = { _id: newId('fund'), communityId: input.communityId, name: input.name, signers: input.signers, createdBy: ctx.openid, createdAt: ctx.now() };
  await ctx.tx.collection(Collections.charityFunds).add({ data: doc as unknown as Record<string, unknown> });
  await ctx.audit({ action: 'charity_fund.create', subject: `${Collections.charityFunds}/${doc._id}`, after: { signers: doc.signers } });
  return fundView(doc, ZERO);
}

export async function recordFundIncome(input: In<'recordFundIncome'>, ctx: TxCtx): Promise<FundEntryView> {
  const fund = await loadFund(ctx, input.fundId);
  await requireManager(ctx, fund);
  await checkTexts(ctx, { donorName: input.donorName, purpose: input.purpose });
  const at = ctx.now();
  if (input.receivedOn > dayOf(at)) throw precondition('income is recorded once received', 'charity_fund.income_in_future');
  const doc: FundEntryDoc = {
    _id: newId('fe'),
    fundId: fund._id,
    communityId: fund.communityId,
    kind: 'income',
    amountFen: input.amountFen,
    purpose: input.purpose,
    counterpart: input.donorName,
    showName: input.showName,
    evidenceFileIds: input.evidenceFileIds,
    status: 'recorded',
    approvals: [],
    version: 0,
    on: input.receivedOn,
    note: null,
    createdBy: ctx.openid,
    createdAt: at,
  };
  await ctx.tx.collection(Collections.charityFundEntries).add({ data: doc as unknown as Record<string, unknown> });
  // Serialises with approvals, which check the balance: both write the fund document.
  await guardRead(ctx.tx, Collections.charityFunds, fund._id);
  await ctx.audit({ action: 'charity_fund.income', subject: `${Collections.charityFundEntries}/${doc._id}`, after: { amountFen: doc.amountFen, fundId: fund._id } });
  await addLedgerEntry(ctx.tx, { holidays: holidayTable(ctx.config),
    communityId: fund.communityId,
    direction: 'received',
    label: publicDonorLabel(input.donorName, input.showName),
    item: `${fund.name}：${input.purpose}`,
    quantity: input.amountFen,
    unit: 'fen',
    at: Math.min(at, Date.parse(`${input.receivedOn}T12:00:00+08:00`)),
    source: `${Collections.charityFundEntries}/${doc._id}`,
    now: at,
  });
  return fundEntryView(doc);
}

export async function requestDisbursement(input: In<'requestDisbursement'>, ctx: TxCtx): Promise<FundEntryView> {
  const fund = await loadFund(ctx, input.fundId);
  await requireManager(ctx, fund);
  await checkTexts(ctx, { purpose: input.purpose, payee: input.payee });
  const at = ctx.now();
  const doc: FundEntryDoc = {
    _id: newId('fe'),
    fundId: fund._id,
    communityId: fund.communityId,
    kind: 'disbursement',
    amountFen: input.amountFen,
    purpose: input.purpose,
    counterpart: input.payee,
    showName: false,
    evidenceFileIds: input.evidenceFileIds,
    status: 'pending',
    approvals: [],
    version: 0,
    on: dayOf(at),
    note: null,
    createdBy: ctx.openid,
    createdAt: at,
  };
  await ctx.tx.collection(Collections.charityFundEntries).add({ data: doc as unknown as Record<string, unknown> });
  await ctx.audit({ action: 'charity_fund.requestDisbursement', subject: `${Collections.charityFundEntries}/${doc._id}`, after: { amountFen: doc.amountFen, status: 'pending' } });
  return fundEntryView(doc);
}

async function signersEntry(ctx: TxCtx, entryId: string): Promise<{ entry: FundEntryDoc; fund: FundDoc; roles: FundSignerRole[] }> {
  const entry = asDoc<FundEntryDoc>((await ctx.tx.collection(Collections.charityFundEntries).doc(entryId).get()).data);
  if (!entry || entry.kind !== 'disbursement') throw notFound('disbursement', 'charity_fund.entry_not_found');
  const fund = await loadFund(ctx, entry.fundId);
  const roles = signerRoles(fund, ctx.openid);
  if (roles.length === 0) throw denied('only the fund\'s three named signers approve or reject disbursements', 'charity_fund.not_signer');
  return { entry, fund, roles };
}

/**
 * A signer's approval. The same signer approving again changes nothing (one signer is one
 * approval, however often they press the button). The second distinct signer's approval makes it
 * count, provided the balance derived from the entries covers it.
 */
export async function approveDisbursement(input: In<'approveDisbursement'>, ctx: TxCtx): Promise<FundEntryView> {
  const { entry, fund, roles } = await signersEntry(ctx, input.entryId);
  if (!disbursementMachine.can(entry.status as 'pending', 'sign')) {
    throw precondition(`the disbursement is ${entry.status}`, disbursementMachine.reasonFor('approve'));
  }
  if (entry.approvals.some((a) => a.openid === ctx.openid)) return fundEntryView(entry);
  const approvals = [...entry.approvals, { role: roles[0]!, openid: ctx.openid, at: ctx.now() }];
  const counts = distinctSigners(approvals) >= FUND_APPROVALS_REQUIRED;
  await guardRead(ctx.tx, Collections.charityFunds, fund._id);
  if (counts) {
    const t = await txTotals(ctx, fund._id);
    const balance = t.incomeFen - t.spentFen;
    if (entry.amountFen > balance) {
      throw precondition(`the fund holds ${balance} fen: it cannot pay ${entry.amountFen}`, 'charity_fund.insufficient_balance');
    }
  }
  const r = await applyTransition(ctx, disbursementMachine, {
    collection: Collections.charityFundEntries,
    id: entry._id,
    event: counts ? 'approve' : 'sign',
    ...(input.version !== undefined ? { version: input.version } : {}),
    set: { approvals },
  });
  if (counts) {
    await addLedgerEntry(ctx.tx, { holidays: holidayTable(ctx.config),
      communityId: fund.communityId,
      direction: 'given',
      label: entry.purpose,
      item: fund.name,
      quantity: entry.amountFen,
      unit: 'fen',
      at: ctx.now(),
      source: `${Collections.charityFundEntries}/${entry._id}`,
      now: ctx.now(),
    });
  }
  return fundEntryView(r.doc as unknown as FundEntryDoc);
}

export async function rejectDisbursement(input: In<'rejectDisbursement'>, ctx: TxCtx): Promise<FundEntryView> {
  const { entry } = await signersEntry(ctx, input.entryId);
  const r = await applyTransition(ctx, disbursementMachine, {
    collection: Collections.charityFundEntries,
    id: entry._id,
    event: 'reject',
    ...(input.version !== undefined ? { version: input.version } : {}),
    set: { note: input.reason, rejectedBy: ctx.openid },
  });
  return fundEntryView(r.doc as unknown as FundEntryDoc);
}

export async function getFund(input: In<'getFund'>, ctx: Ctx): Promise<FundView> {
  const fund = await loadFund(ctx, input.fundId);
  await requireManager(ctx, fund);
  return fundView(fund, await committedTotals(ctx, fund._id));
}

/** Staff of the community, or a signer of a fund (who sees the funds they sign for). */
export async function listFunds(input: In<'listFunds'>, ctx: Ctx) {
  const staff = (await holdsOneOf(ctx, STAFF_ROLES, input.communityId)) !== null;
  const docs = (await ctx.db.collection(Collections.charityFunds).where({ communityId: input.communityId }).orderBy('createdAt', 'desc').limit(100).get()).data as unknown as FundDoc[];
  const visible = staff ? docs : docs.filter((f) => signerRoles(f, ctx.openid).length > 0);
  if (!staff && visible.length === 0) throw denied(`requires staff of ${input.communityId} or a fund signer`, 'role.missing');
  const items: FundView[] = [];
  for (const f of visible) items.push(fundView(f, await committedTotals(ctx, f._id)));
  return { items };
}

export async function listFundEntries(input: In<'listFundEntries'>, ctx: Ctx) {
  const fund = await loadFund(ctx, input.fundId);
  await requireManager(ctx, fund);
  const page = await paginate(ctx.db, Collections.charityFundEntries, { where: { fundId: fund._id }, sort: [{ field: 'createdAt', order: 'desc' }], after: input.after ?? null, limit: input.limit });
  return { items: page.items.map((d) => fundEntryView(d as unknown as FundEntryDoc)), next: page.next };
}
