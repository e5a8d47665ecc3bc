// Timer triggers: fires each built function's config.json `triggers` (type timer, 7-field cron in
// China time: cron.ts) through the runner's normal invoke path, so the pool, the time limit and
// the per-invocation token are the same as for any other call.
//
// Overlap: on CloudBase a timer is an asynchronous Invoke, so a firing still running when the next
// one is due gets a second instance and both run (up to the function's concurrency limit), and a
// failed async invocation may be retried by the platform. Here a SCHEDULED firing is skipped
// (and logged) while an earlier firing of the same trigger still runs: a small local pool must not
// fill up with an every-second trigger stuck on a slow function. Functions must be idempotent
// either way. A firing asked for by hand (dev route, fireTimer) always runs. No retries.
//
// The clock is injectable: tests move a fake clock and see exactly which seconds fire.
import fs from 'node:fs';
import path from 'node:path';
import { CHINA_OFFSET_MS, cronMatches, parseCron, type CronSchedule } from './cron';
import { findFunction, readFunctionConfig } from './function-config';
import { InvocationError } from './invocation-error';
import { timerEvent, type TimerEvent } from './timers-env';

export interface Clock {
  now(): number;
  /** Calls fn once after ms of this clock's time; returns a cancel function. */
  setTimer(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref(); // the HTTP server keeps the emulator alive, not the timer
    return () => clearTimeout(t);
  },
};

export interface TimerTrigger {
  functionName: string;
  name: string;
  config: string;
  schedule: CronSchedule;
}

export type TimerLog = (line: string, level: 'info' | 'error') => void;

const defaultLog: TimerLog = (line, level) => (level === 'error' ? console.error(line) : console.log(line));

/** A laptop that slept for an hour should not replay an hour of every-second firings. */
const MAX_CATCH_UP_MS = 60_000;

const cache = new Map<string, { mtime: number; triggers: TimerTrigger[] }>();

/** The timer triggers of every built function under root (re-read when a config.json changes). */
export function listTimerTriggers(root: string, log: TimerLog = defaultLog): TimerTrigger[] {
  let names: string[];
  try {
    names = fs.readdirSync(root).sort();
  } catch {
    return [];
  }
  const out: TimerTrigger[] = [];
  for (const name of names) {
    // Built functions only (names come from readdir, so they cannot escape root).
    if (!isFile(path.join(root, name, 'index.js'))) continue;
    const file = path.join(root, name, 'config.json');
    let mtime: number;
    try {
      mtime = fs.statSync(file).mtimeMs;
    } catch {
      continue; // no config.json: no triggers
    }
    let entry = cache.get(file);
    if (!entry || entry.mtime !== mtime) {
      entry = { mtime, triggers: [] };
      try {
        const config = readFunctionConfig(file);
        entry.triggers = config.triggers.map((t) => ({ functionName: name, name: t.name, config: t.config, schedule: parseCron(t.config) }));
      } catch (e) {
        // The deploy refuses this file; locally the function's triggers are off until it is fixed.
        log(`[timer] ${name}: triggers off, ${(e as Error).message}`, 'error');
      }
      cache.set(file, entry);
    }
    out.push(...entry.triggers);
  }
  return out;
}

/** The triggers that fire at the second of `at`. */
export function dueTriggers(triggers: TimerTrigger[], at: Date): TimerTrigger[] {
  return triggers.filter((t) => cronMatches(t.schedule, at));
}

export interface TimerServiceOptions {
  root: string;
  /** Runs one firing as a timer invocation; resolves with the function's value, rejects with InvocationError. */
  invoke(functionName: string, event: TimerEvent): Promise<unknown>;
  clock?: Clock;
  log?: TimerLog;
}

export class TimerService {
  private readonly clock: Clock;
  private readonly log: TimerLog;
  private readonly running = new Map<string, number>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private cancel?: () => void;
  private lastSecond = 0;

  constructor(private readonly opts: TimerServiceOptions) {
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? defaultLog;
  }

  /** Starts firing on schedule, from the next whole second on. */
  start(): void {
    if (this.cancel) return;
    this.lastSecond = floorSecond(this.clock.now());
    this.arm();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  get started(): boolean {
    return !!this.cancel;
  }

  triggers(): TimerTrigger[] {
    return listTimerTriggers(this.opts.root, this.log);
  }

  /** Fires a trigger now (by hand): rejects with InvocationError 'not-found' for an unknown function or trigger. */
  fire(functionName: string, triggerName: string, at: Date = new Date(this.clock.now())): Promise<unknown> {
    if (!findFunction(this.opts.root, functionName)) {
      return Promise.reject(new InvocationError('not-found', `function "${functionName}" does not exist in ${this.opts.root}`, functionName));
    }
    const trigger = this.triggers().find((t) => t.functionName === functionName && t.name === triggerName);
    if (!trigger) {
      return Promise.reject(new InvocationError('not-found', `function "${functionName}" has no timer trigger "${triggerName}" in its config.json`, functionName));
    }
    return this.run(trigger, at, 'by hand');
  }

  /** Resolves when every firing started so far has finished (tests). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private arm(): void {
    const now = this.clock.now();
    this.cancel = this.clock.setTimer(floorSecond(now) + 1000 - now, () => this.tick());
  }

  private tick(): void {
    const now = floorSecond(this.clock.now());
    let from = this.lastSecond + 1000;
    if (now - from > MAX_CATCH_UP_MS) {
      this.log(`[timer] the clock jumped ${Math.round((now - from) / 1000)} s: firings in between are skipped`, 'error');
      from = now;
    }
    // A timer that ran a little early (now == lastSecond) evaluates nothing and re-arms.
    if (from <= now) {
      const triggers = this.triggers();
      for (let s = from; s <= now; s += 1000) {
        for (const t of dueTriggers(triggers, new Date(s))) this.scheduled(t, new Date(s));
      }
      this.lastSecond = now;
    }
    this.arm();
  }

  private scheduled(t: TimerTrigger, at: Date): void {
    if (this.running.get(key(t))) {
      this.log(`[timer] ${key(t)} at ${china(at)}: skipped, the previous firing is still running`, 'info');
      return;
    }
    // Failures are logged by run(); a scheduled firing has nobody else to tell.
    this.run(t, at, 'on schedule').catch(() => undefined);
  }

  private run(t: TimerTrigger, at: Date, how: string): Promise<unknown> {
    const k = key(t);
    this.running.set(k, (this.running.get(k) ?? 0) + 1);
    const started = Date.now();
    const p = this.opts.invoke(t.functionName, timerEvent(t.name, at)).then(
      (value) => {
        this.log(`[timer] ${k} (${t.config}) at ${china(at)} ${how}: ok in ${Date.now() - started} ms`, 'info');
        return value;
      },
      (err: unknown) => {
        const why = err instanceof InvocationError ? `${err.reason}: ${err.message}` : String((err as Error)?.message ?? err);
        this.log(`[timer] ${k} (${t.config}) at ${china(at)} ${how}: FAILED after ${Date.now() - started} ms, ${why}`, 'error');
        throw err;
      },
    );
    const tracked = p.finally(() => {
      const n = (this.running.get(k) ?? 1) - 1;
      if (n > 0) this.running.set(k, n);
      else this.running.delete(k);
      this.inFlight.delete(tracked);
    });
    tracked.catch(() => undefined);
    this.inFlight.add(tracked);
    return p;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function key(t: TimerTrigger): string {
  return `${t.functionName}/${t.name}`;
}

function floorSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** "2025-01-31 23:59:59 UTC+8": logs speak the time zone the cron is written in. */
export function china(at: Date): string {
  return `${new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')} UTC+8`;
}
