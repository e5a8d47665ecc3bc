// Composition of the local CloudBase: storage + admin wire protocol + function runner + gateway.
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { collections as defaultCollections, CollectionSpec } from '../database';
import { openDatabase, EmulatorDatabase } from './db';
import { createFunctionRunner, FunctionRunner } from './functions';
import type { Clock, TimerLog } from './functions/timers';
import { TIMER_ROUTE_KEY, timerDevRoute } from './functions/timers-route';
import { createOpenApi } from './openapi';
import { Outbox } from './openapi/outbox';
import { SubscriptionLedger, type SubscriptionMode } from './openapi/subscriptions';
import { subscriptionDevRoutes } from './openapi/subscriptions-route';
import { createHttpFront, DevRoute, Gateway, HttpFrontOptions } from './http';
import { RequestLog } from './request-log';
import { DEFAULT_SEC_CHECK_WORDS } from './openapi/sec-check-words';
import { projectRoot } from './paths';
import { openStorage, EmulatorStorage } from './storage';
import { devKeyEnv } from './dev-keys';

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Directory of the persistent store; null keeps everything in memory (tests). */
  dataDir: string | null;
  /** Wipe the data directory first. */
  reset?: boolean;
  /** Serve the mini-program's function gateway and the dev routes (never in production-like runs). */
  dev?: boolean;
  /** Where the built functions are (cloudfunctions/<name>/index.js). */
  functionsRoot?: string;
  /** Warm worker processes; default: number of cores. 0 disables the function runner. */
  poolSize?: number;
  envName?: string;
  /**
   * Environment variables every function sees (configuration such as ADMIN_OPENIDS). PII_KEYS and
   * PII_HMAC_KEY default to the data directory's dev keys (dev-keys.ts); set here, they win.
   */
  functionEnv?: Record<string, string>;
  /** Words that make security.msgSecCheck reject a text. */
  secCheckWords?: string[];
  /** 'strict': subscribeMessage.send needs the user's grant (POST /dev/subscriptions), else errcode 43101; default 'open'. */
  subscriptions?: SubscriptionMode;
  /** Size limit of one stored file (COS-style PUT and dev upload); default 50 MB. */
  maxUploadBytes?: number;
  collections?: CollectionSpec[];
  /** Create a collection on first write instead of answering DATABASE_COLLECTION_NOT_EXIST. */
  autoCreateCollections?: boolean;
  /** Print one line per request. */
  echo?: (line: string) => void;
  /** Give a callee of cloud.callFunction the caller's OPENID (UNVERIFIED on CloudBase; off by default). */
  propagateOpenIdToCallee?: boolean;
  /** Fire the functions' config.json timer triggers on schedule (China time); off by default so tests stay deterministic. */
  timers?: boolean;
  /** The timers' clock and log (tests); default the system clock and the console. */
  timerClock?: Clock;
  timerLog?: TimerLog;
}

export interface RunningEmulator {
  url: string;
  adminUrl: string;
  port: number;
  envName: string;
  dataDir: string | null;
  db: EmulatorDatabase;
  runner: FunctionRunner | null;
  outbox: Outbox;
  subscriptions: SubscriptionLedger;
  storage: EmulatorStorage;
  close(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const envName = opts.envName ?? 'local-env';
  const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : null;
  if (dataDir) prepareDataDir(dataDir, !!opts.reset);
  const functionEnv = { ...devKeyEnv(dataDir), ...opts.functionEnv };
  const subscriptions = new SubscriptionLedger(opts.subscriptions ?? 'open', dataDir ? path.join(dataDir, 'subscriptions.json') : null);

  const db = openDatabase({
    dataDir,
    collections: opts.collections ?? defaultCollections,
    autoCreateCollections: opts.autoCreateCollections ?? false,
  });
  const outbox = new Outbox(dataDir ? path.join(dataDir, 'outbox.jsonl') : null);
  const openApi = createOpenApi({ outbox, secCheckWords: opts.secCheckWords ?? DEFAULT_SEC_CHECK_WORDS, subscriptions });
  const log = new RequestLog(dataDir ? path.join(dataDir, 'requests.jsonl') : null, opts.echo);
  let storage: EmulatorStorage;
  try {
    storage = openStorage({ dataDir, envName, dev: !!opts.dev, log, maxFileBytes: opts.maxUploadBytes });
  } catch (e) {
    db.close();
    outbox.close();
    log.close();
    throw e;
  }

  // Read per request, so the runner's actions and the gateway can be added once it is up.
  const front: HttpFrontOptions = {
    actions: { ...db.actions, ...openApi.actions, ...storage.actions },
    resolveCaller: (token) => runner?.resolveCaller(token),
    streamRoutes: storage.routes,
    log,
  };
  const server = createHttpFront(front);
  let runner: FunctionRunner | null = null;
  const closeAll = async () => {
    await runner?.close();
    if (server.listening) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
    db.close();
    outbox.close();
    log.close();
    storage.close();
  };

  let port: number;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    const poolSize = opts.poolSize ?? defaultPoolSize();
    if (poolSize > 0) {
      runner = createFunctionRunner({
        functionsRoot: opts.functionsRoot ?? path.join(projectRoot(), 'cloudfunctions'),
        adminUrl: `http://${host}:${port}/admin`,
        envName,
        poolSize,
        functionEnv,
        propagateOpenIdToCallee: opts.propagateOpenIdToCallee,
        timerClock: opts.timerClock,
        timerLog: opts.timerLog,
      });
      await runner.start();
    }
  } catch (e) {
    // Leave nothing open (the store's file lock, the port) when start-up fails half-way.
    await closeAll();
    throw e;
  }
  const url = `http://${host}:${port}`;
  storage.setBaseUrl(url);
  const adminUrl = `${url}/admin`;
  Object.assign(front.actions, runner?.actions ?? {});
  if (opts.dev) {
    front.gateway = runner?.gateway ?? runnerOff;
    front.devRoutes = devRoutes(outbox);
    front.devRoutes[TIMER_ROUTE_KEY] = timerDevRoute(runner);
  }
  front.devRoutes = { ...front.devRoutes, ...subscriptionDevRoutes(subscriptions, !!opts.dev) };
  // Last, once every action and route is wired: a firing may call back into any of them.
  if (opts.timers) runner?.timers.start();

  return {
    url,
    adminUrl,
    port,
    envName,
    dataDir,
    db,
    runner,
    outbox,
    subscriptions,
    storage,
    close: closeAll,
  };
}

const runnerOff: Gateway = async () => ({
  status: 503,
  body: { ok: false, error: { code: 'internal', message: 'the function runner is off (--pool 0)', details: { reason: 'function.runner_off' } } },
});

function devRoutes(outbox: Outbox): Record<string, DevRoute> {
  return {
    'GET /dev/outbox': async () => ({ status: 200, body: { ok: true, data: outbox.list() } }),
    'DELETE /dev/outbox': async () => {
      outbox.clear();
      return { status: 200, body: { ok: true } };
    },
  };
}

function prepareDataDir(dir: string, reset: boolean): void {
  try {
    if (reset) fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new Error(`cannot use data directory ${dir}: ${err.code ?? ''} ${err.message}`.trim());
  }
  if (!fs.statSync(dir).isDirectory()) throw new Error(`cannot use data directory ${dir}: it is not a directory`);
}

function defaultPoolSize(): number {
  return Math.max(1, require('node:os').availableParallelism?.() ?? require('node:os').cpus().length);
}
