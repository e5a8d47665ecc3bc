// The store's group commit (emulator/db/sqlite-store.ts): a write is acknowledged only after an
// fdatasync of the write-ahead log that started after its COMMIT; commits made while an fdatasync
// is in flight share the next one; a batch in which nothing was written needs none; close()
// syncs and acknowledges what is still waiting. fs.fdatasync is held by the test to see the order.
import fs from 'node:fs';
import { SqliteStore } from '../../../emulator/db/sqlite-store';
import { tmpDir } from './helpers';

type Held = { fd: number; done: (e: NodeJS.ErrnoException | null) => void };
let held: Held[];
let dir: string;
let store: SqliteStore;

beforeEach(() => {
  held = [];
  jest.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, done: Held['done']) => void held.push({ fd, done })) as never);
  dir = tmpDir('group-commit');
  store = new SqliteStore(dir);
  store.create({ name: 'things', indexes: [] });
  store.flush();
});

afterEach(() => {
  store.close();
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const turn = () => new Promise((r) => setImmediate(r));
const insert = (id: string) => store.write(() => store.insertDoc(store.get('things')!, { _id: id }));
/** Resolves to the ids acknowledged so far. */
function tracked(ids: string[]) {
  const acked: string[] = [];
  const all = ids.map((id) => insert(id).then(() => void acked.push(id)));
  return { acked, all };
}

test('writes of one turn share one COMMIT and are acknowledged only after the fdatasync returns', async () => {
  const first = tracked(['a', 'b', 'c']);
  await turn();
  await turn();
  // Committed (visible to reads) but not acknowledged: the log is not on disk yet.
  expect(store.get('things')!.count.get()!.n).toBe(3);
  expect(first.acked).toEqual([]);
  expect(held).toHaveLength(1);
  held[0]!.done(null);
  await Promise.all(first.all);
  expect(first.acked).toEqual(['a', 'b', 'c']);
});

test('commits made while an fdatasync is in flight wait for the next one, which they share', async () => {
  const one = tracked(['x1']);
  await turn();
  await turn();
  const two = tracked(['x2']);
  await turn();
  const three = tracked(['x3']);
  await turn();
  await turn();
  // x2 and x3 were committed after the in-flight fdatasync started: it does not cover them.
  expect(held).toHaveLength(1);
  held[0]!.done(null);
  await Promise.all(one.all);
  await turn();
  expect(two.acked).toEqual([]);
  expect(three.acked).toEqual([]);
  expect(held).toHaveLength(2);
  held[1]!.done(null);
  await Promise.all([...two.all, ...three.all]);
  expect([...two.acked, ...three.acked]).toEqual(['x2', 'x3']);
});

test('a failed fdatasync fails the writes it was to make durable', async () => {
  const w = insert('y');
  await turn();
  await turn();
  held[0]!.done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
  await expect(w).rejects.toMatchObject({ code: 'SYS_ERR', message: expect.stringMatching(/could not be synced/) });
});

test('a batch in which every write failed needs no fdatasync', async () => {
  await (async () => {
    const w = insert('dup');
    await turn();
    await turn();
    held[0]!.done(null);
    await w;
  })();
  await expect(insert('dup')).rejects.toMatchObject({ message: expect.stringMatching(/E11000/) });
  await turn();
  await turn();
  expect(held).toHaveLength(1);
});

test('close() syncs and acknowledges the writes still waiting', async () => {
  const w = tracked(['z1', 'z2']);
  await turn();
  await turn();
  expect(held).toHaveLength(1);
  const syncSpy = jest.spyOn(fs, 'fdatasyncSync');
  store.close();
  expect(syncSpy).toHaveBeenCalledTimes(1);
  await Promise.all(w.all);
  expect(w.acked).toEqual(['z1', 'z2']);
  // The fdatasync that was in flight returns after close: it only closes its descriptor.
  held[0]!.done(null);
});
