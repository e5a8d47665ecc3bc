// Composition of the emulator: a dev emulator without a function runner.
import { startEmulator } from '../../emulator/emulator';

test('dev mode without a function runner says so at the gateway instead of failing obscurely', async () => {
  const emu = await startEmulator({ dataDir: null, poolSize: 0, dev: true });
  try {
    const res = await fetch(`${emu.url}/functions/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'someone' },
      body: JSON.stringify({ action: 'me', input: {} }),
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'internal', details: { reason: 'function.runner_off' } } });
  } finally {
    await emu.close();
  }
});
