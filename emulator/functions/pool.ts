// Warm worker pool: N long-lived forked worker hosts (N = pool size, the cores: runner-throughput
// §7), one invocation per worker at a time, a FIFO queue in the parent.
//
// Nested calls (function A awaits cloud.callFunction(B)) cannot wait in that queue: A holds its
// worker until B answers, so with every base worker held by a caller the queue would never move.
// A nested job therefore goes first in the queue, and when no worker is idle the pool forks an
// EXTRA worker for it (up to maxExtraWorkers), which serves nested jobs only and retires after
// being idle for a while. Plain traffic stays on the base workers, so the pool size keeps meaning
// "processes competing for the cores".
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import type { ChildMessage, InvokeMessage } from './protocol';

export interface PoolOptions {
  size: number;
  /** The bundled worker host (dist/worker-host.js). */
  script: string;
  /** Full environment of every worker: static CloudBase variables included. */
  env: NodeJS.ProcessEnv;
  maxExtraWorkers?: number;
  /** ms an extra worker may stay idle before it is stopped. */
  extraIdleMs?: number;
}

export type JobOutcome =
  | { kind: 'ok'; json: string }
  | { kind: 'threw'; message: string; stack?: string }
  | { kind: 'timeout'; ms: number }
  | { kind: 'crashed'; message: string };

export interface Job {
  msg: InvokeMessage;
  timeoutMs: number;
  nested: boolean;
}

interface PendingJob extends Job {
  resolve(outcome: JobOutcome): void;
}

interface Worker {
  child: ChildProcess;
  extra: boolean;
  ready: boolean;
  job?: PendingJob;
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
  /** Killed on purpose (timeout, retire, close): respawn without backoff, or not at all. */
  intentional?: 'timeout' | 'retire' | 'close';
}

const BACKOFF_FIRST_MS = 100;
const BACKOFF_MAX_MS = 5_000;
const START_TIMEOUT_MS = 30_000;

export class WorkerPool {
  private readonly workers = new Set<Worker>();
  private readonly queue: PendingJob[] = [];
  private closed = false;
  /** Consecutive worker deaths that were not asked for; drives the respawn backoff. */
  private failures = 0;
  private readyWaiters: Array<() => void> = [];

  constructor(private readonly opts: PoolOptions) {}

  /** Forks the base workers and waits until they are warm (wx-server-sdk loaded). */
  async start(): Promise<void> {
    if (!fs.existsSync(this.opts.script)) {
      throw new Error(`function runner: worker host ${this.opts.script} is missing; run \`npm run build\` first`);
    }
    for (let i = 0; i < this.opts.size; i++) this.spawn(false);
    await new Promise<void>((resolve, reject) => {
      // A host that cannot start keeps dying (and is respawned with backoff): give up loudly.
      const timer = setTimeout(() => reject(new Error(`function runner: workers not ready after ${START_TIMEOUT_MS} ms (see their stderr above)`)), START_TIMEOUT_MS);
      const check = () => {
        if ([...this.workers].filter((w) => !w.extra && w.ready).length < this.opts.size) return void this.readyWaiters.push(check);
        clearTimeout(timer);
        resolve();
      };
      check();
    });
  }

  run(job: Job): Promise<JobOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'crashed', message: 'the function runner is closed' });
    return new Promise((resolve) => {
      const pending: PendingJob = { ...job, resolve };
      if (job.nested) {
        // Ahead of plain jobs, behind earlier nested ones: inner calls unblock their callers.
        const firstPlain = this.queue.findIndex((j) => !j.nested);
        this.queue.splice(firstPlain < 0 ? this.queue.length : firstPlain, 0, pending);
      } else {
        this.queue.push(pending);
      }
      this.dispatch();
    });
  }

  stats(): { base: number; extra: number; busy: number; queued: number } {
    const all = [...this.workers];
    return {
      base: all.filter((w) => !w.extra).length,
      extra: all.filter((w) => w.extra).length,
      busy: all.filter((w) => w.job).length,
      queued: this.queue.length,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve({ kind: 'crashed', message: 'the function runner is closed' });
    const exits = [...this.workers].map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve();
          w.child.once('exit', () => resolve());
          this.kill(w, 'close');
        }),
    );
    await Promise.all(exits);
  }

  private dispatch(): void {
    while (this.queue.length) {
      const job = this.queue[0];
      const worker = this.idleWorker(job.nested);
      if (!worker && job.nested && this.extraCount() < (this.opts.maxExtraWorkers ?? 8) && !this.extraStarting()) {
        this.spawn(true); // dispatch runs again when it is ready
      }
      if (!worker) return;
      this.queue.shift();
      this.assign(worker, job);
    }
  }

  private idleWorker(nested: boolean): Worker | undefined {
    let found: Worker | undefined;
    for (const w of this.workers) {
      if (!w.ready || w.job || w.intentional) continue;
      if (w.extra && !nested) continue;
      // Prefer a base worker; an extra one only when no base worker is free.
      if (!w.extra) return w;
      found ??= w;
    }
    return found;
  }

  private extraCount(): number {
    return [...this.workers].filter((w) => w.extra).length;
  }

  private extraStarting(): boolean {
    return [...this.workers].some((w) => w.extra && !w.ready);
  }

  private assign(w: Worker, job: PendingJob): void {
    if (w.idleTimer) clearTimeout(w.idleTimer);
    w.job = job;
    w.timer = setTimeout(() => {
      // A function past its time limit may be stuck in a loop: only a kill gets the worker back.
      this.finish(w, { kind: 'timeout', ms: job.timeoutMs });
      this.kill(w, 'timeout');
    }, job.timeoutMs);
    w.child.send(job.msg);
  }

  private finish(w: Worker, outcome: JobOutcome): void {
    const job = w.job;
    if (!job) return;
    clearTimeout(w.timer);
    w.job = undefined;
    job.resolve(outcome);
  }

  private spawn(extra: boolean): void {
    if (this.closed) return;
    const child = fork(this.opts.script, [], {
      env: this.opts.env,
      // Never inherit the parent's flags (jest's, --inspect, --cpu-prof…): runner-throughput §2.
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const w: Worker = { child, extra, ready: false };
    this.workers.add(w);
    child.on('message', (msg: ChildMessage) => this.onMessage(w, msg));
    child.on('error', () => {
      // 'exit' follows (or the fork failed outright); both paths end in onExit.
      if (child.exitCode === null && child.signalCode === null && !child.connected) this.onExit(w, null, null);
    });
    child.on('exit', (code, signal) => this.onExit(w, code, signal));
  }

  private onMessage(w: Worker, msg: ChildMessage): void {
    if (msg.type === 'ready') {
      w.ready = true;
      this.failures = 0;
      if (w.extra) this.armIdle(w);
      const waiters = this.readyWaiters.splice(0);
      waiters.forEach((fn) => fn());
      this.dispatch();
      return;
    }
    if (msg.type === 'result' && w.job && w.job.msg.id === msg.id) {
      this.finish(w, msg.ok ? { kind: 'ok', json: msg.json } : { kind: 'threw', message: msg.message, stack: msg.stack });
      if (w.extra) this.armIdle(w);
      this.dispatch();
    }
  }

  private armIdle(w: Worker): void {
    if (w.idleTimer) clearTimeout(w.idleTimer);
    w.idleTimer = setTimeout(() => {
      if (!w.job) this.kill(w, 'retire');
    }, this.opts.extraIdleMs ?? 10_000);
    w.idleTimer.unref();
  }

  private kill(w: Worker, why: NonNullable<Worker['intentional']>): void {
    w.intentional ??= why;
    w.child.kill('SIGKILL');
  }

  private onExit(w: Worker, code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.workers.delete(w)) return;
    clearTimeout(w.timer);
    if (w.idleTimer) clearTimeout(w.idleTimer);
    if (w.job) this.finish(w, { kind: 'crashed', message: `the function's process exited (${signal ?? `code ${code}`}) during the invocation` });
    if (this.closed || w.intentional === 'retire') return this.dispatch();
    if (w.extra && w.intentional !== 'timeout') {
      // Extras are forked on demand; a nested job still waiting will fork a new one.
      if (!w.intentional) this.failures++;
      return this.later(() => this.dispatch());
    }
    if (w.intentional === 'timeout') {
      if (!w.extra) this.spawn(false);
      return this.dispatch();
    }
    // Unasked death: respawn, but never in a tight loop (a broken host dies at once every time).
    this.failures++;
    this.later(() => this.spawn(false));
  }

  private later(fn: () => void): void {
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, this.failures - 1));
    setTimeout(() => {
      if (!this.closed) fn();
    }, delay).unref();
  }
}
