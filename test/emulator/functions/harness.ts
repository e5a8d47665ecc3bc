// Starts an emulator over the fixture functions for runner and openapi tests. The worker host is
// rebuilt when its sources are newer than dist/worker-host.js, so a test run never exercises a
// stale host (`npm test` builds it anyway).
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { startEmulator, EmulatorOptions, RunningEmulator } from '../../../emulator/emulator';
import { projectRoot } from '../../../emulator/paths';

export const FIXTURES = path.join(projectRoot(), 'test', 'fixtures', 'functions');

export function ensureWorkerHost(): void {
  const root = projectRoot();
  const out = path.join(root, 'dist', 'worker-host.js');
  const srcDir = path.join(root, 'emulator', 'functions');
  const newest = Math.max(...fs.readdirSync(srcDir).map((f) => fs.statSync(path.join(srcDir, f)).mtimeMs));
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= newest) return;
  buildSync({
    entryPoints: [path.join(srcDir, 'worker-host.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'error',
  });
}

export async function startFixtureEmulator(opts: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  ensureWorkerHost();
  return startEmulator({ dataDir: null, dev: true, poolSize: 2, functionsRoot: FIXTURES, ...opts });
}

/** POST /functions/<name> like the mini-program's emulator transport. */
export async function callGateway(
  emu: RunningEmulator,
  name: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emu.url}/functions/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** A raw admin request, as node-sdk sends it (no caller token: an outside caller). */
export async function callAdmin(emu: RunningEmulator, body: Record<string, unknown>): Promise<any> {
  const res = await fetch(emu.adminUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return res.json();
}

export function invokeAdmin(emu: RunningEmulator, name: string, data: unknown): Promise<any> {
  return callAdmin(emu, { action: 'functions.invokeFunction', function_name: name, request_data: JSON.stringify(data) });
}
