// The maintenance function's timer pruneIdempotency: in-process through invoke() as the platform's
// timer (real SDK against the globalSetup emulator), then end to end: the built bundle run by that
// emulator's runner, fired through the dev route.
//
// SHARED DATABASE. Every test file writes `idempotency` records, all with createdAt from 2023 on
// (their clocks are real or injected at 1.7e12 and later). Every firing here is dated 2004–2010
// and runs with a clock just after its firing time, so its cutoff (firedAt − retention) only ever
// reaches the synthetic records this file inserts. Deletion is "everything older than the
// cutoff", so two such firings running at once would delete each other's records: that is why
// the in-process and the end-to-end tests share one file (jest runs a file's tests one by one),
// and why the exact `deleted` a firing must report is counted just before it fires.
import fs from 'node:fs';
import path from 'node:path';
import { defineMaintenance, maintenance, MAINTENANCE_LEASE_MS } from '../../../cloudfunctions/maintenance/function';
import { PRUNE_DEFAULTS, pruneCutoff, PruneSummary } from '../../../cloudfunctions/maintenance/timers/prune-idempotency';
import { Collections } from '../../../server/collections';
import type { LogFields, LogLevel } from '../../../server/log';
import { firingKey } from '../../../server/timers';
import { db, ensureCollection, uniq } from '../../server/fixtures/db';

const DAY = 86_400_000;
const TRIGGER = 'pruneIdempotency';
const PROBE = 'maintenance_probe';

const logLines: Array<{ level: LogLevel; line: LogFields }> = [];
const fn = defineMaintenance({ logSink: (level, line) => logLines.push({ level, line }) });

/** A firing time no other test uses: a random second in 2005–2009 (SCF's Time format). */
function uniqueTime(): string {
  const s = Math.floor(Math.random() * 5 * 365 * 86_400);
  return new Date(Date.UTC(2005, 0, 1) + s * 1000).toISOString().replace('.000Z', 'Z');
}

function timerEvent(time = uniqueTime()) {
  return { Type: 'Timer' as const, TriggerName: TRIGGER, Time: time, Message: '' };
}

/** The platform's timer with a clock 5 s after the scheduled time (a prompt delivery). */
const asTimer = (firedAt: number, now: () => number = () => firedAt + 5_000) => ({ openid: '', trigger: 'timer' as const, now });

const idem = () => db().collection(Collections.idempotency);

/** Inserts synthetic records marked with a distinctive fn; returns their ids in insertion order. */
async function seed(tag: string, createdAts: number[]): Promise<string[]> {
  const ids = createdAts.map((_, i) => `${tag}-${String(i).padStart(4, '0')}`);
  for (let i = 0; i < ids.length; i += 50) {
    await Promise.all(
      ids.slice(i, i + 50).map((id, j) =>
        idem().add({
          data: {
            _id: id,
            fn: tag,
            action: 'synthetic',
            openid: 'maintenance-test',
            requestId: id,
            inputHash: 'x',
            resultJson: 'null',
            createdAt: createdAts[i + j],
          },
        }),
      ),
    );
  }
  return ids;
}

/** The ids of `tag`'s records still present. */
async function remaining(tag: string): Promise<string[]> {
  const out: string[] = [];
  for (;;) {
    const page = (await idem().where({ fn: tag }).orderBy('_id', 'asc').skip(out.length).limit(100).field({ _id: true }).get()).data;
    out.push(...page.map((d) => d._id));
    if (page.length < 100) return out;
  }
}

/** How many records a firing at firedAt (prompt clock, 30 days) must delete: everyone's, not only ours. */
async function dueCount(firedAt: number, retentionDays = 30): Promise<number> {
  const cutoff = pruneCutoff(firedAt, firedAt + 5_000, retentionDays);
  return (await idem().where({ createdAt: db().command.lt(cutoff) }).count()).total;
}

/** The summary of a firing that cleared everything due: full batches of 100, then a short one. */
const cleared = (due: number): PruneSummary => ({ deleted: due, batches: Math.ceil(due / 100), more: false });

function summaryOf(res: unknown): PruneSummary {
  expect(res).toMatchObject({ ok: true, data: { trigger: TRIGGER, replayed: false } });
  return (res as { data: { result: PruneSummary } }).data.result;
}

beforeAll(async () => {
  await ensureCollection(PROBE);
});

describe('pruneIdempotency in-process', () => {
  test('deletes records older than the retention as of firedAt; younger ones and other collections stay', async () => {
    const ev = timerEvent();
    const firedAt = Date.parse(ev.Time);
    const cutoff = firedAt - 30 * DAY;
    const tag = uniq('mnt-age');
    // Deleted: 400 days past the cutoff and 1 ms past it. Kept: exactly at it, a day old, and one from after firedAt.
    const [, , atCutoff, young, future] = await seed(tag, [cutoff - 400 * DAY, cutoff - 1, cutoff, firedAt - DAY, firedAt + DAY]);
    const probe = uniq('probe');
    await db().collection(PROBE).add({ data: { _id: probe, createdAt: cutoff - 400 * DAY } });
    const due = await dueCount(firedAt);
    expect(due).toBeGreaterThanOrEqual(2);

    const res = await fn.invoke(ev, asTimer(firedAt));
    expect(summaryOf(res)).toEqual(cleared(due));
    expect(await remaining(tag)).toEqual([atCutoff, young, future]);
    expect((await db().collection(PROBE).doc(probe).get()).data).toMatchObject({ _id: probe });

    const logged = logLines.find((l) => l.line.message === 'idempotency records pruned' && l.line.firingId === `${TRIGGER}@${new Date(firedAt).toISOString()}`);
    expect(logged?.level).toBe('info');
    expect(logged?.line).toMatchObject({ fn: 'maintenance', timer: TRIGGER, ...cleared(due), retentionDays: 30, cutoff: new Date(cutoff).toISOString() });
  });

  test('a late delivery (as a re-run after a failed one is) judges age by firedAt, not by its clock', async () => {
    const ev = timerEvent();
    const firedAt = Date.parse(ev.Time);
    const tag = uniq('mnt-late');
    const [, youngAtFiring] = await seed(tag, [firedAt - 31 * DAY, firedAt - 29 * DAY]);
    const due = await dueCount(firedAt);
    // Ten days late: by the clock the second record is 39 days old, by the firing 29.
    const res = await fn.invoke(ev, asTimer(firedAt, () => firedAt + 10 * DAY));
    expect(summaryOf(res)).toEqual(cleared(due));
    expect(await remaining(tag)).toEqual([youngAtFiring]);
  });

  test('nothing old: an empty summary, and its own firing record stays (it replays)', async () => {
    const ev = timerEvent();
    const firedAt = Date.parse(ev.Time);
    // Remove whatever earlier tests left below this cutoff, then fire again with nothing to do.
    await fn.invoke(timerEvent(new Date(firedAt - 1000).toISOString().replace('.000Z', 'Z')), asTimer(firedAt - 1000));
    expect(await dueCount(firedAt)).toBe(0);
    expect(summaryOf(await fn.invoke(ev, asTimer(firedAt)))).toEqual({ deleted: 0, batches: 0, more: false });
    expect((await idem().doc(firingKey('maintenance', TRIGGER, firedAt)).get()).data).toMatchObject({ status: 'done' });
  });

  test('works through more than one batch, oldest first', async () => {
    const ev = timerEvent();
    const firedAt = Date.parse(ev.Time);
    const tag = uniq('mnt-many');
    await seed(tag, Array.from({ length: 250 }, (_, i) => firedAt - 400 * DAY + i * 1000));
    const due = await dueCount(firedAt);
    expect(due).toBeGreaterThanOrEqual(250);

    const summary = summaryOf(await fn.invoke(ev, asTimer(firedAt)));
    expect(summary).toEqual(cleared(due));
    expect(summary.batches).toBeGreaterThanOrEqual(3);
    expect(await remaining(tag)).toEqual([]);
    expect(await dueCount(firedAt)).toBe(0);
  });

  test('stops at its batch budget with more:true, the oldest deleted first; the next firing finishes', async () => {
    const small = defineMaintenance({ prune: { maxBatches: 2 }, logSink: (level, line) => logLines.push({ level, line }) });
    const ev = timerEvent();
    const firedAt = Date.parse(ev.Time);
    const tag = uniq('mnt-budget');
    // Older than anything the other tests of this file leave behind (all dated 2003 on), so these go first.
    const ids = await seed(tag, Array.from({ length: 250 }, (_, i) => Date.UTC(1990, 0, 1) + i * 1000));

    const first = summaryOf(await small.invoke(ev, asTimer(firedAt)));
    expect(first).toEqual({ deleted: 200, batches: 2, more: true });
    expect(await remaining(tag)).toEqual(ids.slice(200));
    expect(logLines.some((l) => l.level === 'warn' && l.line.firingId === `${TRIGGER}@${new Date(firedAt).toISOString()}` && l.line.more === true)).toBe(true);

    // The next day's firing goes on where this one stopped.
    const next = timerEvent(new Date(firedAt + DAY).toISOString().replace('.000Z', 'Z'));
    const due = await dueCount(firedAt + DAY);
    expect(due).toBeGreaterThanOrEqual(50);
    expect(summaryOf(await small.invoke(next, asTimer(firedAt + DAY)))).toEqual(cleared(due));
    expect(await remaining(tag)).toEqual([]);
  });

  test('stops at its time budget (measured with the injected clock) with more:true', async () => {
    const ev = timerEvent();
    const firedAt = Date.parse(ev.Time);
    const tag = uniq('mnt-time');
    // Older than anything else left in the collection, so these go first.
    const ids = await seed(tag, Array.from({ length: 500 }, (_, i) => Date.UTC(1991, 0, 1) + i * 1000));
    // Every reading of the clock is 6 s later: batches start at +6, +12 and +18 s; at +24 s the
    // 20 s budget is spent.
    let t = firedAt;
    const summary = summaryOf(await fn.invoke(ev, asTimer(firedAt, () => (t += 6_000))));
    expect(summary).toEqual({ deleted: 300, batches: 3, more: true });
    expect(await remaining(tag)).toEqual(ids.slice(300));
    expect(PRUNE_DEFAULTS.budgetMs).toBeLessThan(MAINTENANCE_LEASE_MS / 2);
    // Clean up for the tests after this one.
    const cleanup = timerEvent();
    expect(summaryOf(await fn.invoke(cleanup, asTimer(Date.parse(cleanup.Time)))).more).toBe(false);
    expect(await remaining(tag)).toEqual([]);
  });

  test('a re-delivery of the same firing replays its summary and deletes nothing more', async () => {
    const ev = timerEvent();
    const firedAt = Date.parse(ev.Time);
    const tag = uniq('mnt-replay');
    await seed(tag, [firedAt - 100 * DAY, firedAt - 90 * DAY]);
    const due = await dueCount(firedAt);
    const first = await fn.invoke(ev, asTimer(firedAt));
    expect(summaryOf(first)).toEqual(cleared(due));

    // Old records that appear after the firing ran are the next firing's business, not a replay's.
    const later = await seed(uniq('mnt-replay-later'), [firedAt - 100 * DAY]);
    const again = await fn.invoke(ev, asTimer(firedAt, () => firedAt + 3_600_000));
    expect(again).toEqual({ ok: true, data: { ...(first as { data: object }).data, replayed: true } });
    expect((await idem().doc(later[0]).get()).data).toMatchObject({ _id: later[0] });
    expect(await remaining(tag)).toEqual([]);
  });

  test('retention comes from IDEMPOTENCY_RETENTION_DAYS; an invalid value deletes nothing', async () => {
    const saved = process.env.IDEMPOTENCY_RETENTION_DAYS;
    try {
      process.env.IDEMPOTENCY_RETENTION_DAYS = '1';
      const ev = timerEvent();
      const firedAt = Date.parse(ev.Time);
      const tag = uniq('mnt-ret');
      const [, halfDay] = await seed(tag, [firedAt - 2 * DAY, firedAt - DAY / 2]);
      const due = await dueCount(firedAt, 1);
      expect(summaryOf(await fn.invoke(ev, asTimer(firedAt)))).toEqual(cleared(due));
      expect(await remaining(tag)).toEqual([halfDay]);

      process.env.IDEMPOTENCY_RETENTION_DAYS = '0';
      const bad = timerEvent();
      const badAt = Date.parse(bad.Time);
      const tag2 = uniq('mnt-ret0');
      await seed(tag2, [badAt - 400 * DAY]);
      expect(await fn.invoke(bad, asTimer(badAt))).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(await remaining(tag2)).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.IDEMPOTENCY_RETENTION_DAYS;
      else process.env.IDEMPOTENCY_RETENTION_DAYS = saved;
    }
  });

  test('a firing dated ahead of the clock judges by the clock: its own record and records young by the clock stay', async () => {
    // A delivery 40 days before its Time (e.g. the dev route given a future `at`): by firedAt its
    // own claim (createdAt = now) would be older than 30 days.
    const ev = timerEvent();
    const firedAt = Date.parse(ev.Time);
    const now = firedAt - 40 * DAY;
    const tag = uniq('mnt-ahead');
    const [, youngByClock] = await seed(tag, [now - 31 * DAY, now - 20 * DAY]);
    const res = await fn.invoke(ev, asTimer(firedAt, () => now));
    expect(summaryOf(res).more).toBe(false);
    expect(await remaining(tag)).toEqual([youngByClock]);
    expect((await idem().doc(firingKey('maintenance', TRIGGER, firedAt)).get()).data).toMatchObject({ status: 'done', createdAt: now });
    expect(await fn.invoke(ev, asTimer(firedAt, () => now))).toMatchObject({ ok: true, data: { replayed: true } });
  });

  test('the mini-program has nothing to call: actions are unknown, a forged timer event is refused', async () => {
    expect(await maintenance.invoke({ action: 'pruneIdempotency', input: {} }, { openid: 'mallory', now: () => Date.UTC(2005, 0, 1) })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', details: { reason: 'request.unknown_action' } },
    });
    expect(await maintenance.invoke(timerEvent(), { openid: 'mallory', now: () => Date.UTC(2005, 0, 1) })).toMatchObject({
      ok: false,
      error: { code: 'permission-denied', details: { reason: 'timer.not_a_timer_call' } },
    });
  });
});

describe('pruneIdempotency end to end (the built bundle in the globalSetup emulator)', () => {
  async function fire(at: string): Promise<{ status: number; body: any }> {
    const res = await fetch(`${process.env.EMULATOR_URL}/dev/functions/maintenance/triggers/${TRIGGER}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at }),
    });
    return { status: res.status, body: await res.json() };
  }

  test('a firing deletes the old records and keeps the young; firing it again replays', async () => {
    // The bundle's clock is the real one (later than `at`), so the cutoff is at − 30 days (the default).
    const at = '2004-06-01T19:30:00.000Z';
    const firedAt = Date.parse(at);
    const tag = uniq('mnt-e2e');
    const [, young] = await seed(tag, [firedAt - 31 * DAY, firedAt - 29 * DAY]);
    const due = await dueCount(firedAt);
    expect(due).toBeGreaterThanOrEqual(1);

    const first = await fire(at);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      ok: true,
      data: {
        function: 'maintenance',
        trigger: TRIGGER,
        event: { Type: 'Timer', TriggerName: TRIGGER, Time: '2004-06-01T19:30:00Z', Message: '' },
        result: { ok: true, data: { trigger: TRIGGER, firedAt, replayed: false, result: cleared(due) } },
      },
    });
    expect(await remaining(tag)).toEqual([young]);

    const again = await fire(at);
    expect(again.body.data.result).toEqual({ ok: true, data: { ...first.body.data.result.data, replayed: true } });
  }, 30_000);
});

describe('deploy files', () => {
  const dir = path.resolve(__dirname, '../../../cloudfunctions/maintenance');
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));

  test('package.json lists only wx-server-sdk; config.json has the daily trigger, the variable and a timeout matching the lease', () => {
    expect(read('package.json').dependencies).toEqual({ 'wx-server-sdk': '4.0.2' });
    const config = read('config.json');
    expect(config.triggers).toEqual([{ name: TRIGGER, type: 'timer', config: '0 30 3 * * * *' }]);
    expect(config.environment).toEqual(['IDEMPOTENCY_RETENTION_DAYS']);
    expect(config.permissions).toEqual({ openapi: [] });
    expect(config.timeout * 1000).toBe(MAINTENANCE_LEASE_MS);
  });
});
