// Emulator storage benchmark: durable single-document inserts through the real node-sdk over
// HTTP vs the raw storage engine (same group-commit path, same concurrency), and the latency of
// an indexed wish query through the SDK, on a 100k-document store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import tcb from '@cloudbase/node-sdk';
import { startEmulator } from '../emulator/emulator';
import { sdkEnv } from '../emulator/sdk-env';

const DOCS = 100_000;
const INSERTS = 4000;
const IN_FLIGHT = 32;
const QUERIES = 300;

function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}
const rand = rng(42);
const STATUSES = ['open', 'open', 'open', 'claimed', 'fulfilled'];
function wish(i: number) {
  return {
    communityId: `c${Math.floor(rand() * 200)}`,
    status: STATUSES[Math.floor(rand() * STATUSES.length)],
    category: `cat${Math.floor(rand() * 12)}`,
    budgetFen: Math.floor(rand() * 100_000),
    title: `wish ${i}`,
    createdAt: new Date(1_700_000_000_000 + i * 1000),
  };
}

async function pool(total: number, width: number, task: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < total) await task(next++);
  }));
  return performance.now() - started;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const CHILD = `
const tcb = require('@cloudbase/node-sdk');
Object.assign(process.env, JSON.parse(process.argv[2]));
const coll = tcb.init({ env: 'local-env', secretId: 'x', secretKey: 'y', serviceUrl: process.argv[1] }).database().collection('wishes');
async function pool(total, width, task) {
  let next = 0; const t = performance.now();
  await Promise.all(Array.from({ length: width }, async () => { while (next < total) await task(next++); }));
  return performance.now() - t;
}
(async () => {
  await pool(200, ${IN_FLIGHT}, (i) => coll.add({ warm: i }));
  const ms = await pool(${INSERTS}, ${IN_FLIGHT}, (i) => coll.add({ communityId: 'c' + (i % 200), status: 'open', category: 'cat1', budgetFen: i, title: 'sdk ' + i, createdAt: new Date() }));
  console.log(ms);
})();
`;

function sdkInsertsInChild(adminUrl: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', CHILD, adminUrl, JSON.stringify(sdkEnv(adminUrl))], { cwd: process.cwd(), encoding: 'utf8' }, (err, stdout) => {
      const ms = Number(stdout.trim().split('\n').pop());
      if (err || !Number.isFinite(ms)) reject(err ?? new Error(`sdk load child printed ${stdout}`));
      else resolve(ms);
    });
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-bench-'));
  const emu = await startEmulator({ dataDir: dir, poolSize: 0 });
  Object.assign(process.env, sdkEnv(emu.adminUrl));
  const { store } = emu.db;
  const wishes = store.get('wishes')!;

  let t = performance.now();
  for (let k = 0; k < DOCS; k += 5000) {
    await store.write(() => {
      for (let i = k; i < k + 5000; i++) store.insertDoc(wishes, { _id: `w${i}`, ...wish(i) });
    });
  }
  const loadS = (performance.now() - t) / 1000;

  const db = tcb.init({ env: 'local-env', secretId: 'x', secretKey: 'y', serviceUrl: emu.adminUrl }).database();
  const coll = db.collection('wishes');

  // The SDK callers run in their own process (as cloud functions do), so the client's CPU does
  // not compete with the emulator's event loop on the same core.
  const sdkMs = await sdkInsertsInChild(emu.adminUrl);
  const rawMs = await pool(INSERTS, IN_FLIGHT, (i) => store.write(() => store.insertDoc(wishes, { _id: `raw${i}`, ...wish(DOCS + INSERTS + i) })));
  let seqN = 0;
  t = performance.now();
  while (performance.now() - t < 1000) await store.write(() => store.insertDoc(wishes, { _id: `seq${seqN++}`, ...wish(seqN) }));
  const seqPerS = seqN / ((performance.now() - t) / 1000);
  const sdkPerS = INSERTS / (sdkMs / 1000);
  const rawPerS = INSERTS / (rawMs / 1000);

  const lat: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const q0 = performance.now();
    const res = await coll.where({ communityId: `c${i % 200}`, status: 'open' }).orderBy('createdAt', 'desc').limit(20).get();
    lat.push(performance.now() - q0);
    if (res.data.length !== 20) throw new Error(`expected 20 rows, got ${res.data.length}`);
  }
  const p50 = pct(lat, 50);
  const p99 = pct(lat, 99);
  await emu.close();
  fs.rmSync(dir, { recursive: true, force: true });

  // The limit: the raw engine's single-document durable insert, one commit + fsync each. The
  // group-commit figure (32 concurrent callers straight into the store) is shown for context:
  // there the fsync is amortised away and the per-request HTTP/JSON cost of any server dominates.
  const ratio = sdkPerS / seqPerS;
  console.log(`bulk load: ${DOCS} wishes in ${loadS.toFixed(1)} s`);
  console.table([
    { figure: `durable inserts/s via node-sdk (${IN_FLIGHT} in flight)`, value: Math.round(sdkPerS), limit: Math.round(seqPerS), ratio: ratio.toFixed(2) },
    { figure: 'durable inserts/s, raw engine, one commit+fsync each (limit)', value: Math.round(seqPerS), limit: '', ratio: '' },
    { figure: `durable inserts/s, raw engine, group commit, ${IN_FLIGHT} callers`, value: Math.round(rawPerS), limit: '', ratio: (sdkPerS / rawPerS).toFixed(2) },
    { figure: 'indexed query p50 ms (community+open, createdAt desc, 20)', value: p50.toFixed(2), limit: 3, ratio: '' },
    { figure: 'indexed query p99 ms', value: p99.toFixed(2), limit: '', ratio: '' },
  ]);
  console.log(`RESULT emulator sdk_insert_per_s=${Math.round(sdkPerS)} raw_insert_per_s=${Math.round(seqPerS)} ratio=${ratio.toFixed(2)} query_p50_ms=${p50.toFixed(2)} query_p99_ms=${p99.toFixed(2)}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
