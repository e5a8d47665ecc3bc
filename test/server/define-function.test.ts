// The kernel through invoke(): real wx-server-sdk against the emulator from globalSetup.
import { createHmac } from 'node:crypto';
import { canonicalJson, sha256Hex } from '../../server/canonical-json';
import { idempotencyKey } from '../../server/idempotency';
import { db, ensureCollection, uniq } from './fixtures/db';
import type { TxCtx } from '../../server/context';
import { COUNTERS, effectsRun, kernel, logLines } from './fixtures/kernel-function';

const NOW = 1_700_000_000_000;
const as = (openid: string) => ({ openid, now: () => NOW });

beforeAll(() => ensureCollection(COUNTERS));

async function counter(id: string): Promise<number | undefined> {
  const doc = (await db().collection(COUNTERS).doc(id).get()).data;
  return doc?.value as number | undefined;
}

describe('identity', () => {
  test('comes from getWXContext; an openid or userInfo in the event is ignored', async () => {
    const res = await kernel.invoke(
      { action: 'echo', input: { text: 'hi' }, openid: 'mallory', userInfo: { openId: 'mallory' } },
      as('alice'),
    );
    expect(res).toEqual({ ok: true, data: { text: 'hi', openid: 'alice', at: NOW } });
  });

  test('no caller identity → unauthenticated', async () => {
    const res = await kernel.invoke({ action: 'echo', input: { text: 'hi' } }, as(''));
    expect(res).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  test('concurrent invokes as different callers are each attributed correctly', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `caller-${i}`);
    const results = await Promise.all(ids.map((id) => kernel.invoke({ action: 'echo', input: { text: id } }, as(id))));
    results.forEach((r, i) => expect(r).toMatchObject({ ok: true, data: { text: ids[i], openid: ids[i] } }));
  });

  test('invoke leaves no WX_ identity behind in the process environment', async () => {
    await kernel.invoke({ action: 'echo', input: { text: 'x' } }, as('alice'));
    expect(process.env.WX_OPENID).toBeUndefined();
  });
});

describe('hostile requests get invalid-argument, never internal', () => {
  const hostile: Array<[string, unknown, string]> = [
    ['null event', null, 'request.malformed'],
    ['string event', 'echo', 'request.malformed'],
    ['number event', 42, 'request.malformed'],
    ['array event', [{ action: 'echo' }], 'request.malformed'],
    ['undefined event', undefined, 'request.malformed'],
    ['missing action', { input: { text: 'x' } }, 'request.unknown_action'],
    ['numeric action', { action: 1, input: {} }, 'request.unknown_action'],
    ['unknown action', { action: 'nope', input: {} }, 'request.unknown_action'],
    ['inherited name constructor', { action: 'constructor', input: {} }, 'request.unknown_action'],
    ['inherited name __proto__', { action: '__proto__', input: {} }, 'request.unknown_action'],
    ['inherited name toString', { action: 'toString', input: {} }, 'request.unknown_action'],
    ['huge action name', { action: 'x'.repeat(1_000_000), input: {} }, 'request.unknown_action'],
    ['wrong type', { action: 'echo', input: { text: 5 } }, 'request.invalid_input'],
    ['huge string', { action: 'echo', input: { text: 'x'.repeat(1_000_000) } }, 'request.invalid_input'],
    ['input is an array', { action: 'echo', input: ['text'] }, 'request.invalid_input'],
    ['input is a string', { action: 'echo', input: 'text' }, 'request.invalid_input'],
    ['float where int', { action: 'echo', input: { text: 'a', n: 1.5 } }, 'request.invalid_input'],
    ['deeply nested value', { action: 'echo', input: { text: nest(5000) } }, 'request.invalid_input'],
    ['__proto__ key', { action: 'echo', input: JSON.parse('{"__proto__":{"polluted":true},"text":7}') }, 'request.invalid_input'],
    ['mutation without requestId', { action: 'increment', input: { counterId: 'c' } }, 'request.invalid_request_id'],
    ['too short requestId', { action: 'increment', input: { counterId: 'c' }, requestId: 'short' }, 'request.invalid_request_id'],
    ['requestId with odd characters', { action: 'increment', input: { counterId: 'c' }, requestId: 'abc def/../$x' }, 'request.invalid_request_id'],
    ['requestId as object', { action: 'increment', input: { counterId: 'c' }, requestId: { $gt: '' } }, 'request.invalid_request_id'],
  ];

  test.each(hostile)('%s', async (_name, event, reason) => {
    const res = await kernel.invoke(event, as('alice'));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('invalid-argument');
    expect(res.error.details?.reason).toBe(reason);
    expect(JSON.stringify(res).length).toBeLessThan(5_000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('issues name the offending field', async () => {
    const res = await kernel.invoke({ action: 'echo', input: { text: 'x'.repeat(101) } }, as('alice'));
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', details: { issues: [{ path: ['input', 'text'], code: 'too_big' }] } },
    });
  });

  test('a __proto__ key does not reach the handler or pollute prototypes', async () => {
    const input = JSON.parse('{"__proto__":{"text":"from proto"},"text":"own"}');
    const res = await kernel.invoke({ action: 'echo', input }, as('alice'));
    expect(res).toMatchObject({ ok: true, data: { text: 'own' } });
    expect(({} as Record<string, unknown>).text).toBeUndefined();
  });
});

function nest(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { v };
  return v;
}

describe('errors travel as data', () => {
  test('an AppError reaches the caller with its code, message and details', async () => {
    const res = await kernel.invoke({ action: 'deny', input: {} }, as('alice'));
    expect(res).toEqual({ ok: false, error: { code: 'permission-denied', message: 'not yours', details: { reason: 'test.not_yours' } } });
  });

  test('a plain Error becomes internal with a reference, logged but not leaked', async () => {
    logLines.length = 0;
    const res = await kernel.invoke({ action: 'boom', input: {} }, as('alice'));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('internal');
    expect(res.error.message).toMatch(/^internal error \(ref [0-9a-f]{8}\)$/);
    expect(JSON.stringify(res)).not.toMatch(/secret|hunter2|password|\.ts:\d+|at /);
    const ref = res.error.message.match(/ref ([0-9a-f]{8})/)?.[1];
    const logged = logLines.find((l) => l.level === 'error' && l.line.ref === ref);
    expect(logged?.line.errorMessage).toContain('hunter2');
    expect(logged?.line.stack).toBeDefined();
  });

  test('the output schema strips fields it does not declare', async () => {
    const res = await kernel.invoke({ action: 'leak', input: {} }, as('alice'));
    expect(res).toEqual({ ok: true, data: { name: 'visible' } });
  });

  test('an output that violates the contract is internal, not passed through', async () => {
    const res = await kernel.invoke({ action: 'badOutput', input: {} }, as('alice'));
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(res)).not.toContain('wrong');
  });
});

describe('idempotency by requestId', () => {
  const inc = (counterId: string, requestId: string, extra: Record<string, unknown> = {}) => ({
    action: 'increment',
    input: { counterId, ...extra },
    requestId,
  });

  test('a retry returns the first answer and does not apply twice', async () => {
    const c = uniq('retry');
    const rid = uniq('rid');
    const first = await kernel.invoke(inc(c, rid), as('alice'));
    const second = await kernel.invoke(inc(c, rid), as('alice'));
    expect(first).toEqual({ ok: true, data: { counterId: c, value: 1 } });
    expect(second).toEqual(first);
    expect(await counter(c)).toBe(1);
    const third = await kernel.invoke(inc(c, uniq('rid')), as('alice'));
    expect(third).toEqual({ ok: true, data: { counterId: c, value: 2 } });
  });

  test('concurrent duplicates apply once and all get the same answer', async () => {
    const c = uniq('dup');
    const rid = uniq('rid');
    const results = await Promise.all(Array.from({ length: 6 }, () => kernel.invoke(inc(c, rid), as('alice'))));
    for (const r of results) expect(r).toEqual({ ok: true, data: { counterId: c, value: 1 } });
    expect(await counter(c)).toBe(1);
  });

  test('concurrent distinct requests on one document all apply (conflicts are retried)', async () => {
    const c = uniq('race');
    const results = await Promise.all(Array.from({ length: 6 }, () => kernel.invoke(inc(c, uniq('rid')), as('alice'))));
    for (const r of results) expect(r.ok).toBe(true);
    expect(await counter(c)).toBe(6);
    const values = results.map((r) => (r.ok ? (r.data as { value: number }).value : 0)).sort();
    expect(values).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('the same requestId from another caller is another request', async () => {
    const c = uniq('callers');
    const rid = uniq('rid');
    await kernel.invoke(inc(c, rid), as('alice'));
    const bob = await kernel.invoke(inc(c, rid), as('bob'));
    expect(bob).toEqual({ ok: true, data: { counterId: c, value: 2 } });
  });

  test('the record keeps a keyed digest of the input, not its plain SHA-256; a retry replays, another input is refused', async () => {
    const c = uniq('keyed');
    const rid = uniq('rid');
    const first = await kernel.invoke(inc(c, rid, { by: 3 }), as('alice'));
    const record = (await db().collection('idempotency').doc(idempotencyKey('kernel', 'increment', 'alice', rid)).get()).data!;
    // The handler's parsed input ({counterId, by}) is what is digested.
    const parsed = { counterId: c, by: 3 };
    expect(record.inputHash).not.toBe(sha256Hex(canonicalJson(parsed)));
    expect(record.inputHash).toBe(`h1:${createHmac('sha256', Buffer.from(process.env.PII_HMAC_KEY!, 'base64')).update(`idempotency-input/v1\0${canonicalJson(parsed)}`).digest('hex')}`);
    expect(JSON.stringify(record)).not.toContain(sha256Hex(canonicalJson(parsed)));
    expect(await kernel.invoke(inc(c, rid, { by: 3 }), as('alice'))).toEqual(first);
    expect(await kernel.invoke(inc(c, rid, { by: 4 }), as('alice'))).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason: 'request.request_id_reused' } } });
    expect(await counter(c)).toBe(3);
  });

  test('a record written before keyed digests (plain SHA-256) still replays its retry and refuses another input', async () => {
    const c = uniq('legacy');
    const rid = uniq('rid');
    const input = { counterId: c, by: 2 };
    await db().collection('idempotency').add({
      data: { _id: idempotencyKey('kernel', 'increment', 'alice', rid), fn: 'kernel', action: 'increment', openid: 'alice', requestId: rid, inputHash: sha256Hex(canonicalJson(input)), resultJson: JSON.stringify({ counterId: c, value: 2 }), createdAt: NOW },
    });
    expect(await kernel.invoke(inc(c, rid, { by: 2 }), as('alice'))).toEqual({ ok: true, data: { counterId: c, value: 2 } });
    expect(await kernel.invoke(inc(c, rid, { by: 1 }), as('alice'))).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason: 'request.request_id_reused' } } });
    expect(await counter(c)).toBeUndefined();
  });

  test('without PII_HMAC_KEY a state change is refused as internal, naming the variable in the log, and nothing is written', async () => {
    const c = uniq('nokey');
    const saved = process.env.PII_HMAC_KEY;
    delete process.env.PII_HMAC_KEY;
    logLines.length = 0;
    try {
      expect(await kernel.invoke(inc(c, uniq('rid')), as('alice'))).toMatchObject({ ok: false, error: { code: 'internal' } });
    } finally {
      process.env.PII_HMAC_KEY = saved;
    }
    expect(JSON.stringify(logLines)).toContain('PII_HMAC_KEY is not set');
    expect(await counter(c)).toBeUndefined();
  });

  test('reusing a requestId for a different input is refused and changes nothing', async () => {
    const c = uniq('reuse');
    const rid = uniq('rid');
    await kernel.invoke(inc(c, rid), as('alice'));
    const res = await kernel.invoke(inc(c, rid, { by: 5 }), as('alice'));
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason: 'request.request_id_reused' } } });
    expect(await counter(c)).toBe(1);
  });

  test('a failed first attempt leaves no effect, and the retry applies once', async () => {
    const c = uniq('failed');
    const rid = uniq('rid');
    const refused = await kernel.invoke(inc(c, rid, { fail: 'app' }), as('alice'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'test.refused' } } });
    const crashed = await kernel.invoke(inc(c, rid, { fail: 'crash' }), as('alice'));
    expect(crashed).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await counter(c)).toBeUndefined();
    const retried = await kernel.invoke(inc(c, rid), as('alice'));
    expect(retried).toEqual({ ok: true, data: { counterId: c, value: 1 } });
    expect(await kernel.invoke(inc(c, rid), as('alice'))).toEqual(retried);
    expect(await counter(c)).toBe(1);
  });

  test('the state change and its audit entry are written together', async () => {
    const c = uniq('audited');
    const rid = uniq('rid');
    await kernel.invoke(inc(c, rid), as('alice'));
    await kernel.invoke(inc(c, rid), as('alice'));
    await kernel.invoke(inc(c, uniq('rid'), { fail: 'crash' }), as('alice'));
    const entries = (await db().collection('audit_log').where({ subject: `${COUNTERS}/${c}` }).get()).data;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'alice', at: NOW, requestId: rid, action: 'kernel.increment', after: { value: 1 } });
  });
});

describe('after-commit effects', () => {
  const inc = (counterId: string, requestId: string, extra: Record<string, unknown> = {}) => ({
    action: 'increment',
    input: { counterId, notify: 'ok', ...extra },
    requestId,
  });
  const ran = (rid: string) => effectsRun.filter((e) => e.startsWith(`${rid}:`));

  test('run once after the commit with the committed state, and not again on a replay', async () => {
    const c = uniq('fx');
    const rid = uniq('rid');
    await kernel.invoke(inc(c, rid), as('alice'));
    await kernel.invoke(inc(c, rid), as('alice'));
    expect(ran(rid)).toEqual([`${rid}:1`]);
  });

  test('do not run when the handler refuses or crashes after scheduling them', async () => {
    const c = uniq('fx-fail');
    const app = uniq('rid');
    const crash = uniq('rid');
    expect((await kernel.invoke(inc(c, app, { fail: 'app' }), as('alice'))).ok).toBe(false);
    expect((await kernel.invoke(inc(c, crash, { fail: 'crash' }), as('alice'))).ok).toBe(false);
    expect(ran(app)).toEqual([]);
    expect(ran(crash)).toEqual([]);
  });

  test('under conflict retries only the committed attempt runs its effects', async () => {
    const c = uniq('fx-race');
    const rids = Array.from({ length: 6 }, () => uniq('rid'));
    const results = await Promise.all(rids.map((rid) => kernel.invoke(inc(c, rid), as('alice'))));
    rids.forEach((rid, i) => {
      const value = (results[i] as { ok: true; data: { value: number } }).data.value;
      expect(ran(rid)).toEqual([`${rid}:${value}`]);
    });
  });

  test('a failing effect is logged and does not turn the committed change into an error', async () => {
    const c = uniq('fx-throw');
    const rid = uniq('rid');
    const res = await kernel.invoke(inc(c, rid, { notify: 'throw' }), as('alice'));
    expect(res).toEqual({ ok: true, data: { counterId: c, value: 1 } });
    expect(await counter(c)).toBe(1);
    expect(logLines.some(({ level, line }) => level === 'error' && line.message === 'after-commit effect failed' && line.effect === 'test.notify' && line.requestId === rid)).toBe(true);
  });
});

// Compile-time check (tsc runs over tests in npm test): beside its transaction, a state-changing
// handler can only read; a write through ctx.db would escape the rollback and the idempotency record.
export function txCtxDbIsReadOnly(ctx: TxCtx): void {
  // @ts-expect-error writes go through ctx.tx
  void ctx.db.collection('x').add({ data: {} });
  // @ts-expect-error writes go through ctx.tx
  void ctx.db.collection('x').doc('a').update({ data: {} });
  // @ts-expect-error writes go through ctx.tx
  void ctx.db.collection('x').where({}).remove();
  void ctx.db.collection('x').where({ a: 1 }).orderBy('a', 'asc').limit(5).get();
  void ctx.db.collection('x').doc('a').get();
}
