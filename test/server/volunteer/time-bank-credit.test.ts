// creditServiceRecord against the emulator through the real SDK: written once per (record,
// revision), corrections write the difference, stars' totalMinutes and the balance move together,
// the ledger always sums to the balance, and it is part of the caller's transaction.
import fc from 'fast-check';
import { creditEntryId, creditServiceRecord, ServiceRecordCredit } from '../../../server/volunteer/time-bank-credit';
import { runTx } from '../../../server/transaction';
import { db, uniq } from '../fixtures/db';

const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const T0 = 1_790_000_000_000;
const COMMUNITY = 'credit-community';

jest.setTimeout(60_000);

async function volunteer(status = 'verified'): Promise<{ openid: string; id: string }> {
  const openid = uniq('cv');
  const id = uniq('vol');
  await db().collection('volunteers').add({
    data: { _id: id, openid, communityId: COMMUNITY, volunteerNo: uniq('NO'), status, totalMinutes: 0, trainings: [], insuranceUntil: null, createdAt: T0, updatedAt: T0 },
  });
  return { openid, id };
}

const credit = (rec: ServiceRecordCredit) => runTx(db(), (tx) => creditServiceRecord(tx, rec));
const rec = (openid: string, recordId: string, revision: number, minutes: number): ServiceRecordCredit => ({ recordId, revision, openid, communityId: COMMUNITY, minutes, at: T0 + revision });

async function state(openid: string, volunteerId: string) {
  const v = (await db().collection('volunteers').doc(volunteerId).get()).data;
  const a = (await db().collection('time_bank_accounts').doc(openid).get()).data;
  const entries = (await db().collection('time_bank_ledger').where({ account: openid }).limit(1000).get()).data;
  return {
    totalMinutes: v?.totalMinutes as number,
    balance: (a?.balanceMinutes as number | undefined) ?? 0,
    earned: (a?.earnedMinutes as number | undefined) ?? 0,
    entries,
    ledgerSum: entries.reduce((s, e) => s + (e.minutes as number), 0),
    serviceSum: entries.reduce((s, e) => s + (e.serviceMinutes as number), 0),
  };
}

function withEnv(vars: Record<string, string | undefined>, fn: () => Promise<void>): () => Promise<void> {
  return async () => {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    Object.assign(process.env, vars);
    for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
    try {
      await fn();
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  };
}

test('a first credit writes one ledger entry, the balance and totalMinutes (1 hour = 1 credit = 60 minutes)', async () => {
  const v = await volunteer();
  const recordId = uniq('act') + '_' + v.openid;
  const r = await credit(rec(v.openid, recordId, 0, 90));
  expect(r).toEqual({ applied: true, entryId: creditEntryId(recordId, 0), serviceDelta: 90, bankDelta: 90, totalMinutes: 90, balanceMinutes: 90 });
  const s = await state(v.openid, v.id);
  expect(s).toMatchObject({ totalMinutes: 90, balance: 90, earned: 90, ledgerSum: 90, serviceSum: 90 });
  expect(s.entries).toEqual([expect.objectContaining({ _id: `cr_${recordId}_r0`, kind: 'credit', recordId, revision: 0, minutes: 90, balanceAfter: 90 })]);
});

test('the same (record, revision) again, even concurrently, counts once', async () => {
  const v = await volunteer();
  const recordId = uniq('act');
  const results = await Promise.all(Array.from({ length: 6 }, () => credit(rec(v.openid, recordId, 0, 120))));
  expect(results.filter((r) => r.applied)).toHaveLength(1);
  expect(results.filter((r) => !r.applied).every((r) => !r.applied && r.reason === 'already_credited')).toBe(true);
  expect(await credit(rec(v.openid, recordId, 0, 120))).toEqual({ applied: false, reason: 'already_credited' });
  expect(await state(v.openid, v.id)).toMatchObject({ totalMinutes: 120, balance: 120, ledgerSum: 120, entries: [expect.anything()] });
});

test('two records of one volunteer credited concurrently both count', async () => {
  const v = await volunteer();
  await Promise.all([credit(rec(v.openid, uniq('a'), 0, 30)), credit(rec(v.openid, uniq('b'), 0, 45)), credit(rec(v.openid, uniq('c'), 0, 60))]);
  expect(await state(v.openid, v.id)).toMatchObject({ totalMinutes: 135, balance: 135, ledgerSum: 135 });
});

test('a correction writes the difference; a late older revision changes nothing; a void takes it all back', async () => {
  const v = await volunteer();
  const recordId = uniq('act');
  await credit(rec(v.openid, recordId, 0, 120));
  expect(await credit(rec(v.openid, recordId, 1, 75))).toMatchObject({ applied: true, serviceDelta: -45, bankDelta: -45, totalMinutes: 75 });
  expect(await credit(rec(v.openid, recordId, 0, 120))).toEqual({ applied: false, reason: 'stale_revision' });
  expect(await state(v.openid, v.id)).toMatchObject({ totalMinutes: 75, balance: 75, ledgerSum: 75 });
  expect(await credit(rec(v.openid, recordId, 3, 0))).toMatchObject({ applied: true, serviceDelta: -75, totalMinutes: 0 });
  const s = await state(v.openid, v.id);
  expect(s).toMatchObject({ totalMinutes: 0, balance: 0, ledgerSum: 0 });
  expect(s.entries.map((e) => e._id).sort()).toEqual([`cr_${recordId}_r0`, `cr_${recordId}_r1`, `cr_${recordId}_r3`]);
});

test('it is part of the caller transaction: a rollback leaves no entry, balance or total', async () => {
  const v = await volunteer();
  const recordId = uniq('act');
  await expect(
    runTx(db(), async (tx) => {
      await creditServiceRecord(tx, rec(v.openid, recordId, 0, 60));
      throw new Error('the confirmation failed after the credit');
    }),
  ).rejects.toThrow('confirmation failed');
  expect(await state(v.openid, v.id)).toMatchObject({ totalMinutes: 0, balance: 0, entries: [] });
  expect((await db().collection('time_bank_record_credits').doc(recordId).get()).data).toBeNull();
  // and the same record credits normally afterwards
  expect(await credit(rec(v.openid, recordId, 0, 60))).toMatchObject({ applied: true });
});

test('no volunteer (never registered, or erased) gets nothing and nothing is written', async () => {
  const ghost = uniq('ghost');
  expect(await credit(rec(ghost, uniq('act'), 0, 60))).toEqual({ applied: false, reason: 'no_volunteer' });
  expect((await db().collection('time_bank_accounts').doc(ghost).get()).data).toBeNull();
  const erased = await volunteer('erased');
  expect(await credit(rec(erased.openid, uniq('act'), 0, 60))).toEqual({ applied: false, reason: 'no_volunteer' });
});

test('malformed calls are programming errors, not silent', async () => {
  const v = await volunteer();
  await expect(credit(rec(v.openid, 'bad id!', 0, 60))).rejects.toThrow(/recordId/);
  await expect(credit(rec(v.openid, uniq('a'), -1, 60))).rejects.toThrow(/revision/);
  await expect(credit(rec(v.openid, uniq('a'), 0, 1.5))).rejects.toThrow(/minutes/);
  await expect(credit(rec(v.openid, uniq('a'), 0, -3))).rejects.toThrow(/minutes/);
});

test(
  'the cap limits the balance but never the service time; the percentage sets the rate',
  withEnv({ TIME_BANK_CAP_HOURS: '2', TIME_BANK_CREDIT_PERCENT: '50' }, async () => {
    const v = await volunteer();
    const a = uniq('a');
    await credit(rec(v.openid, a, 0, 180)); // 90 banked
    await credit(rec(v.openid, uniq('b'), 0, 120)); // 60 more would exceed 120: 30 banked
    let s = await state(v.openid, v.id);
    expect(s).toMatchObject({ totalMinutes: 300, balance: 120, ledgerSum: 120, serviceSum: 300 });
    // a downward correction takes back only what that record banked
    await credit(rec(v.openid, a, 1, 60)); // target 30, was 90 → −60
    s = await state(v.openid, v.id);
    expect(s).toMatchObject({ totalMinutes: 180, balance: 60, ledgerSum: 60 });
  }),
);

test('model: any sequence of credits, repeats and out-of-order revisions ends at the latest revision of each record', async () => {
  const op = fc.record({ record: fc.integer({ min: 0, max: 2 }), revision: fc.integer({ min: 0, max: 3 }), minutes: fc.integer({ min: 0, max: 600 }) });
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
      const v = await volunteer();
      const ids = [uniq('r0'), uniq('r1'), uniq('r2')];
      const model = new Map<number, { revision: number; minutes: number }>();
      // each record's revision has one minutes value (as the service record has)
      const minutesOf = new Map<string, number>();
      for (const o of ops) {
        const key = `${o.record}/${o.revision}`;
        const minutes = minutesOf.get(key) ?? o.minutes;
        minutesOf.set(key, minutes);
        await credit(rec(v.openid, ids[o.record] as string, o.revision, minutes));
        const m = model.get(o.record);
        if (!m || o.revision > m.revision) model.set(o.record, { revision: o.revision, minutes });
      }
      const expected = [...model.values()].reduce((s, m) => s + m.minutes, 0);
      const s = await state(v.openid, v.id);
      expect(s).toMatchObject({ totalMinutes: expected, balance: expected, ledgerSum: expected, serviceSum: expected });
    }),
    { numRuns: RUNS },
  );
});
