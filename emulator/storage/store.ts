// The emulator's file store. Bytes live as plain files under <dataDir>/storage/<path>, so a
// developer can open them; metadata (size, content type, created, owner) and the URL-signing
// secret live in a small SQLite file of their own, <dataDir>/storage.sqlite. The metadata row is
// the truth: a file is visible only once its row exists, and a write goes to a temp file that is
// fsynced and renamed into place before the row is written, so a crash never exposes a torn file.
// With no data directory (tests) both live in a private temp directory removed on close.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { WireError } from '../wire';

export interface FileMeta {
  path: string;
  size: number;
  contentType: string;
  /** Epoch milliseconds. */
  created: number;
  /** openid of a mini-program uploader (dev upload); null for server SDK uploads. */
  owner: string | null;
}

interface MetaRow {
  path: string;
  size: number;
  content_type: string;
  created: number;
  owner: string | null;
}

export const STORAGE_DIR = 'storage';
export const STORAGE_META_FILE = 'storage.sqlite';

export class FileStore {
  readonly root: string;
  private readonly tmp: string;
  private readonly scratch: string | null;
  private readonly db: Database.Database;
  readonly secret: Buffer;

  constructor(dataDir: string | null) {
    this.scratch = dataDir ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'emu-storage-'));
    const base = dataDir ?? (this.scratch as string);
    this.root = path.join(base, STORAGE_DIR);
    // Beside the tree, not in it: no cloud path can name it.
    this.tmp = path.join(base, `${STORAGE_DIR}.tmp`);
    fs.mkdirSync(this.root, { recursive: true });
    fs.rmSync(this.tmp, { recursive: true, force: true });
    fs.mkdirSync(this.tmp, { recursive: true });
    this.db = new Database(dataDir ? path.join(dataDir, STORAGE_META_FILE) : ':memory:');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, content_type TEXT NOT NULL, created INTEGER NOT NULL, owner TEXT);
      CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
    this.secret = this.loadSecret();
  }

  stat(cloudPath: string): FileMeta | null {
    const row = this.db.prepare<[string], MetaRow>('SELECT * FROM files WHERE path = ?').get(cloudPath);
    if (!row) return null;
    return { path: row.path, size: row.size, contentType: row.content_type, created: row.created, owner: row.owner };
  }

  /** Bytes and metadata, or null when the file does not exist (or vanished from disk). */
  read(cloudPath: string): { meta: FileMeta; bytes: Buffer } | null {
    const meta = this.stat(cloudPath);
    if (!meta) return null;
    try {
      return { meta, bytes: fs.readFileSync(this.diskPath(cloudPath)) };
    } catch {
      return null;
    }
  }

  write(cloudPath: string, bytes: Buffer, contentType: string, owner: string | null = null): FileMeta {
    const tmp = path.join(this.tmp, randomUUID());
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.place(tmp, cloudPath);
    const meta: FileMeta = { path: cloudPath, size: bytes.length, contentType, created: Date.now(), owner };
    this.db
      .prepare('INSERT OR REPLACE INTO files (path, size, content_type, created, owner) VALUES (?, ?, ?, ?, ?)')
      .run(meta.path, meta.size, meta.contentType, meta.created, meta.owner);
    return meta;
  }

  /** False when there was nothing to delete. */
  delete(cloudPath: string): boolean {
    const gone = this.db.prepare('DELETE FROM files WHERE path = ?').run(cloudPath).changes > 0;
    const file = this.diskPath(cloudPath);
    fs.rmSync(file, { force: true });
    this.pruneEmptyFolders(path.dirname(file));
    return gone;
  }

  copy(src: string, dst: string): FileMeta | null {
    const from = this.read(src);
    if (!from) return null;
    return this.write(dst, from.bytes, from.meta.contentType, from.meta.owner);
  }

  list(): FileMeta[] {
    return this.db
      .prepare<[], MetaRow>('SELECT * FROM files ORDER BY path')
      .all()
      .map((r) => ({ path: r.path, size: r.size, contentType: r.content_type, created: r.created, owner: r.owner }));
  }

  close(): void {
    if (this.db.open) this.db.close();
    fs.rmSync(this.tmp, { recursive: true, force: true });
    if (this.scratch) fs.rmSync(this.scratch, { recursive: true, force: true });
  }

  private diskPath(cloudPath: string): string {
    // Paths are validated before they get here; this is the belt to that pair of braces.
    const p = path.resolve(this.root, cloudPath);
    if (!p.startsWith(this.root + path.sep)) throw new WireError('INVALID_PARAM', `path escapes the storage root: ${cloudPath}`);
    return p;
  }

  /** COS has no folders: once a folder's last file is gone, so is the folder (else it would block a file of that name). */
  private pruneEmptyFolders(dir: string): void {
    while (dir.startsWith(this.root + path.sep)) {
      try {
        fs.rmdirSync(dir);
      } catch {
        return; // not empty (or already gone): stop climbing
      }
      dir = path.dirname(dir);
    }
  }

  private place(tmp: string, cloudPath: string): void {
    const target = this.diskPath(cloudPath);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(tmp, target);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      const code = (e as NodeJS.ErrnoException).code;
      // COS keys are flat, a file tree is not: "a/b" and "a/b/c" cannot both be files here.
      if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST') {
        throw new WireError('INVALID_PARAM', `cannot store ${cloudPath}: the emulator keeps files as a tree and a file and a folder would share a name`);
      }
      throw e;
    }
  }

  private loadSecret(): Buffer {
    const row = this.db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'sign_secret'").get();
    if (row) return Buffer.from(row.value, 'hex');
    // Persisted, so temporary URLs handed out before a restart stay valid until they expire.
    const secret = randomBytes(32);
    this.db.prepare("INSERT INTO settings (key, value) VALUES ('sign_secret', ?)").run(secret.toString('hex'));
    return secret;
  }
}
