// The SQLite side of the store (layout a2 of storage-engine.md): one rowid table per collection,
// (rid, _id UNIQUE, v, doc JSONB), expression indexes from the CollectionSpec, and a group commit:
// writes arriving in one event-loop turn share one COMMIT, and a write is acknowledged only once
// the write-ahead log holding it is fsynced. The fsync runs off the event loop (fdatasync of the
// -wal file in libuv's thread pool, SQLite itself at synchronous=NORMAL), so the emulator keeps
// serving while the disk works, and commits made meanwhile share the next fsync. Before, SQLite's
// synchronous=FULL fsynced inside COMMIT on the only thread: a quarter of the emulator's time in
// the check-in burst went to waiting for the disk.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CollectionSpec, IndexSpec } from '../../database';
import { WireError } from '../wire';
import { Doc, encodeStored } from './codec';
import { KIND_OTHER, kindOf, pathExpr } from './planner';

export interface Row {
  rid: number;
  _id: string;
  v: number;
  doc: string;
}

export interface CollectionState {
  name: string;
  table: string;
  indexes: IndexSpec[];
  /** Kinds of value seen at each indexed path (bitmask, only ever widens): lets the planner push predicates into SQL safely. */
  kinds: Map<string, number>;
  byId: Database.Statement<[string], Row>;
  insert: Database.Statement<[string, number, string]>;
  update: Database.Statement<[number, string, number]>;
  remove: Database.Statement<[number]>;
  count: Database.Statement<[], { n: number }>;
}

const NAME_RE = /^[A-Za-z0-9_-]{1,100}$/;
export const DB_FILE = 'cloudbase.sqlite';

export function validCollectionName(name: unknown): string {
  if (typeof name !== 'string' || !name) throw new WireError('INVALID_PARAM', 'collectionName is required');
  if (!NAME_RE.test(name)) throw new WireError('INVALID_PARAM', `invalid collection name "${name}" (letters, digits, _ and -, at most 100)`);
  return name;
}

export class SqliteStore {
  readonly db: Database.Database;
  readonly file: string;
  private readonly colls = new Map<string, CollectionState>();
  private version = 0;
  private batch: Array<() => void> | null = null;
  private batchFailures: Array<(e: Error) => void> = [];
  /** The -wal file, opened for fdatasync after the first commit (null in memory). */
  private walFd: number | null = null;
  /** Committed batches waiting for an fsync that starts after their commit. */
  private unsynced: Array<{ ok: () => void; fail: (e: Error) => void }> = [];
  /** The group whose fdatasync is in flight. */
  private syncing: Array<{ ok: () => void; fail: (e: Error) => void }> | null = null;
  private closed = false;

  constructor(dataDir: string | null) {
    this.file = dataDir ? path.join(dataDir, DB_FILE) : ':memory:';
    try {
      if (dataDir) {
        if (!fs.existsSync(dataDir)) fs.mkdirSync(dataDir, { recursive: true });
        if (!fs.statSync(dataDir).isDirectory()) throw new Error('it is not a directory');
        fs.accessSync(dataDir, fs.constants.R_OK | fs.constants.W_OK);
      }
      this.db = new Database(this.file);
      this.db.pragma('journal_mode = WAL');
      // Acknowledged = fsynced (power-loss safe), not just handed to the OS: SQLite writes the WAL
      // at COMMIT without syncing it (NORMAL), and flush() fdatasyncs it before acknowledging.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(`CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, spec TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS _path_kinds (coll TEXT NOT NULL, path TEXT NOT NULL, kinds INTEGER NOT NULL, PRIMARY KEY (coll, path));`);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new Error(`cannot open the emulator database ${dataDir ? `in ${dataDir} (file ${this.file})` : 'in memory'}: ${err.code ? err.code + ' ' : ''}${err.message}`);
    }
    for (const r of this.db.prepare('SELECT name, spec FROM _collections').all() as Array<{ name: string; spec: string }>) {
      this.load(JSON.parse(r.spec) as CollectionSpec);
    }
  }

  has(name: string): boolean {
    return this.colls.has(name);
  }

  get(name: string): CollectionState | undefined {
    return this.colls.get(name);
  }

  names(): string[] {
    return [...this.colls.keys()];
  }

  /** Creates the table and its indexes if missing; returns false when it already existed. */
  create(spec: Pick<CollectionSpec, 'name' | 'indexes'>): boolean {
    validCollectionName(spec.name);
    const existed = this.colls.has(spec.name);
    const table = tableName(spec.name);
    this.runInWrite(() => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (rid INTEGER PRIMARY KEY, _id TEXT UNIQUE NOT NULL, v INTEGER NOT NULL, doc BLOB NOT NULL)`);
      for (const ix of spec.indexes) {
        const cols = ix.fields.map(([f, dir]) => `${pathExpr(f)} ${dir === -1 ? 'DESC' : 'ASC'}`).join(', ');
        this.db.exec(`CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quote(`ix_${spec.name}_${ix.name}`)} ON ${table} (${cols})`);
      }
      // The stored spec is the union of what was declared before and now (indexes are only ever added).
      const prev = this.colls.get(spec.name)?.indexes ?? [];
      const merged = [...prev, ...spec.indexes.filter((i) => !prev.some((p) => p.name === i.name))];
      this.db.prepare('INSERT INTO _collections (name, spec) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET spec = excluded.spec').run(
        spec.name,
        JSON.stringify({ name: spec.name, indexes: merged }),
      );
      this.load({ name: spec.name, indexes: merged } as CollectionSpec);
    });
    return !existed;
  }

  private load(spec: CollectionSpec): void {
    const table = tableName(spec.name);
    const kinds = new Map<string, number>();
    for (const r of this.db.prepare('SELECT path, kinds FROM _path_kinds WHERE coll = ?').all(spec.name) as Array<{ path: string; kinds: number }>) {
      kinds.set(r.path, r.kinds);
    }
    const maxV = (this.db.prepare(`SELECT max(v) AS m FROM ${table}`).get() as { m: number | null }).m ?? 0;
    this.version = Math.max(this.version, maxV);
    this.colls.set(spec.name, {
      name: spec.name,
      table,
      indexes: spec.indexes ?? [],
      kinds,
      byId: this.db.prepare(`SELECT rid, _id, v, json(doc) AS doc FROM ${table} WHERE _id = ?`),
      insert: this.db.prepare(`INSERT INTO ${table} (_id, v, doc) VALUES (?, ?, jsonb(?))`),
      update: this.db.prepare(`UPDATE ${table} SET v = ?, doc = jsonb(?) WHERE rid = ?`),
      remove: this.db.prepare(`DELETE FROM ${table} WHERE rid = ?`),
      count: this.db.prepare(`SELECT count(*) AS n FROM ${table}`),
    });
  }

  /** A fresh, store-wide version: never reused, so a delete + re-insert is still seen as a change. */
  nextVersion(): number {
    return ++this.version;
  }

  insertDoc(c: CollectionState, doc: Doc): number {
    this.trackKinds(c, doc);
    const v = this.nextVersion();
    try {
      c.insert.run(String(doc._id), v, encodeStored(doc));
    } catch (e) {
      throw sqliteToWire(e, c.name, doc._id);
    }
    return v;
  }

  updateDoc(c: CollectionState, rid: number, doc: Doc, text?: string): number {
    this.trackKinds(c, doc);
    const v = this.nextVersion();
    try {
      c.update.run(v, text ?? encodeStored(doc), rid);
    } catch (e) {
      throw sqliteToWire(e, c.name, doc._id);
    }
    return v;
  }

  private trackKinds(c: CollectionState, doc: Doc): void {
    for (const ix of c.indexes) {
      for (const [p] of ix.fields) {
        const k = kindOf(doc, p);
        const prev = c.kinds.get(p) ?? 0;
        if ((prev | k) !== prev) {
          c.kinds.set(p, prev | k);
          this.db.prepare('INSERT INTO _path_kinds (coll, path, kinds) VALUES (?, ?, ?) ON CONFLICT(coll, path) DO UPDATE SET kinds = excluded.kinds').run(c.name, p, prev | k);
        }
      }
    }
  }

  /**
   * Runs `fn` inside the current group-commit batch (a savepoint, so a failing write leaves the
   * batch intact) and resolves once the batch is committed and fsynced. All writes of one
   * event-loop turn share one COMMIT.
   */
  write<T>(fn: () => T): Promise<T> {
    let result: T;
    try {
      result = this.runInWrite(fn);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<T>((resolve, reject) => {
      this.batch!.push(() => resolve(result));
      this.batchFailures.push(reject);
    });
  }

  private runInWrite<T>(fn: () => T): T {
    if (!this.batch) {
      this.db.exec('BEGIN IMMEDIATE');
      this.batch = [];
      this.batchFailures = [];
      setImmediate(() => this.flush());
    }
    return this.db.transaction(fn)();
  }

  /** Commits the open batch now (also used by close); its writes are acknowledged once fsynced. */
  flush(): void {
    const batch = this.batch;
    const failures = this.batchFailures;
    if (!batch) return;
    this.batch = null;
    this.batchFailures = [];
    try {
      this.db.exec('COMMIT');
    } catch (e) {
      try {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      } catch {
        /* the rollback error adds nothing to the commit error */
      }
      const err = new WireError('SYS_ERR', `commit failed: ${(e as Error).message}`);
      failures.forEach((f) => f(err));
      return;
    }
    // Nothing to wait for: an in-memory store, or a batch whose writes all failed (nothing written).
    if (this.file === ':memory:' || !batch.length) return batch.forEach((f) => f());
    this.unsynced.push({ ok: () => batch.forEach((f) => f()), fail: (err) => failures.forEach((f) => f(err)) });
    if (!this.syncing) this.syncWal();
  }

  /** One fdatasync of the WAL for every batch committed before it starts; then the next group. */
  private syncWal(): void {
    const group = this.unsynced.splice(0);
    if (!group.length) return;
    let fd: number;
    try {
      fd = this.walFd ??= fs.openSync(`${this.file}-wal`, 'r');
    } catch (e) {
      const err = new WireError('SYS_ERR', `cannot open the write-ahead log to sync it: ${(e as Error).message}`);
      return group.forEach((g) => g.fail(err));
    }
    this.syncing = group;
    fs.fdatasync(fd, (e) => {
      this.syncing = null;
      if (this.closed) {
        // close() synced and acknowledged everything synchronously; only the descriptor is left.
        fs.closeSync(fd);
        return;
      }
      // The commit happened but may not survive a power loss: not acknowledged as durable.
      if (e) group.forEach((g) => g.fail(new WireError('SYS_ERR', `the commit could not be synced to disk: ${e.message}`)));
      else group.forEach((g) => g.ok());
      this.syncWal();
    });
  }

  close(): void {
    this.flush();
    const waiting = [...(this.syncing ?? []), ...this.unsynced.splice(0)];
    if (this.walFd !== null) {
      try {
        fs.fdatasyncSync(this.walFd);
        waiting.forEach((g) => g.ok());
      } catch (e) {
        waiting.forEach((g) => g.fail(new WireError('SYS_ERR', `the commit could not be synced to disk: ${(e as Error).message}`)));
      }
      // An fdatasync still in flight closes the descriptor when it returns.
      if (!this.syncing) fs.closeSync(this.walFd);
      this.walFd = null;
    }
    this.closed = true;
    if (this.db.open) this.db.close();
  }
}

function sqliteToWire(e: unknown, coll: string, id: unknown): Error {
  const err = e as { code?: string; message?: string };
  if (typeof err.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT')) {
    const what = /\._id\b|\(_id\)|\._id$/.test(err.message ?? '') || (err.message ?? '').includes('._id') ? `_id: "${String(id)}"` : (err.message ?? '');
    return new WireError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${coll} dup key: { ${what} }`);
  }
  // The text is our own JSON.stringify output, so SQLite calls it malformed only when it nests
  // deeper than SQLite's JSON limit (1000 levels), e.g. after $set of a 1500-segment dotted path:
  // the caller's document is at fault, not the store (was SYS_ERR "storage error").
  if (typeof err.code === 'string' && err.code.startsWith('SQLITE') && /malformed JSON/i.test(err.message ?? '')) {
    return new WireError('INVALID_PARAM', `the document for collection ${coll} is nested too deeply to store (at most 1000 levels)`);
  }
  return e as Error;
}

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export function tableName(coll: string): string {
  return quote(`c_${coll}`);
}

export { KIND_OTHER };
