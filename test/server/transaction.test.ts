import { AppError } from '../../core';
import type { Db, Tx } from '../../server/db';
import { compareAndSet, runTx } from '../../server/transaction';
import { db, ensureCollection, uniq } from './fixtures/db';

const ITEMS = 'kernel_test_items';
beforeAll(() => ensureCollection(ITEMS));

const audit = { actor: 'staff-1', at: 1_700_000_000_000, action: 'item.submit' };

async function newItem(status = 'draft'): Promise<string> {
  const id = uniq('item');
  await db().collection(ITEMS).add({ data: { _id: id, status, version: 0, title: 't' } });
  return id;
}

const submit = (id: string, extra: { version?: number } = {}) =>
  runTx(db(), (tx) => compareAndSet(tx, { collection: ITEMS, id, from: 'draft', set: { status: 'submitted', submittedAt: 1 }, audit, ...extra }));

async function auditCount(id: string): Promise<number> {
  return (await db().collection('audit_log').where({ subject: `${ITEMS}/${id}` }).count()).total;
}

describe('compareAndSet', () => {
  test('applies the transition, advances the version and writes the audit entry', async () => {
    const id = await newItem();
    const { doc, audit: entry } = await submit(id, { version: 0 });
    expect(doc).toMatchObject({ status: 'submitted', version: 1, title: 't' });
    expect((await db().collection(ITEMS).doc(id).get()).data).toMatchObject({ status: 'submitted', version: 1, submittedAt: 1 });
    expect(entry).toMatchObject({ subject: `${ITEMS}/${id}`, before: { status: 'draft', version: 0 }, after: { status: 'submitted', version: 1 } });
    expect(await auditCount(id)).toBe(1);
  });

  test('a wrong status or a stale version is failed-precondition and changes nothing', async () => {
    const id = await newItem('published');
    await expect(submit(id)).rejects.toMatchObject({ code: 'failed-precondition', details: { reason: 'state.unexpected_status' } });
    const id2 = await newItem();
    await expect(submit(id2, { version: 7 })).rejects.toMatchObject({ code: 'failed-precondition', details: { reason: 'state.stale_version' } });
    expect((await db().collection(ITEMS).doc(id2).get()).data).toMatchObject({ status: 'draft', version: 0 });
    expect(await auditCount(id)).toBe(0);
    expect(await auditCount(id2)).toBe(0);
    await expect(submit(uniq('missing'))).rejects.toMatchObject({ code: 'not-found' });
  });

  test('an object over a field that holds null (or nothing) is written whole; over an object it merges', async () => {
    const id = uniq('item');
    await db().collection(ITEMS).add({ data: { _id: id, status: 'draft', version: 0, meta: null, kept: { a: 1, b: 2 } } });
    const { doc, audit: entry } = await runTx(db(), (tx) =>
      compareAndSet(tx, { collection: ITEMS, id, from: 'draft', set: { status: 'submitted', meta: { by: 'staff-1', at: 5 }, fresh: { x: { y: 1 } }, kept: { a: 9 } }, audit }),
    );
    expect(doc).toMatchObject({ meta: { by: 'staff-1', at: 5 }, fresh: { x: { y: 1 } } });
    expect((await db().collection(ITEMS).doc(id).get()).data).toMatchObject({
      status: 'submitted',
      version: 1,
      meta: { by: 'staff-1', at: 5 },
      fresh: { x: { y: 1 } },
      kept: { a: 9, b: 2 },
    });
    expect(entry.before).toMatchObject({ meta: null, status: 'draft' });
    // And back: an object over an object still merges, null over an object replaces it.
    await runTx(db(), (tx) => compareAndSet(tx, { collection: ITEMS, id, from: 'submitted', set: { status: 'draft', meta: { at: 6 }, fresh: null }, audit }));
    expect((await db().collection(ITEMS).doc(id).get()).data).toMatchObject({ meta: { by: 'staff-1', at: 6 }, fresh: null });
  });

  test('of concurrent identical transitions exactly one wins', async () => {
    const id = await newItem();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => submit(id)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'failed-precondition' });
    expect(await auditCount(id)).toBe(1);
  });
});

describe('runTx', () => {
  const fakeDb = (failures: unknown[]): { db: Db; calls: () => number } => {
    let calls = 0;
    const d = {
      runTransaction: async <T>(fn: (tx: Tx) => Promise<T>) => {
        calls++;
        const f = failures.shift();
        if (f) throw f;
        return fn({} as Tx);
      },
    } as unknown as Db;
    return { db: d, calls: () => calls };
  };
  const noSleep = { sleep: async () => {} };

  test('retries conflicts and duplicate ids, then succeeds', async () => {
    const f = fakeDb([{ code: 'DATABASE_TRANSACTION_CONFLICT' }, { errCode: -502001, errMsg: 'E11000 duplicate key error' }]);
    await expect(runTx(f.db, async () => 'done', noSleep)).resolves.toBe('done');
    expect(f.calls()).toBe(3);
  });

  test('does not retry decisions or other errors, and gives up after maxAttempts', async () => {
    const decision = fakeDb([new AppError('failed-precondition', 'no')]);
    await expect(runTx(decision.db, async () => 1, noSleep)).rejects.toBeInstanceOf(AppError);
    expect(decision.calls()).toBe(1);
    const other = fakeDb([new Error('network down')]);
    await expect(runTx(other.db, async () => 1, noSleep)).rejects.toThrow('network down');
    expect(other.calls()).toBe(1);
    const conflicts = fakeDb(Array.from({ length: 10 }, () => ({ code: 'DATABASE_TRANSACTION_CONFLICT' })));
    await expect(runTx(conflicts.db, async () => 1, { ...noSleep, maxAttempts: 3 })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(conflicts.calls()).toBe(3);
  });
});
