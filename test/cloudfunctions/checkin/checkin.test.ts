// Check-in and check-out by QR code (cloudfunctions/checkin), in-process with the real SDK against
// the emulator: forged, expired, replayed and other-activity codes, the fence, the window,
// double and concurrent scans, walk-ins, poster codes, denied location and the pairs-per-day limit.
import { signScene } from '../../../server/activity/qr-mac';
import { db, uniq } from '../../server/fixtures/db';
import {
  act,
  activityInput,
  count,
  HOUR,
  makeWorld,
  MIN,
  ok,
  PLACE,
  posterScene,
  publishedActivity,
  putVolunteer,
  rotatingScene,
  scan,
  signUpAll,
  T0,
  World,
} from '../activity/fixtures';

const START = T0 + 24 * HOUR;
const END = START + 3 * HOUR;
const HERE = { lat: PLACE.lat, lng: PLACE.lng, accuracyM: 10 };
/** About 1.1 km north of the place. */
const FAR = { lat: PLACE.lat + 0.01, lng: PLACE.lng };

jest.setTimeout(60_000);

let w: World;
let activityId: string;

beforeAll(async () => {
  w = await makeWorld();
  activityId = await publishedActivity(w, { capacity: 200, checkin: { maxPairsPerDay: 2 } });
  await signUpAll(activityId, [w.volunteer, w.leader]);
});

async function freshVolunteer(id = activityId): Promise<string> {
  const o = uniq('v');
  await putVolunteer(o, w.community);
  ok(await act(o, 'signUp', { activityId: id }, T0));
  return o;
}

const reason = (r: { ok: boolean; error?: { details?: { reason?: string } } }) => (r.ok ? 'ok' : r.error?.details?.reason);

describe('checkIn', () => {
  test('a signed-up volunteer checks in with the current rotating code, inside the fence', async () => {
    const v = await freshVolunteer();
    const at = START + 5 * MIN;
    const r = await scan(v, 'checkIn', { scene: await rotatingScene(activityId, at), location: HERE }, at);
    expect(r).toMatchObject({ ok: true, data: { activityId, openid: v, status: 'checked_in', checkedInAt: at, pairs: 1, needsConfirmation: false, flags: [] } });
    const doc = (await db().collection('attendance').doc(`${activityId}_${v}`).get()).data;
    expect(doc).toMatchObject({ status: 'checked_in', pairs: 1, sessions: [{ inAt: at, outAt: null, inBy: 'scan' }] });
  });

  test('a forged code (wrong MAC, or signed with another secret) is refused and nothing is written', async () => {
    const v = await freshVolunteer();
    const at = START;
    const good = await rotatingScene(activityId, at);
    const flipped = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A');
    const otherSecret = signScene('not-the-activity-secret', activityId, Math.floor(at / 60_000));
    const unknownActivity = signScene('whatever', 'a-no-such-act', Math.floor(at / 60_000));
    for (const scene of [flipped, otherSecret, unknownActivity, 'not-a-scene']) {
      const r = await scan(v, 'checkIn', { scene, location: HERE }, at);
      expect(r.ok).toBe(false);
      expect(['checkin.invalid_code', 'request.invalid_input']).toContain(reason(r));
    }
    expect(await count('attendance', { _id: `${activityId}_${v}` })).toBe(0);
  });

  test('a code from another activity does not check in to this one', async () => {
    const other = await publishedActivity(w);
    const v = await freshVolunteer();
    const at = START;
    const theirs = await rotatingScene(other, at);
    // Re-labelled with this activity's id, its MAC no longer matches.
    const relabelled = theirs.replace(other, activityId);
    expect(reason(await scan(v, 'checkIn', { scene: relabelled, location: HERE }, at))).toBe('checkin.invalid_code');
    // As it is, it names the other activity, for which this volunteer did not sign up.
    expect(reason(await scan(v, 'checkIn', { scene: theirs, location: HERE }, at))).toBe('checkin.not_signed_up');
    expect(await count('attendance', { openid: v })).toBe(0);
  });

  test('an expired code is refused; the previous slot is still accepted (two slots of validity)', async () => {
    const v = await freshVolunteer();
    const at = START + 10 * MIN;
    const twoAgo = await rotatingScene(activityId, at - 2 * MIN);
    expect(reason(await scan(v, 'checkIn', { scene: twoAgo, location: HERE }, at))).toBe('checkin.code_expired');
    const oneAgo = await rotatingScene(activityId, at - 60_000);
    expect(await scan(v, 'checkIn', { scene: oneAgo, location: HERE }, at)).toMatchObject({ ok: true });
  });

  test('a code dated in the future is refused as invalid', async () => {
    const v = await freshVolunteer();
    const at = START;
    expect(reason(await scan(v, 'checkIn', { scene: await rotatingScene(activityId, at + 5 * MIN), location: HERE }, at))).toBe('checkin.invalid_code');
  });

  test('outside the fence is refused with the distance; inside the fence with accuracy slack passes', async () => {
    const v = await freshVolunteer();
    const at = START;
    const r = await scan(v, 'checkIn', { scene: await rotatingScene(activityId, at), location: FAR }, at);
    expect(r).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'checkin.outside_fence' } } });
    expect(r.ok ? '' : r.error.message).toMatch(/11\d\d 米/);
    // ~250 m away: outside 200 m, inside with 60 m of reported accuracy.
    const near = { lat: PLACE.lat + 0.00225, lng: PLACE.lng };
    expect(reason(await scan(v, 'checkIn', { scene: await rotatingScene(activityId, at), location: near }, at))).toBe('checkin.outside_fence');
    expect(await scan(v, 'checkIn', { scene: await rotatingScene(activityId, at), location: { ...near, accuracyM: 60 } }, at)).toMatchObject({ ok: true });
  });

  test('outside the window: too early (before start − 2 h) and too late (after the end)', async () => {
    const v = await freshVolunteer();
    const early = START - 121 * MIN;
    expect(reason(await scan(v, 'checkIn', { scene: await rotatingScene(activityId, early), location: HERE }, early))).toBe('checkin.too_early');
    const late = END + 1 * MIN;
    expect(reason(await scan(v, 'checkIn', { scene: await rotatingScene(activityId, late), location: HERE }, late))).toBe('checkin.too_late');
    const opening = START - 120 * MIN;
    expect(await scan(v, 'checkIn', { scene: await rotatingScene(activityId, opening), location: HERE }, opening)).toMatchObject({ ok: true });
  });

  test('a double scan records exactly one check-in; the second is refused as a duplicate', async () => {
    const v = await freshVolunteer();
    const at = START + MIN;
    const input = { scene: await rotatingScene(activityId, at), location: HERE };
    expect(await scan(v, 'checkIn', input, at)).toMatchObject({ ok: true });
    expect(reason(await scan(v, 'checkIn', input, at + 1000))).toBe('checkin.already_checked_in');
    const doc = (await db().collection('attendance').doc(`${activityId}_${v}`).get()).data as unknown as { sessions: unknown[]; pairs: number };
    expect(doc.sessions).toHaveLength(1);
    expect(doc.pairs).toBe(1);
  });

  test('ten concurrent scans by one person record exactly one check-in', async () => {
    const v = await freshVolunteer();
    const at = START + 2 * MIN;
    const input = { scene: await rotatingScene(activityId, at), location: HERE };
    const results = await Promise.all(Array.from({ length: 10 }, () => scan(v, 'checkIn', input, at)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map(reason)).toEqual(Array(9).fill('checkin.already_checked_in'));
    const doc = (await db().collection('attendance').doc(`${activityId}_${v}`).get()).data as unknown as { sessions: unknown[] };
    expect(doc.sessions).toHaveLength(1);
  });

  test('not signed up, or only waitlisted, is refused unless walk-ins are allowed', async () => {
    const stranger = uniq('s');
    await putVolunteer(stranger, w.community);
    const at = START;
    expect(await scan(stranger, 'checkIn', { scene: await rotatingScene(activityId, at), location: HERE }, at)).toMatchObject({
      ok: false,
      error: { code: 'permission-denied', details: { reason: 'checkin.not_signed_up' } },
    });
    const walkIn = await publishedActivity(w, { checkin: { walkIns: true } });
    expect(await scan(stranger, 'checkIn', { scene: await rotatingScene(walkIn, at), location: HERE }, at)).toMatchObject({ ok: true, data: { flags: ['walk_in'] } });
    // A walk-in must still be a verified volunteer.
    expect(await scan(w.resident, 'checkIn', { scene: await rotatingScene(walkIn, at), location: HERE }, at)).toMatchObject({
      ok: false,
      error: { code: 'permission-denied', details: { reason: 'volunteer.not_verified' } },
    });
  });

  test('denied location with a rotating code: checked in, flagged for the leader to confirm', async () => {
    const v = await freshVolunteer();
    const at = START;
    expect(await scan(v, 'checkIn', { scene: await rotatingScene(activityId, at) }, at)).toMatchObject({
      ok: true,
      data: { needsConfirmation: true, flags: ['no_location'] },
    });
    const roster = ok(await act(w.leader, 'roster', { activityId }, at));
    expect(roster.items.find((e: { openid: string }) => e.openid === v)).toMatchObject({ attendance: 'checked_in', needsConfirmation: true });
  });

  test('a poster code needs a location inside the fence and the window', async () => {
    const v = await freshVolunteer();
    const at = START;
    const poster = await posterScene(activityId);
    expect(reason(await scan(v, 'checkIn', { scene: poster }, at))).toBe('checkin.location_required');
    expect(reason(await scan(v, 'checkIn', { scene: poster, location: FAR }, at))).toBe('checkin.outside_fence');
    expect(reason(await scan(v, 'checkIn', { scene: poster, location: HERE }, START - 3 * HOUR))).toBe('checkin.too_early');
    expect(await scan(v, 'checkIn', { scene: poster, location: HERE }, at)).toMatchObject({ ok: true, data: { needsConfirmation: false } });
  });

  test('a cancelled or unpublished activity refuses scans', async () => {
    const cancelled = await publishedActivity(w);
    const v = await freshVolunteer(cancelled);
    ok(await act(w.staff, 'cancel', { activityId: cancelled, reason: '暴雨取消' }));
    expect(reason(await scan(v, 'checkIn', { scene: await rotatingScene(cancelled, START), location: HERE }, START))).toBe('checkin.activity_not_open');
    const draft = ok(await act(w.staff, 'create', activityInput(w)));
    expect(reason(await scan(v, 'checkIn', { scene: await rotatingScene(draft.activityId, START), location: HERE }, START))).toBe('checkin.activity_not_open');
  });
});

describe('checkOut and further pairs', () => {
  test('check-out closes the session; a second check-out is refused', async () => {
    const v = await freshVolunteer();
    const tin = START;
    ok(await scan(v, 'checkIn', { scene: await rotatingScene(activityId, tin), location: HERE }, tin));
    const tout = START + 90 * MIN;
    expect(await scan(v, 'checkOut', { scene: await rotatingScene(activityId, tout), location: HERE }, tout)).toMatchObject({
      ok: true,
      data: { status: 'checked_out', checkedInAt: tin, checkedOutAt: tout },
    });
    expect(reason(await scan(v, 'checkOut', { scene: await rotatingScene(activityId, tout + MIN), location: HERE }, tout + MIN))).toBe('checkin.already_checked_out');
  });

  test('the code used to check in cannot be replayed to check out; a fresh one can', async () => {
    const v = await freshVolunteer();
    const tin = START + 3 * MIN;
    const code = await rotatingScene(activityId, tin);
    ok(await scan(v, 'checkIn', { scene: code, location: HERE }, tin));
    expect(reason(await scan(v, 'checkOut', { scene: code, location: HERE }, tin + 30_000))).toBe('checkin.code_replayed');
    expect(await scan(v, 'checkOut', { scene: await rotatingScene(activityId, tin + 2 * MIN), location: HERE }, tin + 2 * MIN)).toMatchObject({ ok: true });
  });

  test('check-out without a check-in is refused', async () => {
    const v = await freshVolunteer();
    expect(reason(await scan(v, 'checkOut', { scene: await rotatingScene(activityId, START), location: HERE }, START))).toBe('checkin.not_checked_in');
  });

  test('at most maxPairsPerDay check-in/out pairs a day (2 here); concurrent re-check-ins make one pair', async () => {
    const v = await freshVolunteer();
    let t = START;
    const sceneAt = (at: number) => rotatingScene(activityId, at);
    ok(await scan(v, 'checkIn', { scene: await sceneAt(t), location: HERE }, t));
    t += 30 * MIN;
    ok(await scan(v, 'checkOut', { scene: await sceneAt(t), location: HERE }, t));
    t += 30 * MIN;
    const again = { scene: await sceneAt(t), location: HERE };
    const racing = await Promise.all(Array.from({ length: 5 }, () => scan(v, 'checkIn', again, t)));
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(racing.filter((r) => r.ok)[0]).toMatchObject({ data: { pairs: 2, status: 'checked_in' } });
    t += 30 * MIN;
    ok(await scan(v, 'checkOut', { scene: await sceneAt(t), location: HERE }, t));
    t += 5 * MIN;
    expect(reason(await scan(v, 'checkIn', { scene: await sceneAt(t), location: HERE }, t))).toBe('checkin.pair_limit');
    const doc = (await db().collection('attendance').doc(`${activityId}_${v}`).get()).data as unknown as { sessions: Array<{ outAt: number | null }> };
    expect(doc.sessions).toHaveLength(2);
    expect(doc.sessions.every((s) => s.outAt !== null)).toBe(true);
  });
});

describe('hostile scan input', () => {
  test('wrong types, overlong scenes, markup and out-of-range coordinates are invalid-argument, nothing written', async () => {
    const v = await freshVolunteer();
    const good = await rotatingScene(activityId, START);
    const bad: unknown[] = [
      {},
      { scene: 42 },
      { scene: good + 'x'.repeat(40) },
      { scene: '<script>alert(1)</script>' },
      { scene: '😀😀😀' },
      { scene: good, location: { lat: 91, lng: 0 } },
      { scene: good, location: { lat: 0, lng: -181 } },
      { scene: good, location: { lat: 'north', lng: 0 } },
      { scene: good, location: { lat: 23, lng: 113, accuracyM: -1 } },
      'not an object',
    ];
    for (const input of bad) {
      const r = await scan(v, 'checkIn', input, START);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { issues: expect.any(Array) } } });
    }
    expect(await count('attendance', { openid: v })).toBe(0);
  });
});

describe('who may scan', () => {
  test.each(['unregistered', 'resident', 'volunteer', 'otherLeader', 'otherStaff', 'staff'] as const)(
    'checkIn and checkOut as %s: only the signed-up volunteer, and only for themselves',
    async (who) => {
      const id = await publishedActivity(w);
      ok(await act(w.volunteer, 'signUp', { activityId: id }));
      const caller = w.persona[who];
      const tin = START;
      const r = await scan(caller, 'checkIn', { scene: await rotatingScene(id, tin), location: HERE }, tin);
      if (who === 'volunteer') {
        expect(r).toMatchObject({ ok: true, data: { openid: w.volunteer } });
        const out = await scan(caller, 'checkOut', { scene: await rotatingScene(id, tin + 10 * MIN), location: HERE }, tin + 10 * MIN);
        expect(out).toMatchObject({ ok: true, data: { openid: w.volunteer, status: 'checked_out' } });
      } else {
        expect(r).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
        expect(await count('attendance', { activityId: id })).toBe(0);
        // Nobody can check the volunteer out: a scan only ever concerns the caller's own attendance
        // (an openid in the input is not a parameter and is ignored).
        ok(await scan(w.volunteer, 'checkIn', { scene: await rotatingScene(id, tin), location: HERE }, tin));
        const out = await scan(caller, 'checkOut', { scene: await rotatingScene(id, tin + 10 * MIN), location: HERE, openid: w.volunteer }, tin + 10 * MIN);
        expect(out).toMatchObject({ ok: false, error: { details: { reason: 'checkin.not_checked_in' } } });
        expect((await db().collection('attendance').doc(`${id}_${w.volunteer}`).get()).data).toMatchObject({ status: 'checked_in' });
      }
      expect(await count('attendance', { activityId: id })).toBe(1);
    },
  );
});
