// Hostile wire bodies (plain fetch) get JSON error envelopes; the store persists across reopen and
// reports an unusable data directory clearly.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../emulator/db';
import { nodeSdk, rawCall, startDbEmulator, tmpDir } from './helpers';

describe('malformed requests', () => {
  let emu: Awaited<ReturnType<typeof startDbEmulator>>;
  beforeAll(async () => {
    emu = await startDbEmulator();
    await rawCall(emu.adminUrl, { action: 'database.addCollection', collectionName: 'h' });
  });
  afterAll(() => emu.close());

  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['no collectionName', { action: 'database.getDocument', queryType: 'WHERE' }, 'INVALID_PARAM'],
    ['bad collection name', { action: 'database.getDocument', collectionName: '../x' }, 'INVALID_PARAM'],
    ['query not EJSON', { action: 'database.getDocument', collectionName: 'h', query: '{not json' }, 'INVALID_PARAM'],
    ['query not a string', { action: 'database.getDocument', collectionName: 'h', query: { a: 1 } }, 'INVALID_PARAM'],
    ['unknown query operator', { action: 'database.getDocument', collectionName: 'h', query: '{"a":{"$bogus":1}}' }, 'DATABASE_INVALID_OPERRATOR'],
    ['limit a string', { action: 'database.getDocument', collectionName: 'h', limit: '10' }, 'INVALID_PARAM'],
    ['negative offset', { action: 'database.getDocument', collectionName: 'h', offset: -1 }, 'INVALID_PARAM'],
    ['bad order', { action: 'database.getDocument', collectionName: 'h', order: '{"a":"sideways"}' }, 'INVALID_PARAM'],
    ['insert without data', { action: 'database.insertDocument', collectionName: 'h' }, 'INVALID_PARAM'],
    ['insert of a non-object', { action: 'database.insertDocument', collectionName: 'h', data: ['[1,2]'] }, 'INVALID_PARAM'],
    ['unknown update operator', { action: 'database.modifyDocument', collectionName: 'h', query: '{}', data: '{"$frobnicate":{"a":1}}', multi: true }, 'DATABASE_INVALID_OPERRATOR'],
    ['update of _id', { action: 'database.modifyDocument', collectionName: 'h', query: '{}', data: '{"$set":{"_id":"x"}}' }, 'DATABASE_REQUEST_FAILED'],
    ['unknown stage', { action: 'database.aggregateDocuments', collectionName: 'h', stages: [{ stageKey: '$explode', stageValue: '{}' }] }, 'DATABASE_INVALID_OPERRATOR'],
    ['stages not an array', { action: 'database.aggregateDocuments', collectionName: 'h', stages: 'x' }, 'INVALID_PARAM'],
    ['unknown transaction', { action: 'database.commitTransaction', transactionId: 'nope' }, 'DATABASE_TRANSACTION_NOT_EXIST'],
    ['transactional get with bad id', { action: 'database.getDocument', collectionName: 'h', transactionId: 42, query: '{"_id":"a"}', queryType: 'DOC' }, 'INVALID_PARAM'],
  ];
  test.each(cases)('%s', async (_name, body, expected) => {
    const res = await rawCall(emu.adminUrl, body);
    expect(res.code).toBe(expected);
    expect(typeof res.message).toBe('string');
    expect(res.requestId).toBeTruthy();
  });

  test('a body that is not JSON still gets an envelope, and the server keeps serving', async () => {
    const res = await rawCall(emu.adminUrl, '{"action": "database.getDocument", ');
    expect(res.code).toBe('INVALID_PARAM');
    const ok = await rawCall(emu.adminUrl, { action: 'database.getDocument', collectionName: 'h', queryType: 'WHERE' });
    expect(ok).toMatchObject({ data: { list: [] } });
  });

  test('a transaction expires and is reported as such', async () => {
    const t = (await rawCall(emu.adminUrl, { action: 'database.startTransaction' })) as { transactionId: string };
    expect(t.transactionId).toBeTruthy();
    const aborted = await rawCall(emu.adminUrl, { action: 'database.abortTransaction', transactionId: t.transactionId });
    expect(aborted.code).toBeUndefined();
    const again = await rawCall(emu.adminUrl, { action: 'database.insertDocument', collectionName: 'h', data: ['{}'], transactionId: t.transactionId });
    expect(again.code).toBe('DATABASE_TRANSACTION_NOT_EXIST');
  });
});

describe('persistence', () => {
  test('documents, indexes and collections survive close and reopen of a data dir', async () => {
    const dir = tmpDir('persist');
    const emu = await startDbEmulator({ dataDir: dir });
    const db = nodeSdk(emu.adminUrl).database();
    await db.createCollection('extra');
    await db.collection('extra').add({ _id: 'e1', when: new Date(5000) });
    await db.collection('volunteers').add({ openid: 'o1' });
    await emu.close();

    const emu2 = await startDbEmulator({ dataDir: dir });
    const db2 = nodeSdk(emu2.adminUrl).database();
    expect((await db2.collection('extra').doc('e1').get()).data[0].when).toEqual(new Date(5000));
    // The declared unique index on volunteers.openid is still enforced.
    await expect(db2.collection('volunteers').add({ openid: 'o1' })).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringMatching(/E11000/) });
    await emu2.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('an unusable data dir fails with a message naming the path and the reason', () => {
    const dir = tmpDir('bad');
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'x');
    expect(() => openDatabase({ dataDir: file, collections: [], autoCreateCollections: false })).toThrow(new RegExp(`${file}.*not a directory`));
    const notDb = path.join(dir, 'notdb');
    fs.mkdirSync(notDb);
    fs.writeFileSync(path.join(notDb, 'cloudbase.sqlite'), 'this is not a database, just text that is long enough to be read as a header block');
    expect(() => openDatabase({ dataDir: notDb, collections: [], autoCreateCollections: false })).toThrow(/cloudbase\.sqlite.*not a database/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('autoCreateCollections creates a collection on first use', async () => {
    const emu = await startDbEmulator({ autoCreateCollections: true });
    const db = nodeSdk(emu.adminUrl).database();
    await db.collection('fresh').add({ a: 1 });
    expect((await db.collection('fresh').count()).total).toBe(1);
    await emu.close();
  });
});
