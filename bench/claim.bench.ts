// Claim benchmark (issue 4): 1000 donors claim 100 published wishes at once (10 donors per wish),
// all through the mini-program's dev gateway, the emulator's warm runner, the wish function's
// kernel and wx-server-sdk. Each wish must end with exactly one claim and no request may end in
// `internal`. The limit, measured in the same run, is the same gateway path answered without a
// database request (an unknown action), sequentially: the floor a claim's latency sits on.
//   RESULT claim attempts=1000 wishes=100 claimed=<n> double=<n> p50_ms=<x> p99_ms=<x>
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../emulator/emulator';
import type { RecipientDoc, WishDoc } from '../cloudfunctions/wish/store';

const WISHES = 100;
const DONORS = 1000;
const NOW = Date.now();
const DAY = 86_400_000;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const hex = (i: number, n = 20) => i.toString(16).padStart(n, '0');

function recipient(i: number): RecipientDoc {
  return {
    _id: `r_${hex(i)}`, communityId: 'bench-community', maskedName: '张某', nameSealed: null, phoneSealed: null, phoneMasked: null,
    addressSealed: null, sensitiveStatusSealed: null, ageBand: '80+', under14: false, group: 'elderly', showGroup: true,
    openid: null, familyOpenids: [], guardianConsent: null, codeHash: null, codeSealed: null, codeIssuedAt: null,
    createdBy: 'bench-staff', createdAt: NOW - DAY, updatedAt: NOW - DAY, version: 0,
  };
}

function wish(i: number): WishDoc {
  const wantedBy = NOW + 20 * DAY;
  return {
    _id: `w_${hex(i)}`, communityId: 'bench-community', communityName: '基准社区', recipientId: `r_${hex(i)}`, postedBy: 'bench-staff', postedAs: 'staff',
    item: `心愿${i}`, description: '基准测试心愿', category: 'study', valueFen: 10000, wantedOn: new Date(wantedBy + 8 * 3_600_000).toISOString().slice(0, 10), wantedBy,
    photos: [], photoConsent: false, maskedName: '张某', ageBand: '80+', group: 'elderly', status: 'published', version: 2, nearDuplicates: [],
    verification: { method: 'home-visit', note: null, by: 'bench-staff', at: NOW - DAY }, verifiedAt: NOW - DAY, rejection: null, publishedAt: NOW - DAY,
    claimedBy: null, claimedAt: null, claimDueAt: null, claimRemindAt: null, remindedAt: null, delivery: null, deliveredAt: null,
    confirmation: null, confirmedAt: null, thanks: null, thankedAt: null, expiredAt: null, closure: null, createdAt: NOW - 2 * DAY, updatedAt: NOW - DAY,
  };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claim-bench-'));
  const emu = await startEmulator({ dataDir, dev: true, port: 0 });
  const { store } = emu.db;
  await store.write(() => {
    for (let i = 0; i < WISHES; i++) {
      store.insertDoc(store.get('wish_recipients')!, recipient(i) as never);
      store.insertDoc(store.get('wishes')!, wish(i) as never);
    }
  });

  const call = async (openid: string, body: unknown) => {
    const t = performance.now();
    const res = await fetch(`${emu.url}/functions/wish`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify(body) });
    const json = (await res.json()) as { ok: boolean; error?: { code: string; details?: { reason?: string } } };
    return { ms: performance.now() - t, json };
  };

  // Warm the workers (both load the bundle) and measure the floor: the same path, no database.
  for (let i = 0; i < 20; i++) await call(`warm-${i}`, { action: 'no-such-action', input: {} });
  const floor: number[] = [];
  for (let i = 0; i < 200; i++) floor.push((await call(`floor-${i}`, { action: 'no-such-action', input: {} })).ms);

  // All at once: donor d claims wish d % 100.
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: DONORS }, (_, d) => call(`bench-donor-${d}`, { action: 'claim', input: { wishId: `w_${hex(d % WISHES)}` }, requestId: `claim-${hex(d, 12)}` })),
  );
  const wallS = (performance.now() - t0) / 1000;

  const ok = results.filter((r) => r.json.ok).length;
  const codes: Record<string, number> = {};
  for (const r of results) if (!r.json.ok) {
    const k = `${r.json.error!.code}:${r.json.error!.details?.reason ?? ''}`;
    codes[k] = (codes[k] ?? 0) + 1;
  }
  const internal = results.filter((r) => !r.json.ok && r.json.error!.code === 'internal').length;
  const wishes = store.get('wishes')!;
  let claimed = 0;
  const claimAudits = new Map<string, number>();
  for (let i = 0; i < WISHES; i++) {
    const doc = emu.db.engine.findById(wishes, `w_${hex(i)}`)?.doc as { status?: string } | undefined;
    if (doc?.status === 'claimed') claimed++;
  }
  const audit = store.get('audit_log')!;
  for (const found of emu.db.engine.find(audit, { query: { action: 'wish.claim' }, order: [], offset: 0, limit: null })) {
    const e = found.doc as { action?: string; subject?: string };
    if (e.action === 'wish.claim' && e.subject) claimAudits.set(e.subject, (claimAudits.get(e.subject) ?? 0) + 1);
  }
  const double = [...claimAudits.values()].filter((n) => n > 1).length + Math.max(0, ok - claimed);
  await emu.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const lat = results.map((r) => r.ms);
  const f = (x: number) => x.toFixed(1);
  console.log(`answers: ${ok} ok; ${Object.entries(codes).map(([k, n]) => `${n} ${k}`).join(', ')}; wall ${wallS.toFixed(1)} s (${Math.round(DONORS / wallS)} claims/s, pool ${os.availableParallelism()})`);
  console.table([
    { figure: 'wishes claimed exactly once', value: claimed, limit: WISHES, ratio: (claimed / WISHES).toFixed(2) },
    { figure: 'double claims', value: double, limit: 0, ratio: '' },
    { figure: 'answers `internal`', value: internal, limit: 0, ratio: '' },
    { figure: `claim p50 / p99 ms (${DONORS} at once, queued at the gateway)`, value: `${f(pct(lat, 50))} / ${f(pct(lat, 99))}`, limit: `${f(pct(floor, 50))} / ${f(pct(floor, 99))}`, ratio: (pct(lat, 50) / pct(floor, 50)).toFixed(1) },
    { figure: 'gateway+worker+kernel floor, sequential, no DB (limit)', value: `${f(pct(floor, 50))} / ${f(pct(floor, 99))}`, limit: '', ratio: '' },
  ]);
  console.log(`RESULT claim attempts=${DONORS} wishes=${WISHES} claimed=${claimed} double=${double} p50_ms=${f(pct(lat, 50))} p99_ms=${f(pct(lat, 99))}`);
  if (claimed !== WISHES || double !== 0 || internal !== 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
