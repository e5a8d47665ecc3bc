// kill -9 in the middle of a write load: every acknowledged write is on disk afterwards, and no
// transaction is half applied.
import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { openDatabase } from '../../../emulator/db';
import { nodeSdk, tmpDir } from './helpers';

const root = path.resolve(__dirname, '../../..');
let bundle: string;
let work: string;

beforeAll(async () => {
  work = tmpDir('kill9');
  bundle = path.join(work, 'emulator-child.js');
  await build({ entryPoints: [path.join(__dirname, 'fixtures/emulator-child.ts')], bundle: true, platform: 'node', packages: 'external', outfile: bundle, logLevel: 'silent' });
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function startChild(dataDir: string): Promise<{ child: ChildProcess; adminUrl: string }> {
  const child = spawn(process.execPath, [bundle, dataDir], { env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /ADMIN (\S+)/.exec(out);
      if (m) resolve({ child, adminUrl: m[1] });
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
  });
}

test('no acknowledged insert or transaction is lost or half applied after SIGKILL', async () => {
  const dataDir = path.join(work, 'data');
  const { child, adminUrl } = await startChild(dataDir);
  const db = nodeSdk(adminUrl).database();
  const acked = { inserts: [] as string[], txs: [] as string[] };
  let stop = false;
  const chain = async (c: number) => {
    for (let n = 0; !stop; n++) {
      try {
        if (n % 5 === 4) {
          const key = `${c}-${n}`;
          const t = await db.startTransaction();
          await t.collection('pairs').add({ _id: `a-${key}`, side: 'a' });
          await t.collection('pairs').add({ _id: `b-${key}`, side: 'b' });
          await t.commit();
          acked.txs.push(key);
        } else {
          await db.collection('inserts').add({ _id: `i-${c}-${n}`, n });
          acked.inserts.push(`i-${c}-${n}`);
        }
      } catch {
        return; // the server is gone
      }
    }
  };
  // Collections exist before the load starts, so every write below is a plain insert.
  await db.collection('inserts').add({ _id: 'seed' });
  await db.collection('pairs').add({ _id: 'seed' });
  const chains = Promise.all(Array.from({ length: 8 }, (_x, c) => chain(c)));
  await new Promise((r) => setTimeout(r, 1200));
  child.kill('SIGKILL');
  stop = true;
  await chains;
  expect(acked.inserts.length).toBeGreaterThan(50);
  expect(acked.txs.length).toBeGreaterThan(5);

  const store = openDatabase({ dataDir, collections: [], autoCreateCollections: false });
  try {
    const ins = store.store.get('inserts')!;
    const pairs = store.store.get('pairs')!;
    const missing = acked.inserts.filter((id) => !store.engine.findById(ins, id));
    expect(missing).toEqual([]);
    for (const key of acked.txs) {
      expect(store.engine.findById(pairs, `a-${key}`)).not.toBeNull();
      expect(store.engine.findById(pairs, `b-${key}`)).not.toBeNull();
    }
    // Atomicity also for transactions that were in flight: every pair is whole or absent.
    const ids = new Set(store.engine.all(pairs).map((d) => String(d._id)));
    for (const id of ids) {
      if (id === 'seed') continue;
      const other = id.startsWith('a-') ? `b-${id.slice(2)}` : `a-${id.slice(2)}`;
      expect(ids.has(other)).toBe(true);
    }
  } finally {
    store.close();
  }
}, 30_000);
