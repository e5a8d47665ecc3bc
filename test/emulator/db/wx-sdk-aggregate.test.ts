// Aggregation fidelity through the unmodified wx-server-sdk: every stage the SDK exposes, the
// accumulators, expression operators, and China-time monthly figures with dateToString '+08:00'.
import type { RunningEmulator } from '../../../emulator/emulator';
import { startWxSdk } from './helpers';

let emu: RunningEmulator;
let db: any;
let _: any;
let $: any;

const ORDERS = [
  // 2024-01-31 20:00 UTC is already February 1st in China (UTC+8).
  { _id: 'o1', uid: 'u1', cat: 'food', amt: 5, items: ['p', 'q'], at: new Date('2024-01-31T20:00:00Z') },
  { _id: 'o2', uid: 'u1', cat: 'tool', amt: 7, items: ['q'], at: new Date('2024-01-15T04:00:00Z') },
  { _id: 'o3', uid: 'u2', cat: 'food', amt: 1, items: [], at: new Date('2024-02-10T10:00:00Z') },
  { _id: 'o4', uid: 'u3', cat: 'food', amt: 4, at: new Date('2024-02-29T16:30:00Z') },
];
const USERS = [
  { _id: 'u1', name: 'Alice', city: 'SH' },
  { _id: 'u2', name: 'bob', city: 'BJ' },
];

beforeAll(async () => {
  ({ emu, db, _ } = await startWxSdk());
  $ = db.command.aggregate;
  await db.createCollection('a_orders');
  await db.createCollection('a_users');
  await db.createCollection('a_empty');
  await db.collection('a_orders').add({ data: ORDERS });
  await db.collection('a_users').add({ data: USERS });
});
afterAll(() => emu.close());

const orders = () => db.collection('a_orders').aggregate();

test('end() returns {list, errMsg}', async () => {
  const res = await orders().match({ amt: _.gt(4) }).sort({ amt: -1 }).project({ amt: 1 }).end();
  expect(res).toMatchObject({ errMsg: 'collection.aggregate:ok', list: [{ _id: 'o2', amt: 7 }, { _id: 'o1', amt: 5 }] });
  expect((await db.collection('a_empty').aggregate().match({}).end()).list).toEqual([]);
});

test('group with sum/avg/push/addToSet/first/last/min/max and a count', async () => {
  const res = await orders().sort({ amt: 1 }).group({
    _id: '$cat',
    total: $.sum('$amt'),
    avg: $.avg('$amt'),
    ids: $.push('$_id'),
    users: $.addToSet('$uid'),
    first: $.first('$_id'),
    last: $.last('$_id'),
    lo: $.min('$amt'),
    hi: $.max('$amt'),
    n: $.sum(1),
  }).sort({ _id: 1 }).end();
  expect(res.list).toHaveLength(2);
  const [food, tool] = res.list;
  expect(food).toMatchObject({ _id: 'food', total: 10, ids: ['o3', 'o4', 'o1'], first: 'o3', last: 'o1', lo: 1, hi: 5, n: 3 });
  expect(food.avg).toBeCloseTo(10 / 3);
  expect([...food.users].sort()).toEqual(['u1', 'u2', 'u3']);
  expect(tool).toEqual({ _id: 'tool', total: 7, avg: 7, ids: ['o2'], users: ['u1'], first: 'o2', last: 'o2', lo: 7, hi: 7, n: 1 });
});

test('group by null over everything; sum of a missing field is 0', async () => {
  const res = await orders().group({ _id: null, all: $.sum('$amt'), none: $.sum('$nope'), n: $.sum(1) }).end();
  expect(res.list).toEqual([{ _id: null, all: 17, none: 0, n: 4 }]);
});

test('China-time monthly figures: dateToString with timezone +08:00', async () => {
  const res = await orders()
    .group({ _id: $.dateToString({ date: '$at', format: '%Y-%m', timezone: '+08:00' }), total: $.sum('$amt'), n: $.sum(1) })
    .sort({ _id: 1 })
    .end();
  // o1 (Jan 31 20:00 UTC) and o4 (Feb 29 16:30 UTC = Mar 1 China) cross the month boundary.
  expect(res.list).toEqual([
    { _id: '2024-01', total: 7, n: 1 },
    { _id: '2024-02', total: 6, n: 2 },
    { _id: '2024-03', total: 4, n: 1 },
  ]);
  const utc = await orders().group({ _id: $.dateToString({ date: '$at', format: '%Y-%m' }), n: $.sum(1) }).sort({ _id: 1 }).end();
  expect(utc.list).toEqual([{ _id: '2024-01', n: 2 }, { _id: '2024-02', n: 2 }]);
  const named = await orders().match({ _id: 'o1' }).project({ _id: 0, day: $.dateToString({ date: '$at', format: '%Y-%m-%d %H:%M', timezone: 'Asia/Shanghai' }) }).end();
  expect(named.list).toEqual([{ day: '2024-02-01 04:00' }]);
});

test('date parts with timezone: month/year in China time', async () => {
  const res = await orders().match({ _id: 'o4' }).project({ _id: 0, m: $.month({ date: '$at', timezone: '+08:00' }), d: $.dayOfMonth({ date: '$at', timezone: '+08:00' }), mUtc: $.month('$at') }).end();
  expect(res.list).toEqual([{ m: 3, d: 1, mUtc: 2 }]);
});

test('project/addFields with concat, cond, ifNull, arithmetic, size', async () => {
  const res = await orders()
    .addFields({ label: $.concat(['$cat', '-', '$uid']), big: $.cond({ if: $.gte(['$amt', 5]), then: 'big', else: 'small' }), nItems: $.size($.ifNull(['$items', []])) })
    .project({ label: 1, big: 1, nItems: 1, double: $.multiply(['$amt', 2]), net: $.subtract(['$amt', 1]) })
    .sort({ _id: 1 })
    .end();
  expect(res.list).toEqual([
    { _id: 'o1', label: 'food-u1', big: 'big', nItems: 2, double: 10, net: 4 },
    { _id: 'o2', label: 'tool-u1', big: 'big', nItems: 1, double: 14, net: 6 },
    { _id: 'o3', label: 'food-u2', big: 'small', nItems: 0, double: 2, net: 0 },
    { _id: 'o4', label: 'food-u3', big: 'small', nItems: 0, double: 8, net: 3 },
  ]);
});

test('lookup, localField/foreignField form: unmatched gives an empty array', async () => {
  const res = await orders().lookup({ from: 'a_users', localField: 'uid', foreignField: '_id', as: 'user' }).project({ uid: 1, user: 1 }).sort({ _id: 1 }).end();
  expect(res.list.map((d: any) => [d._id, d.user.map((u: any) => u.name)])).toEqual([['o1', ['Alice']], ['o2', ['Alice']], ['o3', ['bob']], ['o4', []]]);
});

test('lookup, let + pipeline form with expr, and an unwind of the join', async () => {
  const res = await db.collection('a_users').aggregate()
    .lookup({
      from: 'a_orders',
      let: { uid: '$_id' },
      pipeline: $.pipeline().match(_.expr($.and([$.eq(['$uid', '$$uid']), $.gte(['$amt', 5])]))).project({ _id: 0, amt: 1 }).done(),
      as: 'bigOrders',
    })
    .sort({ _id: 1 })
    .end();
  expect(res.list).toEqual([
    { _id: 'u1', name: 'Alice', city: 'SH', bigOrders: [{ amt: 5 }, { amt: 7 }] },
    { _id: 'u2', name: 'bob', city: 'BJ', bigOrders: [] },
  ]);
});

test('unwind: string form drops empty/missing arrays; object form keeps them and numbers the elements', async () => {
  const plain = await orders().unwind('$items').project({ items: 1 }).end();
  expect(plain.list.map((d: any) => `${d._id}:${d.items}`).sort()).toEqual(['o1:p', 'o1:q', 'o2:q']);
  const kept = await orders().unwind({ path: '$items', includeArrayIndex: 'ix', preserveNullAndEmptyArrays: true }).project({ items: 1, ix: 1 }).sort({ _id: 1, ix: 1 }).end();
  expect(kept.list).toEqual([
    { _id: 'o1', items: 'p', ix: 0 },
    { _id: 'o1', items: 'q', ix: 1 },
    { _id: 'o2', items: 'q', ix: 0 },
    { _id: 'o3', ix: null },
    { _id: 'o4', ix: null },
  ]);
});

test('skip, limit, count, sortByCount', async () => {
  const paged = await orders().sort({ amt: -1 }).skip(1).limit(2).project({ amt: 1 }).end();
  expect(paged.list).toEqual([{ _id: 'o1', amt: 5 }, { _id: 'o4', amt: 4 }]);
  expect((await orders().match({ cat: 'food' }).count('n').end()).list).toEqual([{ n: 3 }]);
  expect((await orders().sortByCount('$cat').end()).list).toEqual([{ _id: 'food', count: 3 }, { _id: 'tool', count: 1 }]);
});

test('without a limit stage end() returns at most 20 results (CloudBase default); limit raises it', async () => {
  await db.createCollection('a_many');
  await db.collection('a_many').add({ data: Array.from({ length: 45 }, (_x, i) => ({ i })) });
  const many = () => db.collection('a_many').aggregate();
  expect((await many().sort({ i: 1 }).end()).list.map((d: any) => d.i)).toEqual(Array.from({ length: 20 }, (_x, i) => i));
  expect((await many().project({ i: 1 }).limit(40).end()).list).toHaveLength(40);
  expect((await many().limit(1000).end()).list).toHaveLength(45);
  expect((await many().group({ _id: null, n: $.sum(1) }).end()).list).toEqual([{ _id: null, n: 45 }]);
});

test('bucket with default, replaceRoot, sample', async () => {
  const buckets = await orders().bucket({ groupBy: '$amt', boundaries: [0, 3, 6], default: 'other', output: { n: $.sum(1), ids: $.push('$_id') } }).end();
  expect(buckets.list).toEqual([
    { _id: 0, n: 1, ids: ['o3'] },
    { _id: 3, n: 2, ids: ['o1', 'o4'] },
    { _id: 'other', n: 1, ids: ['o2'] },
  ]);
  const roots = await db.collection('a_users').aggregate().replaceRoot({ newRoot: { who: '$name', where: '$city' } }).sort({ who: 1 }).end();
  expect(roots.list).toEqual([{ who: 'Alice', where: 'SH' }, { who: 'bob', where: 'BJ' }]);
  const sample = await orders().sample({ size: 2 }).end();
  expect(sample.list).toHaveLength(2);
  expect(new Set(sample.list.map((d: any) => d._id)).size).toBe(2); // without replacement
  const all = await orders().sample({ size: 10 }).end();
  expect(all.list.map((d: any) => d._id).sort()).toEqual(['o1', 'o2', 'o3', 'o4']);
  expect((await db.collection('a_empty').aggregate().sample({ size: 3 }).end()).list).toEqual([]);
});

test('a $match in the middle of a pipeline and Dates inside match', async () => {
  const res = await orders().match({ at: _.gte(new Date('2024-02-01T00:00:00Z')) }).group({ _id: '$uid', s: $.sum('$amt') }).match({ s: _.gt(1) }).end();
  expect(res.list).toEqual([{ _id: 'u3', s: 4 }]);
});

test('returned Dates are Dates', async () => {
  const res = await orders().match({ _id: 'o2' }).project({ at: 1 }).end();
  expect(res.list[0].at).toBeInstanceOf(Date);
  expect(res.list[0].at.toISOString()).toBe('2024-01-15T04:00:00.000Z');
});

// wx-server-sdk's aggregate().end() skips the code → errCode mapping its other calls do, so
// failures surface as errCode -1 with the wire code kept on `.code`.
test('an unknown expression operator or accumulator is refused; aggregate on a missing collection fails', async () => {
  const bad = { errCode: -1, code: 'DATABASE_INVALID_OPERRATOR', errMsg: expect.stringMatching(/^collection\.aggregate:fail/) };
  await expect(orders().project({ x: { $bogusOp: '$amt' } }).end()).rejects.toMatchObject(bad);
  await expect(orders().group({ _id: '$cat', x: { $bogusAcc: '$amt' } }).end()).rejects.toMatchObject(bad);
  await expect(db.collection('a_nope').aggregate().match({}).end()).rejects.toMatchObject({ errCode: -1, code: 'DATABASE_COLLECTION_NOT_EXIST' });
});

test('a stage value of the wrong shape is refused with INVALID_PARAM naming the stage, not an engine crash', async () => {
  const refused = (stage: RegExp) => ({ errCode: -1, code: 'INVALID_PARAM', errMsg: expect.stringMatching(stage) });
  await expect(orders().lookup({ from: 'a_users' }).end()).rejects.toMatchObject(refused(/stages\[0\] \$lookup/));
  await expect(orders().match({}).limit(0).end()).rejects.toMatchObject(refused(/stages\[1\] \$limit must be an integer ≥ 1/));
  await expect(orders().group({ total: $.sum('$amt') }).end()).rejects.toMatchObject(refused(/\$group must be \{_id/));
  await expect(orders().unwind('items').end()).rejects.toMatchObject(refused(/\$unwind/));
  await expect(orders().count('').end()).rejects.toMatchObject(refused(/\$count/));
  // A sub-pipeline is checked too, with its path.
  await expect(orders().lookup({ from: 'a_users', let: {}, pipeline: [{ $limit: 'x' }], as: 'u' }).end()).rejects.toMatchObject(
    refused(/stages\[0\]\.\$lookup\.pipeline\[0\] \$limit/),
  );
  // The well-formed versions of the same stages still run.
  const ok = await orders().lookup({ from: 'a_users', localField: 'uid', foreignField: '_id', as: 'u' }).unwind('$items').count('n').end();
  expect(ok.list).toEqual([{ n: 3 }]);
});
