// Optimistic transactions. A transaction buffers its writes (reads see them: read-your-own-writes)
// and remembers the version of every document it looked at — 0 when a point read found nothing,
// so "read a deterministic id, insert if absent" is exactly-once. COMMIT re-checks the versions of
// the documents it writes and applies every write in one synchronous SQLite transaction; a
// mismatch answers DATABASE_TRANSACTION_CONFLICT at commit, the only place wx-server-sdk's
// runTransaction retries.
import { randomBytes } from 'node:crypto';
import { WireError } from '../wire';
import { Doc, encodeStored } from './codec';
import { Engine } from './engine';
import { CollectionState } from './sqlite-store';

export const TRANSACTION_TTL_MS = 60_000;

interface Pending {
  coll: string;
  id: string;
  /** null = deleted. */
  doc: Doc | null;
}

export interface Transaction {
  id: string;
  expiresAt: number;
  /** coll \0 id → version seen (0 = absent). */
  reads: Map<string, number>;
  writes: Map<string, Pending>;
}

const key = (coll: string, id: string) => `${coll}\u0000${id}`;

export class Transactions {
  private readonly open = new Map<string, Transaction>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly engine: Engine,
    private readonly ttlMs = TRANSACTION_TTL_MS,
  ) {
    this.sweeper = setInterval(() => this.expire(Date.now()), Math.min(ttlMs, 10_000));
    this.sweeper.unref();
  }

  start(): string {
    const id = randomBytes(16).toString('hex');
    this.open.set(id, { id, expiresAt: Date.now() + this.ttlMs, reads: new Map(), writes: new Map() });
    return id;
  }

  get(id: unknown): Transaction {
    if (typeof id !== 'string' || !id) throw new WireError('INVALID_PARAM', 'transactionId must be a non-empty string');
    const t = this.open.get(id);
    if (!t || t.expiresAt < Date.now()) {
      this.open.delete(String(id));
      throw new WireError('DATABASE_TRANSACTION_NOT_EXIST', `transaction ${id} does not exist (never started, already committed or aborted, or expired after ${this.ttlMs / 1000} s)`);
    }
    t.expiresAt = Date.now() + this.ttlMs;
    return t;
  }

  abort(id: unknown): void {
    this.get(id);
    this.open.delete(id as string);
  }

  /** The transaction's view of one document; records the version read. */
  read(t: Transaction, c: CollectionState, id: string): Doc | null {
    const k = key(c.name, id);
    const w = t.writes.get(k);
    if (w) return w.doc;
    const found = this.engine.findById(c, id);
    if (!t.reads.has(k)) t.reads.set(k, found ? found.v : 0);
    else if ((found ? found.v : 0) !== t.reads.get(k)) {
      // Already changed under us: the commit would fail anyway; keep the first version so it does.
    }
    return found ? found.doc : null;
  }

  /** Marks documents returned by a WHERE read, merging buffered writes into the result. */
  noteRead(t: Transaction, c: CollectionState, id: string, v: number): Doc | null | undefined {
    const k = key(c.name, id);
    if (!t.reads.has(k)) t.reads.set(k, v);
    const w = t.writes.get(k);
    return w ? w.doc : undefined;
  }

  /** Buffered documents of a collection that a WHERE read must also consider (new or changed). */
  pendingDocs(t: Transaction, coll: string): Pending[] {
    return [...t.writes.values()].filter((p) => p.coll === coll);
  }

  put(t: Transaction, c: CollectionState, id: string, doc: Doc | null): void {
    t.writes.set(key(c.name, id), { coll: c.name, id, doc });
  }

  /** Validates and applies; the promise settles once the commit is durable. */
  commit(id: unknown, collection: (name: string) => CollectionState): Promise<void> {
    const t = this.get(id);
    this.open.delete(t.id);
    const store = this.engine.store;
    return store.write(() => {
      for (const [k, v] of t.reads) {
        // Like MongoDB's snapshot isolation (which CloudBase transactions run on), only documents
        // the transaction WRITES conflict; a document it merely read may change meanwhile (write
        // skew is possible in production, so the emulator must not hide it by being stricter).
        if (!t.writes.has(k)) continue;
        const [coll, docId] = k.split('\u0000');
        const c = store.get(coll);
        const now = c ? this.engine.findById(c, docId) : null;
        if ((now ? now.v : 0) !== v) {
          throw new WireError('DATABASE_TRANSACTION_CONFLICT', `transaction ${t.id} conflicts with a concurrent write to ${coll}/${docId}; retry it`);
        }
      }
      for (const p of t.writes.values()) {
        const c = collection(p.coll);
        const existing = this.engine.findById(c, p.id);
        if (p.doc === null) {
          if (existing) c.remove.run(existing.rid);
        } else if (existing) {
          store.updateDoc(c, existing.rid, p.doc, encodeStored(p.doc));
        } else {
          store.insertDoc(c, p.doc);
        }
      }
    });
  }

  expire(now: number): void {
    for (const [id, t] of this.open) if (t.expiresAt < now) this.open.delete(id);
  }

  close(): void {
    clearInterval(this.sweeper);
    this.open.clear();
  }
}
