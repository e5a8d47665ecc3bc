// Storage through unmodified @cloudbase/node-sdk, and the HTTP side that stands in for COS.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { RunningEmulator } from '../../../emulator/emulator';
import { startEmulator } from '../../../emulator/emulator';
import { nodeSdk } from '../db/helpers';

const BYTES = Buffer.from('hello, 五社联动\n\u0000\u00ff', 'utf8');

/** A request exactly as given: fetch would normalise `..` away before it reaches the server. */
function rawRequest(port: number, method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('storage with node-sdk', () => {
  let emu: RunningEmulator;
  let app: ReturnType<typeof nodeSdk>;
  const lines: string[] = [];
  beforeAll(async () => {
    emu = await startEmulator({ dataDir: null, poolSize: 0, maxUploadBytes: 64 * 1024, echo: (l) => lines.push(l) });
    app = nodeSdk(emu.adminUrl);
  }, 30_000); // starting an emulator takes well over jest's 5 s on a loaded machine
  afterAll(() => emu?.close());

  test('upload, temp URL, download, file info, copy, delete', async () => {
    const { fileID } = await app.uploadFile({ cloudPath: 'docs/note.txt', fileContent: BYTES });
    expect(fileID).toBe('cloud://local-env.6c6f-local-env-1250000000/docs/note.txt');

    const urls = await app.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] });
    expect(urls.fileList).toEqual([{ fileID, code: 'SUCCESS', maxAge: 60, tempFileURL: expect.stringContaining('/storage/docs/note.txt?sign=') }]);
    const res = await fetch(urls.fileList[0].tempFileURL);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(BYTES);

    expect((await app.downloadFile({ fileID })).fileContent).toEqual(BYTES);
    const info = await app.getFileInfo({ fileList: [fileID] });
    expect(info.fileList[0]).toMatchObject({ code: 'SUCCESS', size: BYTES.length, mime: 'text/plain', fileName: 'note.txt' });

    const copied = await app.copyFile({ fileList: [{ srcPath: 'docs/note.txt', dstPath: 'archive/note.txt' }] });
    expect(copied.fileList).toEqual([{ fileId: 'cloud://local-env.6c6f-local-env-1250000000/archive/note.txt', code: 'SUCCESS' }]);
    expect((await app.downloadFile({ fileID: copied.fileList[0].fileId as string })).fileContent).toEqual(BYTES);

    const del = await app.deleteFile({ fileList: [fileID, fileID, 'not-a-file-id'] });
    expect(del.fileList).toEqual([
      { fileID, code: 'SUCCESS' },
      { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file not found: docs/note.txt' },
      expect.objectContaining({ fileID: 'not-a-file-id', code: 'INVALID_PARAM' }),
    ]);
    // The emptied folder goes too, so a file may now be called "docs".
    expect(fs.existsSync(path.join(emu.storage.store.root, 'docs'))).toBe(false);
    await app.uploadFile({ cloudPath: 'docs', fileContent: BYTES });
    const after = await app.getTempFileURL({ fileList: [fileID] });
    expect(after.fileList[0]).toMatchObject({ fileID, code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' });
    await expect(app.downloadFile({ fileID })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
    // A temp URL handed out before the delete now finds nothing.
    expect((await fetch(urls.fileList[0].tempFileURL)).status).toBe(404);
  });

  test('a forged or expired temporary URL is refused with 403', async () => {
    const { fileID } = await app.uploadFile({ cloudPath: 'secret.png', fileContent: Buffer.from([1, 2, 3]) });
    const good = new URL((await app.getTempFileURL({ fileList: [fileID] })).fileList[0].tempFileURL);
    expect((await fetch(good)).status).toBe(200);

    const forged = new URL(good);
    forged.searchParams.set('sign', 'f'.repeat(64));
    const res = await fetch(forged);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>AccessDenied</Code>');

    const later = new URL(good);
    later.searchParams.set('t', String(Number(good.searchParams.get('t')) + 3600));
    expect((await fetch(later)).status).toBe(403);

    const otherPath = new URL(good);
    otherPath.pathname = '/storage/secret2.png';
    expect((await fetch(otherPath)).status).toBe(403);

    const past = Math.floor(Date.now() / 1000) - 1;
    const expired = await fetch(`${emu.url}/storage/secret.png?sign=${emu.storage.signer.sign('get', 'secret.png', past)}&t=${past}`);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
    expect((await fetch(`${emu.url}/storage/secret.png`)).status).toBe(403);
  });

  test('path traversal and absolute paths are refused, by the action and by the HTTP routes', async () => {
    for (const cloudPath of ['../x.png', 'a/../../x.png', '/etc/passwd', 'a//b.png', 'a\\b.png', 'q?.png', '']) {
      await expect(app.uploadFile({ cloudPath, fileContent: Buffer.from('x') })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    }
    await expect(app.uploadFile({ cloudPath: 'x'.repeat(851), fileContent: Buffer.from('x') })).rejects.toMatchObject({
      message: expect.stringContaining('longer than 850 bytes'),
    });
    // An encoded slash survives URL parsing and is decoded inside a segment: still refused.
    const put = await rawRequest(emu.port, 'PUT', '/storage/a/..%2F..%2Fescape.txt', Buffer.from('x'));
    expect(put.status).toBe(400);
    expect(put.text).toContain('<Code>InvalidURI</Code>');
    expect((await rawRequest(emu.port, 'GET', '/storage/%2e%2e%2Fcloudbase.sqlite?sign=x&t=1')).status).toBe(400);
    // Plain or %2e dot segments are resolved by the URL parser before routing: out of /storage/.
    expect((await rawRequest(emu.port, 'PUT', '/storage/a/%2e%2e/%2e%2e/escape.txt', Buffer.from('x'))).status).toBe(404);
    expect(emu.storage.store.list().map((f) => f.path)).not.toContain('escape.txt');
  });

  test('the upload PUT needs the authorization from getUploadMetadata, for that path', async () => {
    const meta = await app.getUploadMetadata({ cloudPath: 'a/one.bin' });
    expect(meta.data).toMatchObject({ url: `${emu.url}/storage/a/one.bin`, fileId: 'cloud://local-env.6c6f-local-env-1250000000/a/one.bin' });
    const none = await rawRequest(emu.port, 'PUT', '/storage/a/one.bin', Buffer.from('x'));
    expect(none.status).toBe(403);
    const elsewhere = await rawRequest(emu.port, 'PUT', '/storage/a/two.bin', Buffer.from('x'), { authorization: meta.data.authorization });
    expect(elsewhere.status).toBe(403);
    const ok = await rawRequest(emu.port, 'PUT', '/storage/a/one.bin', Buffer.from('x'), { authorization: meta.data.authorization });
    expect(ok).toEqual({ status: 200, text: '' });
  });

  test('a file over the size limit is refused with EntityTooLarge, which the SDK surfaces', async () => {
    const err = await app.uploadFile({ cloudPath: 'big.bin', fileContent: Buffer.alloc(64 * 1024 + 1) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'STORAGE_REQUEST_FAIL', message: expect.stringContaining('[EntityTooLarge]') });
    expect(emu.storage.store.stat('big.bin')).toBeNull();
    await app.uploadFile({ cloudPath: 'exact.bin', fileContent: Buffer.alloc(64 * 1024) });
    expect(emu.storage.store.stat('exact.bin')?.size).toBe(64 * 1024);
  });

  test('storage requests are in the request log', () => {
    expect(lines.some((l) => /admin\s+storage\.getUploadMetadata/.test(l))).toBe(true);
    expect(lines.some((l) => /storage PUT docs\/note\.txt/.test(l))).toBe(true);
    expect(lines.some((l) => /storage GET secret\.png .* -> AccessDenied/.test(l))).toBe(true);
  });
});
