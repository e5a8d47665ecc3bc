// A fixture function writes and reads a document through the emulator's database actions, with
// the caller's identity (this depends on emulator/db, built by another engineer).
import type { RunningEmulator } from '../../../emulator/emulator';
import { callGateway, startFixtureEmulator } from './harness';

describe('function runner with the database', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startFixtureEmulator({ poolSize: 1, autoCreateCollections: true });
  }, 30_000); // starting an emulator takes well over jest's 5 s on a loaded machine
  afterAll(() => emu?.close());

  test('a function adds a document and reads it back by id', async () => {
    const res = await callGateway(emu, 'db', { collection: 'runner_notes', note: 'hello' }, { 'x-wx-openid': 'writer-1' });
    expect(res.status).toBe(200);
    expect(res.body.id).toEqual(expect.any(String));
    expect(res.body.doc).toMatchObject({ _id: res.body.id, note: 'hello', openid: 'writer-1' });
  });
});
