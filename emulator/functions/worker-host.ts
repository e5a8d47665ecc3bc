// A warm worker: a long-lived child process that runs one cloud-function invocation at a time.
// The static environment (admin URL, dummy credentials, SCF mode) comes from the fork; the
// caller's identity is swapped into process.env per invocation because wx-server-sdk's
// getWXContext() and node-sdk read process.env at call time (wire reference §2.4, P10).
// Bundled by scripts/build.mjs to dist/worker-host.js.
import path from 'node:path';
import type { ChildMessage, InvokeMessage, ParentMessage } from './protocol';

// A plain copy of the environment, before anything reads it: node-sdk reads some 25 variables
// several times per database request (getCloudbaseContext), and each read of the real
// process.env is a call into C++ (~0.2 µs, ~10× a property read; 8 % of a worker's time in the
// check-in burst). Reads and writes stay plain and per process, as the SDKs expect; assigned
// values are kept as given instead of being turned into strings (swapEnv only assigns strings).
process.env = { ...process.env };

type Main = (event: unknown, context: unknown) => unknown;

const loaded = new Map<string, { version: number; main: Main }>();
let previousKeys: string[] = [];

function send(msg: ChildMessage): void {
  process.send?.(msg);
}

function loadMain(file: string, version: number): Main {
  const cached = loaded.get(file);
  if (cached && cached.version === version) return cached.main;
  // A rebuilt bundle: drop the old module so the new code runs (wx-server-sdk stays cached).
  delete require.cache[file];
  const mod = require(file) as { main?: unknown };
  if (typeof mod.main !== 'function') throw new Error(`${file} does not export a main(event, context) function`);
  const main = mod.main as Main;
  loaded.set(file, { version, main });
  return main;
}

function swapEnv(env: Record<string, string>): void {
  for (const key of previousKeys) delete process.env[key];
  Object.assign(process.env, env);
  previousKeys = Object.keys(env);
}

async function invoke(msg: InvokeMessage): Promise<void> {
  try {
    swapEnv(msg.env);
    const main = loadMain(msg.file, msg.version);
    const value = await main(msg.event, msg.context);
    // undefined has no JSON text; CloudBase's answer for it is UNVERIFIED, null is the closest.
    const json = JSON.stringify(value === undefined ? null : value);
    send({ type: 'result', id: msg.id, ok: true, json });
  } catch (err) {
    const e = err as { message?: unknown; stack?: unknown } | null;
    const message = e && typeof e.message === 'string' ? e.message : String(err);
    send({ type: 'result', id: msg.id, ok: false, message, stack: typeof e?.stack === 'string' ? e.stack : undefined });
  }
}

// A promise a function forgot to await must not kill the warm process (Node 20 would exit),
// and it must not be silent either.
process.on('unhandledRejection', (reason) => {
  console.error('[worker] unhandled rejection:', reason);
});

process.on('message', (msg: ParentMessage) => {
  if (msg && msg.type === 'invoke') void invoke(msg);
});

// The parent is gone: nothing can ever reach us again.
process.on('disconnect', () => process.exit(0));

// Load wx-server-sdk before announcing readiness so the first invocation is warm. Functions
// resolve it from their own folder upwards, which lands on the same project copy (same cache key).
try {
  const root = process.env.EMULATOR_FUNCTIONS_ROOT;
  if (root) require(require.resolve('wx-server-sdk', { paths: [path.resolve(root)] }));
} catch {
  // A functions root without wx-server-sdk is fine: functions may not use it.
}
send({ type: 'ready' });
