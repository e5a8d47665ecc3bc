// sendSubscribeMessage (server/openapi.ts) against an emulator with STRICT subscriptions: a user
// without a grant is {sent: false, reason: 'not_subscribed'} from the real platform answer
// (errcode 43101), not a mock. The globalSetup emulator is open, so this file starts its own and
// points the real wx-server-sdk at it through the same environment variables globalSetup uses
// (emulator/sdk-env.ts); jest gives each test file fresh modules, so server/cloud.ts initialises
// the SDK after the switch. The variables are put back afterwards for the next file in this worker.
import { startEmulator, type RunningEmulator } from '../../emulator/emulator';
import { sdkEnv } from '../../emulator/sdk-env';
import { db, ensureCollection, uniq } from './fixtures/db';
import { logLines, NOTES, openapiFn } from './fixtures/openapi-function';

const NOW = 1_700_000_000_000;
const TEMPLATE = 'tpl-wish-claimed';

let emu: RunningEmulator;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  emu = await startEmulator({ dataDir: null, dev: true, poolSize: 0, subscriptions: 'strict' });
  const env = sdkEnv(emu.adminUrl);
  for (const key of Object.keys(env)) saved[key] = process.env[key];
  Object.assign(process.env, env);
  await ensureCollection(NOTES);
});

afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await emu?.close();
});

const notify = (openid: string) =>
  openapiFn.invoke(
    { action: 'notify', input: { noteId: uniq('note'), templateId: TEMPLATE, data: { thing1: '心愿已认领', time2: NOW } }, requestId: uniq('rid') },
    { openid, now: () => NOW },
  );

async function accept(openid: string): Promise<void> {
  const res = await fetch(`${emu.url}/dev/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ results: { [TEMPLATE]: 'accept' } }),
  });
  expect(res.status).toBe(200);
}

test('a user who did not subscribe: sent false, reason not_subscribed; the business action still commits', async () => {
  const me = uniq('not-subscribed');
  logLines.length = 0;
  const res = await notify(me);
  expect(res).toMatchObject({ ok: true, data: { message: { sent: false, reason: 'not_subscribed', errCode: 43101 } } });
  if (!res.ok) return;
  const noteId = (res.data as { noteId: string }).noteId;
  expect((await db().collection(NOTES).doc(noteId).get()).data).toMatchObject({ title: 'notified', by: me });
  // Logged as the normal event it is, not as an error.
  expect(logLines.find((l) => l.line.message === 'subscribe message not sent: not subscribed')).toMatchObject({ level: 'info' });
  expect(logLines.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
  // It reached THIS emulator (the strict one), which recorded the refusal.
  expect(emu.outbox.list({ api: 'subscribeMessage.send' }).filter((e) => e.params.touser === me)).toEqual([
    expect.objectContaining({ subscription: 'refused', result: { errcode: 43101, errmsg: 'user refuse to accept the msg' } }),
  ]);
});

test('one acceptance lets exactly one message through', async () => {
  const me = uniq('subscribed-once');
  await accept(me);
  expect(await notify(me)).toMatchObject({ ok: true, data: { message: { sent: true } } });
  expect(await notify(me)).toMatchObject({ ok: true, data: { message: { sent: false, reason: 'not_subscribed' } } });
  expect(emu.outbox.list({ api: 'subscribeMessage.send' }).filter((e) => e.params.touser === me).map((e) => e.subscription)).toEqual(['one-time', 'refused']);
});
