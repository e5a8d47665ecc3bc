// The community fund: two of three named signers must approve a disbursement before it counts;
// the same signer approving twice is one approval; the balance is derived from the entries.
import { db, uniq } from '../../server/fixtures/db';
import { call, ok, person } from './helpers';

jest.setTimeout(30_000);

async function fundWithSigners() {
  const community = uniq('fund').toLowerCase();
  const [admin, staff, convener, committee, residentRep, outsider] = await Promise.all([
    person('adm', [['community-admin', community]]),
    person('stf', [['staff', community]]),
    person('conv', []),
    person('comm', []),
    person('rep', [['resident', community]]),
    person('out', [['staff', 'elsewhere']]),
  ]);
  const fund = await ok(admin, 'createFund', { communityId: community, name: '幸福里小区公益基金', signers: { convener, committeeMember: committee, residentRep } });
  return { community, admin, staff, convener, committee, residentRep, outsider, fund };
}

const balance = async (openid: string, fundId: string) => (await ok(openid, 'getFund', { fundId })).balanceFen as number;

test('one approval does not count; the same signer twice is still one; a second signer makes it count', async () => {
  const f = await fundWithSigners();
  await ok(f.staff, 'recordFundIncome', { fundId: f.fund.id, amountFen: 100_000, donorName: '李四', purpose: '楼道照明', receivedOn: '2026-11-20' });
  expect(await balance(f.staff, f.fund.id)).toBe(100_000);
  const d = await ok(f.staff, 'requestDisbursement', { fundId: f.fund.id, amountFen: 60_000, purpose: '更换楼道灯', payee: '某电工服务部' });
  expect(d).toMatchObject({ status: 'pending', approvals: [] });

  const first = await ok(f.convener, 'approveDisbursement', { entryId: d.id });
  expect(first).toMatchObject({ status: 'pending', approvals: [{ role: 'convener', openid: f.convener }] });
  expect(await ok(f.staff, 'getFund', { fundId: f.fund.id })).toMatchObject({ balanceFen: 100_000, spentFen: 0, pendingFen: 60_000 });

  // The same signer again (a new request, not a retry): still one approval, still not counted.
  const again = await ok(f.convener, 'approveDisbursement', { entryId: d.id });
  expect(again).toMatchObject({ status: 'pending', approvals: [{ openid: f.convener }] });
  expect(await balance(f.staff, f.fund.id)).toBe(100_000);
  // Staff and an admin are not signers.
  expect(await call(f.staff, 'approveDisbursement', { entryId: d.id })).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'charity_fund.not_signer' } } });
  expect(await call(f.admin, 'approveDisbursement', { entryId: d.id })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });

  const second = await ok(f.residentRep, 'approveDisbursement', { entryId: d.id });
  expect(second).toMatchObject({ status: 'approved', approvals: [{ openid: f.convener }, { role: 'residentRep', openid: f.residentRep }] });
  expect(await ok(f.staff, 'getFund', { fundId: f.fund.id })).toMatchObject({ balanceFen: 40_000, incomeFen: 100_000, spentFen: 60_000, pendingFen: 0 });
  // Approved is final: a third signer changes nothing.
  expect(await call(f.committee, 'approveDisbursement', { entryId: d.id })).toMatchObject({ ok: false, error: { code: 'failed-precondition' } });

  // The balance lives only in the entries: the fund document holds none.
  const stored = (await db().collection('charity_funds').doc(f.fund.id).get()).data!;
  expect(Object.keys(stored).filter((k) => /balance|income|spent/i.test(k))).toEqual([]);
});

test('the same signer approving twice at once is one approval', async () => {
  const f = await fundWithSigners();
  await ok(f.staff, 'recordFundIncome', { fundId: f.fund.id, amountFen: 50_000, donorName: '王五', purpose: '助老', receivedOn: '2026-11-20' });
  const d = await ok(f.staff, 'requestDisbursement', { fundId: f.fund.id, amountFen: 10_000, purpose: '助老餐', payee: '社区食堂' });
  const results = await Promise.all(Array.from({ length: 4 }, () => call(f.committee, 'approveDisbursement', { entryId: d.id })));
  for (const r of results) expect(r).toMatchObject({ ok: true });
  const entry = (await db().collection('charity_fund_entries').doc(d.id).get()).data!;
  expect(entry).toMatchObject({ status: 'pending' });
  expect(entry.approvals).toHaveLength(1);
  expect(await balance(f.staff, f.fund.id)).toBe(50_000);
});

test('two signers approving at once make it count exactly once; the balance never goes below zero', async () => {
  const f = await fundWithSigners();
  await ok(f.staff, 'recordFundIncome', { fundId: f.fund.id, amountFen: 30_000, donorName: '赵六', purpose: '公共设施', receivedOn: '2026-11-21' });
  const a = await ok(f.staff, 'requestDisbursement', { fundId: f.fund.id, amountFen: 20_000, purpose: '修理长椅', payee: '木工' });
  const b = await ok(f.convener, 'requestDisbursement', { fundId: f.fund.id, amountFen: 20_000, purpose: '修理围栏', payee: '木工' });
  await ok(f.convener, 'approveDisbursement', { entryId: a.id });
  await ok(f.convener, 'approveDisbursement', { entryId: b.id });
  // Both second approvals race; only 30,000 is there, so only one of the two 20,000 payments may count.
  const [ra, rb] = await Promise.all([call(f.committee, 'approveDisbursement', { entryId: a.id }), call(f.residentRep, 'approveDisbursement', { entryId: b.id })]);
  const outcomes = [ra, rb];
  expect(outcomes.filter((r) => r.ok)).toHaveLength(1);
  const refused = outcomes.find((r) => !r.ok);
  expect(refused).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'charity_fund.insufficient_balance' } } });
  expect(await ok(f.staff, 'getFund', { fundId: f.fund.id })).toMatchObject({ balanceFen: 10_000, spentFen: 20_000, pendingFen: 20_000 });
});

test('who manages a fund: signers and staff see it, others do not; a rejected disbursement never counts', async () => {
  const f = await fundWithSigners();
  expect(await call(f.outsider, 'getFund', { fundId: f.fund.id })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  expect(await call(f.outsider, 'recordFundIncome', { fundId: f.fund.id, amountFen: 1, donorName: 'x某', purpose: 'y', receivedOn: '2026-11-20' })).toMatchObject({
    ok: false,
    error: { code: 'permission-denied' },
  });
  expect(await call(f.staff, 'createFund', { communityId: f.community, name: '另一个基金', signers: { convener: f.convener, committeeMember: f.committee, residentRep: f.residentRep } })).toMatchObject({
    ok: false,
    error: { code: 'permission-denied' },
  });
  // Three signers must be three people.
  expect(await call(f.admin, 'createFund', { communityId: f.community, name: '基金', signers: { convener: f.convener, committeeMember: f.convener, residentRep: f.residentRep } })).toMatchObject({
    ok: false,
    error: { code: 'invalid-argument' },
  });
  const d = await ok(f.residentRep, 'requestDisbursement', { fundId: f.fund.id, amountFen: 5_000, purpose: '活动物资', payee: '超市' });
  await ok(f.convener, 'approveDisbursement', { entryId: d.id });
  expect(await ok(f.committee, 'rejectDisbursement', { entryId: d.id, reason: '发票不全' })).toMatchObject({ status: 'rejected' });
  expect(await call(f.residentRep, 'approveDisbursement', { entryId: d.id })).toMatchObject({ ok: false, error: { code: 'failed-precondition' } });
  const listed = await ok(f.residentRep, 'listFunds', { communityId: f.community });
  expect(listed.items.map((x: any) => x.id)).toEqual([f.fund.id]);
  expect(listed.items[0]).toMatchObject({ balanceFen: 0, spentFen: 0, pendingFen: 0 });
});
