// Update fidelity through the unmodified wx-server-sdk: field and array operators, merge vs
// replace, array index paths, doc.set (replace / upsert), multi updates, and the failures that
// must leave the document untouched.
import type { RunningEmulator } from '../../../emulator/emulator';
import { startWxSdk } from './helpers';

let emu: RunningEmulator;
let db: any;
let _: any;

beforeAll(async () => {
  ({ emu, db, _ } = await startWxSdk());
  await db.createCollection('u_docs');
});
afterAll(() => emu.close());

const coll = () => db.collection('u_docs');
let seq = 0;
/** A fresh document; returns its id. */
async function fresh(data: Record<string, unknown>): Promise<string> {
  const _id = `d${++seq}`;
  await coll().add({ data: { _id, ...data } });
  return _id;
}
async function updated(id: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await coll().doc(id).update({ data });
  expect(res).toMatchObject({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
  return (await coll().doc(id).get()).data;
}

describe('field operators', () => {
  test('plain nested object merges; _.set replaces the sub-object', async () => {
    const id = await fresh({ meta: { p: 1, q: 2, deep: { a: 1, b: 2 } } });
    expect(await updated(id, { meta: { q: 3, deep: { b: 9 } } })).toEqual({ _id: id, meta: { p: 1, q: 3, deep: { a: 1, b: 9 } } });
    expect(await updated(id, { meta: _.set({ only: true }) })).toEqual({ _id: id, meta: { only: true } });
    expect(await updated(id, { 'meta.extra': [1, 2] })).toEqual({ _id: id, meta: { only: true, extra: [1, 2] } });
  });

  test('a plain array value replaces the whole array; a plain null stores null', async () => {
    const id = await fresh({ arr: [1, 2, 3], v: 1 });
    expect(await updated(id, { arr: [9], v: null })).toEqual({ _id: id, arr: [9], v: null });
  });

  test('inc and mul, including missing fields and nested paths', async () => {
    const id = await fresh({ n: 5, f: 1.5, stats: { views: 1 } });
    expect(await updated(id, { n: _.inc(-7), f: _.mul(3), stats: { views: _.inc(1) }, fresh: _.inc(2), zero: _.mul(4) })).toEqual({ _id: id, n: -2, f: 4.5, stats: { views: 2 }, fresh: 2, zero: 0 });
  });

  test('min and max only move in one direction; they work on Dates', async () => {
    const id = await fresh({ lo: 5, hi: 5, when: new Date('2024-01-01T00:00:00Z') });
    expect(await updated(id, { lo: _.min(3), hi: _.max(3), when: _.max(new Date('2024-06-01T00:00:00Z')), nw: _.min(1) })).toEqual({ _id: id, lo: 3, hi: 5, when: new Date('2024-06-01T00:00:00Z'), nw: 1 });
    const res = await coll().doc(id).update({ data: { lo: _.min(4) } });
    expect(res.stats).toEqual({ updated: 0 }); // matched but unchanged
  });

  test('rename and remove', async () => {
    const id = await fresh({ old: 'v', gone: 1, keep: { x: 1, y: 2 } });
    expect(await updated(id, { old: _.rename('renamed'), gone: _.remove(), keep: { y: _.remove() } })).toEqual({ _id: id, renamed: 'v', keep: { x: 1 } });
  });

  test('serverDate and Dates in updates', async () => {
    const id = await fresh({});
    const when = new Date('2023-03-03T03:03:03Z');
    const doc = await updated(id, { at: db.serverDate(), when, later: db.serverDate({ offset: 1000 }) });
    expect(doc.when).toEqual(when);
    expect(doc.at).toBeInstanceOf(Date);
    expect(Math.abs((doc.at as Date).getTime() - Date.now())).toBeLessThan(5000);
    expect((doc.later as Date).getTime() - (doc.at as Date).getTime()).toBe(1000);
  });
});

describe('array operators', () => {
  test('push: values, several values, and {each, position, sort, slice}', async () => {
    const id = await fresh({ a: [1], b: [5, 1], c: [3] });
    expect(await updated(id, { a: _.push(2), b: _.push([4, 2]), c: _.push({ each: [9, 7], position: 0 }), d: _.push('new') })).toEqual({ _id: id, a: [1, 2], b: [5, 1, 4, 2], c: [9, 7, 3], d: ['new'] });
    expect(await updated(id, { b: _.push({ each: [3], sort: 1, slice: 3 }) })).toMatchObject({ b: [1, 2, 3] });
    expect(await updated(id, { b: _.push({ each: [], slice: -2 }) })).toMatchObject({ b: [2, 3] });
    expect(await updated(id, { c: _.push({ each: [{ k: 2 }, { k: 1 }], sort: { k: -1 }, slice: -2 }) })).toMatchObject({ c: [{ k: 2 }, { k: 1 }] });
  });

  test('pop, shift, unshift', async () => {
    const id = await fresh({ a: [1, 2, 3], b: [1, 2, 3], c: [3] });
    expect(await updated(id, { a: _.pop(), b: _.shift(), c: _.unshift(1, 2) })).toEqual({ _id: id, a: [1, 2], b: [2, 3], c: [1, 2, 3] });
    expect(await updated(id, { c: _.unshift([0]) })).toMatchObject({ c: [0, 1, 2, 3] });
  });

  test('pull by value and by condition; pullAll', async () => {
    const id = await fresh({ a: [1, 2, 3, 2], b: [1, 5, 9, 12], c: ['x', 'y', 'z', 'x'], d: [{ k: 1, v: 'a' }, { k: 2, v: 'b' }] });
    expect(await updated(id, { a: _.pull(2), b: _.pull(_.gt(6)), c: _.pullAll(['x', 'z']), d: _.pull({ k: 2 }) })).toEqual({ _id: id, a: [1, 3], b: [1, 5], c: ['y'], d: [{ k: 1, v: 'a' }] });
    expect(await updated(id, { b: _.pull(_.in([1, 99])) })).toMatchObject({ b: [5] });
  });

  test('addToSet: one value, an existing value, and {$each}', async () => {
    const id = await fresh({ tags: ['a'] });
    expect(await updated(id, { tags: _.addToSet('b') })).toEqual({ _id: id, tags: ['a', 'b'] });
    const same = await coll().doc(id).update({ data: { tags: _.addToSet('a') } });
    expect(same.stats).toEqual({ updated: 0 });
    expect(await updated(id, { tags: _.addToSet({ $each: ['b', 'c', 'c', 'd'] }) })).toEqual({ _id: id, tags: ['a', 'b', 'c', 'd'] });
  });

  test('array index paths: "arr.1" sets one element; a nested object inside an element merges', async () => {
    const id = await fresh({ arr: [10, 20, 30], objs: [{ x: 1, y: 1 }, { x: 2, y: 2 }] });
    expect(await updated(id, { 'arr.1': 21, 'objs.0.y': 9 })).toEqual({ _id: id, arr: [10, 21, 30], objs: [{ x: 1, y: 9 }, { x: 2, y: 2 }] });
    expect(await updated(id, { 'arr.2': _.inc(1), objs: { 1: { x: 7 } } })).toEqual({ _id: id, arr: [10, 21, 31], objs: [{ x: 1, y: 9 }, { x: 7, y: 2 }] });
  });
});

describe('set, multi, missing', () => {
  test('doc.set replaces the whole document (keeps _id) and upserts a missing one', async () => {
    const id = await fresh({ a: 1, b: { c: 2 } });
    const replaced = await coll().doc(id).set({ data: { z: 26, when: new Date(5) } });
    expect(replaced).toMatchObject({ _id: id, stats: { updated: 1, created: 0 }, errMsg: 'document.set:ok' });
    expect((await coll().doc(id).get()).data).toEqual({ _id: id, z: 26, when: new Date(5) });
    const created = await coll().doc('set-new').set({ data: { n: 1 } });
    expect(created).toMatchObject({ _id: 'set-new', stats: { updated: 0, created: 1 } });
    expect((await coll().doc('set-new').get()).data).toEqual({ _id: 'set-new', n: 1 });
  });

  test('doc.set with _id in data or with operators is refused by the SDK', async () => {
    await expect(coll().doc('set-new').set({ data: { _id: 'other', n: 2 } })).rejects.toThrow(/_id/);
    await expect(coll().doc('set-new').set({ data: { n: _.inc(1) } })).rejects.toThrow();
    expect((await coll().doc('set-new').get()).data).toEqual({ _id: 'set-new', n: 1 });
  });

  test('where().update changes every match and reports how many', async () => {
    await coll().add({ data: [{ grp: 'm', v: 1 }, { grp: 'm', v: 2 }, { grp: 'm', v: 3 }, { grp: 'other', v: 4 }] });
    expect(await coll().where({ grp: 'm' }).update({ data: { v: _.mul(10), seen: true } })).toMatchObject({ stats: { updated: 3 }, errMsg: 'collection.update:ok' });
    const vs = (await coll().where({ grp: _.in(['m', 'other']) }).orderBy('v', 'asc').get()).data.map((d: any) => [d.v, d.seen]);
    expect(vs).toEqual([[4, undefined], [10, true], [20, true], [30, true]]);
    expect((await coll().where({ grp: 'none' }).update({ data: { v: 0 } })).stats).toEqual({ updated: 0 });
  });

  test('update of a missing document: updated 0, nothing created', async () => {
    expect((await coll().doc('ghost').update({ data: { a: 1 } })).stats).toEqual({ updated: 0 });
    expect((await coll().where({ _id: 'ghost' }).count()).total).toBe(0);
  });
});

describe('refused updates leave the document unchanged', () => {
  test('inc on a string: errCode -502001 with a clear message', async () => {
    const id = await fresh({ s: 'text', n: 1 });
    await expect(coll().doc(id).update({ data: { s: _.inc(1), n: _.inc(1) } })).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringMatching(/non-numeric/) });
    expect((await coll().doc(id).get()).data).toEqual({ _id: id, s: 'text', n: 1 });
  });

  test('a multi update that fails on one document changes none of them', async () => {
    await coll().add({ data: [{ _id: 'atom-1', grp: 'atom', n: 1 }, { _id: 'atom-2', grp: 'atom', n: 'x' }, { _id: 'atom-3', grp: 'atom', n: 3 }] });
    await expect(coll().where({ grp: 'atom' }).update({ data: { n: _.inc(1) } })).rejects.toMatchObject({ errCode: -502001 });
    const ns = (await coll().where({ grp: 'atom' }).orderBy('_id', 'asc').get()).data.map((d: any) => d.n);
    expect(ns).toEqual([1, 'x', 3]);
  });

  test.each<[string, () => unknown]>([
    ['push', () => _.push(1)],
    ['addToSet', () => _.addToSet(1)],
    ['pull', () => _.pull(1)],
    ['pullAll', () => _.pullAll([1])],
    ['pop', () => _.pop()],
    ['unshift', () => _.unshift(1)],
  ])('%s onto a non-array is refused', async (_name, op) => {
    const id = await fresh({ s: 'text', nul: null });
    await expect(coll().doc(id).update({ data: { s: op() } })).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringMatching(/non-array/) });
    await expect(coll().doc(id).update({ data: { nul: op() } })).rejects.toMatchObject({ errCode: -502001 });
    expect((await coll().doc(id).get()).data).toEqual({ _id: id, s: 'text', nul: null });
  });

  test('array operators on a missing field: push creates it, pull and pop do nothing', async () => {
    const id = await fresh({ a: 1 });
    expect((await coll().doc(id).update({ data: { x: _.pull(1), y: _.pop() } })).stats).toEqual({ updated: 0 });
    expect(await updated(id, { z: _.addToSet(2) })).toEqual({ _id: id, a: 1, z: [2] });
  });

  test('updating _id is refused', async () => {
    const id = await fresh({ a: 1 });
    await expect(coll().doc(id).update({ data: { _id: 'changed' } })).rejects.toMatchObject({ errMsg: expect.stringMatching(/_id/) });
    await expect(coll().where({ a: 1 }).update({ data: { _id: 'changed', a: 2 } })).rejects.toMatchObject({ errMsg: expect.stringMatching(/_id/) });
    expect((await coll().doc(id).get()).data).toEqual({ _id: id, a: 1 });
  });

  test('a path through a scalar or null is refused (Mongo: cannot create field in element)', async () => {
    const id = await fresh({ a: 1, d: null, m: { k: 'v' } });
    await expect(coll().doc(id).update({ data: { 'a.b': 2 } })).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringMatching(/Cannot create field 'b'/) });
    await expect(coll().doc(id).update({ data: { 'm.k.deep': _.inc(1) } })).rejects.toMatchObject({ errCode: -502001 });
    await expect(coll().doc(id).update({ data: { d: { x: 1 } } })).rejects.toMatchObject({ errCode: -502001 });
    expect((await coll().doc(id).get()).data).toEqual({ _id: id, a: 1, d: null, m: { k: 'v' } });
    expect(await updated(id, { 'm.n': 1, 'new.path': 2 })).toEqual({ _id: id, a: 1, d: null, m: { k: 'v', n: 1 }, new: { path: 2 } });
  });

  test('conflicting paths in one update are refused', async () => {
    const id = await fresh({ m: { a: 1 } });
    await expect(coll().doc(id).update({ data: { m: _.set({ b: 1 }), 'm.a': _.inc(1) } })).rejects.toMatchObject({ errCode: -502001 });
    expect((await coll().doc(id).get()).data).toEqual({ _id: id, m: { a: 1 } });
  });
});
