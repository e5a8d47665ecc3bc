// Timer triggers: the scheduler on a fake clock (which seconds fire, overlap, catch-up), the
// firing end to end through the real pool and database, and the dev route.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningEmulator } from '../../../emulator/emulator';
import { InvocationError } from '../../../emulator/functions';
import { dueTriggers, listTimerTriggers, TimerService, type Clock, type TimerLog } from '../../../emulator/functions/timers';
import type { TimerEvent } from '../../../emulator/functions/timers-env';
import { callAdmin, callGateway, startFixtureEmulator } from './harness';

/** A clock that moves only when told, running its timers in time order. */
class FakeClock implements Clock {
  private timers: Array<{ at: number; fn: () => void }> = [];
  constructor(private t: number) {}
  now(): number {
    return this.t;
  }
  setTimer(ms: number, fn: () => void): () => void {
    const timer = { at: this.t + ms, fn };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((x) => x !== timer));
  }
  /** Runs the timers due up to now+ms in order, letting settled promises run between them as real time would. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const next = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = Math.max(this.t, next.at);
      next.fn();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.t = end;
  }
  /** Moves time without running anything (a laptop asleep). */
  jump(ms: number): void {
    this.t += ms;
  }
}

function cst(text: string): number {
  return new Date(`${text.replace(' ', 'T')}+08:00`).getTime();
}

/** A functions root with one built function per entry, each with the given triggers. */
function functionsRoot(fns: Record<string, unknown[] | null>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'timers-'));
  for (const [name, triggers] of Object.entries(fns)) {
    fs.mkdirSync(path.join(root, name));
    fs.writeFileSync(path.join(root, name, 'index.js'), 'exports.main = async () => null;');
    if (triggers) fs.writeFileSync(path.join(root, name, 'config.json'), JSON.stringify({ triggers }));
  }
  return root;
}

function collector(): { log: TimerLog; lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (line, level) => lines.push(`${level} ${line}`) };
}

describe('timer scheduler (fake clock)', () => {
  const root = functionsRoot({
    nightly: [{ name: 'release', type: 'timer', config: '0 0 2 * * * *' }],
    often: [{ name: 'tick', type: 'timer', config: '*/20 * * * * * *' }],
    plain: null,
  });

  test('listTimerTriggers reads the built functions; dueTriggers says which fire at a second', () => {
    const triggers = listTimerTriggers(root);
    expect(triggers.map((t) => `${t.functionName}/${t.name}`)).toEqual(['nightly/release', 'often/tick']);
    const at = (s: string) => dueTriggers(triggers, new Date(cst(s))).map((t) => t.name);
    expect(at('2025-01-01 02:00:00')).toEqual(['release', 'tick']);
    expect(at('2025-01-01 02:00:20')).toEqual(['tick']);
    expect(at('2025-01-01 02:00:21')).toEqual([]);
    // 02:00 in Beijing is 18:00 UTC: a UTC evaluation would fire at the wrong hour.
    expect(dueTriggers(triggers, new Date('2025-01-01T02:00:00Z')).map((t) => t.name)).toEqual(['tick']);
  });

  test('fires each matching second with the timer event (Time in UTC), and stops when stopped', async () => {
    const clock = new FakeClock(cst('2025-01-01 01:59:30') + 400);
    const fired: Array<[string, TimerEvent]> = [];
    const { log, lines } = collector();
    const svc = new TimerService({ root, clock, log, invoke: async (fn, event) => void fired.push([fn, event]) });
    svc.start();
    await clock.advance(60_000);
    await svc.settled();
    expect(fired).toEqual([
      ['often', { Type: 'Timer', TriggerName: 'tick', Time: '2024-12-31T17:59:40Z', Message: '' }],
      ['nightly', { Type: 'Timer', TriggerName: 'release', Time: '2024-12-31T18:00:00Z', Message: '' }],
      ['often', { Type: 'Timer', TriggerName: 'tick', Time: '2024-12-31T18:00:00Z', Message: '' }],
      ['often', { Type: 'Timer', TriggerName: 'tick', Time: '2024-12-31T18:00:20Z', Message: '' }],
    ]);
    expect(lines.some((l) => /^info \[timer\] nightly\/release \(0 0 2 \* \* \* \*\) at 2025-01-01 02:00:00 UTC\+8 on schedule: ok in \d+ ms$/.test(l))).toBe(true);
    svc.stop();
    await clock.advance(120_000);
    await svc.settled();
    expect(fired).toHaveLength(4);
  });

  test('a firing still running when the next is due is not doubled (skipped and logged)', async () => {
    const clock = new FakeClock(cst('2025-01-01 10:00:00'));
    let release: () => void = () => undefined;
    let calls = 0;
    const { log, lines } = collector();
    const svc = new TimerService({
      root,
      clock,
      log,
      invoke: () => {
        calls++;
        return new Promise((resolve) => (release = () => resolve(null)));
      },
    });
    svc.start();
    await clock.advance(20_000); // 10:00:20 fires and hangs
    await clock.advance(20_000); // 10:00:40 is skipped
    expect(calls).toBe(1);
    expect(lines.filter((l) => l.includes('skipped'))).toEqual([
      'info [timer] often/tick at 2025-01-01 10:00:40 UTC+8: skipped, the previous firing is still running',
    ]);
    release();
    await svc.settled();
    await clock.advance(20_000); // 10:01:00 runs again
    expect(calls).toBe(2);
    release();
    await svc.settled();
    svc.stop();
  });

  test('failures are logged; a clock jump over a minute does not replay what it skipped', async () => {
    const clock = new FakeClock(cst('2025-01-01 10:00:00'));
    const { log, lines } = collector();
    let calls = 0;
    const svc = new TimerService({
      root,
      clock,
      log,
      invoke: async () => {
        calls++;
        throw new InvocationError('threw', 'no database', 'often');
      },
    });
    svc.start();
    await clock.advance(20_000);
    await svc.settled();
    expect(lines.at(-1)).toMatch(/^error \[timer\] often\/tick .* at 2025-01-01 10:00:20 UTC\+8 on schedule: FAILED after \d+ ms, threw: no database$/);
    // Asleep for an hour: 10:00:20 → 11:00:25, then awake for a second (no */20 second in it).
    clock.jump(3605_000);
    await clock.advance(1000);
    await svc.settled();
    expect(calls).toBe(1);
    expect(lines.some((l) => l.includes('the clock jumped'))).toBe(true);
    svc.stop();
  });

  test('fire(): by hand, at a given time; unknown function or trigger is not-found', async () => {
    const events: TimerEvent[] = [];
    const svc = new TimerService({ root, log: () => undefined, invoke: async (_fn, e) => (events.push(e), 'done') });
    await expect(svc.fire('nightly', 'release', new Date('2025-05-05T05:05:05.123Z'))).resolves.toBe('done');
    expect(events).toEqual([{ Type: 'Timer', TriggerName: 'release', Time: '2025-05-05T05:05:05Z', Message: '' }]);
    await expect(svc.fire('nightly', 'nope')).rejects.toMatchObject({ reason: 'not-found', message: expect.stringMatching(/no timer trigger "nope"/) });
    await expect(svc.fire('missing', 'release')).rejects.toMatchObject({ reason: 'not-found' });
    await expect(svc.fire('plain', 'release')).rejects.toMatchObject({ reason: 'not-found' });
  });

  test('a function whose config.json has a bad cron has its triggers off, with the reason logged', () => {
    const bad = functionsRoot({ broken: [{ name: 'b', type: 'timer', config: '0 0 2 * *' }] });
    const { log, lines } = collector();
    expect(listTimerTriggers(bad, log)).toEqual([]);
    expect(lines[0]).toMatch(/^error \[timer\] broken: triggers off, .*config\.json: triggers\.0\.config: invalid cron "0 0 2 \* \*": expected 7 fields/);
  });
});

describe('timer triggers in the emulator (fixture "ticker", real pool and database)', () => {
  let emu: RunningEmulator;
  let dev: RunningEmulator;
  const clock = new FakeClock(cst('2025-03-31 23:59:55') + 100);
  const { log, lines } = collector();
  beforeAll(async () => {
    emu = await startFixtureEmulator({ poolSize: 1, autoCreateCollections: true, timers: true, timerClock: clock, timerLog: log });
  }, 30_000); // starting an emulator takes well over jest's 5 s on a loaded machine
  afterAll(async () => {
    await emu?.close();
    await dev?.close();
  });

  async function timerRuns(): Promise<any[]> {
    const res = await callAdmin(emu, { action: 'database.getDocument', collectionName: 'timer_runs', queryType: 'WHERE', limit: 100 });
    expect(res.code).toBeUndefined();
    return res.data.list.map((d: string) => JSON.parse(d));
  }

  test('a scheduled firing reaches the function with the timer event and no user identity', async () => {
    await clock.advance(5000); // 2025-04-01 00:00:00 China time: */10 fires
    await emu.runner!.timers.settled();
    const runs = await timerRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      event: { Type: 'Timer', TriggerName: 'everyTenSeconds', Time: '2025-03-31T16:00:00Z', Message: '' },
      triggerSrc: 'timer',
      hasUserToken: false,
      functionName: 'ticker',
    });
    // No userInfo added to a timer event, and getWXContext() has no user: ENV and SOURCE only.
    expect(runs[0].event.userInfo).toBeUndefined();
    expect(runs[0].wx).toEqual({ ENV: 'local-env', SOURCE: 'wx_trigger' });
    expect(runs[0].wx.OPENID ?? '').toBe('');
    expect(lines.some((l) => l.startsWith('info [timer] ticker/everyTenSeconds (*/10 * * * * * *) at 2025-04-01 00:00:00 UTC+8 on schedule: ok'))).toBe(true);
  });

  test('runner.fireTimer runs it once now and answers the result', async () => {
    const result = (await emu.runner!.fireTimer('ticker', 'everyTenSeconds', new Date('2025-04-02T00:00:00Z'))) as any;
    expect(result).toMatchObject({ id: expect.any(String), event: { Time: '2025-04-02T00:00:00Z' }, wx: { SOURCE: 'wx_trigger' } });
    await expect(emu.runner!.fireTimer('ticker', 'nope')).rejects.toMatchObject({ reason: 'not-found' });
  });

  test('POST /dev/functions/<name>/triggers/<trigger> fires it and answers the result or the error', async () => {
    const post = (p: string, body?: unknown) =>
      fetch(`${emu.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const before = (await timerRuns()).length;
    const ok = await post('/dev/functions/ticker/triggers/everyTenSeconds', { at: '2025-04-03T01:02:03Z' });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as any;
    expect(body).toMatchObject({
      ok: true,
      data: { function: 'ticker', trigger: 'everyTenSeconds', event: { Type: 'Timer', Time: '2025-04-03T01:02:03Z' }, result: { id: expect.any(String), triggerSrc: 'timer' } },
    });
    expect((await timerRuns()).length).toBe(before + 1);

    const noTrigger = await post('/dev/functions/ticker/triggers/nope');
    expect(noTrigger.status).toBe(404);
    expect(((await noTrigger.json()) as any).error.message).toMatch(/no timer trigger "nope"/);
    expect((await post('/dev/functions/ghost/triggers/x')).status).toBe(404);
    expect((await post('/dev/functions/ticker/triggers/everyTenSeconds', { at: 'soon' })).status).toBe(400);
    expect((await post('/dev/functions/ticker/oops')).status).toBe(404);
  });

  test("a timer's variables do not leak into the next, user, invocation on the same warm worker", async () => {
    const res = await callGateway(emu, 'ticker', { action: 'x' }, { 'x-wx-openid': 'user-after-timer' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ triggerSrc: '', hasUserToken: true, wx: { OPENID: 'user-after-timer', SOURCE: 'wx_client' } });
  });

  test('the dev route is refused outside dev mode and runs nothing', async () => {
    dev = await startFixtureEmulator({ poolSize: 1, autoCreateCollections: true, dev: false });
    const res = await fetch(`${dev.url}/dev/functions/ticker/triggers/everyTenSeconds`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).message).toMatch(/no route POST/);
    const count = await callAdmin(dev, { action: 'database.calculateDocument', collectionName: 'timer_runs', queryType: 'WHERE' });
    expect(count.data?.total ?? 0).toBe(0);
  });
});
