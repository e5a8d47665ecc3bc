// Every database.* action through the unmodified @cloudbase/node-sdk against a fresh in-memory emulator.
import type { RunningEmulator } from '../../../emulator/emulator';
import { nodeSdk, startDbEmulator } from './helpers';

let emu: RunningEmulator;
let db: any;
let _: any;

beforeAll(async () => {
  emu = await startDbEmulator();
  db = nodeSdk(emu.adminUrl).database();
  _ = db.command;
  for (const name of ['todos', 'people', 'places', 'big']) await db.createCollection(name);
});
afterAll(() => emu.close());

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'NO_ERROR';
}

test('missing collection and existing collection have their codes', async () => {
  expect(await code(db.collection('nope').where({}).get())).toBe('DATABASE_COLLECTION_NOT_EXIST');
  expect(await code(db.collection('nope').add({ a: 1 }))).toBe('DATABASE_COLLECTION_NOT_EXIST');
  expect(await code(db.createCollection('todos'))).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
});

test('add: generated 32-hex id, explicit id, array add, duplicate id; Dates, serverDate, regex and nesting round-trip', async () => {
  const when = new Date(1700000000000);
  const r = await db.collection('todos').add({ title: 'a', n: 1, f: 1.5, when, sd: db.serverDate({ offset: 60_000 }), nested: { deep: { x: [1, 'two'] } }, re: db.RegExp({ regexp: 'ab+c', options: 'i' }) });
  expect(r.id).toMatch(/^[0-9a-f]{32}$/);
  const { data } = await db.collection('todos').doc(r.id).get();
  expect(data[0].when).toBeInstanceOf(Date);
  expect(data[0].when.getTime()).toBe(when.getTime());
  expect(data[0].sd).toBeInstanceOf(Date);
  expect(Math.abs(data[0].sd.getTime() - (Date.now() + 60_000))).toBeLessThan(5_000);
  expect(data[0]).toMatchObject({ title: 'a', n: 1, f: 1.5, nested: { deep: { x: [1, 'two'] } } });
  const many = await db.collection('todos').add([{ _id: 'fixed-1', title: 'b' }, { title: 'c' }]);
  expect(many.ids[0]).toBe('fixed-1');
  expect(many.ids).toHaveLength(2);
  expect(await code(db.collection('todos').add({ _id: 'fixed-1', title: 'again' }))).toBe('DATABASE_REQUEST_FAILED');
  // A failed batch insert leaves nothing behind.
  expect(await code(db.collection('todos').add([{ _id: 'fresh-1' }, { _id: 'fixed-1' }]))).toBe('DATABASE_REQUEST_FAILED');
  expect((await db.collection('todos').doc('fresh-1').get()).data).toEqual([]);
});

test('where: comparison, logic, exists, elemMatch, regex, nested dot paths, array contains, dates; order priority, skip, limit, field', async () => {
  await db.collection('people').add([
    { _id: 'u1', name: 'Alice', age: 30, tags: ['a', 'b'], addr: { city: 'SH', zip: 1 }, born: new Date('1990-01-01'), scores: [{ s: 5 }, { s: 9 }] },
    { _id: 'u2', name: 'bob', age: 25, tags: ['b'], addr: { city: 'BJ', zip: 2 }, born: new Date('1995-01-01'), scores: [{ s: 1 }] },
    { _id: 'u3', name: 'Carol', age: 30, tags: [], addr: { city: 'SH', zip: 3 }, born: new Date('2000-01-01'), nick: 'c' },
    { _id: 'u4', name: 'dave', age: 40, addr: { city: 'GZ', zip: 4 } },
  ]);
  const ids = async (q: any) => (await q.get()).data.map((d: any) => d._id).sort();
  const users = db.collection('people');
  expect(await ids(users.where({ age: _.gte(25).and(_.lte(30)) }))).toEqual(['u1', 'u2', 'u3']);
  expect(await ids(users.where({ age: _.in([25, 40]) }))).toEqual(['u2', 'u4']);
  expect(await ids(users.where({ age: _.neq(30), name: _.nin(['dave']) }))).toEqual(['u2']);
  expect(await ids(users.where(_.or([{ age: 40 }, { name: 'bob' }])))).toEqual(['u2', 'u4']);
  expect(await ids(users.where({ age: _.gt(35).or(_.lt(26)) }))).toEqual(['u2', 'u4']);
  expect(await ids(users.where({ nick: _.exists(true) }))).toEqual(['u3']);
  expect(await ids(users.where({ scores: _.elemMatch({ s: _.gt(8) }) }))).toEqual(['u1']);
  expect(await ids(users.where({ name: db.RegExp({ regexp: '^[ab]', options: 'i' }) }))).toEqual(['u1', 'u2']);
  expect(await ids(users.where({ name: /^c/i }))).toEqual(['u3']);
  expect(await ids(users.where({ addr: { city: 'SH' } }))).toEqual(['u1', 'u3']); // nested object = dot path, not whole-object equality
  expect(await ids(users.where({ tags: 'b' }))).toEqual(['u1', 'u2']); // array contains
  expect(await ids(users.where({ born: _.gt(new Date('1994-06-01')) }))).toEqual(['u2', 'u3']);
  const ordered = await users.where({ age: _.gt(0) }).orderBy('age', 'desc').orderBy('name', 'asc').get();
  expect(ordered.data.map((d: any) => d._id)).toEqual(['u4', 'u1', 'u3', 'u2']);
  const reversedPriority = await users.where({}).orderBy('name', 'asc').orderBy('age', 'desc').get();
  expect(reversedPriority.data.map((d: any) => d._id)).toEqual(['u1', 'u3', 'u2', 'u4']); // binary string order: upper case first
  const page = await users.where({}).orderBy('age', 'asc').orderBy('name', 'asc').skip(1).limit(2).field({ name: true }).get();
  expect(page.data).toEqual([{ _id: 'u1', name: 'Alice' }, { _id: 'u3', name: 'Carol' }]);
  const excluded = await users.doc('u1').field({ addr: false, scores: false, tags: false, born: false }).get();
  expect(excluded.data).toEqual([{ _id: 'u1', name: 'Alice', age: 30 }]);
});

test('get returns 100 by default and at most 1000; count with and without where', async () => {
  const docs = Array.from({ length: 1100 }, (_x, i) => ({ i, even: i % 2 === 0 }));
  for (let k = 0; k < docs.length; k += 500) await db.collection('big').add(docs.slice(k, k + 500));
  expect((await db.collection('big').get()).data).toHaveLength(100);
  expect((await db.collection('big').limit(5000).get()).data).toHaveLength(1000);
  expect((await db.collection('big').count()).total).toBe(1100);
  expect((await db.collection('big').where({ even: true }).count()).total).toBe(550);
});

test('update operators, nested merge vs set, where-update multi, set/upsert, remove', async () => {
  const c = db.collection('todos');
  await c.add({ _id: 'upd', n: 1, meta: { p: 1, q: 2 }, arr: [1, 2, 3], gone: 'x', s: 'str' });
  const r = await c.doc('upd').update({ n: _.inc(10), meta: { q: 3 }, arr: _.push([4]), gone: _.remove(), extra: _.set({ a: 1 }) });
  expect(r.updated).toBe(1);
  expect((await c.doc('upd').get()).data[0]).toEqual({ _id: 'upd', n: 11, meta: { p: 1, q: 3 }, arr: [1, 2, 3, 4], s: 'str', extra: { a: 1 } });
  await c.doc('upd').update({ meta: _.set({ only: true }), arr: _.pull(2), n: _.mul(2) });
  expect((await c.doc('upd').get()).data[0]).toMatchObject({ meta: { only: true }, arr: [1, 3, 4], n: 22 });
  expect(await code(c.doc('upd').update({ s: _.inc(1) }))).toBe('DATABASE_REQUEST_FAILED'); // $inc on a string is an error, not a no-op
  expect((await c.doc('missing').update({ n: 1 })).updated).toBe(0);
  await c.add([{ grp: 'm', v: 2 }, { grp: 'm', v: 3 }, { grp: 'm', v: 4 }]);
  expect((await c.where({ grp: 'm' }).update({ v: _.mul(10) })).updated).toBe(3);
  expect((await c.where({ grp: 'm' }).get()).data.map((d: any) => d.v).sort()).toEqual([20, 30, 40]);
  const replaced = await c.doc('upd').set({ title: 'replaced' });
  expect(replaced.updated).toBe(1);
  expect(replaced.upsertedId).toBeUndefined();
  expect((await c.doc('upd').get()).data[0]).toEqual({ _id: 'upd', title: 'replaced' });
  const created = await c.doc('new-by-set').set({ title: 'new' });
  expect(created.upsertedId).toBe('new-by-set');
  expect((await c.doc('new-by-set').get()).data[0]).toEqual({ _id: 'new-by-set', title: 'new' });
  expect((await c.doc('new-by-set').remove()).deleted).toBe(1);
  expect((await c.where({ grp: 'm' }).remove()).deleted).toBe(3);
  expect((await c.where({ grp: 'm' }).count()).total).toBe(0);
});

test('aggregate: match, group, sort, lookup, project, unwind, skip, limit, count, addFields', async () => {
  const orders = db.collection('todos');
  await orders.add([
    { kind: 'order', uid: 'u1', cat: 'x', amt: 5, items: ['p', 'q'] },
    { kind: 'order', uid: 'u1', cat: 'y', amt: 7, items: ['q'] },
    { kind: 'order', uid: 'u2', cat: 'x', amt: 1, items: [] },
  ]);
  const $ = db.command.aggregate;
  const grouped = await orders.aggregate().match({ kind: 'order' }).group({ _id: '$uid', total: $.sum('$amt') }).sort({ total: -1 })
    .lookup({ from: 'people', localField: '_id', foreignField: '_id', as: 'user' }).project({ total: 1, name: $.arrayElemAt(['$user.name', 0]) }).end();
  expect(grouped.data).toEqual([{ _id: 'u1', total: 12, name: 'Alice' }, { _id: 'u2', total: 1, name: 'bob' }]);
  const unwound = await orders.aggregate().match({ kind: 'order' }).unwind('$items').addFields({ two: $.multiply(['$amt', 2]) }).sort({ amt: 1 }).skip(1).limit(1).end();
  expect(unwound.data).toHaveLength(1);
  expect(unwound.data[0]).toMatchObject({ items: 'q', two: 10 });
  const counted = await orders.aggregate().match({ kind: 'order', amt: _.gt(2) }).count('n').end();
  expect(counted.data).toEqual([{ n: 2 }]);
});

test('geo: nearSphere sorted by distance with max/min, geoWithin polygon and centerSphere, geoIntersects, aggregate geoNear', async () => {
  const P = (lng: number, lat: number) => new db.Geo.Point(lng, lat);
  const places = db.collection('places');
  // Roughly 0, 1.1 km, 5.5 km and 111 km east along the equator.
  await places.add([
    { _id: 'p0', loc: P(0, 0) },
    { _id: 'p1', loc: P(0.01, 0) },
    { _id: 'p5', loc: P(0.05, 0) },
    { _id: 'p100', loc: P(1, 0) },
  ]);
  const near = await places.where({ loc: _.geoNear({ geometry: P(0.001, 0), maxDistance: 6000, minDistance: 0 }) }).get();
  expect(near.data.map((d: any) => d._id)).toEqual(['p0', 'p1', 'p5']);
  const ring = await places.where({ loc: _.geoNear({ geometry: P(0, 0), maxDistance: 200_000, minDistance: 2000 }) }).get();
  expect(ring.data.map((d: any) => d._id)).toEqual(['p5', 'p100']);
  const square = new db.Geo.Polygon([new db.Geo.LineString([P(-0.02, -0.02), P(0.02, -0.02), P(0.02, 0.02), P(-0.02, 0.02), P(-0.02, -0.02)])]);
  const within = await places.where({ loc: _.geoWithin({ geometry: square }) }).get();
  expect(within.data.map((d: any) => d._id).sort()).toEqual(['p0', 'p1']);
  const circle = await places.where({ loc: _.geoWithin({ centerSphere: [[0, 0], 6000 / 6378137] }) }).get();
  expect(circle.data.map((d: any) => d._id).sort()).toEqual(['p0', 'p1', 'p5']);
  const hit = await places.where({ loc: _.geoIntersects({ geometry: square }) }).get();
  expect(hit.data.map((d: any) => d._id).sort()).toEqual(['p0', 'p1']);
  const agg = await places.aggregate().geoNear({ near: P(0, 0), spherical: true, distanceField: 'dist', maxDistance: 10_000, query: { _id: _.neq('p0') } }).end();
  expect(agg.data.map((d: any) => d._id)).toEqual(['p1', 'p5']);
  // 0.01° of longitude on the equator with R = 6378137 m.
  expect(agg.data[0].dist).toBeCloseTo((0.01 * Math.PI / 180) * 6378137, 3);
});

test('transactions: read-your-own-writes, invisible until commit, rollback, add/set/delete', async () => {
  const c = db.collection('todos');
  await c.add([{ _id: 'acc-a', bal: 100 }, { _id: 'acc-b', bal: 0 }]);
  const t = await db.startTransaction();
  const a = (await t.collection('todos').doc('acc-a').get()).data;
  expect(a.bal).toBe(100);
  await t.collection('todos').doc('acc-a').update({ bal: _.inc(-30) });
  await t.collection('todos').doc('acc-b').update({ bal: _.inc(30) });
  expect((await t.collection('todos').doc('acc-a').get()).data.bal).toBe(70); // own write
  expect((await c.doc('acc-a').get()).data[0].bal).toBe(100); // invisible outside
  const added = await t.collection('todos').add({ _id: 'tx-added', x: 1 });
  expect(added.id).toBe('tx-added');
  await t.collection('todos').doc('tx-set').set({ y: 2 });
  await t.collection('todos').doc('fixed-1').remove();
  expect((await c.doc('tx-added').get()).data).toEqual([]);
  await t.commit();
  expect((await c.doc('acc-a').get()).data[0].bal).toBe(70);
  expect((await c.doc('acc-b').get()).data[0].bal).toBe(30);
  expect((await c.doc('tx-added').get()).data[0].x).toBe(1);
  expect((await c.doc('tx-set').get()).data[0].y).toBe(2);
  expect((await c.doc('fixed-1').get()).data).toEqual([]);

  const t2 = await db.startTransaction();
  await t2.collection('todos').doc('acc-a').update({ bal: 0 });
  await t2.rollback();
  expect((await c.doc('acc-a').get()).data[0].bal).toBe(70);
  expect(await code(t2.commit())).toBe('DATABASE_TRANSACTION_NOT_EXIST');
});

test('a conflicting write makes the commit fail with DATABASE_TRANSACTION_CONFLICT and runTransaction retries', async () => {
  const c = db.collection('todos');
  await c.add({ _id: 'ctr', n: 0 });
  const t = await db.startTransaction();
  await t.collection('todos').doc('ctr').get();
  await t.collection('todos').doc('ctr').update({ n: _.inc(1) });
  await c.doc('ctr').update({ n: _.inc(100) });
  expect(await code(t.commit())).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect((await c.doc('ctr').get()).data[0].n).toBe(100);

  let attempts = 0;
  await db.runTransaction(async (tx: any) => {
    attempts++;
    const d = (await tx.collection('todos').doc('ctr').get()).data;
    if (attempts === 1) await c.doc('ctr').update({ n: _.inc(1000) });
    await tx.collection('todos').doc('ctr').update({ n: d.n + 1 });
  });
  expect(attempts).toBe(2);
  expect((await c.doc('ctr').get()).data[0].n).toBe(1101);
});
