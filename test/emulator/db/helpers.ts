// Shared setup for the db tests: an emulator on an in-memory or tmp store, the real node-sdk on it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startEmulator, RunningEmulator } from '../../../emulator/emulator';
import type { CollectionSpec } from '../../../database';
import { sdkEnv } from '../../../emulator/sdk-env';

export async function startDbEmulator(opts: { dataDir?: string | null; collections?: CollectionSpec[]; autoCreateCollections?: boolean } = {}): Promise<RunningEmulator> {
  return startEmulator({ dataDir: opts.dataDir ?? null, poolSize: 0, collections: opts.collections, autoCreateCollections: opts.autoCreateCollections });
}

export function nodeSdk(adminUrl: string) {
  Object.assign(process.env, sdkEnv(adminUrl));
  return tcb.init({ env: 'local-env', secretId: 'x', secretKey: 'y', serviceUrl: adminUrl, timeout: 30_000 });
}

export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `emu-db-${prefix}-`));
}

export async function rawCall(adminUrl: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${adminUrl}?env=local-env`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** An in-memory emulator and wx-server-sdk pointed at it, initialised as a cloud function does. */
export async function startWxSdk(): Promise<{ emu: RunningEmulator; cloud: any; db: any; _: any }> {
  const emu = await startDbEmulator();
  Object.assign(process.env, sdkEnv(emu.adminUrl));
  const cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  const db = cloud.database();
  return { emu, cloud, db, _: db.command };
}
