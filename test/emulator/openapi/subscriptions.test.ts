// Subscription grants (emulator/openapi/subscriptions.ts): open vs strict subscribeMessage.send,
// one-time consumption, long-term grants, the /dev/subscriptions routes and their error envelope,
// persistence in the data directory and the --strict-subscriptions flag. Sends go through the real
// wx-server-sdk (cloud.openapi in the openapi fixture function, the caller's OPENID as touser) or,
// where no function runner is started, as the SDK's own wx.openApi multipart request.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../emulator/emulator';
import { decodeCommOpenApiResp, encodeCommApiData } from '../../../emulator/openapi/protobuf';
import { callGateway, startFixtureEmulator } from '../functions/harness';

const MESSAGE = { data: { thing1: { value: '心愿已认领' } } };

async function grant(emu: RunningEmulator, openid: string | null, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emu.url}/dev/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid === null ? {} : { 'x-wx-openid': openid }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function grants(emu: RunningEmulator, query = ''): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emu.url}/dev/subscriptions${query}`);
  return { status: res.status, body: await res.json() };
}

/** subscribeMessage.send through the fixture function: wx-server-sdk's answer or its CloudSDKError. */
async function send(emu: RunningEmulator, openid: string, templateId: string, message: Record<string, unknown> = MESSAGE): Promise<any> {
  const res = await callGateway(emu, 'openapi', { op: 'subscribe', params: { templateId, ...message } }, { 'x-wx-openid': openid });
  expect(res.status).toBe(200);
  return res.body;
}

/** The same send as wx-server-sdk's raw wx.openApi request (for an emulator without a runner). */
async function rawSend(emu: RunningEmulator, touser: string, templateId: string): Promise<Record<string, unknown>> {
  const form = new FormData();
  form.append('action', 'wx.openApi');
  form.append('apiName', 'subscribeMessage.send');
  form.append('requestData', new Blob([encodeCommApiData({ touser, template_id: templateId, ...MESSAGE })]), 'blob');
  const res = await fetch(emu.adminUrl, { method: 'POST', body: form });
  return JSON.parse(decodeCommOpenApiResp(Buffer.from(await res.arrayBuffer())).respData.toString('utf8'));
}

const NOT_SUBSCRIBED = { ok: false, errCode: 43101, errMsg: expect.stringContaining('user refuse to accept the msg') };
const SENT = { ok: true, value: { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' } };

describe('strict subscriptions', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startFixtureEmulator({ poolSize: 1, subscriptions: 'strict' });
  }, 30_000); // starting an emulator takes well over jest's 5 s on a loaded machine
  afterAll(() => emu?.close());
  beforeEach(() => emu.outbox.clear());

  test('a send without a grant answers errcode 43101 and is recorded as refused', async () => {
    expect(await send(emu, 'nobody-1', 'tpl-a')).toEqual(NOT_SUBSCRIBED);
    const entries = emu.outbox.list({ api: 'subscribeMessage.send' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      openid: 'nobody-1',
      params: { touser: 'nobody-1', template_id: 'tpl-a' },
      result: { errcode: 43101, errmsg: 'user refuse to accept the msg' },
      subscription: 'refused',
    });
    // A developer sees it at the dev route too.
    const viaHttp = (await (await fetch(`${emu.url}/dev/outbox`)).json()) as { data: Array<{ subscription?: string }> };
    expect(viaHttp.data.map((e) => e.subscription)).toEqual(['refused']);
  });

  test('each one-time acceptance allows one message to that user for that template', async () => {
    const me = 'resident-once';
    const first = await grant(emu, me, { results: { 'tpl-a': 'accept' } });
    expect(first).toEqual({
      status: 200,
      body: { ok: true, data: { mode: 'strict', accepted: ['tpl-a'], grants: [{ openid: me, templateId: 'tpl-a', oneTime: 1, longTerm: false }] } },
    });
    expect((await grant(emu, me, { results: { 'tpl-a': 'accept' } })).body.data.grants).toEqual([{ openid: me, templateId: 'tpl-a', oneTime: 2, longTerm: false }]);

    // Neither another user nor another template rides on it.
    expect(await send(emu, 'someone-else', 'tpl-a')).toEqual(NOT_SUBSCRIBED);
    expect(await send(emu, me, 'tpl-b')).toEqual(NOT_SUBSCRIBED);

    expect(await send(emu, me, 'tpl-a')).toEqual(SENT);
    expect((await grants(emu, `?openid=${me}`)).body.data.grants).toEqual([{ openid: me, templateId: 'tpl-a', oneTime: 1, longTerm: false }]);
    expect(await send(emu, me, 'tpl-a')).toEqual(SENT);
    expect((await grants(emu, `?openid=${me}`)).body).toEqual({ ok: true, data: { mode: 'strict', grants: [] } });
    expect(await send(emu, me, 'tpl-a')).toEqual(NOT_SUBSCRIBED);

    const mine = emu.outbox.list({ openid: me });
    expect(mine.map((e) => [e.params.template_id, e.result.errcode, e.subscription])).toEqual([
      ['tpl-b', 43101, 'refused'],
      ['tpl-a', 0, 'one-time'],
      ['tpl-a', 0, 'one-time'],
      ['tpl-a', 43101, 'refused'],
    ]);
  });

  test("one prompt's results: accepting values grant, reject/ban/filter do not", async () => {
    const me = 'resident-mixed';
    const res = await grant(emu, me, { results: { 'tpl-x': 'accept', 'tpl-y': 'reject', 'tpl-z': 'acceptWithAudio' } });
    expect(res.status).toBe(200);
    expect(res.body.data.accepted).toEqual(['tpl-x', 'tpl-z']);
    expect(res.body.data.grants.map((g: { templateId: string }) => g.templateId)).toEqual(['tpl-x', 'tpl-z']);
    expect((await grant(emu, me, { results: { 'tpl-y': 'ban', 'tpl-w': 'filter' } })).body.data.accepted).toEqual([]);
    expect(await send(emu, me, 'tpl-y')).toEqual(NOT_SUBSCRIBED);
    expect(await send(emu, me, 'tpl-z')).toEqual(SENT);
  });

  test('a long-term grant is not used up; DELETE takes it away', async () => {
    const me = 'resident-long';
    expect((await grant(emu, me, { results: { 'tpl-l': 'accept' }, longTerm: true })).body.data.grants).toEqual([
      { openid: me, templateId: 'tpl-l', oneTime: 0, longTerm: true },
    ]);
    for (let i = 0; i < 3; i++) expect(await send(emu, me, 'tpl-l')).toEqual(SENT);
    expect(emu.outbox.list({ openid: me }).map((e) => e.subscription)).toEqual(['long-term', 'long-term', 'long-term']);

    const removed = await fetch(`${emu.url}/dev/subscriptions?openid=${me}&templateId=tpl-l`, { method: 'DELETE' });
    expect(await removed.json()).toEqual({ ok: true, data: { mode: 'strict', removed: 1, grants: [] } });
    expect(await send(emu, me, 'tpl-l')).toEqual(NOT_SUBSCRIBED);
  });

  test('an invalid message is refused for what it is and does not use up the grant', async () => {
    const me = 'resident-invalid';
    await grant(emu, me, { results: { 'tpl-a': 'accept' } });
    expect(await send(emu, me, 'tpl-a', { data: {} })).toMatchObject({ ok: false, errCode: 47003 });
    expect((await grants(emu, `?openid=${me}`)).body.data.grants).toEqual([{ openid: me, templateId: 'tpl-a', oneTime: 1, longTerm: false }]);
  });

  test('more than 3 templates in one prompt is refused and grants nothing', async () => {
    const me = 'resident-greedy';
    const res = await grant(emu, me, { results: { t1: 'accept', t2: 'accept', t3: 'accept', t4: 'accept' } });
    expect(res).toEqual({
      status: 400,
      body: { ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/4 templates.*at most 3/), details: { reason: 'subscriptions.too_many' } } },
    });
    expect((await grants(emu, `?openid=${me}`)).body.data.grants).toEqual([]);
    expect((await grant(emu, me, { results: { t1: 'accept', t2: 'reject', t3: 'accept' } })).status).toBe(200);
  });

  test.each([
    ['not JSON', '{"results": ', /must be JSON/],
    ['empty', '', /must be JSON/],
    ['an array', [{ 'tpl-a': 'accept' }], /JSON object/],
    ['no results', {}, /"results" must be an object/],
    ['results as a list of ids (the other shape)', { templateIds: ['tpl-a'], result: 'accept' }, /unknown fields "templateIds", "result"/],
    ['results an array', { results: ['tpl-a'] }, /"results" must be an object/],
    ['results empty', { results: {} }, /names no template/],
    ['an unknown result', { results: { 'tpl-a': 'yes' } }, /"yes"; use one of accept, .*reject, ban, filter/],
    ['a result that is not a string', { results: { 'tpl-a': true } }, /is true; use one of/],
    ['a template id with a space', { results: { 'tpl a': 'accept' } }, /template id "tpl a"/],
    ['an extra field', { results: { 'tpl-a': 'accept' }, errMsg: 'requestSubscribeMessage:ok' }, /unknown field "errMsg"/],
    ['longTerm not a boolean', { results: { 'tpl-a': 'accept' }, longTerm: 'yes' }, /"longTerm" must be true or false/],
  ])('a body with %s answers 400 invalid-argument naming the problem, and grants nothing', async (_name, body, message) => {
    const me = 'resident-bad-body';
    const res = await grant(emu, me, body);
    expect(res).toEqual({
      status: 400,
      body: { ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(message), details: { reason: 'subscriptions.bad_request' } } },
    });
    expect((await grants(emu, `?openid=${me}`)).body.data.grants).toEqual([]);
  });

  test('a grant needs a valid x-wx-openid header; reads and removals a valid openid', async () => {
    const noHeader = await grant(emu, null, { results: { 'tpl-a': 'accept' } });
    expect(noHeader).toMatchObject({ status: 401, body: { ok: false, error: { code: 'unauthenticated', details: { reason: 'subscriptions.no_caller' } } } });
    expect((await grant(emu, 'bad openid!', { results: { 'tpl-a': 'accept' } })).status).toBe(401);
    expect(await grants(emu, '?openid=')).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid-argument', details: { reason: 'subscriptions.bad_request' } } } });
    const del = await fetch(`${emu.url}/dev/subscriptions`, { method: 'DELETE' });
    expect(del.status).toBe(400);
    expect(await del.json()).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining('openid') } });
  });

  test('GET without an openid lists every grant', async () => {
    await grant(emu, 'zz-list-1', { results: { 'tpl-q': 'accept' } });
    await grant(emu, 'zz-list-2', { results: { 'tpl-q': 'accept', 'tpl-r': 'accept' } });
    const all = (await grants(emu)).body.data.grants as Array<{ openid: string; templateId: string }>;
    expect(all.filter((g) => g.openid.startsWith('zz-list-')).map((g) => `${g.openid}/${g.templateId}`)).toEqual([
      'zz-list-1/tpl-q',
      'zz-list-2/tpl-q',
      'zz-list-2/tpl-r',
    ]);
  });
});

describe('open subscriptions (the default)', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startFixtureEmulator({ poolSize: 1 });
  }, 30_000); // starting an emulator takes well over jest's 5 s on a loaded machine
  afterAll(() => emu?.close());

  test('every valid send goes through, grants are kept but not used up', async () => {
    expect(emu.subscriptions.mode).toBe('open');
    expect(await send(emu, 'open-user', 'tpl-a')).toEqual(SENT);
    expect((await grant(emu, 'open-user', { results: { 'tpl-a': 'accept' } })).body.data).toMatchObject({ mode: 'open', accepted: ['tpl-a'] });
    expect(await send(emu, 'open-user', 'tpl-a')).toEqual(SENT);
    expect(await send(emu, 'open-user', 'tpl-a')).toEqual(SENT);
    expect((await grants(emu, '?openid=open-user')).body.data.grants).toEqual([{ openid: 'open-user', templateId: 'tpl-a', oneTime: 1, longTerm: false }]);
    expect(emu.outbox.list({ openid: 'open-user' }).map((e) => [e.result.errcode, e.subscription])).toEqual([
      [0, 'open'],
      [0, 'open'],
      [0, 'open'],
    ]);
  });

  test('the routes still validate in open mode', async () => {
    expect((await grant(emu, 'open-user', { results: { a: 'accept', b: 'accept', c: 'accept', d: 'reject' } })).status).toBe(400);
  });
});

describe('outside dev mode', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ dataDir: null, dev: false, poolSize: 0, subscriptions: 'strict' });
  }, 30_000); // starting an emulator takes well over jest's 5 s on a loaded machine
  afterAll(() => emu?.close());

  test('the subscription routes answer 403 permission-denied', async () => {
    const refused = { ok: false, error: { code: 'permission-denied', message: expect.stringContaining('--dev'), details: { reason: 'subscriptions.dev_only' } } };
    expect(await grant(emu, 'u1', { results: { 'tpl-a': 'accept' } })).toEqual({ status: 403, body: refused });
    expect(await grants(emu, '?openid=u1')).toEqual({ status: 403, body: refused });
    const del = await fetch(`${emu.url}/dev/subscriptions?openid=u1`, { method: 'DELETE' });
    expect({ status: del.status, body: await del.json() }).toEqual({ status: 403, body: refused });
    expect(emu.subscriptions.list()).toEqual([]);
  });

  test('so a strict emulator without --dev refuses every subscribe message', async () => {
    expect(await rawSend(emu, 'u1', 'tpl-a')).toEqual({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
  });
});

describe('persistence and the command line', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-subs-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('grants and their consumption survive a restart of a persistent emulator; --reset forgets them', async () => {
    const first = await startEmulator({ dataDir, dev: true, poolSize: 0, subscriptions: 'strict' });
    try {
      await grant(first, 'u-persist', { results: { 'tpl-a': 'accept' } });
      await grant(first, 'u-persist', { results: { 'tpl-a': 'accept', 'tpl-l': 'reject' } });
      expect(await rawSend(first, 'u-persist', 'tpl-a')).toEqual({ errcode: 0, errmsg: 'ok' });
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'subscriptions.json'))).toBe(true);
    const second = await startEmulator({ dataDir, dev: true, poolSize: 0, subscriptions: 'strict' });
    try {
      expect((await grants(second)).body.data.grants).toEqual([{ openid: 'u-persist', templateId: 'tpl-a', oneTime: 1, longTerm: false }]);
      expect(await rawSend(second, 'u-persist', 'tpl-a')).toEqual({ errcode: 0, errmsg: 'ok' });
      expect(await rawSend(second, 'u-persist', 'tpl-a')).toMatchObject({ errcode: 43101 });
      await grant(second, 'u-persist', { results: { 'tpl-b': 'accept' } });
    } finally {
      await second.close();
    }
    const reset = await startEmulator({ dataDir, reset: true, dev: true, poolSize: 0, subscriptions: 'strict' });
    try {
      expect((await grants(reset)).body.data.grants).toEqual([]);
    } finally {
      await reset.close();
    }
  });

  test('a damaged grants file stops the start-up, naming the file', async () => {
    fs.writeFileSync(path.join(dataDir, 'subscriptions.json'), '{"version": 1, "grants": [');
    await expect(startEmulator({ dataDir, dev: true, poolSize: 0 })).rejects.toThrow(/subscriptions\.json.*--reset/);
  });

  test('--strict-subscriptions makes the CLI strict; without it, it is open', async () => {
    const cli = path.resolve(__dirname, '../../../dist/emulator.js');
    for (const [flags, mode] of [[['--strict-subscriptions'], 'strict'], [[], 'open']] as const) {
      const child = spawn(process.execPath, [cli, '--port', '0', '--quiet', '--dev', '--pool', '0', '--data', dataDir, ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        const out = await new Promise<string>((resolve, reject) => {
          let text = '';
          const onData = (c: Buffer) => {
            text += c.toString();
            if (/request log/.test(text)) resolve(text);
          };
          child.stdout!.on('data', onData);
          child.stderr!.on('data', onData);
          child.on('exit', (code) => reject(new Error(`emulator exited with ${code}:\n${text}`)));
        });
        expect(out).toMatch(new RegExp(`subscriptions\\s+${mode}:`));
        const url = /admin endpoint\s+(http:\/\/127\.0\.0\.1:\d+)\/admin/.exec(out)![1];
        const body = (await (await fetch(`${url}/dev/subscriptions`)).json()) as { data: { mode: string } };
        expect(body.data.mode).toBe(mode);
      } finally {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  }, 30_000);
});
