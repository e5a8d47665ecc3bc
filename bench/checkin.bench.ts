// QR check-in burst (issue 3): 500 signed-up volunteers scan at once through the dev gateway, a
// warm worker, the kernel and wx-server-sdk into the emulator, plus 200 duplicate scans of the
// same people, shuffled in. Targets (../shared/reference/runner-throughput.md, issue 3): ok=500,
// double=0, duplicates_rejected=200, ≥ 200 requests/s (stretch 250), p99 ≤ 2.5 s for the burst,
// ≤ 4 database requests per first check-in (stretch 3).
//
// Database requests are counted from the emulator's request log (every admin request names the
// calling function): exactly, per call, in a sequential pass; and in total during the burst, which
// must equal first × 500 + duplicate × 200.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startEmulator } from '../emulator/emulator';
import { signScene } from '../server/activity/qr-mac';

const VOLUNTEERS = 500;
const DUPLICATES = 200;
const SEQUENTIAL = 20;
const SOCKETS = 128;
const PLACE = { name: '幸福里中心花园', lat: 23.1287, lng: 113.3251, radiusM: 200 };
const HERE = { lat: PLACE.lat, lng: PLACE.lng, accuracyM: 15 };

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

function shuffle<T>(xs: T[], seed = 42): T[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
  }
  return xs;
}

function activityDoc(id: string, now: number) {
  return {
    _id: id,
    communityId: 'bench-community',
    teamId: null,
    title: `签到压测 ${id}`,
    content: '压测',
    category: 'environment',
    risks: '无特殊风险。',
    place: PLACE,
    location: { type: 'Point', coordinates: [PLACE.lng, PLACE.lat] },
    startAt: now + 10 * 60_000,
    endAt: now + 3 * 3600_000,
    capacity: 1000,
    waitlist: 0,
    signedUp: VOLUNTEERS,
    waitlisted: 0,
    signupSeq: VOLUNTEERS,
    eligibility: { minAge: 14, trainings: [], insuranceRequired: false, teamOnly: false },
    checkin: { opensBeforeMin: 120, closesAfterMin: 120, walkIns: false, maxPairsPerDay: 1 },
    organizingUnit: '压测居委会',
    leaderName: '压测',
    hoursPolicy: 'exact',
    status: 'published',
    version: 1,
    reviewNote: null,
    qrSecret: `bench-secret-${id}-${now}`,
    createdBy: 'bench-staff',
    createdAt: now,
    updatedAt: now,
  };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkin-bench-'));
  // Every admin request from the checkin function, as the request log names it.
  let dbRequests = 0;
  const emu = await startEmulator({
    dataDir,
    dev: true,
    port: 0,
    echo: (line) => {
      if (line.includes(' admin ') && line.includes(' from checkin')) dbRequests++;
    },
  });
  const pool = emu.runner ? os.availableParallelism() : 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS });
  const url = new URL(`${emu.url}/functions/checkin`);
  const call = (openid: string, body: unknown): Promise<{ ok: boolean; error?: { details?: { reason?: string } } }> =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = http.request(
        { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-wx-openid': openid } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            } catch (e) {
              reject(e);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  const db = tcb.init({ env: emu.envName, secretId: 'x', secretKey: 'y', serviceUrl: emu.adminUrl } as never).database();
  const now = Date.now();
  const seed = async (id: string, prefix: string) => {
    const a = activityDoc(id, now);
    await db.collection('activities').add(a);
    for (let i = 0; i < VOLUNTEERS; i++) {
      const openid = `${prefix}-${i}`;
      await db.collection('signups').add({ _id: `${id}_${openid}`, activityId: id, openid, communityId: 'bench-community', status: 'confirmed', seq: i + 1, createdAt: now, updatedAt: now });
    }
    return a;
  };
  const warm = await seed('bench-warm', 'w');
  const main_ = await seed('bench-burst', 'v');
  const sceneOf = (a: { _id: string; qrSecret: string }) => signScene(a.qrSecret, a._id, Math.floor(Date.now() / 60_000));
  const scanBody = (a: { _id: string; qrSecret: string }) => ({ action: 'checkIn', input: { scene: sceneOf(a), location: HERE } });

  // Warm both workers, then count requests per call exactly, one call at a time.
  for (let i = 0; i < 40; i++) await call(`w-${i}`, scanBody(warm));
  const firstCounts: number[] = [];
  const dupCounts: number[] = [];
  const seqMs: number[] = [];
  for (let i = 40; i < 40 + SEQUENTIAL; i++) {
    let before = dbRequests;
    const t = performance.now();
    const r = await call(`w-${i}`, scanBody(warm));
    seqMs.push(performance.now() - t);
    if (!r.ok) throw new Error(`sequential check-in failed: ${JSON.stringify(r)}`);
    firstCounts.push(dbRequests - before);
    before = dbRequests;
    const d = await call(`w-${i}`, scanBody(warm));
    if (d.ok || d.error?.details?.reason !== 'checkin.already_checked_in') throw new Error(`duplicate not refused: ${JSON.stringify(d)}`);
    dupCounts.push(dbRequests - before);
  }
  const perFirst = Math.max(...firstCounts);
  const perDup = Math.max(...dupCounts);

  // The limit measured in the same run: the same burst through the gateway, a worker and the
  // kernel, answered before any database request (an unknown action).
  const floorT0 = performance.now();
  await Promise.all(Array.from({ length: VOLUNTEERS + DUPLICATES }, (_, i) => call(`f-${i}`, { action: 'noSuchAction', input: {} })));
  const floorPerS = (VOLUNTEERS + DUPLICATES) / ((performance.now() - floorT0) / 1000);

  // The burst: 500 distinct first scans and 200 duplicates of random ones, shuffled, all at once.
  const openids = Array.from({ length: VOLUNTEERS }, (_, i) => `v-${i}`);
  const dupOf = shuffle([...openids], 7).slice(0, DUPLICATES);
  const order = shuffle([...openids, ...dupOf]);
  const body = scanBody(main_);
  const reqBefore = dbRequests;
  const latencies: number[] = [];
  const okBy = new Map<string, number>();
  let rejectedDup = 0;
  const otherFailures: string[] = [];
  const t0 = performance.now();
  await Promise.all(
    order.map(async (openid) => {
      const t = performance.now();
      const r = await call(openid, body);
      latencies.push(performance.now() - t);
      if (r.ok) okBy.set(openid, (okBy.get(openid) ?? 0) + 1);
      else if (r.error?.details?.reason === 'checkin.already_checked_in') rejectedDup++;
      else otherFailures.push(JSON.stringify(r.error));
    }),
  );
  const wallS = (performance.now() - t0) / 1000;
  const burstRequests = dbRequests - reqBefore;

  const attendance = (await db.collection('attendance').where({ activityId: main_._id }).limit(1000).get()).data as Array<{ openid: string; sessions: unknown[] }>;
  const ok = [...okBy.values()].reduce((a, b) => a + b, 0);
  const double = [...okBy.values()].filter((n) => n > 1).length + attendance.filter((a) => a.sessions.length !== 1).length + (attendance.length - new Set(attendance.map((a) => a.openid)).size);
  agent.destroy();
  await emu.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const perS = order.length / wallS;
  const p50 = pct(latencies, 50);
  const p99 = pct(latencies, 99);
  const f = (x: number, d = 2) => x.toFixed(d);
  console.table([
    { figure: 'ok (first check-ins)', value: ok, limit: VOLUNTEERS, ratio: f(ok / VOLUNTEERS) },
    { figure: 'attendance documents', value: attendance.length, limit: VOLUNTEERS, ratio: f(attendance.length / VOLUNTEERS) },
    { figure: 'duplicates rejected', value: rejectedDup, limit: DUPLICATES, ratio: f(rejectedDup / DUPLICATES) },
    { figure: 'double check-ins', value: double, limit: 0, ratio: '' },
    { figure: 'other failures', value: otherFailures.length, limit: 0, ratio: '' },
    { figure: `requests/s, ${order.length}-request burst (pool ${pool}, ${SOCKETS} sockets)`, value: f(perS, 0), limit: '≥ 200 (stretch 250)', ratio: f(perS / 200) },
    { figure: 'same burst without DB (gateway+worker+kernel floor), requests/s', value: f(floorPerS, 0), limit: '', ratio: f(perS / floorPerS) },
    { figure: 'burst p50 / p99 ms', value: `${f(p50, 0)} / ${f(p99, 0)}`, limit: 'p99 ≤ 2500', ratio: f(p99 / 2500) },
    { figure: 'DB requests per first check-in / duplicate', value: `${perFirst} / ${perDup}`, limit: '≤ 4 (stretch 3)', ratio: f(perFirst / 4) },
    { figure: 'DB requests in the burst (expected first×500 + dup×200)', value: burstRequests, limit: perFirst * VOLUNTEERS + perDup * DUPLICATES, ratio: f(burstRequests / (perFirst * VOLUNTEERS + perDup * DUPLICATES)) },
    { figure: 'sequential first check-in p50 / p99 ms (one at a time)', value: `${f(pct(seqMs, 50))} / ${f(pct(seqMs, 99))}`, limit: '', ratio: '' },
    { figure: 'machine load average (1 min) at the end', value: f(os.loadavg()[0] ?? 0), limit: `${os.availableParallelism()} cores`, ratio: '' },
  ]);
  if (otherFailures.length) console.log('other failures (first 5):', otherFailures.slice(0, 5));
  console.log(
    `RESULT checkin volunteers=${VOLUNTEERS} ok=${ok} duplicates_rejected=${rejectedDup} double=${double} p50_ms=${f(p50, 0)} p99_ms=${f(p99, 0)} per_s=${f(perS, 0)} db_requests_per_checkin=${perFirst}`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
