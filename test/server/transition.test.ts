// applyTransition against the emulator through the real wx-server-sdk: the machine's from-states
// guard the compare-and-set, the audit entry shares the transaction, races have one winner.
import { AppError, defineMachine } from '../../core';
import type { TxCtx } from '../../server/context';
import type { Tx } from '../../server/db';
import { applyTransition, TransitionCtx, TransitionInput } from '../../server/transition';
import { runTx } from '../../server/transaction';
import { db, ensureCollection, uniq } from './fixtures/db';

const WISHES = 'kernel_test_wishes';
beforeAll(() => ensureCollection(WISHES));

const wishMachine = defineMachine({
  name: 'wish',
  states: ['submitted', 'published', 'claimed', 'delivered', 'expired'],
  transitions: {
    publish: { from: ['submitted'], to: 'published' },
    claim: { from: ['published'], to: 'claimed' },
    releaseClaim: { from: ['claimed'], to: 'published' },
    deliver: { from: ['claimed'], to: 'delivered' },
    expire: { from: ['submitted', 'published'], to: 'expired' },
  },
});
type WishEvent = (typeof wishMachine.events)[number];

const AT = 1_700_000_000_000;

/** The part of the TxCtx defineFunction builds for a mutating action that applyTransition uses. */
function txCtx(tx: Tx, openid: string, requestId = uniq('req')): TransitionCtx {
  return { openid, requestId, now: () => AT, tx };
}
// An action passes its whole TxCtx: a compile error here if TxCtx stops fitting.
const actionCtxFits: TxCtx extends TransitionCtx ? true : never = true;

async function newWish(status: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = uniq('wish');
  await db().collection(WISHES).add({ data: { _id: id, status, version: 0, item: 'winter coat', ...extra } });
  return id;
}

const apply = (id: string, event: WishEvent, extra: Partial<TransitionInput<WishEvent>> = {}, openid = 'donor-1') =>
  runTx(db(), (tx) => applyTransition(txCtx(tx, openid), wishMachine, { collection: WISHES, id, event, ...extra }));

const auditOf = async (id: string) =>
  (await db().collection('audit_log').where({ subject: `${WISHES}/${id}` }).orderBy('seq', 'asc').get()).data;

const stored = async (id: string) => (await db().collection(WISHES).doc(id).get()).data;

describe('applyTransition', () => {
  test('a legal event sets the to-state and fields, bumps the version and writes one audit entry', async () => {
    const id = await newWish('published');
    const result = await apply(id, 'claim', { version: 0, set: { claimedBy: 'donor-1', claimedAt: AT } });
    expect(result).toMatchObject({ from: 'published', to: 'claimed', doc: { status: 'claimed', version: 1, item: 'winter coat' } });
    expect(await stored(id)).toMatchObject({ status: 'claimed', version: 1, claimedBy: 'donor-1', claimedAt: AT });
    const entries = await auditOf(id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'wish.claim',
      actor: 'donor-1',
      at: AT,
      seq: result.audit.seq,
    });
    // Fields the document did not have are absent from `before`.
    expect(entries[0]!.before).toEqual({ status: 'published', version: 0 });
    expect(entries[0]!.after).toEqual({ status: 'claimed', version: 1, claimedBy: 'donor-1', claimedAt: AT });
    expect(entries[0]!.requestId).toEqual(expect.any(String));

    // A self-consistent cycle: release goes back, claim again, version keeps counting.
    await apply(id, 'releaseClaim');
    const again = await apply(id, 'claim', { version: 2 });
    expect(again.doc).toMatchObject({ status: 'claimed', version: 3 });
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['wish.claim', 'wish.releaseClaim', 'wish.claim']);
  });

  test('an action passes its TxCtx (checked at compile time)', () => {
    expect(actionCtxFits).toBe(true);
  });

  test('a timer applies a transition as itself (no openid), with its firing as requestId', async () => {
    const id = await newWish('published');
    const ctx = (tx: Tx) => ({ tx, actor: 'system:timer:expireWishes', now: () => AT + 1, requestId: 'expireWishes@2023-11-14T22:13:20.000Z' });
    await runTx(db(), (tx) => applyTransition(ctx(tx), wishMachine, { collection: WISHES, id, event: 'expire', set: { expiredAt: AT + 1 } }));
    expect(await stored(id)).toMatchObject({ status: 'expired', version: 1, expiredAt: AT + 1 });
    expect(await auditOf(id)).toEqual([
      expect.objectContaining({ action: 'wish.expire', actor: 'system:timer:expireWishes', at: AT + 1, requestId: 'expireWishes@2023-11-14T22:13:20.000Z' }),
    ]);
  });

  test('the transition and its audit entry commit together or not at all', async () => {
    const id = await newWish('published');
    await expect(
      runTx(db(), async (tx) => {
        await applyTransition(txCtx(tx, 'donor-1'), wishMachine, { collection: WISHES, id, event: 'claim' });
        throw new AppError('failed-precondition', 'a later check in the same action refused', { reason: 'test.refused' });
      }),
    ).rejects.toMatchObject({ details: { reason: 'test.refused' } });
    expect(await stored(id)).toMatchObject({ status: 'published', version: 0 });
    expect(await auditOf(id)).toHaveLength(0);
  });

  test('an illegal event is failed-precondition with the machine reason, naming the current status', async () => {
    const id = await newWish('delivered', { version: 4 });
    const err = await apply(id, 'claim').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'failed-precondition', details: { reason: 'wish.cannot_claim' } });
    expect((err as AppError).message).toMatch(/it is delivered/);
    await expect(apply(id, 'releaseClaim', { version: 4 })).rejects.toMatchObject({ details: { reason: 'wish.cannot_release_claim' } });
    // A status the machine does not know (bad data) is refused the same way.
    const odd = await newWish('archived');
    await expect(apply(odd, 'expire')).rejects.toMatchObject({ code: 'failed-precondition', details: { reason: 'wish.cannot_expire' }, message: expect.stringMatching(/it is archived/) });
    expect(await stored(id)).toMatchObject({ status: 'delivered', version: 4 });
    expect(await auditOf(id)).toHaveLength(0);
    await expect(apply(uniq('missing'), 'claim')).rejects.toMatchObject({ code: 'not-found', details: { reason: `${WISHES}.not_found` } });
  });

  test('a stale version is failed-precondition and changes nothing', async () => {
    const id = await newWish('published', { version: 3 });
    await expect(apply(id, 'claim', { version: 2 })).rejects.toMatchObject({ code: 'failed-precondition', details: { reason: 'state.stale_version' } });
    expect(await stored(id)).toMatchObject({ status: 'published', version: 3 });
    expect(await auditOf(id)).toHaveLength(0);
    await expect(apply(id, 'claim', { version: 3 })).resolves.toMatchObject({ doc: { version: 4 } });
  });

  test('the machine owns status and version; unknown events are programming errors', async () => {
    const id = await newWish('published');
    // @ts-expect-error status is the machine's
    await expect(apply(id, 'claim', { set: { status: 'delivered' } })).rejects.toThrow(/set by the wish machine/);
    // @ts-expect-error not an event of the machine
    await expect(apply(id, 'steal')).rejects.toThrow(/no event "steal"/);
    expect(await stored(id)).toMatchObject({ status: 'published', version: 0 });
  });

  test('of 50 concurrent identical claims exactly one applies; the rest get the machine reason', async () => {
    const id = await newWish('published');
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => apply(id, 'claim', { set: { claimedBy: `donor-${i}` } }, `donor-${i}`)),
    );
    const won = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof apply>>> => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'failed-precondition', details: { reason: 'wish.cannot_claim' } });
    }
    const doc = await stored(id);
    expect(doc).toMatchObject({ status: 'claimed', version: 1, claimedBy: won[0]!.value.doc.claimedBy });
    const entries = await auditOf(id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'wish.claim', actor: doc!.claimedBy });
  });
});
