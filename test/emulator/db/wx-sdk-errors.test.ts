// Failure shapes through the unmodified wx-server-sdk, as a cloud function sees them: errCode and
// errMsg for a missing collection, a duplicate _id, bad operators, and a collection that exists.
import type { RunningEmulator } from '../../../emulator/emulator';
import { startWxSdk } from './helpers';

let emu: RunningEmulator;
let db: any;
let _: any;

beforeAll(async () => {
  ({ emu, db, _ } = await startWxSdk());
  await db.createCollection('e_docs');
  await db.collection('e_docs').add({ data: { _id: 'x', n: 1 } });
});
afterAll(() => emu.close());

const missing = { errCode: -502005, errMsg: expect.stringMatching(/:fail -502005 /) };

test.each<[string, () => Promise<unknown>, string]>([
  ['where().get', () => db.collection('e_nope').where({ a: 1 }).get(), 'collection.get'],
  ['get', () => db.collection('e_nope').get(), 'collection.get'],
  ['count', () => db.collection('e_nope').count(), 'collection.count'],
  ['add', () => db.collection('e_nope').add({ data: { a: 1 } }), 'collection.add'],
  ['doc.get', () => db.collection('e_nope').doc('a').get(), 'document.get'],
  ['doc.update', () => db.collection('e_nope').doc('a').update({ data: { a: 1 } }), 'document.update'],
  ['doc.set', () => db.collection('e_nope').doc('a').set({ data: { a: 1 } }), 'document.set'],
  ['doc.remove', () => db.collection('e_nope').doc('a').remove(), 'document.remove'],
  ['where().update', () => db.collection('e_nope').where({ a: 1 }).update({ data: { a: 2 } }), 'collection.update'],
  ['where().remove', () => db.collection('e_nope').where({ a: 1 }).remove(), 'collection.remove'],
])('missing collection: %s → -502005', async (_name, call, api) => {
  const err = await call().then(() => null, (e) => e);
  expect(err).toMatchObject(missing);
  expect(err.errMsg.startsWith(`${api}:fail`)).toBe(true);
});

test('add with an existing _id fails with -502001 (E11000) and keeps the original', async () => {
  await expect(db.collection('e_docs').add({ data: { _id: 'x', n: 2 } })).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringMatching(/duplicate key/) });
  expect((await db.collection('e_docs').doc('x').get()).data).toEqual({ _id: 'x', n: 1 });
});

test('an array add with one duplicate inserts nothing', async () => {
  await expect(db.collection('e_docs').add({ data: [{ _id: 'fresh' }, { _id: 'x' }] })).rejects.toMatchObject({ errCode: -502001 });
  expect((await db.collection('e_docs').where({ _id: 'fresh' }).count()).total).toBe(0);
});

test('createCollection of an existing collection fails', async () => {
  await expect(db.createCollection('e_docs')).rejects.toMatchObject({ errMsg: expect.stringMatching(/^createCollection:fail/) });
});

test('an unknown query operator is refused with -502002', async () => {
  await expect(db.collection('e_docs').where({ n: { $bogus: 1 } }).get()).rejects.toMatchObject({ errCode: -502002 });
  await expect(db.collection('e_docs').where({ n: { $bogus: 1 } }).count()).rejects.toMatchObject({ errCode: -502002 });
});

test('an unknown update operator is refused and changes nothing', async () => {
  await expect(db.collection('e_docs').doc('x').update({ data: { $frob: { n: 5 } } })).rejects.toMatchObject({ errCode: -502002 });
  expect((await db.collection('e_docs').doc('x').get()).data).toEqual({ _id: 'x', n: 1 });
});

test('an invalid regular expression is refused, not a server crash', async () => {
  await expect(db.collection('e_docs').where({ n: db.RegExp({ regexp: '([a-', options: '' }) }).get()).rejects.toMatchObject({ errMsg: expect.stringMatching(/regular expression/) });
  expect((await db.collection('e_docs').doc('x').get()).data.n).toBe(1);
});

test('inc by a non-number is refused', async () => {
  await expect(db.collection('e_docs').doc('x').update({ data: { n: _.inc('1') } })).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringMatching(/non-numeric/) });
});
