// Time-bank accounts and ledger entries, written only inside a transaction (the caller's ctx.tx or
// the activity half's confirmation transaction). Balances are integer minutes of credit (60 = one
// credit at the default rate). Every change of a balance is one ledger entry with a deterministic
// _id written in the same transaction as the balance, so a balance always equals the sum of its
// entries and a retried transaction cannot write an entry twice.
import { AppError } from '../../core';
import type { StoredDoc, Tx } from '../db';
import { VolunteerCollections as C } from './collections';

export interface AccountDoc {
  _id: string;
  /** The owner's openid, or '' for a community pool. */
  openid: string;
  communityId: string;
  balanceMinutes: number;
  /** Minutes ever credited from service (stars use the volunteer's totalMinutes, not this). */
  earnedMinutes: number;
  createdAt: number;
  updatedAt: number;
}

/** A community pool's account id; ':' never occurs in an openid, so it cannot collide with a person's. */
export function poolAccountId(communityId: string): string {
  return `pool:${communityId}`;
}

export async function readAccount(tx: Tx, id: string): Promise<AccountDoc | null> {
  const doc = (await tx.collection(C.timeBankAccounts).doc(id).get()).data;
  return doc ? toAccount(doc) : null;
}

function toAccount(doc: StoredDoc): AccountDoc {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return {
    _id: doc._id,
    openid: typeof doc.openid === 'string' ? doc.openid : '',
    communityId: typeof doc.communityId === 'string' ? doc.communityId : '',
    balanceMinutes: num(doc.balanceMinutes),
    earnedMinutes: num(doc.earnedMinutes),
    createdAt: num(doc.createdAt),
    updatedAt: num(doc.updatedAt),
  };
}

export interface LedgerWrite {
  entryId: string;
  account: string;
  kind: 'credit' | 'transfer-out' | 'transfer-in' | 'donation' | 'redemption';
  minutes: number;
  serviceMinutes?: number;
  recordId?: string | null;
  revision?: number | null;
  counterparty?: string | null;
  note?: string | null;
  at: number;
}

/**
 * Applies `entry.minutes` to the account (creating it at zero when missing) and writes the entry.
 * `allowNegative` is for corrections only (a record corrected downwards after its credits were
 * spent); transfers, donations and redemptions never take a balance below zero.
 */
export async function post(tx: Tx, entry: LedgerWrite, init: { openid: string; communityId: string }, opts: { allowNegative?: boolean; earned?: number } = {}): Promise<AccountDoc> {
  const current = (await readAccount(tx, entry.account)) ?? {
    _id: entry.account,
    openid: init.openid,
    communityId: init.communityId,
    balanceMinutes: 0,
    earnedMinutes: 0,
    createdAt: entry.at,
    updatedAt: entry.at,
  };
  const balance = current.balanceMinutes + entry.minutes;
  if (balance < 0 && !opts.allowNegative) {
    throw new AppError('failed-precondition', `the balance is ${current.balanceMinutes} minutes, less than ${-entry.minutes}`, { reason: 'timebank.insufficient_balance' });
  }
  const next: AccountDoc = { ...current, balanceMinutes: balance, earnedMinutes: current.earnedMinutes + (opts.earned ?? 0), updatedAt: entry.at };
  const { _id, ...fields } = next;
  await tx.collection(C.timeBankAccounts).doc(_id).set({ data: fields });
  await tx.collection(C.timeBankLedger).add({
    data: {
      _id: entry.entryId,
      account: entry.account,
      kind: entry.kind,
      minutes: entry.minutes,
      serviceMinutes: entry.serviceMinutes ?? 0,
      balanceAfter: balance,
      recordId: entry.recordId ?? null,
      revision: entry.revision ?? null,
      counterparty: entry.counterparty ?? null,
      note: entry.note ?? null,
      at: entry.at,
    },
  });
  return next;
}
