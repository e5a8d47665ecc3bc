// Transaction fidelity through the unmodified wx-server-sdk: runTransaction (own writes visible,
// throw aborts, return value, rollback reason, conflict retry), startTransaction + commit/rollback,
// and what the SDK actually makes transactional: doc get/update/set/remove, add and where().get()
// carry the transactionId; where().update/remove and count() do not, so they apply at once.
import type { RunningEmulator } from '../../../emulator/emulator';
import { startWxSdk } from './helpers';

let emu: RunningEmulator;
let db: any;
let _: any;

beforeAll(async () => {
  ({ emu, db, _ } = await startWxSdk());
  await db.createCollection('t_acc');
  await db.createCollection('t_log');
});
afterAll(() => emu.close());

const acc = () => db.collection('t_acc');
const bal = async (id: string) => (await acc().doc(id).get()).data.bal;

test('runTransaction: reads see own writes, the callback value comes back, everything commits together', async () => {
  await acc().add({ data: [{ _id: 'a1', bal: 100 }, { _id: 'b1', bal: 0 }] });
  const result = await db.runTransaction(async (t: any) => {
    const a = (await t.collection('t_acc').doc('a1').get()).data;
    expect(a).toEqual({ _id: 'a1', bal: 100 }); // a transactional doc.get gives the object, not a list
    expect(await t.collection('t_acc').doc('a1').update({ data: { bal: _.inc(-30) } })).toMatchObject({ stats: { updated: 1 } });
    await t.collection('t_acc').doc('b1').update({ data: { bal: _.inc(30) } });
    expect((await t.collection('t_acc').doc('a1').get()).data.bal).toBe(70);
    const added = await t.collection('t_log').add({ data: { _id: 'log1', what: 'transfer' } });
    expect(added._id).toBe('log1');
    expect(await bal('a1')).toBe(100); // not visible outside yet
    return { moved: 30 };
  });
  expect(result).toEqual({ moved: 30 });
  expect([await bal('a1'), await bal('b1')]).toEqual([70, 30]);
  expect((await db.collection('t_log').doc('log1').get()).data.what).toBe('transfer');
});

test('runTransaction: a throw aborts every write and rejects with the thrown error', async () => {
  await acc().add({ data: { _id: 'a2', bal: 10 } });
  const boom = new Error('insufficient funds');
  await expect(
    db.runTransaction(async (t: any) => {
      await t.collection('t_acc').doc('a2').update({ data: { bal: _.inc(-50) } });
      await t.collection('t_log').add({ data: { _id: 'log2' } });
      throw boom;
    }),
  ).rejects.toBe(boom);
  expect(await bal('a2')).toBe(10);
  expect((await db.collection('t_log').where({ _id: 'log2' }).count()).total).toBe(0);
});

test('runTransaction: rollback(reason) inside the callback rejects with the reason', async () => {
  await acc().add({ data: { _id: 'a3', bal: 1 } });
  await expect(
    db.runTransaction(async (t: any) => {
      await t.collection('t_acc').doc('a3').update({ data: { bal: 2 } });
      await t.rollback('not today');
    }),
  ).rejects.toBe('not today');
  expect(await bal('a3')).toBe(1);
});

test('runTransaction: doc.get of a missing document throws "does not exist" and the transaction is aborted', async () => {
  await expect(
    db.runTransaction(async (t: any) => {
      await t.collection('t_acc').doc('a4').set({ data: { bal: 5 } });
      await t.collection('t_acc').doc('missing').get();
    }),
  ).rejects.toMatchObject({ errMsg: expect.stringMatching(/does not exist/) });
  expect((await acc().where({ _id: 'a4' }).count()).total).toBe(0);
});

test('startTransaction: set (replace and upsert), remove, commit', async () => {
  await acc().add({ data: [{ _id: 's1', bal: 1, old: true }, { _id: 's2', bal: 2 }] });
  const t = await db.startTransaction();
  expect(await t.collection('t_acc').doc('s1').set({ data: { bal: 11 } })).toMatchObject({ _id: 's1', stats: { updated: 1, created: 0 } });
  // Inside a transaction node-sdk answers {upserted: [...]} while wx-server-sdk reads upsertedId,
  // so an upsert reports created: 0 there (an SDK quirk; the document is still created).
  expect(await t.collection('t_acc').doc('s3').set({ data: { bal: 33 } })).toMatchObject({ _id: 's3', stats: { updated: 0, created: 0 } });
  expect(await t.collection('t_acc').doc('s2').remove()).toMatchObject({ stats: { removed: 1 } });
  await expect(t.collection('t_acc').doc('s2').get()).rejects.toThrow(/does not exist/); // removed in this transaction
  expect((await acc().doc('s2').get()).data.bal).toBe(2);
  await t.commit();
  expect((await acc().doc('s1').get()).data).toEqual({ _id: 's1', bal: 11 });
  expect(await bal('s3')).toBe(33);
  await expect(acc().doc('s2').get()).rejects.toThrow(/does not exist/);
});

test('startTransaction: rollback discards; the finished transaction cannot be used again', async () => {
  await acc().add({ data: { _id: 'r1', bal: 5 } });
  const t = await db.startTransaction();
  await t.collection('t_acc').doc('r1').update({ data: { bal: 0 } });
  await t.rollback();
  expect(await bal('r1')).toBe(5);
  await expect(t.collection('t_acc').doc('r1').get()).rejects.toBeTruthy();
  await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_NOT_EXIST' });
});

test('where().get() inside a transaction is transactional: it sees own writes, adds and removals', async () => {
  await acc().add({ data: [{ _id: 'w1', grp: 'w', bal: 1 }, { _id: 'w2', grp: 'w', bal: 2 }, { _id: 'w3', grp: 'w', bal: 3 }] });
  const t = await db.startTransaction();
  await t.collection('t_acc').doc('w1').update({ data: { bal: 10 } });
  await t.collection('t_acc').doc('w2').remove();
  await t.collection('t_acc').add({ data: { _id: 'w4', grp: 'w', bal: 4 } });
  const seen = await t.collection('t_acc').where({ grp: 'w' }).orderBy('bal', 'desc').get();
  expect(seen.data.map((d: any) => [d._id, d.bal])).toEqual([['w1', 10], ['w4', 4], ['w3', 3]]);
  const filtered = await t.collection('t_acc').where({ grp: 'w', bal: _.lt(5) }).field({ bal: true }).get();
  expect(filtered.data.map((d: any) => d._id).sort()).toEqual(['w3', 'w4']);
  expect(filtered.data.every((d: any) => d.grp === undefined)).toBe(true);
  const outside = await acc().where({ grp: 'w' }).orderBy('bal', 'desc').get();
  expect(outside.data.map((d: any) => d._id)).toEqual(['w3', 'w2', 'w1']);
  await t.commit();
  const after = await acc().where({ grp: 'w' }).orderBy('bal', 'desc').get();
  expect(after.data.map((d: any) => [d._id, d.bal])).toEqual([['w1', 10], ['w4', 4], ['w3', 3]]);
});

test('where().update/remove and count() on a transaction collection are NOT transactional (the SDK sends no transactionId)', async () => {
  await acc().add({ data: [{ _id: 'n1', grp: 'n', bal: 1 }, { _id: 'n2', grp: 'n', bal: 2 }] });
  const t = await db.startTransaction();
  await t.collection('t_acc').doc('n1').update({ data: { bal: 100 } });
  expect(await t.collection('t_acc').where({ grp: 'n' }).update({ data: { flag: true } })).toMatchObject({ stats: { updated: 2 } });
  expect((await t.collection('t_acc').where({ grp: 'n', bal: 100 }).count()).total).toBe(0); // count reads committed data
  expect((await acc().doc('n2').get()).data.flag).toBe(true); // applied already
  await t.rollback();
  expect((await acc().doc('n1').get()).data).toEqual({ _id: 'n1', grp: 'n', bal: 1, flag: true });
  const t2 = await db.startTransaction();
  expect(await t2.collection('t_acc').where({ _id: 'n2' }).remove()).toMatchObject({ stats: { removed: 1 } });
  await t2.rollback();
  expect((await acc().where({ grp: 'n' }).count()).total).toBe(1);
});

test('a duplicate _id added inside a transaction fails and nothing is committed', async () => {
  await acc().add({ data: { _id: 'dup1', bal: 1 } });
  await expect(
    db.runTransaction(async (t: any) => {
      await t.collection('t_acc').doc('dup-side').set({ data: { bal: 9 } });
      await t.collection('t_acc').add({ data: { _id: 'dup1', bal: 2 } });
    }),
  ).rejects.toBeTruthy();
  expect(await bal('dup1')).toBe(1);
  expect((await acc().where({ _id: 'dup-side' }).count()).total).toBe(0);
});

test('a concurrent plain write makes the commit conflict; runTransaction retries the callback and the result is right', async () => {
  await acc().add({ data: { _id: 'ctr', bal: 0 } });
  let attempts = 0;
  const out = await db.runTransaction(async (t: any) => {
    attempts++;
    const cur = (await t.collection('t_acc').doc('ctr').get()).data.bal;
    if (attempts === 1) await acc().doc('ctr').update({ data: { bal: _.inc(1000) } });
    await t.collection('t_acc').doc('ctr').update({ data: { bal: cur + 1 } });
    return cur + 1;
  });
  expect(attempts).toBe(2);
  expect(out).toBe(1001);
  expect(await bal('ctr')).toBe(1001);
});

test('concurrent increments through runTransaction are serialised: no lost update', async () => {
  await acc().add({ data: { _id: 'hot', bal: 0 } });
  await Promise.all(
    Array.from({ length: 10 }, () =>
      db.runTransaction(async (t: any) => {
        const cur = (await t.collection('t_acc').doc('hot').get()).data.bal;
        await new Promise((r) => setImmediate(r));
        await t.collection('t_acc').doc('hot').update({ data: { bal: cur + 1 } });
      }, 20),
    ),
  );
  expect(await bal('hot')).toBe(10);
});

test('only written documents conflict (snapshot isolation, as on CloudBase): a document merely read may change', async () => {
  await acc().add({ data: [{ _id: 'si-r1', bal: 1 }, { _id: 'si-w1', bal: 0 }, { _id: 'si-w2', bal: 0 }] });
  // Read r1, let someone else change r1, then write w1: commits on the first attempt.
  let readOnlyAttempts = 0;
  await db.runTransaction(async (t: any) => {
    readOnlyAttempts++;
    await t.collection('t_acc').doc('si-r1').get();
    if (readOnlyAttempts === 1) await acc().doc('si-r1').update({ data: { bal: _.inc(1) } });
    await t.collection('t_acc').doc('si-w1').update({ data: { bal: _.inc(1) } });
  });
  expect(readOnlyAttempts).toBe(1);
  // Read and write w2 while someone else changes w2: the commit conflicts and the SDK retries.
  let writeAttempts = 0;
  await db.runTransaction(async (t: any) => {
    writeAttempts++;
    const w2 = (await t.collection('t_acc').doc('si-w2').get()).data;
    if (writeAttempts === 1) await acc().doc('si-w2').update({ data: { bal: _.inc(10) } });
    await t.collection('t_acc').doc('si-w2').update({ data: { bal: w2.bal + 1 } });
  });
  expect(writeAttempts).toBe(2);
  expect([await bal('si-r1'), await bal('si-w1'), await bal('si-w2')]).toEqual([2, 1, 11]);
});
