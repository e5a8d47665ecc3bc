// The time bank through the volunteer function: credits from service records (creditServiceRecord),
// stars, family bindings by invitation, transfers that never overdraw under concurrency, donations
// to the community pool, redemptions.
import { runTx } from '../../../server/transaction';
import { creditServiceRecord } from '../../../server/volunteer/time-bank-credit';
import { db, uniq } from '../../server/fixtures/db';
import { caller, makeCommunity, makeUser, ok, T0, vol, verifiedVolunteer, writesBy } from './support';
import { volunteer } from '../../../cloudfunctions/volunteer/function';

jest.setTimeout(60_000);

let A: string;
let staffA: string;

beforeAll(async () => {
  A = await makeCommunity();
  staffA = await makeUser([{ role: 'staff', communityId: A }]);
});

async function credit(openid: string, minutes: number, at = T0): Promise<void> {
  await runTx(db(), (tx) => creditServiceRecord(tx, { recordId: uniq('rec'), revision: 0, openid, communityId: A, minutes, at }));
}

async function bound(): Promise<{ a: string; b: string; bindingId: string }> {
  const a = await verifiedVolunteer(A, staffA);
  const b = uniq('family');
  const invite = ok(await vol(a.openid, 'createFamilyInvite', { relation: 'parent' }));
  const binding = ok(await vol(b, 'acceptFamilyInvite', { code: invite.code }));
  return { a: a.openid, b, bindingId: binding.bindingId };
}

const balance = async (account: string) => Number((await db().collection('time_bank_accounts').doc(account).get()).data?.balanceMinutes ?? 0);

test('credits show as balance, total and stars; the ledger lists them newest first', async () => {
  const v = await verifiedVolunteer(A, staffA);
  await credit(v.openid, 100 * 60 - 30);
  let tb = ok(await vol(v.openid, 'timeBank', {}, undefined));
  expect(tb).toMatchObject({ balanceMinutes: 5970, totalMinutes: 5970, stars: 0, hoursToNext: 0.5, capMinutes: null, bindings: [] });
  await credit(v.openid, 30, T0 + 60_000);
  tb = ok(await vol(v.openid, 'timeBank', { limit: 1 }, undefined));
  expect(tb).toMatchObject({ balanceMinutes: 6000, stars: 1, hoursToNext: 200 });
  expect(tb.ledger).toHaveLength(1);
  expect(tb.ledger[0]).toMatchObject({ kind: 'credit', minutes: 30, serviceMinutes: 30 });
  expect(tb.next).not.toBeNull();
  const rest = ok(await vol(v.openid, 'timeBank', { after: tb.next, limit: 5 }, undefined));
  expect(rest.ledger.map((e: any) => e.minutes)).toEqual([5970]);
  expect(ok(await vol(v.openid, 'me', {}, undefined)).volunteer).toMatchObject({ totalMinutes: 6000, stars: 1 });
});

test('family binding needs the other person to accept a code; codes are single use and expire', async () => {
  const a = await verifiedVolunteer(A, staffA);
  const invite = ok(await vol(a.openid, 'createFamilyInvite', { relation: 'child' }));
  expect(invite.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  expect(await vol(a.openid, 'acceptFamilyInvite', { code: invite.code })).toMatchObject({ ok: false, error: { details: { reason: 'family.self_binding' } } });
  const b = uniq('kid');
  const binding = ok(await vol(b, 'acceptFamilyInvite', { code: invite.code }));
  expect(binding).toMatchObject({ relation: 'child' });
  expect(await vol(uniq('c'), 'acceptFamilyInvite', { code: invite.code })).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'family.invite_invalid' } } });
  expect(ok(await vol(b, 'timeBank', {}, undefined)).bindings).toEqual([expect.objectContaining({ bindingId: binding.bindingId, counterpartName: '刘某' })]);
  const late = ok(await vol(a.openid, 'createFamilyInvite', { relation: 'spouse' }));
  const tomorrow = caller(volunteer, T0 + 25 * 3600_000);
  expect(await tomorrow(uniq('d'), 'acceptFamilyInvite', { code: late.code })).toMatchObject({ ok: false, error: { details: { reason: 'family.invite_invalid' } } });
  expect(await vol(uniq('e'), 'acceptFamilyInvite', { code: 'ABCDEFGH' })).toMatchObject({ ok: false, error: { details: { reason: 'family.invite_invalid' } } });
});

test('a transfer moves minutes to the bound family member, both ledgers show it', async () => {
  const { a, b, bindingId } = await bound();
  await credit(a, 120);
  const r = ok(await vol(a, 'transfer', { bindingId, minutes: 45, note: '给妈妈' }));
  expect(r.balanceMinutes).toBe(75);
  expect(await balance(b)).toBe(45);
  const theirs = ok(await vol(b, 'timeBank', {}, undefined));
  expect(theirs.ledger).toEqual([expect.objectContaining({ kind: 'transfer-in', minutes: 45, note: '给妈妈' })]);
  // either member may transfer back
  ok(await vol(b, 'transfer', { bindingId, minutes: 5 }));
  expect(await balance(a)).toBe(80);
});

test('a transfer never overdraws, even with many at once', async () => {
  const { a, b, bindingId } = await bound();
  await credit(a, 100);
  const results = await Promise.all(Array.from({ length: 10 }, () => vol(a, 'transfer', { bindingId, minutes: 30 })));
  const okCount = results.filter((r) => r.ok).length;
  expect(okCount).toBe(3);
  for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'timebank.insufficient_balance' } } });
  expect(await balance(a)).toBe(10);
  expect(await balance(b)).toBe(90);
  const ledger = (await db().collection('time_bank_ledger').where({ account: a }).get()).data;
  expect(ledger.reduce((s, e) => s + Number(e.minutes), 0)).toBe(10);
});

test('nobody transfers from, or into, a binding that is not theirs', async () => {
  const { a, bindingId } = await bound();
  await credit(a, 60);
  const stranger = await verifiedVolunteer(A, staffA);
  await credit(stranger.openid, 60);
  const r = await vol(stranger.openid, 'transfer', { bindingId, minutes: 10 });
  expect(r).toMatchObject({ ok: false, error: { code: 'not-found', details: { reason: 'family.not_bound' } } });
  expect(await balance(a)).toBe(60);
  expect(await balance(stranger.openid)).toBe(60);
});

test('a donation goes to the community pool; a redemption is recorded pending; neither overdraws', async () => {
  const v = await verifiedVolunteer(A, staffA);
  await credit(v.openid, 90);
  expect(ok(await vol(v.openid, 'donate', { communityId: A, minutes: 30 }))).toMatchObject({ balanceMinutes: 60 });
  const pool = ok(await vol(staffA, 'communityPool', { communityId: A }, undefined));
  expect(pool.balanceMinutes).toBeGreaterThanOrEqual(30);
  expect(pool.ledger).toContainEqual(expect.objectContaining({ kind: 'donation', minutes: 30 }));
  expect(await vol(v.openid, 'communityPool', { communityId: A }, undefined)).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  const red = ok(await vol(v.openid, 'redeem', { minutes: 60, purpose: '为父亲预约助浴服务' }));
  expect(red).toMatchObject({ minutes: 60, status: 'pending' });
  expect((await db().collection('time_bank_redemptions').doc(red.redemptionId).get()).data).toMatchObject({ openid: v.openid, minutes: 60, status: 'pending' });
  expect(await balance(v.openid)).toBe(0);
  expect(await vol(v.openid, 'redeem', { minutes: 1, purpose: '再来一次' })).toMatchObject({ ok: false, error: { details: { reason: 'timebank.insufficient_balance' } } });
  expect(await vol(v.openid, 'donate', { communityId: A, minutes: 1 })).toMatchObject({ ok: false, error: { details: { reason: 'timebank.insufficient_balance' } } });
  expect(await vol(v.openid, 'donate', { communityId: 'no-such-community', minutes: 1 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
});

test('a retried transfer (same requestId) moves the minutes once', async () => {
  const { a, b, bindingId } = await bound();
  await credit(a, 60);
  const rid = uniq('rid');
  const [x, y] = await Promise.all([vol(a, 'transfer', { bindingId, minutes: 20 }, rid), vol(a, 'transfer', { bindingId, minutes: 20 }, rid)]);
  expect(x).toMatchObject({ ok: true });
  expect(y).toEqual(x);
  expect(await balance(b)).toBe(20);
});

test('invalid amounts write nothing', async () => {
  const { a, bindingId } = await bound();
  for (const minutes of [0, -5, 1.5, 1e9, '10', null]) {
    expect(await vol(a, 'transfer', { bindingId, minutes })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  }
  const before = await writesBy(a);
  await vol(a, 'redeem', { minutes: 10, purpose: '<script>' });
  expect(await writesBy(a)).toBe(before);
});

test('credits, transfers, donations and redemptions racing on one account: the balance is the sum of its ledger and never below zero from a debit', async () => {
  const { a, b, bindingId } = await bound();
  await credit(a, 50);
  const ops = [
    ...Array.from({ length: 4 }, (_, i) => () => credit(a, 20, T0 + i + 1).then(() => ({ ok: true }))),
    ...Array.from({ length: 4 }, () => () => vol(a, 'transfer', { bindingId, minutes: 25 })),
    () => vol(a, 'donate', { communityId: A, minutes: 25 }),
    () => vol(a, 'redeem', { minutes: 25, purpose: '助餐服务' }),
  ];
  const results = await Promise.all(ops.map((op) => op()));
  const debits = results.slice(4).filter((r) => r.ok).length;
  const final = await balance(a);
  expect(final).toBe(50 + 4 * 20 - debits * 25);
  expect(final).toBeGreaterThanOrEqual(0);
  const ledger = (await db().collection('time_bank_ledger').where({ account: a }).get()).data;
  expect(ledger.reduce((s, e) => s + Number(e.minutes), 0)).toBe(final);
  expect(ledger.every((e) => Number(e.balanceAfter) >= 0)).toBe(true);
  const transfers = results.slice(4, 8).filter((r) => r.ok).length;
  expect(await balance(b)).toBe(transfers * 25);
});
