// Timer-triggered actions in the kernel (server/timers.ts): in-process through invoke() with the
// real wx-server-sdk against the emulator from globalSetup, then end to end through the emulator's
// function runner with this fixture bundled as a cloud function.
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import type { RunningEmulator } from '../../emulator/emulator';
import { projectRoot } from '../../emulator/paths';
import { Collections } from '../../server/collections';
import { firingKey } from '../../server/timers';
import { callGateway, startFixtureEmulator } from '../emulator/functions/harness';
import { db, ensureCollection, uniq } from './fixtures/db';
import { kernel } from './fixtures/kernel-function';
import { handlerRuns, sweepControl, TIMER_ITEMS, TIMER_RUNS, timerFn, timerLogLines } from './fixtures/timer-function';

const NOW = 1_900_000_000_000;
const asTimer = (now = NOW) => ({ openid: '', trigger: 'timer' as const, now: () => now });
const asUser = (openid: string) => ({ openid, now: () => NOW });

/** A firing time no other test uses: a random second in 2031–2040, as SCF writes it. */
function uniqueTime(): string {
  const s = Math.floor(Math.random() * 10 * 365 * 86_400);
  return new Date(Date.UTC(2031, 0, 1) + s * 1000).toISOString().replace('.000Z', 'Z');
}

function timerEvent(trigger: string, time = uniqueTime()): { Type: 'Timer'; TriggerName: string; Time: string; Message: string } {
  return { Type: 'Timer', TriggerName: trigger, Time: time, Message: '' };
}

const firingIdOf = (ev: { TriggerName: string; Time: string }) => `${ev.TriggerName}@${new Date(ev.Time).toISOString()}`;

beforeAll(async () => {
  await ensureCollection(TIMER_RUNS);
  await ensureCollection(TIMER_ITEMS);
});

afterEach(() => {
  sweepControl.batch = '';
  sweepControl.failAfter = Number.POSITIVE_INFINITY;
});

describe('a timer firing', () => {
  test('runs its handler with the system actor, the injected clock and the firing time; audits as the timer', async () => {
    const ev = timerEvent('tick');
    const res = await timerFn.invoke(ev, asTimer());
    const firedAt = Date.parse(ev.Time);
    const firingId = firingIdOf(ev);
    expect(res).toEqual({
      ok: true,
      data: {
        trigger: 'tick',
        firedAt,
        replayed: false,
        result: { runId: expect.any(String), actor: 'system:timer:tick', at: NOW, firedAt, firingId, trigger: 'tick' },
      },
    });
    if (!res.ok) return;
    const runId = (res.data as { result: { runId: string } }).result.runId;
    expect((await db().collection(TIMER_RUNS).doc(runId).get()).data).toMatchObject({ firingId, actor: 'system:timer:tick', at: NOW });
    const audit = (await db().collection(Collections.auditLog).where({ subject: `${TIMER_RUNS}/${runId}` }).get()).data;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'system:timer:tick', at: NOW, action: 'kerneltimer.tick', requestId: firingId });
    expect(handlerRuns.get(firingId)).toBe(1);
  });

  test('invoke as the timer leaves no timer or identity variables behind', async () => {
    await timerFn.invoke(timerEvent('tick'), asTimer());
    expect(process.env.TRIGGER_SRC).toBeUndefined();
    expect(process.env.TCB_SOURCE).toBeUndefined();
    expect(process.env.WX_OPENID).toBeUndefined();
  });

  test('the same firing delivered again does not run the handler again: it answers the stored summary', async () => {
    const ev = timerEvent('tick');
    const first = await timerFn.invoke(ev, asTimer());
    // Later, with another clock, and with the same instant written with milliseconds.
    const again = await timerFn.invoke(ev, asTimer(NOW + 60_000));
    const sameInstant = await timerFn.invoke({ ...ev, Time: ev.Time.replace('Z', '.000Z') }, asTimer(NOW + 120_000));
    expect(first).toMatchObject({ ok: true, data: { replayed: false } });
    if (!first.ok) return;
    const { result } = first.data as { result: unknown };
    expect(again).toEqual({ ok: true, data: { ...(first.data as object), replayed: true, result } });
    expect(sameInstant).toEqual(again);
    expect(handlerRuns.get(firingIdOf(ev))).toBe(1);
    expect((await db().collection(TIMER_RUNS).where({ firingId: firingIdOf(ev) }).count()).total).toBe(1);

    // A different firing of the same trigger is a new run.
    const next = timerEvent('tick');
    expect(await timerFn.invoke(next, asTimer())).toMatchObject({ ok: true, data: { replayed: false } });
    expect(handlerRuns.get(firingIdOf(next))).toBe(1);
  });

  test('concurrent deliveries of one firing run the handler once; the others are told it is in progress or replayed', async () => {
    const ev = timerEvent('tick');
    const results = await Promise.all(Array.from({ length: 6 }, () => timerFn.invoke(ev, asTimer())));
    expect(handlerRuns.get(firingIdOf(ev))).toBe(1);
    expect((await db().collection(TIMER_RUNS).where({ firingId: firingIdOf(ev) }).count()).total).toBe(1);
    const ran = results.filter((r) => r.ok && !(r.data as { replayed: boolean }).replayed);
    expect(ran).toHaveLength(1);
    for (const r of results) {
      if (r.ok) continue;
      expect(r.error).toMatchObject({ code: 'failed-precondition', details: { reason: 'timer.firing_in_progress' } });
    }
  });

  test('a claim held by a live run (lease not expired) keeps a re-delivery from running', async () => {
    const ev = timerEvent('tick');
    await plantClaim(ev, NOW + 60_000);
    const res = await timerFn.invoke(ev, asTimer());
    expect(res).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'timer.firing_in_progress' } } });
    expect(handlerRuns.get(firingIdOf(ev))).toBeUndefined();
  });

  test('a claim left by a dead run is taken over once its lease has expired', async () => {
    const ev = timerEvent('tick');
    await plantClaim(ev, NOW - 1);
    const res = await timerFn.invoke(ev, asTimer());
    expect(res).toMatchObject({ ok: true, data: { replayed: false, result: { actor: 'system:timer:tick' } } });
    expect(handlerRuns.get(firingIdOf(ev))).toBe(1);
    expect(await timerFn.invoke(ev, asTimer())).toMatchObject({ ok: true, data: { replayed: true } });
  });
});

/** The record an invocation that died mid-run leaves behind. */
async function plantClaim(ev: { TriggerName: string; Time: string }, leaseUntil: number): Promise<void> {
  const key = firingKey('kerneltimer', ev.TriggerName, Date.parse(ev.Time));
  await db()
    .collection(Collections.idempotency)
    .add({ data: { _id: key, fn: 'kerneltimer', status: 'running', claimToken: 'dead-run', createdAt: NOW - 1_000_000, leaseUntil, resultJson: '' } });
}

describe('who may send a timer event', () => {
  const callers: Array<[string, { openid: string; unionid?: string; source?: string; trigger?: 'timer' }]> = [
    ['a mini-program user', { openid: 'alice' }],
    ['a user whose invocation also looks like a timer', { openid: 'alice', trigger: 'timer' }],
    ['a caller without openid from the mini-program', { openid: '' }],
    ['a caller without openid over HTTP access', { openid: '', source: 'wx_http' }],
    ['a function calling a function', { openid: '', source: 'wx_trigger,scf' }],
    ['a caller with only a unionid', { openid: '', unionid: 'union-1', source: 'wx_trigger' }],
  ];

  test.each(callers)('%s gets permission-denied and the handler does not run', async (_name, who) => {
    for (const ev of [timerEvent('tick'), timerEvent('nope'), { Type: 'Timer' }, { action: 'ping', TriggerName: 'tick' }]) {
      const res = await timerFn.invoke(ev, { ...who, now: () => NOW });
      expect(res).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'timer.not_a_timer_call' } } });
      if ('Time' in ev) expect(handlerRuns.get(firingIdOf(ev))).toBeUndefined();
    }
  });

  test('a client call keeps working as before, and the timer is no client', async () => {
    expect(await timerFn.invoke({ action: 'ping', input: {} }, asUser('alice'))).toEqual({ ok: true, data: { openid: 'alice' } });
    expect(await timerFn.invoke({ action: 'ping', input: {} }, asTimer())).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', details: { reason: 'request.no_openid' } },
    });
  });
});

describe('bad timer events get invalid-argument, never internal', () => {
  const valid = timerEvent('tick');
  const malformed: Array<[string, unknown]> = [
    ['Time in words', { ...valid, Time: 'yesterday' }],
    ['Time as a number', { ...valid, Time: 1_900_000_000 }],
    ['Time empty', { ...valid, Time: '' }],
    ['Time not a calendar day', { ...valid, Time: '2031-02-30T00:00:00Z' }],
    ['Time hour 24', { ...valid, Time: '2031-01-01T24:00:00Z' }],
    ['Time in China time', { ...valid, Time: '2031-01-01T08:00:00+08:00' }],
    ['Time without zone', { ...valid, Time: '2031-01-01T00:00:00' }],
    ['Time huge', { ...valid, Time: `2031-01-01T00:00:00Z${'0'.repeat(1_000_000)}` }],
    ['Time missing', { Type: 'Timer', TriggerName: 'tick', Message: '' }],
    ['TriggerName a number', { ...valid, TriggerName: 5 }],
    ['TriggerName null', { ...valid, TriggerName: null }],
    ['TriggerName an object', { ...valid, TriggerName: { $ne: '' } }],
    ['TriggerName empty', { ...valid, TriggerName: '' }],
    ['TriggerName huge', { ...valid, TriggerName: 't'.repeat(1_000_000) }],
    ['TriggerName __proto__', { ...valid, TriggerName: '__proto__' }],
    ['Type lowercase', { ...valid, Type: 'timer' }],
    ['Message a number', { ...valid, Message: 5 }],
    ['extra key', { ...valid, extra: 1 }],
    ['an action besides', { ...valid, action: 'ping', input: {} }],
    ['__proto__ key', { ...JSON.parse('{"__proto__":{"polluted":true}}'), ...valid }],
  ];

  test.each(malformed)('%s → timer.malformed', async (_name, ev) => {
    const res = await timerFn.invoke(ev, asTimer());
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('invalid-argument');
    expect(res.error.details?.reason).toBe('timer.malformed');
    expect(res.error.details?.issues?.length).toBeGreaterThan(0);
    expect(JSON.stringify(res).length).toBeLessThan(5_000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each(['nope', 'constructor', 'toString', 'hasOwnProperty'])('unknown trigger %s → timer.unknown_trigger', async (name) => {
    const res = await timerFn.invoke(timerEvent(name), asTimer());
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason: 'timer.unknown_trigger' } } });
  });

  test('a function without timers answers a timer firing with timer.unknown_trigger', async () => {
    const res = await kernel.invoke(timerEvent('tick'), asTimer());
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason: 'timer.unknown_trigger' } } });
  });
});

describe('a failing timer handler', () => {
  test('a crash becomes internal with a ref and no detail; it is logged; a re-delivery runs again', async () => {
    const ev = timerEvent('boom');
    const res = await timerFn.invoke(ev, asTimer());
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (res.ok) return;
    expect(res.error.message).toMatch(/^internal error \(ref [0-9a-f]{8}\)$/);
    expect(JSON.stringify(res)).not.toMatch(/hunter2|secret-db-host/);
    const ref = /ref ([0-9a-f]{8})/.exec(res.error.message)?.[1];
    const logged = timerLogLines.find((l) => l.level === 'error' && l.line.ref === ref);
    expect(logged?.line.errorMessage).toContain('hunter2');
    expect(timerLogLines.some((l) => l.line.ref === ref && l.line.timer === 'boom' && l.line.firingId === firingIdOf(ev))).toBe(true);
    // A failed firing stored nothing: its claim was released, so the platform's retry runs it.
    await timerFn.invoke(ev, asTimer());
    expect(handlerRuns.get(firingIdOf(ev))).toBe(2);
  });

  test('an AppError is answered as its body', async () => {
    const res = await timerFn.invoke(timerEvent('refuse'), asTimer());
    expect(res).toEqual({ ok: false, error: { code: 'failed-precondition', message: 'not today', details: { reason: 'test.refused' } } });
  });

  test('a result that is not a summary object is internal', async () => {
    const res = await timerFn.invoke(timerEvent('notSummary'), asTimer());
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('a batch across several transactions', () => {
  test('a run that crashed half-way is finished by the re-delivery; no item changes twice; an item not yet due stays', async () => {
    const batch = uniq('batch');
    const time = uniqueTime();
    const firedAt = Date.parse(time);
    const ids = Array.from({ length: 5 }, (_, i) => `${batch}-${i}`);
    for (const id of ids) await db().collection(TIMER_ITEMS).add({ data: { _id: id, batch, status: 'due', dueAt: firedAt - 1000, version: 0 } });
    await db().collection(TIMER_ITEMS).add({ data: { _id: `${batch}-later`, batch, status: 'due', dueAt: firedAt + 1000, version: 0 } });
    sweepControl.batch = batch;

    sweepControl.failAfter = 2;
    const crashed = await timerFn.invoke(timerEvent('sweep', time), asTimer());
    expect(crashed).toMatchObject({ ok: false, error: { code: 'internal' } });

    sweepControl.failAfter = Number.POSITIVE_INFINITY;
    const finished = await timerFn.invoke(timerEvent('sweep', time), asTimer());
    expect(finished).toMatchObject({ ok: true, data: { replayed: false, result: { released: 3, skipped: 0 } } });
    expect(await timerFn.invoke(timerEvent('sweep', time), asTimer())).toMatchObject({ ok: true, data: { replayed: true, result: { released: 3 } } });
    expect(handlerRuns.get(`sweep@${new Date(firedAt).toISOString()}`)).toBe(2);

    for (const id of ids) {
      expect((await db().collection(TIMER_ITEMS).doc(id).get()).data).toMatchObject({ status: 'released', version: 1, releasedAt: NOW });
      const audit = (await db().collection(Collections.auditLog).where({ subject: `${TIMER_ITEMS}/${id}` }).get()).data;
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'system:timer:sweep', action: 'kerneltimer.release', requestId: `sweep@${new Date(firedAt).toISOString()}` });
    }
    expect((await db().collection(TIMER_ITEMS).doc(`${batch}-later`).get()).data).toMatchObject({ status: 'due', version: 0 });
  });
});

describe('end to end through the emulator function runner (fixture bundled as a cloud function)', () => {
  let emu: RunningEmulator;
  let root: string;
  const timerLines: string[] = [];

  beforeAll(async () => {
    // Under the project (dist/ is gitignored) so the bundle resolves wx-server-sdk from node_modules.
    fs.mkdirSync(path.join(projectRoot(), 'dist'), { recursive: true });
    root = fs.mkdtempSync(path.join(projectRoot(), 'dist', 'timer-e2e-'));
    const dir = path.join(root, 'kerneltimer');
    fs.mkdirSync(dir);
    buildSync({
      entryPoints: [path.join(__dirname, 'fixtures', 'timer-function.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      external: ['wx-server-sdk'],
      logLevel: 'error',
    });
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ timeout: 10, triggers: [{ name: 'tick', type: 'timer', config: '0 0 3 * * * *' }] }));
    emu = await startFixtureEmulator({ functionsRoot: root, poolSize: 1, autoCreateCollections: true, timerLog: (line) => timerLines.push(line) });
  }, 60_000);

  afterAll(async () => {
    await emu?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('a firing runs as the system actor; the same firing again is replayed, not re-run', async () => {
    const at = new Date('2031-06-01T19:00:00Z');
    const first = (await emu.runner!.fireTimer('kerneltimer', 'tick', at)) as any;
    expect(first).toMatchObject({
      ok: true,
      data: { trigger: 'tick', firedAt: at.getTime(), replayed: false, result: { actor: 'system:timer:tick', firingId: 'tick@2031-06-01T19:00:00.000Z' } },
    });
    const again = (await emu.runner!.fireTimer('kerneltimer', 'tick', at)) as any;
    expect(again).toEqual({ ok: true, data: { ...first.data, replayed: true } });
    expect(timerLines.filter((l) => l.includes('kerneltimer/tick') && l.includes(': ok in '))).toHaveLength(2);

    // The dev route fires the same firing by hand: replayed too.
    const res = await fetch(`${emu.url}/dev/functions/kerneltimer/triggers/tick`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at: at.toISOString() }),
    });
    expect(((await res.json()) as any).data.result).toEqual({ ok: true, data: { ...first.data, replayed: true } });
  }, 30_000);

  test('a mini-program client sending a timer event through the gateway is refused', async () => {
    const forged = await callGateway(emu, 'kerneltimer', timerEvent('tick'), { 'x-wx-openid': 'mallory' });
    expect(forged.body).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'timer.not_a_timer_call' } } });
    const ping = await callGateway(emu, 'kerneltimer', { action: 'ping', input: {} }, { 'x-wx-openid': 'alice' });
    expect(ping.body).toEqual({ ok: true, data: { openid: 'alice' } });
  }, 30_000);
});
