// Function path benchmark: the mini-program's dev gateway → a warm worker → the kernel →
// wx-server-sdk → the emulator's store, with `user.me` on existing profiles (one point read).
// The limit, measured in the same run, is the same path without the database: an unknown action,
// answered by the kernel's validation before any DB request. Later issues add their own flows
// (e.g. QR check-in) beside this one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../emulator/emulator';

const PROFILES = 200;
const SEQUENTIAL = 300;
const BURST = 1000;
const IN_FLIGHT = 64;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fn-bench-'));
  const emu = await startEmulator({ dataDir, dev: true, port: 0 });
  const call = async (openid: string, body: unknown) => {
    const res = await fetch(`${emu.url}/functions/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { ok: boolean };
    return json;
  };
  const me = (i: number) => call(`bench-${i % PROFILES}`, { action: 'me', input: {} });
  const floor = (i: number) => call(`bench-${i % PROFILES}`, { action: 'no-such-action', input: {} });

  // Profiles exist before measuring: `me` is then a read.
  for (let i = 0; i < PROFILES; i++) if (!(await me(i)).ok) throw new Error('user.me failed while creating profiles');

  async function sequential(fn: (i: number) => Promise<unknown>): Promise<number[]> {
    const ms: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const t = performance.now();
      await fn(i);
      ms.push(performance.now() - t);
    }
    return ms;
  }
  async function burst(fn: (i: number) => Promise<{ ok: boolean }>, expectOk: boolean): Promise<number> {
    let next = 0;
    let wrong = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < BURST) if ((await fn(next++)).ok !== expectOk) wrong++;
      }),
    );
    if (wrong) throw new Error(`${wrong} of ${BURST} answers were not as expected`);
    return BURST / ((performance.now() - t) / 1000);
  }

  await sequential(floor); // warm both paths
  await sequential(me);
  const floorMs = await sequential(floor);
  const meMs = await sequential(me);
  const floorRate = await burst(floor, false);
  const meRate = await burst(me, true);
  await emu.close();

  const f = (x: number) => x.toFixed(2);
  console.table([
    { figure: `user.me calls/s (${IN_FLIGHT} in flight, pool ${os.availableParallelism()})`, value: Math.round(meRate), limit: Math.round(floorRate), ratio: f(meRate / floorRate) },
    { figure: 'gateway+worker+kernel calls/s without DB (limit)', value: Math.round(floorRate), limit: '', ratio: '' },
    { figure: 'user.me sequential p50 / p99 ms', value: `${f(pct(meMs, 50))} / ${f(pct(meMs, 99))}`, limit: `${f(pct(floorMs, 50))} / ${f(pct(floorMs, 99))}`, ratio: '' },
  ]);
  console.log(
    `RESULT functions me_per_s=${Math.round(meRate)} floor_per_s=${Math.round(floorRate)} ratio=${f(meRate / floorRate)} me_p50_ms=${f(pct(meMs, 50))} me_p99_ms=${f(pct(meMs, 99))}`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
