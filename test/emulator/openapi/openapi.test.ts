// wx.openApi through the real wx-server-sdk (cloud.openapi in a fixture function) and through
// hand-made multipart requests.
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import type { RunningEmulator } from '../../../emulator/emulator';
import { decodeCommOpenApiResp, encodeCommApiData } from '../../../emulator/openapi/protobuf';
import { callGateway, startFixtureEmulator } from '../functions/harness';

function readQr(base64: string): { text: string; width: number } {
  const png = PNG.sync.read(Buffer.from(base64, 'base64'));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('no QR code found in the PNG');
  return { text: code.data, width: png.width };
}

describe('wx.openApi', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startFixtureEmulator({ poolSize: 1, secCheckWords: ['违禁词', 'forbidden'] });
  }, 30_000); // starting an emulator takes well over jest's 5 s on a loaded machine
  afterAll(() => emu?.close());
  beforeEach(() => emu.outbox.clear());

  const run = async (op: string, params: unknown, openid = 'user-qr') => {
    const res = await callGateway(emu, 'openapi', { op, params }, { 'x-wx-openid': openid });
    expect(res.status).toBe(200);
    return res.body;
  };

  test('wxacode.getUnlimited answers a PNG whose QR decodes to <page>?scene=<encoded scene>', async () => {
    const r = await run('qr', { scene: 'a=1&b=x_y', page: 'pages/checkin/index', width: 300 });
    expect(r.ok).toBe(true);
    expect(r.value.contentType).toBe('image/png');
    const qr = readQr(r.value.base64);
    expect(qr.text).toBe(`pages/checkin/index?scene=${encodeURIComponent('a=1&b=x_y')}`);
    expect(qr.width).toBe(300);
  });

  test('wxacode.getUnlimited clamps the width to 280–1280 like WeChat', async () => {
    const r = await run('qr', { scene: 's1', page: 'pages/a/index', width: 100 });
    expect(readQr(r.value.base64).width).toBe(280);
  });

  test('wxacode.getUnlimited refuses a scene over 32 characters with errcode 40169', async () => {
    const r = await run('qr', { scene: 'x'.repeat(33), page: 'pages/a/index' });
    expect(r).toMatchObject({ ok: false, errCode: 40169 });
    expect(r.errMsg).toMatch(/^openapi\.wxacode\.getUnlimited:fail/);
    expect((await run('qr', { scene: 'x'.repeat(32), page: 'pages/a/index' })).ok).toBe(true);
  });

  test('subscribeMessage.send is validated and recorded in the outbox, also at GET /dev/outbox', async () => {
    const params = { templateId: 'tpl-1', page: 'pages/wish/detail/index?id=w1', data: { thing1: { value: '心愿已认领' }, time2: { value: '2024-05-01 10:00' } } };
    const r = await run('subscribe', params, 'resident-7');
    expect(r).toEqual({ ok: true, value: { errMsg: 'openapi.subscribeMessage.send:ok', errCode: 0 } });
    const entries = emu.outbox.list({ api: 'subscribeMessage.send' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      fn: 'openapi',
      openid: 'resident-7',
      params: { touser: 'resident-7', template_id: 'tpl-1', data: params.data }, // snake_cased on the wire
      result: { errcode: 0 },
    });
    const viaHttp = (await (await fetch(`${emu.url}/dev/outbox`)).json()) as { data: Array<{ api: string }> };
    expect(viaHttp.data.map((e) => e.api)).toEqual(['subscribeMessage.send']);
  });

  test('subscribeMessage.send without data fails with a WeChat errcode and is not recorded', async () => {
    const r = await run('subscribe', { templateId: 'tpl-1' });
    expect(r).toMatchObject({ ok: false, errCode: 47003 });
    expect(emu.outbox.list()).toHaveLength(0);
  });

  test('security.msgSecCheck v2 flags a configured word as risky and passes clean text', async () => {
    const risky = await run('secCheck', { content: '这里有违禁词哦', version: 2, scene: 2, openid: 'u1' });
    expect(risky.ok).toBe(true);
    expect(risky.value.result).toMatchObject({ suggest: 'risky' });
    expect(risky.value.result.label).not.toBe(100);
    expect(risky.value.detail[0]).toMatchObject({ suggest: 'risky', keyword: '违禁词' });
    const clean = await run('secCheck', { content: '今天天气很好', version: 2, scene: 2, openid: 'u1' });
    expect(clean.value.result).toEqual({ suggest: 'pass', label: 100 });
    expect(emu.outbox.list({ api: 'security.msgSecCheck' }).map((e) => (e.result.result as { suggest: string }).suggest)).toEqual(['risky', 'pass']);
  });

  test('security.msgSecCheck v1 answers errcode 87014 for risky content (case-insensitive)', async () => {
    expect(await run('secCheck', { content: 'This is FORBIDDEN talk' })).toMatchObject({ ok: false, errCode: 87014 });
    expect(await run('secCheck', { content: 'hello' })).toMatchObject({ ok: true, value: { errCode: 0 } });
  });

  test('an API the emulator does not know answers an errcode, not a crash', async () => {
    const r = await run('unknown', {});
    expect(r).toMatchObject({ ok: false, errCode: 48001 });
    expect(r.errMsg).toContain('not emulated');
  });

  describe('raw multipart requests', () => {
    const post = (form: FormData) => fetch(emu.adminUrl, { method: 'POST', body: form });

    test('a binary requestData part without filename or content type survives the multipart parser', async () => {
      // A 200-character page makes protobuf length varints (0xC8 0x01…) that are not valid UTF-8:
      // a parser that decodes this part as text would corrupt the message.
      const page = `pages/${'p'.repeat(190)}/index`;
      const bytes = encodeCommApiData({ scene: 'ok-1', page });
      expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)).toBe(false);
      const part = (name: string, value: Buffer | string) =>
        Buffer.concat([Buffer.from(`--XYZ\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n`), Buffer.from(value), Buffer.from('\r\n')]);
      const body = Buffer.concat([part('action', 'wx.openApi'), part('apiName', 'wxacode.getUnlimited'), part('requestData', bytes), Buffer.from('--XYZ--\r\n')]);
      const res = await fetch(emu.adminUrl, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=XYZ' }, body });
      expect(res.headers.get('content-type')).not.toBe('application/json; charset=utf-8');
      const resp = decodeCommOpenApiResp(Buffer.from(await res.arrayBuffer()));
      expect(resp.contentType).toBe('image/png');
      expect(readQr(resp.respData.toString('base64')).text).toBe(`${page}?scene=ok-1`);
    });

    test('garbage instead of protobuf answers an INVALID_PARAM envelope', async () => {
      const form = new FormData();
      form.append('action', 'wx.openApi');
      form.append('apiName', 'subscribeMessage.send');
      form.append('requestData', new Blob([Buffer.from([0xff, 0xff, 0xff, 0x0f, 0x12, 0x99])]), 'blob');
      const res = await post(form);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringMatching(/CommApiData/) });
    });

    test('missing requestData or apiName answers an INVALID_PARAM envelope', async () => {
      const form = new FormData();
      form.append('action', 'wx.openApi');
      form.append('apiName', 'subscribeMessage.send');
      expect(await (await post(form)).json()).toMatchObject({ code: 'INVALID_PARAM' });
      const noName = new FormData();
      noName.append('action', 'wx.openApi');
      noName.append('requestData', new Blob([encodeCommApiData({})]));
      expect(await (await post(noName)).json()).toMatchObject({ code: 'INVALID_PARAM' });
    });

    test('a truncated multipart body answers an error envelope and the emulator keeps serving', async () => {
      const res = await fetch(emu.adminUrl, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
        body: '--XYZ\r\ncontent-disposition: form-data; name="action"\r\n\r\nwx.openApi\r\n--XY',
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { code?: string }).code).toBeTruthy();
      expect((await run('secCheck', { content: 'fine' })).ok).toBe(true);
    });
  });
});
