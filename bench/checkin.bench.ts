// QR check-in burst (issue 3): 500 signed-up volunteers scan at once through the dev gateway, a
// warm worker, the kernel and wx-server-sdk into the emulator, plus 200 duplicate scans of the
// same people, shuffled in. Targets (../shared/reference/runner-throughput.md, issue 3): ok=500,
// double=0, duplicates_rejected=200, ≥ 200 requests/s (stretch 250), p99 ≤ 2.5 s for the burst,
// ≤ 4 database requests per check-in (stretch 3).
//
// Database requests are counted from the emulator's request log (every admin request names the
// calling function): exactly, per call, in a sequential pass; and in total during the burst. The
// reported db_requests_per_checkin is the burst's total ÷ its 500 first check-ins, so duplicates
// and what the per-instance scan cache reads (server/activity/activity-cache.ts: the activity and
// its confirmed sign-ups, cold at the start of every burst: each burst has a fresh activity)
// count too. CPU per request (this process: the emulator and its gateway; the workers and the
// load generator, a child process of its own, from /proc) compares variants on a machine other
// work also loads. `BURSTS=3 npm run bench -- checkin`
// repeats the burst on fresh activities and reports the median one.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../emulator/emulator';
import { signScene } from '../server/activity/qr-mac';

const VOLUNTEERS = 500;
const DUPLICATES = 200;
const SEQUENTIAL = 20;
const SOCKETS = 128;
const LOAD_GENERATOR = '--load-generator';
const BURSTS = Math.max(1, Number(process.env.BURSTS ?? 1) || 1);
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

// CPU of this process (emulator, gateway: process.cpuUsage), of the warm workers (its other
// children) and of the load generator: utime + stime from /proc/<pid>/stat, in ticks of 10 ms.
const TICK_MS = 10;
function childTicks(): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(f[1]) === process.pid) out.set(Number(pid), Number(f[11]) + Number(f[12]));
  }
  return out;
}
function cpuNow(genPid: number) {
  const ticks = childTicks();
  const gen = ticks.get(genPid) ?? 0;
  const workers = [...ticks.values()].reduce((a, b) => a + b, 0) - gen;
  return { self: process.cpuUsage(), workers, gen };
}
function cpuSince(before: ReturnType<typeof cpuNow>, genPid: number, requests: number) {
  const now = cpuNow(genPid);
  const self = process.cpuUsage(before.self);
  const per = (ticks: number) => (ticks * TICK_MS) / requests;
  return { selfMs: (self.user + self.system) / 1000 / requests, workersMs: per(now.workers - before.workers), genMs: per(now.gen - before.gen) };
}

// The load generator runs in a child process of its own, as in the calibration
// (runner-throughput.md §1): the emulator's event loop (gateway, database, IPC to the workers)
// is not also the client's. It issues the calls it is sent, all at once or one at a time, over
// SOCKETS keep-alive connections, and times each from issue to response.
type Reply = { ok: boolean; error?: { details?: { reason?: string } } };
interface GenRequest {
  id: number;
  url: string;
  calls: Array<{ openid: string; body: unknown }>;
  sequential: boolean;
}
interface GenAnswer {
  id: number;
  replies: Reply[];
  ms: number[];
  wallMs: number;
}

function loadGenerator(): void {
  const agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS });
  const post = (url: URL, openid: string, body: unknown): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = http.request(
        { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-wx-openid': openid } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply);
            } catch (e) {
              reject(e);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  process.on('message', async (m: GenRequest) => {
    const url = new URL(m.url);
    const ms: number[] = [];
    const replies: Reply[] = [];
    const one = async (c: GenRequest['calls'][number], i: number) => {
      const t = performance.now();
      replies[i] = await post(url, c.openid, c.body);
      ms[i] = performance.now() - t;
    };
    const t0 = performance.now();
    if (m.sequential) for (let i = 0; i < m.calls.length; i++) await one(m.calls[i]!, i);
    else await Promise.all(m.calls.map(one));
    process.send!({ id: m.id, replies, ms, wallMs: performance.now() - t0 } satisfies GenAnswer);
  });
  process.on('disconnect', () => process.exit(0));
}

function startLoadGenerator() {
  const child = fork(__filename, [LOAD_GENERATOR], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, (a: GenAnswer) => void>();
  child.on('message', (a: GenAnswer) => waiting.get(a.id)?.(a));
  let next = 0;
  return {
    pid: child.pid!,
    run(url: string, calls: GenRequest['calls'], sequential: boolean): Promise<GenAnswer> {
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        child.send({ id, url, calls, sequential } satisfies GenRequest);
      });
    },
    stop: () => child.disconnect(),
  };
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
  const gen = startLoadGenerator();
  const url = `${emu.url}/functions/checkin`;
  const call = async (openid: string, body: unknown) => (await gen.run(url, [{ openid, body }], true)).replies[0]!;

  // Seeded straight into the store, one group commit per activity: the SDK from this process is
  // no emulator worker (no SCF variables), so node-sdk would probe metadata.tencentyun.com by DNS
  // on every request (reference pitfall P2): 30-40 ms per add, and a queue of failing lookups
  // that kept the finished benchmark alive for minutes.
  const { store, engine } = emu.db;
  const now = Date.now();
  const seed = async (id: string, prefix: string) => {
    const a = activityDoc(id, now);
    await store.write(() => {
      store.insertDoc(store.get('activities')!, a);
      const signups = store.get('signups')!;
      for (let i = 0; i < VOLUNTEERS; i++) {
        const openid = `${prefix}-${i}`;
        store.insertDoc(signups, { _id: `${id}_${openid}`, activityId: id, openid, communityId: 'bench-community', status: 'confirmed', seq: i + 1, createdAt: now, updatedAt: now });
      }
    });
    return a;
  };
  const warm = await seed('bench-warm', 'w');
  const sceneOf = (a: { _id: string; qrSecret: string }) => signScene(a.qrSecret, a._id, Math.floor(Date.now() / 60_000));
  const scanBody = (a: { _id: string; qrSecret: string }) => ({ action: 'checkIn', input: { scene: sceneOf(a), location: HERE } });

  // Warm both workers, then count requests per call exactly, one call at a time.
  for (let i = 0; i < 40; i++) await call(`w-${i}`, scanBody(warm));
  const firstCounts: number[] = [];
  const dupCounts: number[] = [];
  const seqMs: number[] = [];
  for (let i = 40; i < 40 + SEQUENTIAL; i++) {
    let before = dbRequests;
    const first = await gen.run(url, [{ openid: `w-${i}`, body: scanBody(warm) }], true);
    const r = first.replies[0]!;
    seqMs.push(first.ms[0]!);
    if (!r.ok) throw new Error(`sequential check-in failed: ${JSON.stringify(r)}`);
    firstCounts.push(dbRequests - before);
    before = dbRequests;
    const d = await call(`w-${i}`, scanBody(warm));
    if (d.ok || d.error?.details?.reason !== 'checkin.already_checked_in') throw new Error(`duplicate not refused: ${JSON.stringify(d)}`);
    dupCounts.push(dbRequests - before);
  }
  const range = (xs: number[]) => (Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${Math.min(...xs)}–${Math.max(...xs)}`);

  // The limit measured in the same run: the same burst through the gateway, a worker and the
  // kernel, answered before any database request (an unknown action).
  const floorCpu0 = cpuNow(gen.pid);
  const floor = await gen.run(
    url,
    Array.from({ length: VOLUNTEERS + DUPLICATES }, (_, i) => ({ openid: `f-${i}`, body: { action: 'noSuchAction', input: {} } })),
    false,
  );
  const floorPerS = (VOLUNTEERS + DUPLICATES) / (floor.wallMs / 1000);
  const floorCpu = cpuSince(floorCpu0, gen.pid, VOLUNTEERS + DUPLICATES);

  // The burst: 500 distinct first scans and 200 duplicates of random ones, shuffled, all at once.
  // BURSTS=n repeats it on fresh activities (to compare variants on a noisy machine); the table
  // and the RESULT line are the median burst's (by p99), every burst gets a line of its own.
  const openids = Array.from({ length: VOLUNTEERS }, (_, i) => `v-${i}`);
  const dupOf = shuffle([...openids], 7).slice(0, DUPLICATES);
  const order = shuffle([...openids, ...dupOf]);
  const runBurst = async (k: number) => {
    const activity = await seed(`bench-burst-${k}`, 'v');
    const body = scanBody(activity);
    const reqBefore = dbRequests;
    const okBy = new Map<string, number>();
    let rejectedDup = 0;
    const otherFailures: string[] = [];
    const cpu0 = cpuNow(gen.pid);
    const burst = await gen.run(
      url,
      order.map((openid) => ({ openid, body })),
      false,
    );
    const cpu = cpuSince(cpu0, gen.pid, order.length);
    burst.replies.forEach((r, i) => {
      const openid = order[i]!;
      if (r.ok) okBy.set(openid, (okBy.get(openid) ?? 0) + 1);
      else if (r.error?.details?.reason === 'checkin.already_checked_in') rejectedDup++;
      else otherFailures.push(JSON.stringify(r.error));
    });
    const latencies = burst.ms;
    const wallS = burst.wallMs / 1000;
    const requests = dbRequests - reqBefore;
    const attendance = engine.find(store.get('attendance')!, { query: { activityId: activity._id }, order: [], offset: 0, limit: null }).map((x) => x.doc) as Array<{ openid: string; sessions: unknown[] }>;
    const ok = [...okBy.values()].reduce((a, b) => a + b, 0);
    const double = [...okBy.values()].filter((n) => n > 1).length + attendance.filter((a) => a.sessions.length !== 1).length + (attendance.length - new Set(attendance.map((a) => a.openid)).size);
    const b = { ok, attendance: attendance.length, rejectedDup, double, otherFailures, perS: order.length / wallS, p50: pct(latencies, 50), p99: pct(latencies, 99), requests, cpu };
    console.log(
      `burst ${k + 1}: ok=${ok} dup_rejected=${rejectedDup} double=${double} per_s=${b.perS.toFixed(0)} p50_ms=${b.p50.toFixed(0)} p99_ms=${b.p99.toFixed(0)} db_requests=${requests} ` +
        `cpu_ms_per_request: emulator=${cpu.selfMs.toFixed(2)} workers=${cpu.workersMs.toFixed(2)} load_generator=${cpu.genMs.toFixed(2)} loadavg=${os.loadavg()[0]?.toFixed(2)}`,
    );
    return b;
  };
  const bursts = [];
  for (let k = 0; k < BURSTS; k++) bursts.push(await runBurst(k));
  gen.stop();
  await emu.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const m = [...bursts].sort((x, y) => x.p99 - y.p99)[Math.floor((bursts.length - 1) / 2)]!;
  const perCheckin = m.requests / VOLUNTEERS;
  const f = (x: number, d = 2) => x.toFixed(d);
  console.table([
    { figure: 'ok (first check-ins)', value: m.ok, limit: VOLUNTEERS, ratio: f(m.ok / VOLUNTEERS) },
    { figure: 'attendance documents', value: m.attendance, limit: VOLUNTEERS, ratio: f(m.attendance / VOLUNTEERS) },
    { figure: 'duplicates rejected', value: m.rejectedDup, limit: DUPLICATES, ratio: f(m.rejectedDup / DUPLICATES) },
    { figure: 'double check-ins', value: m.double, limit: 0, ratio: '' },
    { figure: 'other failures', value: m.otherFailures.length, limit: 0, ratio: '' },
    { figure: `requests/s, ${order.length}-request burst (pool ${pool}, ${SOCKETS} sockets)`, value: f(m.perS, 0), limit: '≥ 200 (stretch 250)', ratio: f(m.perS / 200) },
    { figure: 'same burst without DB (gateway+worker+kernel floor), requests/s', value: f(floorPerS, 0), limit: '', ratio: f(m.perS / floorPerS) },
    { figure: 'burst p50 / p99 ms', value: `${f(m.p50, 0)} / ${f(m.p99, 0)}`, limit: 'p99 ≤ 2500', ratio: f(m.p99 / 2500) },
    { figure: 'DB requests per first check-in / duplicate (sequential, exact per call)', value: `${range(firstCounts)} / ${range(dupCounts)}`, limit: '', ratio: '' },
    { figure: 'DB requests in the burst ÷ first check-ins (reported below)', value: f(perCheckin), limit: '≤ 4 (stretch 3)', ratio: f(perCheckin / 4) },
    { figure: 'DB requests in the burst (floor: fewest first×500 + dup×200)', value: m.requests, limit: Math.min(...firstCounts) * VOLUNTEERS + Math.min(...dupCounts) * DUPLICATES, ratio: '' },
    { figure: 'CPU ms per burst request: emulator (gateway, database) / workers / load generator', value: `${f(m.cpu.selfMs)} / ${f(m.cpu.workersMs)} / ${f(m.cpu.genMs)}`, limit: '', ratio: '' },
    { figure: 'CPU ms per floor request: emulator / workers / load generator', value: `${f(floorCpu.selfMs)} / ${f(floorCpu.workersMs)} / ${f(floorCpu.genMs)}`, limit: '', ratio: '' },
    { figure: 'sequential first check-in p50 / p99 ms (one at a time)', value: `${f(pct(seqMs, 50))} / ${f(pct(seqMs, 99))}`, limit: '', ratio: '' },
    { figure: 'machine load average (1 min) at the end', value: f(os.loadavg()[0] ?? 0), limit: `${os.availableParallelism()} cores`, ratio: '' },
  ]);
  if (m.otherFailures.length) console.log('other failures (first 5):', m.otherFailures.slice(0, 5));
  console.log(
    `RESULT checkin volunteers=${VOLUNTEERS} ok=${m.ok} duplicates_rejected=${m.rejectedDup} double=${m.double} p50_ms=${f(m.p50, 0)} p99_ms=${f(m.p99, 0)} per_s=${f(m.perS, 0)} db_requests_per_checkin=${f(perCheckin, 1)}`,
  );
}

if (process.argv[2] === LOAD_GENERATOR) loadGenerator();
else
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
