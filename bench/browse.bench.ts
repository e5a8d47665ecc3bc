// Browse benchmark (issue 4): 100,000 published wishes over 50 communities; donors' filtered and
// sorted first pages and deep cursor pages (up to page 15) through the dev gateway, a warm worker,
// the wish function and wx-server-sdk. Sequential, one page at a time, as a donor scrolls.
// - db_requests_per_page: admin-endpoint database requests the function made per page (request log).
// - scan_ratio: the same page requests (same inputs and cursors) against a second emulator whose
//   wishes collection has no indexes, in this run: p50 without the indexes / p50 with them.
//   RESULT browse wishes=100000 p50_ms=<x> p99_ms=<x> db_requests_per_page=<n> scan_ratio=<r>
// Targets: p50 ≤ 10 ms, ≤ 2 database requests per page, scan_ratio ≥ 10.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collections } from '../database';
import { startEmulator, RunningEmulator } from '../emulator/emulator';

const WISHES = Number(process.env.BROWSE_WISHES ?? 100_000);
const COMMUNITIES = 50;
const CATEGORIES = ['study', 'daily-living', 'health', 'companionship', 'other'];
const DEPTH = 15;
const SETS_PER_SHAPE = 6;
const SCAN_SAMPLE = 40;
const NOW = Date.now();
const DAY = 86_400_000;

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

function wishDoc(i: number, rand: () => number) {
  const wantedBy = NOW + (1 + Math.floor(rand() * 90)) * DAY;
  const publishedAt = NOW - Math.floor(rand() * 60 * DAY);
  return {
    _id: `w_${i.toString(16).padStart(20, '0')}`,
    communityId: `bench-c${Math.floor(rand() * COMMUNITIES)}`,
    communityName: '基准社区',
    recipientId: `r_${i.toString(16).padStart(20, '0')}`,
    postedBy: 'bench-staff',
    postedAs: 'staff',
    item: `心愿${i}`,
    description: '基准测试心愿',
    category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)],
    valueFen: 100 * (10 + Math.floor(rand() * 490)),
    wantedOn: new Date(wantedBy + 8 * 3_600_000).toISOString().slice(0, 10),
    wantedBy,
    photos: [],
    photoConsent: false,
    maskedName: '张某',
    ageBand: '80+',
    group: null,
    status: 'published',
    version: 2,
    nearDuplicates: [],
    publishedAt,
    claimedBy: null,
    createdAt: publishedAt - DAY,
    updatedAt: publishedAt,
  };
}

async function load(emu: RunningEmulator): Promise<void> {
  const rand = rng(7);
  const { store } = emu.db;
  const c = store.get('wishes')!;
  for (let k = 0; k < WISHES; k += 5000) {
    await store.write(() => {
      for (let i = k; i < k + 5000; i++) store.insertDoc(c, wishDoc(i, rand) as never);
    });
  }
}

type Input = Record<string, unknown>;

/** Filter+sort shapes a donor uses; each gets SETS_PER_SHAPE random parameter sets. */
function shapes(rand: () => number): Input[] {
  const community = () => `bench-c${Math.floor(rand() * COMMUNITIES)}`;
  const category = () => CATEGORIES[Math.floor(rand() * CATEGORIES.length)];
  const out: Input[] = [];
  for (let i = 0; i < SETS_PER_SHAPE; i++) {
    const lo = 100 * (10 + Math.floor(rand() * 300));
    out.push(
      { sort: 'newest' },
      { communityId: community(), sort: 'newest' },
      { communityId: community(), category: category(), sort: 'wanted-by' },
      { category: category(), minFen: lo, maxFen: lo + 10_000, sort: 'value-asc' },
      { communityId: community(), urgent: true, sort: 'newest' },
      { category: category(), sort: 'value-desc' },
      { minFen: lo, sort: 'newest' },
    );
  }
  return out;
}

async function main() {
  const dirA = fs.mkdtempSync(path.join(os.tmpdir(), 'browse-bench-a-'));
  const dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'browse-bench-b-'));
  let dbRequests = 0;
  let counting = false;
  const echo = (line: string) => {
    if (counting && / admin +database\./.test(line)) dbRequests++;
  };
  // Two workers each; B is the same store without the wishes' indexes (the scan baseline).
  const a = await startEmulator({ dataDir: dirA, dev: true, port: 0, poolSize: 2, echo });
  const noIndexes = collections.map((c) => (c.name === 'wishes' ? { ...c, indexes: [] } : c));
  const b = await startEmulator({ dataDir: dirB, dev: true, port: 0, poolSize: 1, collections: noIndexes });
  const t0 = performance.now();
  await Promise.all([load(a), load(b)]);
  console.log(`loaded ${WISHES} published wishes over ${COMMUNITIES} communities into both stores in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const attempt = async (emu: RunningEmulator, input: Input) => {
    const t = performance.now();
    const res = await fetch(`${emu.url}/functions/wish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'bench-donor' },
      body: JSON.stringify({ action: 'browse', input }),
    });
    const json = (await res.json()) as { ok: boolean; data?: { items: unknown[]; next: string | null }; error?: unknown };
    return { ms: performance.now() - t, json };
  };
  const browse = async (emu: RunningEmulator, input: Input) => {
    const { ms, json } = await attempt(emu, input);
    if (!json.ok) throw new Error(`browse failed: ${JSON.stringify(json.error)} for ${JSON.stringify(input)}`);
    return { ms, data: json.data! };
  };
  // Without indexes a page can outlast the SDK's request timeout on a loaded machine: the time
  // until the failure is then a lower bound of the scan, and counted.
  let scanTimeouts = 0;
  const scan = async (input: Input) => {
    const { ms, json } = await attempt(b, input);
    if (!json.ok) scanTimeouts++;
    return ms;
  };

  // Warm both workers of A (and B's) on every shape.
  const rand = rng(11);
  const all = shapes(rand);
  for (const input of all.slice(0, 14)) {
    await browse(a, input);
    await browse(a, input);
  }
  await scan(all[1]!);

  // The floor, in this run: the same gateway, worker and kernel answering without a database request.
  const floorMs: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    await (await fetch(`${a.url}/functions/wish`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': 'bench-donor' }, body: '{"action":"no-such-action","input":{}}' })).json();
    floorMs.push(performance.now() - t);
  }

  // Measured: every shape's first page and its cursor pages down to DEPTH.
  const byShape = new Map<string, number[]>();
  const lat: number[] = [];
  const requests: Input[] = [];
  let pages = 0;
  const deepLat: number[] = [];
  counting = true;
  for (const base of all) {
    let after: string | null = null;
    for (let depth = 1; depth <= DEPTH; depth++) {
      const input: Input = after ? { ...base, after } : base;
      const r = await browse(a, input);
      lat.push(r.ms);
      const shape = Object.keys(base).filter((k) => k !== 'sort').join('+') + ` / ${String(base.sort)}`;
      byShape.set(shape, [...(byShape.get(shape) ?? []), r.ms]);
      if (depth >= 5) deepLat.push(r.ms);
      pages++;
      requests.push(input);
      if (!r.data.next) break;
      after = r.data.next;
    }
  }
  counting = false;
  const perPage = dbRequests / pages;

  // The same requests, a spread sample of them, against the store without indexes, and again with.
  const step = Math.max(1, Math.floor(requests.length / SCAN_SAMPLE));
  const sample = requests.filter((_, i) => i % step === 0).slice(0, SCAN_SAMPLE);
  const scanMs: number[] = [];
  const idxMs: number[] = [];
  for (const input of sample) {
    scanMs.push(await scan(input));
    idxMs.push((await browse(a, input)).ms);
  }
  const scanRatio = pct(scanMs, 50) / pct(idxMs, 50);
  await Promise.all([a.close(), b.close()]);
  fs.rmSync(dirA, { recursive: true, force: true });
  fs.rmSync(dirB, { recursive: true, force: true });

  const f = (x: number) => x.toFixed(2);
  const p50 = pct(lat, 50);
  const p99 = pct(lat, 99);
  console.table([
    { figure: `page p50 ms (${pages} pages: ${all.length} filtered/sorted scrolls to page ${DEPTH}, 20 cards)`, value: f(p50), limit: 10, ratio: f(p50 / 10) },
    { figure: 'page p99 ms', value: f(p99), limit: '', ratio: '' },
    { figure: `deep pages (5..${DEPTH}) p50 ms`, value: f(pct(deepLat, 50)), limit: 10, ratio: f(pct(deepLat, 50) / 10) },
    ...[...byShape].map(([shape, xs]) => ({ figure: `  ${shape || '(no filter)'} p50 / p99 ms`, value: `${f(pct(xs, 50))} / ${f(pct(xs, 99))}`, limit: '', ratio: '' })),
    { figure: 'gateway+worker+kernel floor without a DB request, p50 ms (context)', value: f(pct(floorMs, 50)), limit: '', ratio: f(p50 / pct(floorMs, 50)) },
    { figure: 'database requests per page', value: f(perPage), limit: 2, ratio: f(perPage / 2) },
    { figure: `same pages without indexes p50 ms (${sample.length} sampled${scanTimeouts ? `, ${scanTimeouts} timed out: a lower bound` : ''})`, value: f(pct(scanMs, 50)), limit: f(pct(idxMs, 50)), ratio: f(scanRatio) },
  ]);
  console.log(`RESULT browse wishes=${WISHES} p50_ms=${f(p50)} p99_ms=${f(p99)} db_requests_per_page=${f(perPage)} scan_ratio=${f(scanRatio)}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
