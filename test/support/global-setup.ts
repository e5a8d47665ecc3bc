// Starts one emulator for the whole node test run (in-memory store, dev gateway, warm pool) and
// points the real SDKs in every test worker at it through the environment (wire reference §2.2 A).
import { startEmulator } from '../../emulator/emulator';
import { sdkEnv, TEST_ADMIN_OPENID } from './env';

export default async function globalSetup(): Promise<void> {
  const emu = await startEmulator({
    dataDir: null,
    dev: true,
    poolSize: 2,
    autoCreateCollections: false,
    functionEnv: { ADMIN_OPENIDS: TEST_ADMIN_OPENID },
  });
  (globalThis as { __EMULATOR__?: unknown }).__EMULATOR__ = emu;
  Object.assign(process.env, sdkEnv(emu.adminUrl), { EMULATOR_URL: emu.url, ADMIN_OPENIDS: TEST_ADMIN_OPENID });
}
