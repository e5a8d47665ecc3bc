// POST /dev/upload: the mini-program's upload path in emulator mode (wx.uploadFile, multipart).
import type { RunningEmulator } from '../../../emulator/emulator';
import { startEmulator } from '../../../emulator/emulator';
import { nodeSdk } from '../db/helpers';

const IMG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0x10]);

function form(parts: { cloudPath?: string; file?: Buffer; fileField?: string; fileFirst?: boolean }): FormData {
  const fd = new FormData();
  const addFile = () => parts.file && fd.append(parts.fileField ?? 'file', new Blob([parts.file], { type: 'image/png' }), 'tmp_abc.png');
  if (parts.fileFirst) addFile();
  if (parts.cloudPath !== undefined) fd.append('cloudPath', parts.cloudPath);
  if (!parts.fileFirst) addFile();
  return fd;
}

async function upload(emu: RunningEmulator, body: FormData, openid?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emu.url}/dev/upload`, { method: 'POST', body, headers: openid ? { 'x-wx-openid': openid } : {} });
  return { status: res.status, body: await res.json() };
}

describe('dev upload route', () => {
  let emu: RunningEmulator;
  const lines: string[] = [];
  beforeAll(async () => {
    emu = await startEmulator({ dataDir: null, poolSize: 0, dev: true, maxUploadBytes: 1024, echo: (l) => lines.push(l) });
  }, 30_000); // starting an emulator takes well over jest's 5 s on a loaded machine
  afterAll(() => emu?.close());

  test('stores the file with its uploader; the server SDK reads it back', async () => {
    const res = await upload(emu, form({ cloudPath: 'wishes/w1/photo.png', file: IMG }), 'resident-1');
    expect(res).toEqual({ status: 200, body: { ok: true, data: { fileID: 'cloud://local-env.6c6f-local-env-1250000000/wishes/w1/photo.png' } } });
    expect(emu.storage.store.stat('wishes/w1/photo.png')).toMatchObject({ owner: 'resident-1', size: IMG.length, contentType: 'image/png' });
    const app = nodeSdk(emu.adminUrl);
    expect((await app.downloadFile({ fileID: res.body.data.fileID })).fileContent).toEqual(IMG);
    expect(lines.some((l) => /dev\s+upload wishes\/w1\/photo\.png \[resident-1\]/.test(l))).toBe(true);
  });

  test('the file part may come before cloudPath', async () => {
    const res = await upload(emu, form({ cloudPath: 'first.png', file: IMG, fileFirst: true }), 'resident-1');
    expect(res.status).toBe(200);
  });

  test('refusals: no caller 401, no file 400, bad path 400, too large 413', async () => {
    expect(await upload(emu, form({ cloudPath: 'a.png', file: IMG }))).toMatchObject({ status: 401, body: { ok: false, error: { code: 'unauthenticated' } } });
    // The same dev identity rule as the function gateway: an openid no contract can represent is none.
    expect(await upload(emu, form({ cloudPath: 'a.png', file: IMG }), 'a b')).toMatchObject({
      status: 401,
      body: { ok: false, error: { code: 'unauthenticated', details: { reason: 'storage.no_caller' } } },
    });
    expect(await upload(emu, form({ cloudPath: 'a.png', file: IMG, fileField: 'photo' }), 'o')).toMatchObject({
      status: 400,
      body: { ok: false, error: { code: 'invalid-argument', details: { reason: 'storage.no_file' } } },
    });
    const bad = await upload(emu, form({ cloudPath: '../a.png', file: IMG }), 'o');
    expect(bad).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid-argument', details: { reason: 'storage.invalid_path' } } } });
    expect(bad.body.error.message).toContain('. and .. segments are not allowed');
    expect(await upload(emu, form({ file: IMG }), 'o')).toMatchObject({ status: 400, body: { error: { details: { reason: 'storage.invalid_path' } } } });
    expect(await upload(emu, form({ cloudPath: 'big.png', file: Buffer.alloc(1025) }), 'o')).toMatchObject({
      status: 413,
      body: { ok: false, error: { code: 'resource-exhausted', details: { reason: 'storage.too_large' } } },
    });
    const notForm = await fetch(`${emu.url}/dev/upload`, { method: 'POST', headers: { 'x-wx-openid': 'o', 'content-type': 'application/json' }, body: '{}' });
    expect(notForm.status).toBe(400);
    expect(emu.storage.store.list().map((f) => f.path).sort()).toEqual(['first.png', 'wishes/w1/photo.png']);
  });
});

test('outside dev mode the dev upload route is refused with 403', async () => {
  const emu = await startEmulator({ dataDir: null, poolSize: 0 });
  try {
    const res = await upload(emu, form({ cloudPath: 'a.png', file: IMG }), 'resident-1');
    expect(res).toMatchObject({ status: 403, body: { ok: false, error: { code: 'permission-denied', details: { reason: 'storage.dev_only' } } } });
    expect(emu.storage.store.list()).toEqual([]);
  } finally {
    await emu.close();
  }
});
