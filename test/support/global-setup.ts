// Starts one emulator for the whole node test run (in-memory store, dev gateway, warm pool) and
// points the real SDKs in every test worker at it through the environment (wire reference §2.2 A).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startEmulator } from '../../emulator/emulator';
import { generateDevKeys } from '../../emulator/dev-keys';
import { sdkEnv, TEST_ADMIN_OPENID } from './env';

export default async function globalSetup(): Promise<void> {
  // The runner runs the built bundles (cloudfunctions/<name>/index.js, dist/worker-host.js): build
  // them, so that `npx jest` alone tests the current sources too (npm test has built them already).
  const root = path.resolve(__dirname, '../..');
  const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), 'functions', 'emulator'], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build failed:\n${built.stdout}${built.stderr}`);
  // The same personal-data keys for functions in the emulator and in-process in the test workers,
  // so a value one of them seals, the other opens.
  const piiKeys = generateDevKeys();
  const emu = await startEmulator({
    dataDir: null,
    dev: true,
    poolSize: 2,
    autoCreateCollections: false,
    functionEnv: { ADMIN_OPENIDS: TEST_ADMIN_OPENID, ...piiKeys },
  });
  (globalThis as { __EMULATOR__?: unknown }).__EMULATOR__ = emu;
  Object.assign(process.env, sdkEnv(emu.adminUrl), { EMULATOR_URL: emu.url, ADMIN_OPENIDS: TEST_ADMIN_OPENID }, piiKeys);
}
