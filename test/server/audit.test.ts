// The hash-chained audit log against the emulator from globalSetup. Other test files append
// concurrently, so these tests only rely on their own entries and on verification tolerating live
// appends; tampering, deleted chains and the legacy chain are in audit-tamper.test.ts, against an
// emulator of its own.
import { appendAudit, AUDIT_CHAINS, auditEntryId, AuditEntry, chainOf, chainSeq, GENESIS_HASH, hashAuditEntry, verifyAuditChain } from '../../server/audit';
import { canonicalJson } from '../../server/canonical-json';
import { runTx } from '../../server/transaction';
import { db, uniq } from './fixtures/db';

const append = (subject: string, after: unknown) =>
  runTx(db(), (tx) => appendAudit(tx, { actor: 'auditor', at: 1_700_000_000_000, action: 'test.append', subject, before: null, after }));

describe('audit log', () => {
  test('a subject’s entries are in its chain at consecutive positions, each linked to the previous hash; the chains verify', async () => {
    const subject = uniq('subj');
    const chain = chainOf(subject);
    const a = await append(subject, { n: 1 });
    const b = await append(subject, { n: 2 });
    expect(a.chain).toBe(chain);
    expect(b.seq).toBeGreaterThan(a.seq);
    expect((b.seq - a.seq) % AUDIT_CHAINS).toBe(0);
    const stored = (await db().collection('audit_log').doc(auditEntryId(b.seq)).get()).data!;
    expect(stored).toMatchObject({ chain, seq: b.seq, subject });
    expect(stored.hash).toBe(hashAuditEntry(stored));
    const prev = (await db().collection('audit_log').doc(auditEntryId(b.seq - AUDIT_CHAINS)).get()).data!;
    expect(prev.chain).toBe(chain);
    expect(stored.prevHash).toBe(prev.hash);
    const head = (await db().collection('audit_head').doc(`c${String(chain).padStart(2, '0')}`).get()).data!;
    expect(head.seq).toBeGreaterThanOrEqual(b.seq);
    expect(head.seq).toBe(chainSeq(chain, (head.count as number) - 1));
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, chains: AUDIT_CHAINS });
  });

  test('concurrent appends to one subject serialise: distinct seqs, unbroken chain', async () => {
    const subject = uniq('conc');
    const entries = await Promise.all(Array.from({ length: 8 }, (_, i) => append(subject, { i })));
    expect(new Set(entries.map((e) => e.seq)).size).toBe(8);
    for (const e of entries) {
      expect(e.chain).toBe(chainOf(subject));
      // Linked to whatever entry precedes it in the chain (another file's, possibly).
      const prev = e.seq === chainSeq(e.chain!, 0) ? null : (await db().collection('audit_log').doc(auditEntryId(e.seq - AUDIT_CHAINS)).get()).data;
      expect(e.prevHash).toBe(prev ? prev.hash : GENESIS_HASH);
    }
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  test('subjects spread over the chains', () => {
    const counts = new Array<number>(AUDIT_CHAINS).fill(0);
    for (let i = 0; i < 6400; i++) counts[chainOf(`wishes/w_${i}`)]! += 1;
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(150);
    expect(chainOf('wishes/w_1')).toBe(chainOf('wishes/w_1'));
  });

  test('the hash covers every field, including ones added later', () => {
    const entry = { chain: 3, seq: 1, at: 1, actor: 'a', action: 'x', subject: 's', prevHash: GENESIS_HASH } as Omit<AuditEntry, 'hash'>;
    const h = hashAuditEntry(entry);
    expect(hashAuditEntry({ ...entry, _id: 'any', hash: 'any' })).toBe(h);
    expect(hashAuditEntry({ ...entry, extra: 1 })).not.toBe(h);
    expect(hashAuditEntry({ ...entry, actor: 'b' })).not.toBe(h);
    expect(hashAuditEntry({ ...entry, chain: 4 })).not.toBe(h);
  });
});

describe('canonicalJson', () => {
  test('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  test('encodes dates and rejects values JSON cannot carry', () => {
    expect(canonicalJson(new Date(5))).toBe('{"$date":5}');
    expect(canonicalJson(-0)).toBe('0');
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});
