// The sharded audit chains (server/audit.ts, ADR 0003) in an emulator of their own: it starts with
// a legacy single chain as an earlier version left it, takes 40 racing first appends, and is then
// tampered with, which the shared emulator's other test files must not see. The real wx-server-sdk
// is pointed at this emulator as in openapi-subscriptions.test.ts (jest gives each file fresh
// modules, so server/cloud.ts initialises after the switch); the variables are put back afterwards.
import { startEmulator, type RunningEmulator } from '../../emulator/emulator';
import { sdkEnv } from '../../emulator/sdk-env';
import { appendAudit, AUDIT_CHAINS, auditEntryId, chainName, chainOf, chainSeq, GENESIS_HASH, hashAuditEntry, verifyAuditChain } from '../../server/audit';
import type { StoredDoc } from '../../server/db';
import { runTx } from '../../server/transaction';
import { db, ensureCollection, uniq } from './fixtures/db';
import { COUNTERS, kernel } from './fixtures/kernel-function';

// Racing transactions retry with backoff; a loaded machine needs more than jest's 5 s.
jest.setTimeout(60_000);
const NOW = 1_700_000_000_000;
const LEGACY = 3;
let emu: RunningEmulator;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  emu = await startEmulator({ dataDir: null, dev: false, poolSize: 0 });
  const env = sdkEnv(emu.adminUrl);
  for (const key of Object.keys(env)) saved[key] = process.env[key];
  Object.assign(process.env, env);
  await ensureCollection(COUNTERS);
}, 30_000);

afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await emu?.close();
});

const log = () => db().collection('audit_log');
const heads = () => db().collection('audit_head');
const append = (subject: string, n: number) => runTx(db(), (tx) => appendAudit(tx, { actor: 'auditor', at: NOW, action: 'test.append', subject, after: { n } }));
const increment = (counterId: string) => kernel.invoke({ action: 'increment', input: { counterId }, requestId: uniq('rid') }, { openid: 'alice', now: () => NOW });

/** Writes a document back exactly as it was read. */
async function restore(collection: string, doc: StoredDoc): Promise<void> {
  const { _id, ...rest } = doc;
  await db().collection(collection).doc(_id).set({ data: rest });
}

async function entriesOf(chain: number): Promise<StoredDoc[]> {
  return (await log().where({ chain }).orderBy('seq', 'asc').limit(1000).get()).data;
}

/** A subject of the given chain that nothing else uses. */
function subjectIn(chain: number): string {
  for (;;) {
    const s = `tamper/${uniq('s')}`;
    if (chainOf(s) === chain) return s;
  }
}

test('a legacy single chain, as an earlier version wrote it, verifies as chain `main`', async () => {
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= LEGACY; seq++) {
    const body = { actor: 'old-version', at: NOW, action: 'legacy.write', subject: `legacy/${seq}`, after: { seq }, seq, prevHash };
    const hash = hashAuditEntry(body);
    await log().add({ data: { _id: auditEntryId(seq), ...body, hash } });
    prevHash = hash;
  }
  await heads().add({ data: { _id: 'main', seq: LEGACY, hash: prevHash, at: NOW } });
  expect(await verifyAuditChain(db())).toEqual({ ok: true, count: LEGACY, chains: 0 });
});

test('40 concurrent state-changing calls on different subjects, twice (the first appends ever among the first 40): no `internal`, every chain verifies', async () => {
  // With the single head of earlier versions, such a round gave `internal` answers (TX_MAX_ATTEMPTS spent).
  const counters: string[] = [];
  for (let round = 0; round < 2; round++) {
    const ids = Array.from({ length: 40 }, (_, i) => uniq(`race${round}-${i}`));
    const results = await Promise.all(ids.map(increment));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    counters.push(...ids);
  }
  expect(await verifyAuditChain(db())).toEqual({ ok: true, count: LEGACY + 80, chains: AUDIT_CHAINS });
  // Every head exists from the first append on, whether its chain has entries or not; the registry
  // recorded where the legacy chain stood.
  const all = (await heads().limit(1000).get()).data;
  expect(all.map((h) => h._id).sort()).toEqual(['chains', 'main', ...Array.from({ length: AUDIT_CHAINS }, (_, c) => chainName(c))].sort());
  const legacyHead = all.find((h) => h._id === 'main')!;
  expect(all.find((h) => h._id === 'chains')).toMatchObject({ chains: AUDIT_CHAINS, legacy: { seq: LEGACY, hash: legacyHead.hash } });
  const total = all.filter((h) => /^c\d\d$/.test(h._id)).reduce((s, h) => s + (h.count as number), 0);
  expect(total).toBe(80);
  // Each counter's entry sits in its subject's chain.
  for (const id of counters.slice(0, 5)) {
    const [entry] = (await log().where({ subject: `${COUNTERS}/${id}` }).get()).data;
    expect(entry!.chain).toBe(chainOf(`${COUNTERS}/${id}`));
  }
});

describe('verification detects', () => {
  const chain = 7;
  let subject: string;
  let entries: StoredDoc[];
  let head: StoredDoc;

  beforeAll(async () => {
    subject = subjectIn(chain);
    for (let n = 1; n <= 3; n++) await append(subject, n);
    entries = await entriesOf(chain);
    expect(entries.length).toBeGreaterThanOrEqual(3);
    head = (await heads().doc(chainName(chain)).get()).data!;
  });

  afterEach(async () => {
    // Every test leaves the chain as it found it.
    for (const e of entries) await restore('audit_log', e);
    await restore('audit_head', head);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  test('an edited entry, and an edit whose hash was recomputed', async () => {
    const target = entries[entries.length - 2]!;
    const ref = log().doc(target._id);
    await ref.update({ data: { after: { n: 999 } } });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, chain: chainName(chain), seq: target.seq, problem: 'hash_mismatch' });
    await ref.update({ data: { hash: hashAuditEntry({ ...target, after: { n: 999 } }) } });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, chain: chainName(chain), seq: (target.seq as number) + AUDIT_CHAINS, problem: 'broken_link' });
  });

  test('an entry deleted from the middle, or moved to another chain', async () => {
    const target = entries[entries.length - 2]!;
    await log().doc(target._id).remove();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, chain: chainName(chain), seq: target.seq, problem: 'seq_gap' });
    await restore('audit_log', target);
    const moved = { ...target, chain: chain + 1 };
    await log().doc(target._id).update({ data: { chain: chain + 1, hash: hashAuditEntry(moved) } });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, chain: chainName(chain), seq: target.seq, problem: 'seq_gap' });
  });

  test('a deleted tail, with or without the head rewound', async () => {
    const last = entries[entries.length - 1]!;
    await log().doc(last._id).remove();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, chain: chainName(chain), seq: last.seq, problem: 'head_mismatch' });
    // Rewinding the head's count and seq without its hash (which only the deleted entry had).
    await heads().doc(chainName(chain)).update({ data: { count: (head.count as number) - 1, seq: (last.seq as number) - AUDIT_CHAINS } });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, chain: chainName(chain), problem: 'head_mismatch' });
  });

  test('an entry written beyond the head', async () => {
    const seq = chainSeq(chain, 1000);
    await log().add({ data: { _id: auditEntryId(seq), chain, seq, actor: 'forger', at: NOW, action: 'x', subject, prevHash: head.hash, hash: 'x' } });
    try {
      expect(await verifyAuditChain(db())).toMatchObject({ ok: false, chain: chainName(chain), problem: 'head_mismatch' });
    } finally {
      await log().doc(auditEntryId(seq)).remove();
    }
  });

  test('a whole chain deleted, head and entries; appends to it are refused instead of starting it again', async () => {
    for (const e of entries) await log().doc(e._id).remove();
    await heads().doc(chainName(chain)).remove();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, chain: chainName(chain), seq: chainSeq(chain, 0), problem: 'head_missing' });
    await expect(append(subject, 4)).rejects.toThrow(/audit chain c07 is missing/);
    expect((await heads().doc(chainName(chain)).get()).data).toBeNull();
  });

  test('the registry deleted', async () => {
    const registry = (await heads().doc('chains').get()).data!;
    await heads().doc('chains').remove();
    try {
      expect(await verifyAuditChain(db())).toMatchObject({ ok: false, chain: 'chains', problem: 'head_missing' });
    } finally {
      await restore('audit_head', registry);
    }
  });
});

describe('the legacy chain', () => {
  let legacy: StoredDoc[];
  let legacyHead: StoredDoc;
  beforeAll(async () => {
    legacy = (await log().where({ seq: db().command.lte(LEGACY) }).orderBy('seq', 'asc').get()).data;
    legacyHead = (await heads().doc('main').get()).data!;
    expect(legacy).toHaveLength(LEGACY);
  });
  afterEach(async () => {
    for (const e of legacy) await restore('audit_log', e);
    await restore('audit_head', legacyHead);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  test('an edited legacy entry', async () => {
    await log().doc(legacy[1]!._id).update({ data: { actor: 'someone-else' } });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, chain: 'main', seq: 2, problem: 'hash_mismatch' });
  });

  test('deleted whole, head and entries', async () => {
    for (const e of legacy) await log().doc(e._id).remove();
    await heads().doc('main').remove();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, chain: 'main', problem: 'head_mismatch' });
  });

  test('its tail deleted and its head rewound consistently: behind the mark taken when the chains opened', async () => {
    await log().doc(legacy[LEGACY - 1]!._id).remove();
    await heads().doc('main').set({ data: { seq: LEGACY - 1, hash: legacy[LEGACY - 2]!.hash, at: NOW } });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, chain: 'main', problem: 'head_mismatch' });
  });

  test('an entry a previous version still appends while a deployment drains is verified with it', async () => {
    const seq = LEGACY + 1;
    const body = { actor: 'old-version', at: NOW, action: 'legacy.write', subject: 'legacy/late', seq, prevHash: legacyHead.hash };
    const hash = hashAuditEntry(body);
    await log().add({ data: { _id: auditEntryId(seq), ...body, hash } });
    await heads().doc('main').set({ data: { seq, hash, at: NOW } });
    try {
      expect(await verifyAuditChain(db())).toMatchObject({ ok: true, count: LEGACY + 1 + 80 + 3 });
    } finally {
      await log().doc(auditEntryId(seq)).remove();
    }
  });
});
