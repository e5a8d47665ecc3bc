// Keyset pagination against the emulator through the real wx-server-sdk. Each test works on its own
// `run` of documents in a shared collection, so the filter (where) is exercised on every page too.
import fc from 'fast-check';
import { AppError } from '../../core';
import type { DocData, StoredDoc } from '../../server/db';
import { MAX_CURSOR_LENGTH } from '../../core';
import { decodeCursor, encodeCursor, paginate, PageQuery, SortKey, sortFingerprint } from '../../server/paginate';
import { db, ensureCollection, uniq } from './fixtures/db';

const PAGES = 'kernel_test_pages';
beforeAll(() => ensureCollection(PAGES));

type Value = number | string | Date;

async function insertAll(docs: DocData[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 50) {
    await Promise.all(docs.slice(i, i + 50).map((data) => db().collection(PAGES).add({ data })));
  }
}

/** JS order equal to the database's for numbers, Dates and strings without astral characters. */
function compareBy(sort: readonly SortKey[]) {
  const cmp = (a: Value, b: Value) => {
    const x = a instanceof Date ? a.getTime() : a;
    const y = b instanceof Date ? b.getTime() : b;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return (a: DocData, b: DocData): number => {
    for (const s of sort) {
      const c = cmp(a[s.field] as Value, b[s.field] as Value) * (s.order === 'asc' ? 1 : -1);
      if (c) return c;
    }
    return cmp(a._id as string, b._id as string);
  };
}

/** Walks every page; `between` runs after each page (before the next one is read). */
async function walk(q: Omit<PageQuery, 'after'>, between?: (page: StoredDoc[]) => Promise<void>): Promise<StoredDoc[][]> {
  const pages: StoredDoc[][] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await paginate(db(), PAGES, { ...q, after });
    pages.push(page.items);
    if (page.next === null) return pages;
    expect(page.items).toHaveLength(q.limit);
    after = page.next;
    if (between) await between(page.items);
  }
  throw new Error('pagination did not end');
}

const ids = (docs: DocData[]) => docs.map((d) => d._id as string);

describe('paginate over a fixed list', () => {
  const run = uniq('fixed');
  const groups = ['东区', '西区', 'north', 'South', '东区一', ''];
  const docs = Array.from({ length: 250 }, (_, i) => ({
    _id: `${run}-${((i * 7919) % 250).toString(36).padStart(3, '0')}-${i % 3}`,
    run,
    score: i % 7,
    group: groups[i % groups.length]!,
    at: new Date(1_700_000_000_000 + (i % 11) * 60_000),
    odd: i % 2 === 1,
  }));
  // Decoys of another run interleave with every key: a page that lost the filter would show them.
  const decoys = docs.filter((_, i) => i % 8 === 0).map((d) => ({ ...d, _id: `${d._id}-decoy`, run: `${run}-decoy` }));
  beforeAll(() => insertAll([...docs, ...decoys]));

  test.each<[string, SortKey[], number]>([
    ['ties on a number, asc', [{ field: 'score', order: 'asc' }], 17],
    ['ties on a number, desc', [{ field: 'score', order: 'desc' }], 17],
    ['two keys, strings (CJK, empty) then number desc', [{ field: 'group', order: 'asc' }, { field: 'score', order: 'desc' }], 9],
    ['a Date, desc', [{ field: 'at', order: 'desc' }], 25],
    ['only _id', [], 100],
    ['page size 1 (one score)', [{ field: 'score', order: 'asc' }, { field: 'at', order: 'asc' }], 1],
  ])('%s: every document exactly once, in order', async (name, sort, limit) => {
    const only = name.includes('one score') ? { score: 3 } : {};
    const pages = await walk({ where: { run, ...only }, sort, limit });
    const all = pages.flat();
    const expected = docs.filter((d) => !('score' in only) || d.score === only.score).sort(compareBy(sort));
    expect(expected.length).toBeGreaterThan(30);
    expect(ids(all)).toEqual(ids(expected));
    expect(pages.at(-1)!.length).toBeGreaterThan(0);
    expect(pages.at(-1)!.length).toBeLessThanOrEqual(limit);
  });

  test('Dates come back as Dates, and the cursor restores them exactly', async () => {
    const sort: SortKey[] = [{ field: 'at', order: 'asc' }];
    const first = await paginate(db(), PAGES, { where: { run }, sort, limit: 3 });
    expect(first.items[2]!.at).toBeInstanceOf(Date);
    const cursor = decodeCursor(first.next, sortFingerprint(sort), 1);
    expect(cursor).toEqual({ v: 1, f: sortFingerprint(sort), k: [['d', (first.items[2]!.at as Date).getTime()]], id: first.items[2]!._id });
    expect(first.next!.length).toBeLessThanOrEqual(MAX_CURSOR_LENGTH);
    expect(first.next).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  test('the filter holds on every page, combined with the cursor', async () => {
    const sort: SortKey[] = [{ field: 'score', order: 'asc' }];
    const all = (await walk({ where: { run, odd: true, score: db().command.in([1, 2, 3]) }, sort, limit: 6 })).flat();
    expect(ids(all)).toEqual(ids(docs.filter((d) => d.odd && [1, 2, 3].includes(d.score)).sort(compareBy(sort))));
  });

  test('page boundaries: exactly limit, exactly 2×limit, nothing', async () => {
    const one = await paginate(db(), PAGES, { where: { run, score: 0 }, sort: [], limit: 36 });
    expect(one.items).toHaveLength(36);
    expect(one.next).toBeNull();
    const a = await paginate(db(), PAGES, { where: { run, score: 0 }, sort: [], limit: 18 });
    const b = await paginate(db(), PAGES, { where: { run, score: 0 }, sort: [], limit: 18, after: a.next });
    expect([a.items.length, b.items.length, b.next]).toEqual([18, 18, null]);
    expect(ids([...a.items, ...b.items])).toEqual(ids(one.items));
    expect(await paginate(db(), PAGES, { where: { run: 'nobody' }, sort: [], limit: 5 })).toEqual({ items: [], next: null });
  });
});

describe('cursors from elsewhere are invalid-argument page.bad_cursor', () => {
  const run = uniq('cursor');
  const sort: SortKey[] = [{ field: 'score', order: 'asc' }];
  beforeAll(() => insertAll(Array.from({ length: 5 }, (_, i) => ({ run, score: i, label: `l${i}` }))));
  const page = (after: unknown, s: SortKey[] = sort) => paginate(db(), PAGES, { where: { run }, sort: s, limit: 2, after: after as string });
  const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
  const expectBad = async (after: unknown, s?: SortKey[]) => {
    const e = await page(after, s).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'invalid-argument', details: { reason: 'page.bad_cursor' } });
  };

  test('garbled, wrong shape, too long', async () => {
    const good = (await page(null)).next!;
    const fp = sortFingerprint(sort);
    for (const bad of [
      'not a cursor!',
      '%%%',
      'abc',
      good.slice(0, -3),
      good + 'x',
      'A'.repeat(MAX_CURSOR_LENGTH + 1),
      b64('null'),
      b64('[1,2]'),
      b64({ hello: 'world' }),
      b64({ v: 2, f: fp, k: [['n', 1]], id: 'x' }),
      b64({ v: 1, f: fp, k: [['n', 1]], id: '' }),
      b64({ v: 1, f: fp, k: [['x', 1]], id: 'a' }),
      b64({ v: 1, f: fp, k: [['d', 1.5]], id: 'a' }),
      b64({ v: 1, f: fp, k: [['n', 1]], id: 'a', extra: true }),
      b64({ v: 1, f: fp, k: [], id: 'a' }),
      b64({ v: 1, f: fp, k: [['n', 1], ['n', 2]], id: 'a' }),
      b64('{"v":1,"f":"' + fp + '","k":[["n",1e999]],"id":"a"}'),
      b64({ __proto__: { v: 1 }, f: fp, k: [['n', 1]], id: 'a' }),
    ]) {
      await expectBad(bad);
    }
    // Not a string at all (an untyped caller).
    await expectBad(42);
    await expectBad({ v: 1 });
  });

  test('a cursor from another sort spec', async () => {
    const good = (await page(null)).next!;
    await expect(page(good)).resolves.toMatchObject({ items: [expect.objectContaining({ score: 2 }), expect.objectContaining({ score: 3 })] });
    await expectBad(good, [{ field: 'score', order: 'desc' }]);
    await expectBad(good, [{ field: 'label', order: 'asc' }]);
    await expectBad(good, [{ field: 'score', order: 'asc' }, { field: 'label', order: 'asc' }]);
  });

  test('a forged cursor whose value type does not match the field selects nothing, never an internal error', async () => {
    // MongoDB (and the emulator) compare only within a type (type bracketing): a Date or a string
    // is neither above nor below a number, so the keyset matches nothing and the list simply ends.
    const desc: SortKey[] = [{ field: 'score', order: 'desc' }];
    for (const k of [[['d', 8e15]], [['s', 'zzz']], [['s', '']]] as const) {
      const forged = encodeCursor({ v: 1, f: sortFingerprint(desc), k: k.map(([t, v]) => [t, v]) as never, id: 'zzz' });
      await expect(page(forged, desc)).resolves.toEqual({ items: [], next: null });
    }
  });

  test('a bad page size is invalid-argument page.bad_limit', async () => {
    for (const limit of [0, -1, 1.5, 101, Number.NaN]) {
      await expect(paginate(db(), PAGES, { where: { run }, sort, limit })).rejects.toMatchObject({ code: 'invalid-argument', details: { reason: 'page.bad_limit' } });
    }
  });
});

describe('documents that break the sort precondition fail loudly (a data bug, not a client error)', () => {
  test('a missing sort field', async () => {
    const run = uniq('missing');
    await insertAll([{ run, score: 1 }, { run }]);
    const e = await paginate(db(), PAGES, { where: { run }, sort: [{ field: 'score', order: 'asc' }], limit: 5 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(AppError);
    expect((e as Error).message).toMatch(/no sortable score \(missing\)/);
  });

  test('mixed types in one field', async () => {
    const run = uniq('mixed');
    await insertAll([{ run, score: 1 }, { run, score: 'one' }]);
    await expect(paginate(db(), PAGES, { where: { run }, sort: [{ field: 'score', order: 'asc' }], limit: 5 })).rejects.toThrow(/mixes types/);
  });

  test('a bad sort spec is a programming error', async () => {
    const bad = (sort: SortKey[]) => paginate(db(), PAGES, { sort, limit: 5 });
    await expect(bad([{ field: '_id', order: 'asc' }])).rejects.toThrow(/_id is always the last/);
    await expect(bad([{ field: 'a', order: 'asc' }, { field: 'a', order: 'desc' }])).rejects.toThrow(/twice/);
    await expect(bad([{ field: '$where', order: 'asc' }])).rejects.toThrow(/bad sort field/);
  });
});

describe('the list changes while someone scrolls', () => {
  // A model of the collection runs the same definition of a page ("the first `limit` documents
  // after the cursor, in order, as the data is now"); the database must give exactly the model's
  // pages, and the guarantees are checked on what was returned.
  type Op = { kind: 'insert'; score: number } | { kind: 'move'; pick: number; score: number } | { kind: 'delete'; pick: number } | { kind: 'touch'; pick: number };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), score: fc.integer({ min: 0, max: 9 }) }),
    fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), score: fc.integer({ min: 0, max: 9 }) }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('touch' as const), pick: fc.nat() }),
  );

  test('no document present throughout is skipped or repeated; pages equal the model', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 9 }),
        fc.constantFrom<SortKey['order']>('asc', 'desc'),
        fc.array(fc.array(opArb, { maxLength: 4 }), { minLength: 30, maxLength: 30 }),
        async (limit, order, opsPerPage) => {
          const run = uniq('live');
          const sort: SortKey[] = [{ field: 'score', order }];
          const cmp = compareBy(sort);
          const model = new Map<string, DocData>();
          let n = 0;
          // _ids not in insertion order, so ties are ordered by _id and not by accident of storage.
          const newDoc = (score: number): DocData => ({ _id: `${run}-${((n++ * 7919) % 4096).toString(36).padStart(3, '0')}`, run, score, note: 0 });
          const initial = Array.from({ length: 40 }, (_, i) => newDoc(i % 6));
          await insertAll(initial);
          for (const d of initial) model.set(d._id as string, d);
          const changed = new Set<string>(); // ids whose presence or sort value changed during the scroll

          const returned: DocData[] = [];
          const after = (d: DocData, cursor: DocData | null) => cursor === null || cmp(d, cursor) > 0;
          let cursor: { key: DocData; next: string } | null = null;
          for (let page = 0; ; page++) {
            const got = await paginate(db(), PAGES, { where: { run }, sort, limit, after: cursor?.next ?? null });
            // Exactly the model's page: the first `limit` after the cursor, as the data is now.
            const ahead = [...model.values()].filter((d) => after(d, cursor?.key ?? null)).sort(cmp);
            expect(ids(got.items)).toEqual(ids(ahead.slice(0, limit)));
            expect(got.next === null).toBe(ahead.length <= limit);
            returned.push(...got.items);
            if (got.next === null) break;
            cursor = { key: got.items[got.items.length - 1]!, next: got.next };
            for (const op of opsPerPage[page % opsPerPage.length]!) {
              const live = [...model.keys()];
              const id = live.length ? live[('pick' in op ? op.pick : 0) % live.length]! : null;
              if (op.kind === 'insert') {
                const d = newDoc(op.score);
                await db().collection(PAGES).add({ data: d });
                model.set(d._id as string, d);
                changed.add(d._id as string);
              } else if (id && op.kind === 'move') {
                await db().collection(PAGES).doc(id).update({ data: { score: op.score } });
                model.set(id, { ...model.get(id)!, score: op.score });
                changed.add(id);
              } else if (id && op.kind === 'delete') {
                await db().collection(PAGES).doc(id).remove();
                model.delete(id);
                changed.add(id);
              } else if (id && op.kind === 'touch') {
                await db().collection(PAGES).doc(id).update({ data: { note: db().command.inc(1) } });
              }
            }
          }

          // Keys strictly increase across the whole scroll.
          for (let i = 1; i < returned.length; i++) expect(cmp(returned[i - 1]!, returned[i]!)).toBeLessThan(0);
          // Present throughout with the same sort value: exactly once.
          const counts = new Map<string, number>();
          for (const d of returned) counts.set(d._id as string, (counts.get(d._id as string) ?? 0) + 1);
          for (const d of initial) if (!changed.has(d._id as string)) expect([d._id, counts.get(d._id as string)]).toEqual([d._id, 1]);
          // Only a document whose sort value changed can come twice.
          for (const [id, c] of counts) if (c > 1) expect(changed.has(id)).toBe(true);
        },
      ),
      { numRuns: 6 },
    );
  });
});
