// A cloud function run by the runner uses cloud storage through unmodified wx-server-sdk.
import type { RunningEmulator } from '../../../emulator/emulator';
import { callGateway, startFixtureEmulator } from '../functions/harness';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255, 254, 0x7f]);

describe('storage from a cloud function (wx-server-sdk)', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startFixtureEmulator({ poolSize: 1 });
  }, 30_000); // starting an emulator takes well over jest's 5 s on a loaded machine
  afterAll(() => emu?.close());

  const run = async (event: Record<string, unknown>) => {
    const res = await callGateway(emu, 'storage', event, { 'x-wx-openid': 'uploader-1' });
    expect(res.status).toBe(200);
    return res.body;
  };

  test('uploadFile -> getTempFileURL -> fetch -> downloadFile -> deleteFile -> the file is reported missing', async () => {
    const out = await run({ op: 'roundtrip', cloudPath: 'wishes/照片 1.png', base64: PNG.toString('base64') });
    // statusCode -1 is the SDK pair's own doing: wx-server-sdk passes an onResponseReceived hook
    // that node-sdk 3.17.2 never calls, so it is -1 against CloudBase as well.
    expect(out.upload).toEqual({ fileID: 'cloud://local-env.6c6f-local-env-1250000000/wishes/照片 1.png', statusCode: -1, errMsg: 'uploadFile:ok' });
    expect(out.temp).toMatchObject({ status: 0, errMsg: 'ok', maxAge: 86400 });
    expect(out.temp.tempFileURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\/wishes\/照片 1\.png\?sign=[0-9a-f]{64}&t=\d+$/);
    expect(out.fetched).toEqual({ status: 200, contentType: 'image/png', base64: PNG.toString('base64') });
    expect(out.downloaded).toEqual({ statusCode: 200, base64: PNG.toString('base64') });
    expect(out.deleted).toEqual([{ fileID: out.upload.fileID, status: 0, errMsg: 'ok' }]);
    expect(out.after).toEqual([expect.objectContaining({ fileID: out.upload.fileID, status: -503003, tempFileURL: '' })]);
    // node-sdk throws the per-file code; wx-server-sdk wraps a thrown Error as errCode -1 and keeps .code.
    expect(out.downloadMissing).toMatchObject({ ok: false, errCode: -1, code: 'STORAGE_FILE_NONEXIST' });
    expect(out.downloadMissing.errMsg).toContain('downloadFile:fail');
  });

  test('a traversal path is refused with a clear message and nothing is written', async () => {
    const out = await run({ op: 'upload', cloudPath: 'a/../../etc/passwd', base64: 'eA==' });
    expect(out).toMatchObject({ ok: false, code: 'INVALID_PARAM' });
    expect(out.errMsg).toContain('. and .. segments are not allowed');
    expect(emu.storage.store.list()).toEqual([]);
  });
});
