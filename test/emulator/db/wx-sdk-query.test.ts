// Query fidelity through the unmodified wx-server-sdk, written as a cloud function author writes it:
// every query command, field-level chains, dot paths, regexes, dates, ordering (missing fields and
// mixed types in BSON order), paging defaults and caps, projections, and the not-found shapes.
import type { RunningEmulator } from '../../../emulator/emulator';
import { startWxSdk } from './helpers';

let emu: RunningEmulator;
let db: any;
let _: any;

const PEOPLE = [
  { _id: 'p1', name: 'Alice', age: 30, tags: ['a', 'b'], addr: { city: 'SH', zip: 200000, geo: { d: 'xh' } }, born: new Date('1990-03-01T00:00:00Z'), scores: [{ s: 5, k: 'm' }, { s: 9, k: 'e' }], n: 10 },
  { _id: 'p2', name: 'bob', age: 25, tags: ['b'], addr: { city: 'BJ', zip: 100000 }, born: new Date('1995-07-01T00:00:00Z'), scores: [{ s: 1, k: 'm' }], n: 7 },
  { _id: 'p3', name: 'Carol', age: 30, tags: [], addr: { city: 'SH', zip: 200001 }, born: new Date('2000-01-01T00:00:00Z'), nick: 'c', n: null },
  { _id: 'p4', name: 'dave', age: 40, addr: { city: 'GZ' }, nick: null },
  { _id: 'p5', name: 'Eve', age: '35', tags: ['a', 'c', 'b'], n: 4 },
];

beforeAll(async () => {
  ({ emu, db, _ } = await startWxSdk());
  await db.createCollection('q_people');
  await db.createCollection('q_many');
  await db.collection('q_people').add({ data: PEOPLE });
});
afterAll(() => emu.close());

const people = () => db.collection('q_people');
async function ids(where: unknown): Promise<string[]> {
  const res = await people().where(where).get();
  return res.data.map((d: { _id: string }) => d._id).sort();
}

describe('query commands', () => {
  test.each<[string, () => unknown, string[]]>([
    ['eq', () => ({ age: _.eq(30) }), ['p1', 'p3']],
    ['eq does not cross types (number vs string)', () => ({ age: _.eq(35) }), []],
    ['neq also matches a missing field', () => ({ nick: _.neq('c') }), ['p1', 'p2', 'p4', 'p5']],
    ['gt', () => ({ age: _.gt(30) }), ['p4']],
    ['gte', () => ({ age: _.gte(30) }), ['p1', 'p3', 'p4']],
    ['lt', () => ({ age: _.lt(30) }), ['p2']],
    ['lte', () => ({ age: _.lte(30) }), ['p1', 'p2', 'p3']],
    ['string comparison is binary (upper case sorts first)', () => ({ name: _.gt('Z') }), ['p2', 'p4']],
    ['in', () => ({ age: _.in([25, 40, '35']) }), ['p2', 'p4', 'p5']],
    ['in against an array field', () => ({ tags: _.in(['c', 'z']) }), ['p5']],
    ['nin also matches a missing field', () => ({ tags: _.nin(['b']) }), ['p3', 'p4']],
    ['exists(true) counts an explicit null', () => ({ nick: _.exists(true) }), ['p3', 'p4']],
    ['exists(false)', () => ({ tags: _.exists(false) }), ['p4']],
    ['null matches null and missing', () => ({ nick: null }), ['p1', 'p2', 'p4', 'p5']],
    ['size', () => ({ tags: _.size(2) }), ['p1']],
    ['size 0', () => ({ tags: _.size(0) }), ['p3']],
    ['mod (divisor, remainder) skips null and missing', () => ({ n: _.mod(5, 0) }), ['p1']],
    ['mod with one array argument', () => ({ n: _.mod([2, 1]) }), ['p2']],
    ['all', () => ({ tags: _.all(['b', 'a']) }), ['p1', 'p5']],
    ['elemMatch needs one element to satisfy everything', () => ({ scores: _.elemMatch({ s: _.gt(4), k: 'm' }) }), ['p1']],
    ['top-level and', () => _.and([{ age: _.gte(25) }, { age: _.lte(30) }, { name: _.neq('bob') }]), ['p1', 'p3']],
    ['top-level or', () => _.or([{ age: 40 }, { name: 'bob' }]), ['p2', 'p4']],
    ['top-level nor', () => _.nor([{ age: 30 }, { tags: 'c' }]), ['p2', 'p4']],
    ['field-level not also matches a missing field', () => ({ n: _.not(_.gt(5)) }), ['p3', 'p4', 'p5']],
    ['field-level and chain', () => ({ age: _.gt(20).and(_.lt(30)) }), ['p2']],
    ['field-level or chain', () => ({ age: _.lt(26).or(_.gt(35)) }), ['p2', 'p4']],
    ['field-level and()', () => ({ age: _.and(_.gte(30), _.lt(40)) }), ['p1', 'p3']],
    ['field-level or() with a list', () => ({ age: _.or([_.eq(25), _.eq(40)]) }), ['p2', 'p4']],
    ['chain of three', () => ({ n: _.gt(3).and(_.lt(11)).and(_.neq(7)) }), ['p1', 'p5']],
    ['nested plain object is a dot-path match, not whole-object equality', () => ({ addr: { city: 'SH' } }), ['p1', 'p3']],
    ['deeply nested plain object', () => ({ addr: { geo: { d: 'xh' } } }), ['p1']],
    ['explicit dot path with a command', () => ({ 'addr.zip': _.gte(200000) }), ['p1', 'p3']],
    ['nested plain object with a command inside', () => ({ addr: { zip: _.lt(200000) } }), ['p2']],
    ['array contains a value', () => ({ tags: 'a' }), ['p1', 'p5']],
    ['array element by index', () => ({ 'tags.1': 'b' }), ['p1']],
    ['path through an array of objects', () => ({ 'scores.k': 'e' }), ['p1']],
    ['db.RegExp with options', () => ({ name: db.RegExp({ regexp: '^[a-c]', options: 'i' }) }), ['p1', 'p2', 'p3']],
    ['regex literal', () => ({ name: /e$/ }), ['p1', 'p4', 'p5']],
    ['regex against array elements', () => ({ tags: /^c/ }), ['p5']],
    ['Date comparison', () => ({ born: _.gte(new Date('1995-07-01T00:00:00Z')) }), ['p2', 'p3']],
    ['Date range', () => ({ born: _.gt(new Date('1989-01-01')).and(_.lt(new Date('1999-01-01'))) }), ['p1', 'p2']],
    ['Date equality', () => ({ born: new Date('2000-01-01T00:00:00Z') }), ['p3']],
  ])('%s', async (_name, where, expected) => {
    expect(await ids(where())).toEqual(expected);
  });

  test('serverDate() in a query is the server clock (with offset)', async () => {
    const c = db.collection('q_many');
    await c.add({ data: [{ _id: 'past', at: new Date(Date.now() - 3_600_000) }, { _id: 'future', at: new Date(Date.now() + 3_600_000) }] });
    const before = await c.where({ at: _.lt(db.serverDate()) }).get();
    expect(before.data.map((d: any) => d._id)).toEqual(['past']);
    const later = await c.where({ at: _.lt(db.serverDate({ offset: 2 * 3_600_000 })) }).get();
    expect(later.data.map((d: any) => d._id).sort()).toEqual(['future', 'past']);
    await c.where({ at: _.exists(true) }).remove();
  });
});

describe('ordering', () => {
  test('several keys: the first orderBy has priority', async () => {
    const res = await people().where({ age: _.in([25, 30, 40]) }).orderBy('age', 'desc').orderBy('name', 'asc').get();
    expect(res.data.map((d: any) => d._id)).toEqual(['p4', 'p1', 'p3', 'p2']);
  });

  test('a missing or null field sorts first ascending, last descending', async () => {
    const asc = await people().orderBy('nick', 'asc').orderBy('_id', 'asc').get();
    expect(asc.data.map((d: any) => d._id)).toEqual(['p1', 'p2', 'p4', 'p5', 'p3']);
    const desc = await people().orderBy('n', 'desc').orderBy('_id', 'asc').get();
    expect(desc.data.map((d: any) => d._id)).toEqual(['p1', 'p2', 'p5', 'p3', 'p4']);
  });

  test('mixed types sort in BSON order: null < numbers < strings', async () => {
    const res = await people().orderBy('age', 'asc').orderBy('_id', 'asc').get();
    expect(res.data.map((d: any) => d.age)).toEqual([25, 30, 30, 40, '35']);
  });

  test('an array field sorts by its smallest element ascending and its largest descending', async () => {
    await db.createCollection('q_arrays');
    const c = db.collection('q_arrays');
    await c.add({ data: [{ _id: 'arr-a', rank: [3, 9] }, { _id: 'arr-b', rank: [5] }, { _id: 'arr-c', rank: [2, 0] }, { _id: 'arr-d', rank: 4 }, { _id: 'arr-e', rank: [] }] });
    const asc = await c.where({ _id: /^arr-/ }).orderBy('rank', 'asc').get();
    expect(asc.data.map((d: any) => d._id)).toEqual(['arr-e', 'arr-c', 'arr-a', 'arr-d', 'arr-b']);
    const desc = await c.where({ _id: /^arr-/ }).orderBy('rank', 'desc').get();
    expect(desc.data.map((d: any) => d._id)).toEqual(['arr-a', 'arr-b', 'arr-d', 'arr-c', 'arr-e']);
    const agg = await c.aggregate().match({ _id: /^arr-/ }).sort({ rank: -1 }).end();
    expect(agg.list.map((d: any) => d._id)).toEqual(['arr-a', 'arr-b', 'arr-d', 'arr-c', 'arr-e']);
  });

  test('ordering by a nested path and by a Date', async () => {
    const byZip = await people().where({ 'addr.zip': _.exists(true) }).orderBy('addr.zip', 'desc').get();
    expect(byZip.data.map((d: any) => d._id)).toEqual(['p3', 'p1', 'p2']);
    const byBorn = await people().where({ born: _.exists(true) }).orderBy('born', 'desc').get();
    expect(byBorn.data.map((d: any) => d._id)).toEqual(['p3', 'p2', 'p1']);
  });
});

describe('paging', () => {
  beforeAll(async () => {
    const docs = Array.from({ length: 1050 }, (_x, i) => ({ _id: `m${String(i).padStart(4, '0')}`, i }));
    for (let k = 0; k < docs.length; k += 350) await db.collection('q_many').add({ data: docs.slice(k, k + 350) });
  });

  test('get() without limit returns 100 documents; limit is capped at 1000', async () => {
    expect((await db.collection('q_many').get()).data).toHaveLength(100);
    expect((await db.collection('q_many').limit(1001).get()).data).toHaveLength(1000);
    expect((await db.collection('q_many').limit(3).get()).data).toHaveLength(3);
  });

  test('skip without limit: the next 100', async () => {
    const res = await db.collection('q_many').orderBy('i', 'asc').skip(1000).get();
    expect(res.data.map((d: any) => d.i)).toEqual(Array.from({ length: 50 }, (_x, k) => 1000 + k));
    const page = await db.collection('q_many').orderBy('i', 'asc').skip(120).get();
    expect(page.data).toHaveLength(100);
    expect(page.data[0].i).toBe(120);
  });

  test('skip + limit after a filter and a descending order', async () => {
    const res = await db.collection('q_many').where({ i: _.lt(20) }).orderBy('i', 'desc').skip(5).limit(3).get();
    expect(res.data).toEqual([{ _id: 'm0014', i: 14 }, { _id: 'm0013', i: 13 }, { _id: 'm0012', i: 12 }]);
  });

  test('count() ignores skip/limit and counts all matches', async () => {
    expect(await db.collection('q_many').where({ i: _.gte(1000) }).count()).toMatchObject({ total: 50, errMsg: 'collection.count:ok' });
    expect((await db.collection('q_many').count()).total).toBe(1050);
    expect((await people().where({ age: 99 }).count()).total).toBe(0);
  });
});

describe('projection and shapes', () => {
  test('inclusion keeps _id; exclusion drops only the named fields', async () => {
    const inc = await people().doc('p1').field({ name: true, age: true }).get();
    expect(inc.data).toEqual({ _id: 'p1', name: 'Alice', age: 30 });
    const exc = await people().doc('p2').field({ addr: false, scores: false, tags: false, born: false }).get();
    expect(exc.data).toEqual({ _id: 'p2', name: 'bob', age: 25, n: 7 });
  });

  test('nested paths in field(): inclusion and exclusion', async () => {
    const inc = await people().doc('p1').field({ 'addr.city': true }).get();
    expect(inc.data).toEqual({ _id: 'p1', addr: { city: 'SH' } });
    const exc = await people().doc('p1').field({ addr: { geo: false }, scores: false, tags: false, born: false }).get();
    expect(exc.data).toEqual({ _id: 'p1', name: 'Alice', age: 30, n: 10, addr: { city: 'SH', zip: 200000 } });
    const viaArray = await people().doc('p1').field({ 'scores.s': true }).get();
    expect(viaArray.data).toEqual({ _id: 'p1', scores: [{ s: 5 }, { s: 9 }] });
  });

  test('_id can be excluded; a where() projection applies to every document', async () => {
    const res = await people().where({ age: 30 }).orderBy('_id', 'asc').field({ _id: false, name: true }).get();
    expect(res.data).toEqual([{ name: 'Alice' }, { name: 'Carol' }]);
  });

  test('returned shapes: {data, errMsg}; Dates come back as Date', async () => {
    const one = await people().doc('p3').get();
    expect(one.errMsg).toBe('document.get:ok');
    expect(one.data.born).toBeInstanceOf(Date);
    expect(one.data.born.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    const list = await people().where({ age: 30 }).get();
    expect(list.errMsg).toBe('collection.get:ok');
    expect(Array.isArray(list.data)).toBe(true);
  });

  test('doc(id).get() of a missing id throws; where() with no match is an empty list', async () => {
    await expect(people().doc('nobody').get()).rejects.toMatchObject({ errCode: -1, errMsg: expect.stringMatching(/document\.get:fail.*nobody.*does not exist/) });
    expect((await people().where({ name: 'nobody' }).get()).data).toEqual([]);
  });
});
