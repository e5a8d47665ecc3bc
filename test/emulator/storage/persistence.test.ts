// Files, metadata and the URL-signing secret survive a restart on the same data directory.
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator } from '../../../emulator/emulator';
import { nodeSdk, tmpDir } from '../db/helpers';

test('a stored file survives an emulator restart, as do its temporary URLs', async () => {
  const dir = tmpDir('storage');
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  try {
    const first = await startEmulator({ dataDir: dir, poolSize: 0 });
    let fileID: string;
    let url: string;
    try {
      fileID = (await nodeSdk(first.adminUrl).uploadFile({ cloudPath: 'certs/c-1.jpg', fileContent: bytes })).fileID;
      url = (await nodeSdk(first.adminUrl).getTempFileURL({ fileList: [fileID] })).fileList[0].tempFileURL;
    } finally {
      await first.close();
    }
    // Where the README says the bytes are.
    expect(fs.readFileSync(path.join(dir, 'storage', 'certs', 'c-1.jpg'))).toEqual(bytes);

    // A new port: the URL's path and signature are what is under test.
    const second = await startEmulator({ dataDir: dir, poolSize: 0 });
    try {
      expect((await nodeSdk(second.adminUrl).downloadFile({ fileID })).fileContent).toEqual(bytes);
      const again = new URL(url);
      const res = await fetch(`${second.url}${again.pathname}${again.search}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(second.storage.store.stat('certs/c-1.jpg')).toMatchObject({ size: bytes.length, contentType: 'image/jpeg', owner: null });
    } finally {
      await second.close();
    }

    // --reset wipes storage with the rest of the data directory.
    const wiped = await startEmulator({ dataDir: dir, poolSize: 0, reset: true });
    try {
      expect(wiped.storage.store.list()).toEqual([]);
    } finally {
      await wiped.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
