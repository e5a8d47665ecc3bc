// Append-only, hash-chained audit log. Each entry carries the previous entry's hash, and the head
// document (audit_head/main) carries the last seq and hash. Appends happen inside the caller's
// transaction: the head is read and advanced there, so two concurrent appends touch the same head
// document and one of them loses (conflict → retried by runTx), and the entry's _id is its seq, so
// even a store that missed the conflict cannot hold two entries with the same seq.
import { Collections } from './collections';
import { canonicalJson, sha256Hex } from './canonical-json';
import type { Db, StoredDoc, Tx } from './db';

export const GENESIS_HASH = '0'.repeat(64);
const HEAD_ID = 'main';
const PAGE = 500;

export interface AuditInput {
  actor: string;
  at: number;
  /** '<function>.<action>' or a system event such as 'user.bootstrapAdmin'. */
  action: string;
  /** '<collection>/<id>' of the changed document. */
  subject: string;
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  prevHash: string;
  hash: string;
}

export function auditEntryId(seq: number): string {
  return String(seq).padStart(12, '0');
}

/** The hash covers every stored field except _id and hash itself, so added fields are caught too. */
export function hashAuditEntry(entry: Record<string, unknown>): string {
  const { _id: _ignoredId, hash: _ignoredHash, ...rest } = entry;
  return sha256Hex(canonicalJson(rest));
}

export async function appendAudit(tx: Tx, input: AuditInput): Promise<AuditEntry> {
  const headRef = tx.collection(Collections.auditHead).doc(HEAD_ID);
  const head = (await headRef.get()).data;
  const seq = (typeof head?.seq === 'number' ? head.seq : 0) + 1;
  const prevHash = typeof head?.hash === 'string' ? head.hash : GENESIS_HASH;
  const body: Omit<AuditEntry, 'hash'> = { ...stripUndefined(input), seq, prevHash };
  const entry: AuditEntry = { ...body, hash: hashAuditEntry(body) };
  await tx.collection(Collections.auditLog).add({ data: { _id: auditEntryId(seq), ...entry } });
  await headRef.set({ data: { seq, hash: entry.hash, at: input.at } });
  return entry;
}

export type AuditProblem = 'hash_mismatch' | 'broken_link' | 'seq_gap' | 'head_mismatch';

export type AuditVerdict =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; seq: number; problem: AuditProblem };

/**
 * Walks the chain in seq order up to the head and checks every hash, every link and the head.
 * The head is read first: appends that commit while we walk are beyond it and ignored, so
 * verification can run while the system is live. Entries beyond a head that did not move while
 * we walked were written without advancing the head: forged.
 */
export async function verifyAuditChain(db: Db): Promise<AuditVerdict> {
  const _ = db.command;
  const head = await readHead(db);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  while (expectedSeq <= head.seq) {
    const page = (
      await db
        .collection(Collections.auditLog)
        .where({ seq: _.gte(expectedSeq) })
        .orderBy('seq', 'asc')
        .limit(PAGE)
        .get()
    ).data;
    for (const doc of page) {
      if (expectedSeq > head.seq) break;
      const problem = checkEntry(doc, expectedSeq, prevHash);
      if (problem) return { ok: false, count, seq: expectedSeq, problem };
      prevHash = doc.hash as string;
      expectedSeq += 1;
      count += 1;
    }
    if (page.length < PAGE) break;
  }
  // Fewer entries than the head says: the tail (or a run of entries) was deleted.
  if (count !== head.seq || prevHash !== head.hash) return { ok: false, count, seq: count + 1, problem: 'head_mismatch' };
  const beyond = (await db.collection(Collections.auditLog).where({ seq: _.gt(head.seq) }).limit(1).get()).data;
  if (beyond.length > 0 && (await readHead(db)).seq === head.seq) return { ok: false, count, seq: head.seq + 1, problem: 'head_mismatch' };
  return { ok: true, count, headHash: head.hash };
}

async function readHead(db: Db): Promise<{ seq: number; hash: string }> {
  const head = (await db.collection(Collections.auditHead).doc(HEAD_ID).get()).data;
  return {
    seq: typeof head?.seq === 'number' ? head.seq : 0,
    hash: typeof head?.hash === 'string' ? head.hash : GENESIS_HASH,
  };
}

function checkEntry(doc: StoredDoc, expectedSeq: number, prevHash: string): AuditProblem | null {
  if (doc.seq !== expectedSeq || doc._id !== auditEntryId(expectedSeq)) return 'seq_gap';
  if (doc.prevHash !== prevHash) return 'broken_link';
  if (doc.hash !== hashAuditEntry(doc)) return 'hash_mismatch';
  return null;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
