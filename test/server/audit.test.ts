// The hash-chained audit log against the emulator. Other test files append concurrently, so these
// tests only rely on their own entries and on verification tolerating live appends.
import { appendAudit, auditEntryId, AuditEntry, GENESIS_HASH, hashAuditEntry, verifyAuditChain } from '../../server/audit';
import { canonicalJson } from '../../server/canonical-json';
import { runTx } from '../../server/transaction';
import { db, uniq } from './fixtures/db';

const append = (subject: string, after: unknown) =>
  runTx(db(), (tx) => appendAudit(tx, { actor: 'auditor', at: 1_700_000_000_000, action: 'test.append', subject, before: null, after }));

describe('audit log', () => {
  test('entries get consecutive seqs, each linked to the previous hash, and the chain verifies', async () => {
    const subject = uniq('subj');
    const a = await append(subject, { n: 1 });
    const b = await append(subject, { n: 2 });
    expect(b.seq).toBeGreaterThan(a.seq);
    const stored = (await db().collection('audit_log').doc(auditEntryId(b.seq)).get()).data!;
    expect(stored.hash).toBe(hashAuditEntry(stored));
    const prev = (await db().collection('audit_log').doc(auditEntryId(b.seq - 1)).get()).data!;
    expect(stored.prevHash).toBe(prev.hash);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  test('concurrent appends serialise: distinct seqs, unbroken chain', async () => {
    const subject = uniq('conc');
    const entries = await Promise.all(Array.from({ length: 8 }, (_, i) => append(subject, { i })));
    expect(new Set(entries.map((e) => e.seq)).size).toBe(8);
    const verdict = await verifyAuditChain(db());
    expect(verdict).toMatchObject({ ok: true });
  });

  test('verification detects an edited entry, a re-hashed edit, a deleted entry and a forged tail', async () => {
    const subject = uniq('tamper');
    const first = await append(subject, { amountFen: 100 });
    await append(subject, { amountFen: 200 });
    const ref = db().collection('audit_log').doc(auditEntryId(first.seq));
    const original = (await ref.get()).data!;
    const restore = async () => {
      const { _id, ...rest } = original;
      await ref.set({ data: rest });
    };
    try {
      await ref.update({ data: { after: { amountFen: 999 } } });
      expect(await verifyAuditChain(db())).toMatchObject({ ok: false, seq: first.seq, problem: 'hash_mismatch' });

      const edited = { ...original, after: { amountFen: 999 } };
      await ref.update({ data: { after: { amountFen: 999 }, hash: hashAuditEntry(edited) } });
      expect(await verifyAuditChain(db())).toMatchObject({ ok: false, seq: first.seq + 1, problem: 'broken_link' });

      await ref.remove();
      expect(await verifyAuditChain(db())).toMatchObject({ ok: false, seq: first.seq, problem: 'seq_gap' });
    } finally {
      await restore();
    }
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });

    const forgedId = auditEntryId(10_000_000);
    await db().collection('audit_log').add({ data: { _id: forgedId, seq: 10_000_000, prevHash: GENESIS_HASH, hash: 'x' } });
    try {
      expect(await verifyAuditChain(db())).toMatchObject({ ok: false, problem: 'head_mismatch' });
    } finally {
      await db().collection('audit_log').doc(forgedId).remove();
    }
  });

  test('the hash covers every field, including ones added later', () => {
    const entry = { seq: 1, at: 1, actor: 'a', action: 'x', subject: 's', prevHash: GENESIS_HASH } as Omit<AuditEntry, 'hash'>;
    const h = hashAuditEntry(entry);
    expect(hashAuditEntry({ ...entry, _id: 'any', hash: 'any' })).toBe(h);
    expect(hashAuditEntry({ ...entry, extra: 1 })).not.toBe(h);
    expect(hashAuditEntry({ ...entry, actor: 'b' })).not.toBe(h);
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
