// The reference's end-to-end checklist through the unmodified wx-server-sdk (env-var configuration,
// as inside a cloud function), plus the 1000-way transactional claim and its naive control.
import type { RunningEmulator } from '../../../emulator/emulator';
import { sdkEnv } from '../../support/env';
import { startDbEmulator } from './helpers';

let emu: RunningEmulator;
let cloud: any;
let db: any;
let _: any;

beforeAll(async () => {
  emu = await startDbEmulator();
  Object.assign(process.env, sdkEnv(emu.adminUrl));
  cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  db = cloud.database();
  _ = db.command;
});
afterAll(() => emu.close());

test('missing collection → -502005, createCollection, add/get with serverDate and Dates', async () => {
  await expect(db.collection('wx_items').get()).rejects.toMatchObject({ errCode: -502005 });
  await db.createCollection('wx_items');
  await db.createCollection('wx_claims');
  const when = new Date('2024-05-01T00:00:00Z');
  const { _id } = await db.collection('wx_items').add({ data: { title: 'a', when, at: db.serverDate(), deep: { x: 1 } } });
  expect(_id).toMatch(/^[0-9a-f]{32}$/);
  const { data } = await db.collection('wx_items').doc(_id).get();
  expect(data.when).toEqual(when);
  expect(data.at).toBeInstanceOf(Date);
  expect(Math.abs(data.at.getTime() - Date.now())).toBeLessThan(5000);
  await expect(db.collection('wx_items').doc('nope').get()).rejects.toThrow(/does not exist/);
});

test('update stats, where-update, set replace/upsert stats, remove stats, count', async () => {
  const c = db.collection('wx_items');
  await c.add({ data: { _id: 'k1', n: 1, tag: 't' } });
  await c.add({ data: { _id: 'k2', n: 2, tag: 't' } });
  expect((await c.doc('k1').update({ data: { n: _.inc(10) } })).stats).toEqual({ updated: 1 });
  expect((await c.where({ tag: 't' }).update({ data: { n: _.mul(2) } })).stats).toEqual({ updated: 2 });
  expect((await c.doc('k1').get()).data.n).toBe(22);
  const replaced = await c.doc('k1').set({ data: { only: 1 } });
  expect(replaced).toMatchObject({ _id: 'k1', stats: { updated: 1, created: 0 } });
  const created = await c.doc('k3').set({ data: { only: 3 } });
  expect(created).toMatchObject({ _id: 'k3', stats: { updated: 0, created: 1 } });
  expect((await c.where({ tag: 't' }).count()).total).toBe(1);
  expect((await c.where({ tag: 't' }).remove()).stats).toEqual({ removed: 1 });
  expect((await c.doc('k3').remove()).stats).toEqual({ removed: 1 });
});

test('aggregate returns {list}', async () => {
  await db.collection('wx_items').add({ data: [{ g: 'a', v: 1 }, { g: 'a', v: 2 }, { g: 'b', v: 5 }] });
  const res = await db.collection('wx_items').aggregate().match({ g: _.exists(true) }).group({ _id: '$g', s: db.command.aggregate.sum('$v') }).sort({ _id: 1 }).end();
  expect(res.list).toEqual([{ _id: 'a', s: 3 }, { _id: 'b', s: 5 }]);
});

test('1000 concurrent runTransaction claims over 100 open docs: exactly 100 winners, one claim each, no failures', async () => {
  const c = db.collection('wx_items');
  const ids = Array.from({ length: 100 }, (_x, i) => `claim-${i}`);
  await c.add({ data: ids.map((_id) => ({ _id, status: 'open', kind: 'claimable' })) });
  const results = await Promise.allSettled(
    Array.from({ length: 1000 }, (_x, k) =>
      db.runTransaction(async (t: any) => {
        const id = ids[k % 100];
        const doc = (await t.collection('wx_items').doc(id).get()).data;
        await new Promise((r) => setImmediate(r));
        if (doc.status !== 'open') return false;
        await t.collection('wx_items').doc(id).update({ data: { status: 'claimed', claimedBy: `u${k}` } });
        await t.collection('wx_claims').add({ data: { item: id, owner: `u${k}` } });
        return true;
      }),
    ),
  );
  expect(results.filter((r) => r.status === 'rejected')).toHaveLength(0);
  expect(results.filter((r) => r.status === 'fulfilled' && r.value === true)).toHaveLength(100);
  const items = (await c.where({ kind: 'claimable' }).limit(1000).get()).data;
  expect(items.filter((d: any) => d.status === 'claimed')).toHaveLength(100);
  const claims = (await db.collection('wx_claims').limit(1000).get()).data;
  expect(claims).toHaveLength(100);
  const owner = new Map(items.map((d: any) => [d._id, d.claimedBy]));
  for (const cl of claims) expect(cl.owner).toBe(owner.get(cl.item));
}, 60_000);

test('control: the same claim without a transaction double-claims (the check above can fail)', async () => {
  const c = db.collection('wx_items');
  const ids = Array.from({ length: 20 }, (_x, i) => `naive-${i}`);
  await c.add({ data: ids.map((_id) => ({ _id, status: 'open' })) });
  let wins = 0;
  await Promise.all(
    Array.from({ length: 200 }, async (_x, k) => {
      const id = ids[k % 20];
      const doc = (await c.doc(id).get()).data;
      await new Promise((r) => setImmediate(r));
      if (doc.status !== 'open') return;
      await c.doc(id).update({ data: { status: 'claimed', claimedBy: `u${k}` } });
      wins++;
    }),
  );
  expect(wins).toBeGreaterThan(20);
});
