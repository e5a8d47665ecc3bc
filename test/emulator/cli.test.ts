// The emulator's command line as `npm start` and other tools use it: a real process, its output,
// its data directory, and a clean stop on SIGTERM.
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';

const CLI = path.resolve(__dirname, '../../dist/emulator.js');

interface Started {
  child: ChildProcess;
  output: () => string;
  adminUrl: string;
}

// Every emulator a test starts, killed after the test whatever it asserted: one left running would
// keep jest from exiting.
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});

function startCli(args: string[]): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--quiet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/admin endpoint\s+(http:\/\/127\.0\.0\.1:\d+\/admin)/);
      // Ready when the URLs are printed and, with --seed, the seed report too.
      if (m && (!args.includes('--seed') || /seed: /.test(out))) resolve({ child, output: () => out, adminUrl: m[1] });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code} before it was ready:\n${out}`)));
    setTimeout(() => reject(new Error(`emulator not ready after 20 s:\n${out}`)), 20_000).unref();
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('emulator CLI', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-cli-'));
  });

  test('prints where things are, seeds the demo community once, logs requests, stops cleanly on SIGTERM', async () => {
    const first = await startCli(['--data', dataDir, '--seed', '--dev', '--pool', '1']);
    expect(first.output()).toMatch(/function gateway\s+http:\/\/127\.0\.0\.1:\d+\/functions\/<name>/);
    expect(first.output()).toContain(`data directory   ${dataDir}`);
    expect(first.output()).toMatch(/seed: demo community "demo-community"/);
    expect(first.output()).toContain('demo-admin');

    const app = tcb.init({ env: 'local-env', secretId: 'x', secretKey: 'y', serviceUrl: first.adminUrl } as Parameters<typeof tcb.init>[0]);
    const { data } = await app.database().collection('users').doc('demo-resident').get();
    expect(data[0]).toMatchObject({ displayName: '张阿姨' });

    const stopped = exited(first.child);
    first.child.kill('SIGTERM');
    expect(await stopped).toBe(0);
    expect(first.output()).toContain('emulator stopped.');
    const log = fs.readFileSync(path.join(dataDir, 'requests.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(log.some((e) => e.action === 'database.insertDocument' && e.collection === 'wishes')).toBe(true);

    // Restart on the same directory: the data is there and the seed is not applied twice.
    const second = await startCli(['--data', dataDir, '--seed', '--pool', '0']);
    expect(second.output()).toMatch(/seed: skipped, the database already has \d+ communities/);
    const stopped2 = exited(second.child);
    second.child.kill('SIGTERM');
    expect(await stopped2).toBe(0);
  }, 60_000);

  test('refuses a data directory it cannot open, saying why', async () => {
    const file = path.join(dataDir, 'not-a-dir');
    fs.writeFileSync(file, 'x');
    const child = spawn(process.execPath, [CLI, '--port', '0', '--data', file, '--pool', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    expect(await exited(child)).toBe(1);
    expect(err).toContain(file);
    expect(err).toMatch(/cannot use data directory/);
  }, 30_000);

  test('--max-upload limits the size of a stored file', async () => {
    const emu = await startCli(['--data', dataDir, '--dev', '--pool', '0', '--max-upload', '1']);
    try {
      const url = emu.adminUrl.replace(/\/admin$/, '');
      const send = (bytes: number) => {
        const fd = new FormData();
        fd.append('cloudPath', `big-${bytes}.bin`);
        fd.append('file', new Blob([Buffer.alloc(bytes, 1)]), 'f.bin');
        return fetch(`${url}/dev/upload`, { method: 'POST', body: fd, headers: { 'x-wx-openid': 'resident-1' } });
      };
      expect((await send(1024 * 1024 - 1024)).status).toBe(200);
      const big = await send(1024 * 1024 + 1);
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ ok: false, error: { details: { reason: 'storage.too_large' } } });
    } finally {
      const stopped = exited(emu.child);
      emu.child.kill('SIGTERM');
      await stopped;
    }
  }, 30_000);

  test('rejects bad options with the usage', async () => {
    const child = spawn(process.execPath, [CLI, '--port', 'abc', '--pool', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    expect(await exited(child)).toBe(1);
    expect(err).toMatch(/--port must be an integer/);
    const child2 = spawn(process.execPath, [CLI, '--max-upload', '0', '--pool', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err2 = '';
    child2.stderr!.on('data', (c: Buffer) => (err2 += c.toString()));
    expect(await exited(child2)).toBe(1);
    expect(err2).toMatch(/--max-upload must be an integer from 1 to 1024/);
  }, 30_000); // two CLI start-ups: about 1.5 s each, over 5 s on a loaded 2-core machine
});
