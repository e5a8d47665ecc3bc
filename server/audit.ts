// Append-only, hash-chained audit log, split into AUDIT_CHAINS independent chains so that state
// changes on different subjects do not conflict (ADR 0003). An entry's chain is a stable hash of
// its subject, so all entries of one document are in one chain, in order. Each chain has its own
// head document (audit_head/c00 … c63: count, last seq, last hash), read and advanced in the
// caller's transaction: two appends to one chain touch the same head and one of them loses
// (conflict → retried by runTx); appends to different chains touch nothing in common.
//
// Sequence numbers stay unique across all chains: chain c owns the numbers CHAIN_SEQ_BASE + c +
// k·AUDIT_CHAINS (k = 0, 1, …), above the frozen single chain of earlier versions (`main`, seq 1,
// 2, …). The entry's _id is its seq, so even a store that missed a conflict cannot hold two
// entries at one position, and the existing unique `seq` index keeps guarding that.
//
// Every head exists from the start: the first append ever creates all of them, with a registry
// (audit_head/chains) that records their number and where the legacy chain stood. A chain whose
// head is missing afterwards was deleted; appends to it fail instead of starting it afresh, and
// verification reports it.
import { Collections } from './collections';
import { canonicalJson, sha256Hex } from './canonical-json';
import type { Db, DocData, StoredDoc, Tx } from './db';

export const GENESIS_HASH = '0'.repeat(64);
/** Fixed: changing it would move subjects to other chains (ADR 0003). */
export const AUDIT_CHAINS = 64;
/** The first seq of the sharded chains; the legacy chain `main` stays below it. */
export const CHAIN_SEQ_BASE = 1_000_000_000_000;
export const LEGACY_CHAIN = 'main';
const REGISTRY_ID = 'chains';
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
  /** Index of the chain (0 … AUDIT_CHAINS − 1); absent on entries of the legacy chain `main`. */
  chain?: number;
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

/** The chain of a subject: the first 32 bits of its SHA-256, modulo AUDIT_CHAINS. */
export function chainOf(subject: string): number {
  return Number.parseInt(sha256Hex(subject).slice(0, 8), 16) % AUDIT_CHAINS;
}

/** The head document's id (and the chain's name in verdicts): c00 … c63. */
export function chainName(chain: number): string {
  return `c${String(chain).padStart(2, '0')}`;
}

/** The seq of the chain's entry number `index` (0-based). */
export function chainSeq(chain: number, index: number): number {
  return CHAIN_SEQ_BASE + chain + index * AUDIT_CHAINS;
}

interface ChainHead {
  chain: number;
  /** Entries in the chain. */
  count: number;
  /** The last entry's seq; 0 while empty. */
  seq: number;
  /** The last entry's hash; GENESIS_HASH while empty. */
  hash: string;
  at: number;
}

/** Where the legacy chain stood when the sharded chains were opened; null if it was empty. */
export interface LegacyMark {
  seq: number;
  hash: string;
}

export async function appendAudit(tx: Tx, input: AuditInput): Promise<AuditEntry> {
  const chain = chainOf(input.subject);
  const headRef = tx.collection(Collections.auditHead).doc(chainName(chain));
  const stored = (await headRef.get()).data;
  const head = stored ? toHead(stored) : await openChains(tx, chain, input.at);
  const seq = chainSeq(chain, head.count);
  const body: Omit<AuditEntry, 'hash'> = { ...stripUndefined(input), chain, seq, prevHash: head.hash };
  const entry: AuditEntry = { ...body, hash: hashAuditEntry(body) };
  await tx.collection(Collections.auditLog).add({ data: { _id: auditEntryId(seq), ...entry } });
  const next: ChainHead = { chain, count: head.count + 1, seq, hash: entry.hash, at: input.at };
  await headRef.set({ data: { ...next } });
  return entry;
}

/**
 * The first append ever: writes the registry and every other chain's empty head in the caller's
 * transaction, and returns the empty head of `chain` (the caller writes it). Two first appends
 * racing both write the registry; one loses and, retried, finds its head. A missing head after
 * that is a deleted chain: refused, never silently restarted (it would verify again).
 */
async function openChains(tx: Tx, chain: number, at: number): Promise<ChainHead> {
  const heads = tx.collection(Collections.auditHead);
  const registry = (await heads.doc(REGISTRY_ID).get()).data;
  if (registry) {
    throw new Error(`audit chain ${chainName(chain)} is missing although the chains were opened at ${String(registry.openedAt)}: the audit log was tampered with; see docs/operations.md`);
  }
  const legacy = (await heads.doc(LEGACY_CHAIN).get()).data;
  const legacyMark: LegacyMark | null = legacy && typeof legacy.seq === 'number' && legacy.seq > 0 ? { seq: legacy.seq, hash: String(legacy.hash) } : null;
  await heads.add({ data: { _id: REGISTRY_ID, chains: AUDIT_CHAINS, base: CHAIN_SEQ_BASE, legacy: legacyMark, openedAt: at } });
  const empty = (c: number): ChainHead => ({ chain: c, count: 0, seq: 0, hash: GENESIS_HASH, at });
  const others = Array.from({ length: AUDIT_CHAINS }, (_, c) => c).filter((c) => c !== chain);
  await Promise.all(others.map((c) => heads.doc(chainName(c)).set({ data: { ...empty(c) } })));
  return empty(chain);
}

export type AuditProblem = 'hash_mismatch' | 'broken_link' | 'seq_gap' | 'head_mismatch' | 'head_missing';

export type AuditVerdict =
  | { ok: true; count: number; chains: number }
  | { ok: false; count: number; chain: string; seq: number; problem: AuditProblem };

type ChainVerdict = { ok: true; count: number } | { ok: false; count: number; seq: number; problem: AuditProblem };

/**
 * Verifies every chain: the legacy chain `main` (up to its head, and at least as far as it stood
 * when the sharded chains were opened), then each sharded chain up to its head. Reports the first
 * problem: an entry whose hash, link or seq does not match, a head that does not match its chain
 * (a deleted tail, or entries written beyond it), or a missing head (a deleted chain). Heads are
 * read before their chain is walked, so it can run while the system is live: appends committed
 * meanwhile are beyond the head read and ignored.
 */
export async function verifyAuditChain(db: Db): Promise<AuditVerdict> {
  const registry = (await db.collection(Collections.auditHead).doc(REGISTRY_ID).get()).data;
  const legacyMark = (registry?.legacy ?? null) as LegacyMark | null;
  let count = 0;
  const legacy = await verifyLegacy(db, legacyMark);
  if (!legacy.ok) return { ...legacy, count: count + legacy.count, chain: LEGACY_CHAIN };
  count += legacy.count;
  if (!registry) {
    // No append since the sharded chains came, or the registry was deleted: in the first case
    // there is nothing above the legacy range.
    const sharded = await db.collection(Collections.auditLog).where({ seq: db.command.gte(CHAIN_SEQ_BASE) }).limit(1).get();
    if (sharded.data.length > 0) return { ok: false, count, chain: REGISTRY_ID, seq: Number(sharded.data[0]!.seq), problem: 'head_missing' };
    return { ok: true, count, chains: 0 };
  }
  for (let c = 0; c < AUDIT_CHAINS; c++) {
    const v = await verifyChain(db, c);
    if (!v.ok) return { ...v, count: count + v.count, chain: chainName(c) };
    count += v.count;
  }
  return { ok: true, count, chains: AUDIT_CHAINS };
}

async function verifyChain(db: Db, chain: number): Promise<ChainVerdict> {
  const _ = db.command;
  const readHead = async () => {
    const doc = (await db.collection(Collections.auditHead).doc(chainName(chain)).get()).data;
    return doc ? toHead(doc) : null;
  };
  const head = await readHead();
  if (!head) return { ok: false, count: 0, seq: chainSeq(chain, 0), problem: 'head_missing' };
  const walked = await walk(db, { chain }, chainSeq(chain, 0), AUDIT_CHAINS, head.count, (doc) => doc.chain === chain);
  if (!walked.ok) return walked;
  // Fewer entries than the head says: the tail (or a run of entries) was deleted.
  if (walked.count !== head.count || walked.prevHash !== head.hash) return { ok: false, count: walked.count, seq: chainSeq(chain, walked.count), problem: 'head_mismatch' };
  // Entries beyond a head that did not move while we walked were written without advancing it: forged.
  const beyond = (await db.collection(Collections.auditLog).where({ chain, seq: _.gt(head.seq) }).limit(1).get()).data;
  if (beyond.length > 0 && (await readHead())?.count === head.count) return { ok: false, count: walked.count, seq: chainSeq(chain, head.count), problem: 'head_mismatch' };
  return { ok: true, count: walked.count };
}

/**
 * The single chain of earlier versions (seq 1, 2, … below CHAIN_SEQ_BASE, head audit_head/main).
 * Nothing appends to it any more, except functions of the previous version still draining during
 * a deployment: it is verified up to its own head, which must not be behind the mark taken when
 * the sharded chains were opened (a deleted legacy chain or tail is caught by that).
 */
async function verifyLegacy(db: Db, mark: LegacyMark | null): Promise<ChainVerdict> {
  const _ = db.command;
  const readHead = async () => {
    const doc = (await db.collection(Collections.auditHead).doc(LEGACY_CHAIN).get()).data;
    return { seq: typeof doc?.seq === 'number' ? doc.seq : 0, hash: typeof doc?.hash === 'string' ? doc.hash : GENESIS_HASH };
  };
  const head = await readHead();
  if (mark && head.seq < mark.seq) return { ok: false, count: 0, seq: head.seq + 1, problem: 'head_mismatch' };
  const walked = await walk(db, { seq: _.lt(CHAIN_SEQ_BASE) }, 1, 1, head.seq, (doc) => doc.chain === undefined, mark ?? undefined);
  if (!walked.ok) return walked;
  if (walked.count !== head.seq || walked.prevHash !== head.hash) return { ok: false, count: walked.count, seq: walked.count + 1, problem: 'head_mismatch' };
  const beyond = (await db.collection(Collections.auditLog).where(_.and([{ seq: _.gt(head.seq) }, { seq: _.lt(CHAIN_SEQ_BASE) }])).limit(1).get()).data;
  if (beyond.length > 0 && (await readHead()).seq === head.seq) return { ok: false, count: walked.count, seq: head.seq + 1, problem: 'head_mismatch' };
  return { ok: true, count: walked.count };
}

/**
 * Walks `count` entries in seq order from `firstSeq` in steps of `step`, checking each seq, _id,
 * link and hash (and, at `mark.seq`, that the entry still has the hash recorded there).
 */
async function walk(
  db: Db,
  where: DocData,
  firstSeq: number,
  step: number,
  count: number,
  belongs: (doc: StoredDoc) => boolean,
  mark?: LegacyMark,
): Promise<({ ok: true; prevHash: string } | { ok: false; seq: number; problem: AuditProblem }) & { count: number }> {
  const _ = db.command;
  let prevHash = GENESIS_HASH;
  let done = 0;
  while (done < count) {
    const expected = firstSeq + done * step;
    const page = (
      await db
        .collection(Collections.auditLog)
        .where(_.and([where, { seq: _.gte(expected) }]))
        .orderBy('seq', 'asc')
        .limit(PAGE)
        .get()
    ).data;
    for (const doc of page) {
      if (done >= count) break;
      const seq = firstSeq + done * step;
      const problem = checkEntry(doc, seq, prevHash, belongs) ?? (mark && seq === mark.seq && doc.hash !== mark.hash ? 'hash_mismatch' : null);
      if (problem) return { ok: false, count: done, seq, problem };
      prevHash = doc.hash as string;
      done += 1;
    }
    if (page.length < PAGE) break;
  }
  return { ok: true, count: done, prevHash };
}

function checkEntry(doc: StoredDoc, seq: number, prevHash: string, belongs: (doc: StoredDoc) => boolean): AuditProblem | null {
  if (doc.seq !== seq || doc._id !== auditEntryId(seq) || !belongs(doc)) return 'seq_gap';
  if (doc.prevHash !== prevHash) return 'broken_link';
  if (doc.hash !== hashAuditEntry(doc)) return 'hash_mismatch';
  return null;
}

function toHead(doc: StoredDoc): ChainHead {
  return {
    chain: Number(doc.chain),
    count: typeof doc.count === 'number' ? doc.count : 0,
    seq: typeof doc.seq === 'number' ? doc.seq : 0,
    hash: typeof doc.hash === 'string' ? doc.hash : GENESIS_HASH,
    at: Number(doc.at),
  };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
