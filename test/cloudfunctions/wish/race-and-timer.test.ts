// Concurrency and the sweep timer: simultaneous claims on one wish give exactly one claim; a
// claim-timeout release racing a delivery gives exactly one outcome; the timer reminds once,
// releases overdue claims (telling the donor) and expires wishes past their wanted-by day, and a
// re-delivered firing changes nothing twice. Timer firings go through invoke() as the platform's
// timer (no openid, TRIGGER_SRC=timer), like test/cloudfunctions/maintenance.
import { defineWish } from '../../../cloudfunctions/wish/function';
import type { WishDoc } from '../../../cloudfunctions/wish/store';
import { uniq } from '../../server/fixtures/db';
import { auditCount, call, community, Community, DAY, expectOk, messagesTo, NOW, plantRecipient, plantWish, wishDoc } from './helpers';

// SHARED DATABASE. A firing releases and expires every due wish in the database, also other test
// files'. Theirs are all due in 2026 or later (helpers NOW), so the firings here are dated 2019
// and 2020 and touch only the wishes planted here with those dates.
const RACE_AT = Date.UTC(2020, 2, 1, 2);
const SWEEP_BASE = Date.UTC(2019, 5, 1, 2);

let c: Community;
beforeAll(async () => {
  c = await community('race');
});

const fn = defineWish();
/** A firing time no other test uses (SCF's Time format), so each firing runs afresh. */
function firing(at: number) {
  return { Type: 'Timer', TriggerName: 'sweep', Time: new Date(at).toISOString().replace('.000Z', 'Z'), Message: '' };
}
let tick = 0;
/** Fires the sweep as of `at` (+ a unique second, so firings never collide across tests). */
async function fire(at: number) {
  const when = Math.floor(at / 1000) * 1000 + (++tick % 50) * 1000;
  const res = await fn.invoke(firing(when), { openid: '', trigger: 'timer', now: () => when + 2000 });
  return { res, when };
}

test('20 donors claim one wish at once: exactly one claim, the others wish.already_claimed', async () => {
  const r = await plantRecipient(c);
  const w = await plantWish(c, r, 'published');
  const donors = Array.from({ length: 20 }, (_, i) => uniq(`d${i}`));
  const results = await Promise.all(donors.map((d) => call(d, 'claim', { wishId: w._id })));
  const winners = results.filter((x) => x.ok);
  expect(winners).toHaveLength(1);
  for (const x of results.filter((x) => !x.ok)) expect(x).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'wish.already_claimed' } } });
  const doc = await wishDoc(w._id);
  expect(doc.status).toBe('claimed');
  expect(donors[results.findIndex((x) => x.ok)]).toBe(doc.claimedBy);
  expect(await auditCount(`wishes/${w._id}`, 'wish.claim')).toBe(1);
});

test('a timeout release racing a delivery: exactly one outcome, each time', async () => {
  const outcomes = { released: 0, delivered: 0 };
  for (let i = 0; i < 6; i++) {
    const r = await plantRecipient(c);
    const w = await plantWish(c, r, 'claimed', { claimedBy: uniq('rd'), claimDueAt: RACE_AT - 1000, claimRemindAt: RACE_AT - 2 * DAY, remindedAt: RACE_AT - 2 * DAY });
    const [fired, delivered] = await Promise.all([fire(RACE_AT), call(c.staff, 'deliver', { wishId: w._id, mode: 'station' })]);
    expect(fired.res).toMatchObject({ ok: true });
    const doc = await wishDoc(w._id);
    const releases = await auditCount(`wishes/${w._id}`, 'wish.releaseClaim');
    const deliveries = await auditCount(`wishes/${w._id}`, 'wish.deliver');
    expect(releases + deliveries).toBe(1);
    if (delivered.ok) {
      expect(doc.status).toBe('delivered');
      outcomes.delivered++;
    } else {
      expect(delivered).toMatchObject({ error: { code: 'failed-precondition', details: { reason: 'wish.cannot_deliver' } } });
      expect(doc).toMatchObject({ status: 'published', claimedBy: null });
      outcomes.released++;
    }
  }
  expect(outcomes.released + outcomes.delivered).toBe(6);
});

test('the sweep reminds once, releases overdue claims telling the donor, expires unclaimed wishes; a re-delivered firing changes nothing', async () => {
  const d = await community('sweep');
  const r = await plantRecipient(d);
  const base = SWEEP_BASE;
  const remindDonor = uniq('remind');
  const lateDonor = uniq('late');
  const toRemind = await plantWish(d, r, 'claimed', { claimedBy: remindDonor, claimedAt: base - 6 * DAY, claimDueAt: base + DAY, claimRemindAt: base - DAY, remindedAt: null });
  const overdue = await plantWish(d, r, 'claimed', { claimedBy: lateDonor, claimedAt: base - 8 * DAY, claimDueAt: base - 60_000, claimRemindAt: base - 3 * DAY, remindedAt: base - 3 * DAY });
  const notYet = await plantWish(d, r, 'claimed', { claimedBy: uniq('fine'), claimedAt: base, claimDueAt: base + 7 * DAY, claimRemindAt: base + 5 * DAY });
  const stale = await plantWish(d, r, 'published', { wantedOn: '2019-05-31', wantedBy: base - DAY });
  const fresh = await plantWish(d, r, 'published', { wantedBy: base + 30 * DAY });

  const when = Math.floor(base / 1000) * 1000;
  const first = await fn.invoke(firing(when), { openid: '', trigger: 'timer', now: () => when + 1000 });
  expect(first).toMatchObject({ ok: true, data: { replayed: false } });
  const result = (first as { ok: true; data: { result: { released: number; reminded: number; expired: number } } }).data.result;
  expect(result.reminded).toBeGreaterThanOrEqual(1);
  expect(result.released).toBeGreaterThanOrEqual(1);
  expect(result.expired).toBeGreaterThanOrEqual(1);

  expect(await wishDoc(toRemind._id)).toMatchObject({ status: 'claimed', remindedAt: when + 1000 });
  expect(await wishDoc(overdue._id)).toMatchObject({ status: 'published', claimedBy: null, claimDueAt: null });
  expect(await wishDoc(notYet._id)).toMatchObject({ status: 'claimed', remindedAt: null });
  expect(await wishDoc(stale._id)).toMatchObject({ status: 'expired', expiredAt: when + 1000 });
  expect(await wishDoc(fresh._id)).toMatchObject({ status: 'published' });
  expect((await messagesTo(remindDonor)).map((m) => m.params.template_id)).toEqual(['dev-wish-reminder']);
  expect((await messagesTo(lateDonor)).map((m) => m.params.template_id)).toEqual(['dev-wish-released']);

  // The same firing again: replayed; a later firing finds nothing of these left to do.
  expect(await fn.invoke(firing(when), { openid: '', trigger: 'timer', now: () => when + 5000 })).toMatchObject({ ok: true, data: { replayed: true } });
  await fn.invoke(firing(when + 60_000), { openid: '', trigger: 'timer', now: () => when + 61_000 });
  expect(await auditCount(`wishes/${toRemind._id}`, 'wish.remind')).toBe(1);
  expect(await auditCount(`wishes/${overdue._id}`, 'wish.releaseClaim')).toBe(1);
  expect(await auditCount(`wishes/${stale._id}`, 'wish.expire')).toBe(1);
  expect((await messagesTo(remindDonor))).toHaveLength(1);
  expect((await messagesTo(lateDonor))).toHaveLength(1);

  // Staff re-publish the expired wish with a new day, or close it with a reason.
  const staleNow = when + 2 * DAY;
  expect(expectOk(await call(d.staff, 'republish', { wishId: stale._id, wantedOn: '2019-07-01' }, { now: staleNow }))).toMatchObject({ status: 'published', wantedOn: '2019-07-01' });
  expect((await wishDoc(stale._id)).publishedAt).toBe(staleNow);
});

test('a mini-program cannot fire the timer', async () => {
  const res = await fn.invoke(firing(RACE_AT), { openid: c.donor, now: () => NOW });
  expect(res).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'timer.not_a_timer_call' } } });
});

test('timer documents use the fields the indexes serve', async () => {
  // Guard against a rename drifting from database/wishes.ts.
  const { wishCollections } = await import('../../../database/wishes');
  const names = wishCollections.find((x) => x.name === 'wishes')!.indexes.map((i) => i.fields.map(([f]) => f).join(','));
  expect(names).toEqual(expect.arrayContaining(['status,claimDueAt', 'status,claimRemindAt', 'status,wantedBy,_id']));
  const sample: Partial<WishDoc> = await wishDoc((await plantWish(c, await plantRecipient(c), 'published'))._id);
  for (const f of ['claimDueAt', 'claimRemindAt', 'wantedBy', 'publishedAt', 'valueFen']) expect(sample).toHaveProperty(f);
});
