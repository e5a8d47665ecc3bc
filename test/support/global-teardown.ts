import type { RunningEmulator } from '../../emulator/emulator';

export default async function globalTeardown(): Promise<void> {
  const emu = (globalThis as { __EMULATOR__?: RunningEmulator }).__EMULATOR__;
  await emu?.close();
}
