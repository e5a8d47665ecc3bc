// The per-instance activity cache of the checkin function (server/activity/activity-cache.ts):
// its staleness is bounded by CHECKIN_ACTIVITY_CACHE_SECONDS (measured on the function's clock),
// 0 disables it, a refusal is never decided on a cached copy, and a cached copy is frozen.
import { checkedActivity, clearActivityCache } from '../../../server/activity/activity-cache';
import { db, uniq } from '../../server/fixtures/db';
import { act, activityInput, HOUR, makeWorld, MIN, ok, PLACE, publishedActivity, putVolunteer, rotatingScene, scan, T0, World } from '../activity/fixtures';
import { parseScene } from '../../../core';
import { loadConfig } from '../../../server/config';

const START = T0 + 24 * HOUR;
const HERE = { lat: PLACE.lat, lng: PLACE.lng, accuracyM: 10 };
const VAR = 'CHECKIN_ACTIVITY_CACHE_SECONDS';

jest.setTimeout(60_000);

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const saved = process.env[VAR];
afterEach(() => {
  if (saved === undefined) delete process.env[VAR];
  else process.env[VAR] = saved;
  clearActivityCache();
});

const reason = (r: { ok: boolean; error?: { details?: { reason?: string } } }) => (r.ok ? 'ok' : r.error?.details?.reason);

/** A published activity with `n` signed-up volunteers. */
async function activityWith(n: number): Promise<{ id: string; people: string[] }> {
  const id = await publishedActivity(w, { capacity: 20 });
  const people = Array.from({ length: n }, () => uniq('cv'));
  for (const o of people) {
    await putVolunteer(o, w.community);
    ok(await act(o, 'signUp', { activityId: id }));
  }
  return { id, people };
}

test('default (5 s): a cancellation reaches scans within the TTL, counted on the function clock', async () => {
  const { id, people } = await activityWith(3);
  const at = START + MIN;
  const scene = await rotatingScene(id, at);
  ok(await scan(people[0]!, 'checkIn', { scene, location: HERE }, at));
  ok(await act(w.staff, 'cancel', { activityId: id, reason: '暴雨取消' }));
  // Inside the TTL the copy read at `at` still answers: the documented bound, not beyond it.
  ok(await scan(people[1]!, 'checkIn', { scene, location: HERE }, at + 4_999));
  // From the TTL on, the scan reads the activity again and sees the cancellation.
  expect(reason(await scan(people[2]!, 'checkIn', { scene, location: HERE }, at + 5_000))).toBe('checkin.activity_not_open');
  expect((await db().collection('attendance').where({ activityId: id }).count()).total).toBe(2);
});

test('a configured TTL is honoured, and a clock that went backwards expires the entry', async () => {
  process.env[VAR] = '20';
  const { id, people } = await activityWith(3);
  const at = START + 2 * MIN + 30_000;
  const scene = await rotatingScene(id, at);
  ok(await scan(people[0]!, 'checkIn', { scene, location: HERE }, at));
  ok(await act(w.staff, 'cancel', { activityId: id, reason: '场地不可用' }));
  ok(await scan(people[1]!, 'checkIn', { scene, location: HERE }, at + 19_000));
  expect(reason(await scan(people[2]!, 'checkIn', { scene, location: HERE }, at - 1))).toBe('checkin.activity_not_open');
});

test('TTL 0 disables the cache: a cancellation is seen by the very next scan', async () => {
  process.env[VAR] = '0';
  const { id, people } = await activityWith(2);
  const at = START + 3 * MIN;
  const scene = await rotatingScene(id, at);
  ok(await scan(people[0]!, 'checkIn', { scene, location: HERE }, at));
  ok(await act(w.staff, 'cancel', { activityId: id, reason: '暴雨取消' }));
  expect(reason(await scan(people[1]!, 'checkIn', { scene, location: HERE }, at + 1))).toBe('checkin.activity_not_open');
});

test('a refusal is decided on a fresh read: a scan right after publishing is accepted', async () => {
  const created = ok(await act(w.staff, 'create', activityInput(w, { capacity: 5 })));
  const id = created.activityId as string;
  const v = uniq('cv');
  await putVolunteer(v, w.community);
  const at = START + 4 * MIN;
  const scene = await rotatingScene(id, at);
  // Read (and cached) while still a draft: refused.
  expect(reason(await scan(v, 'checkIn', { scene, location: HERE }, at))).toBe('checkin.activity_not_open');
  ok(await act(w.staff, 'publish', { activityId: id }));
  ok(await act(v, 'signUp', { activityId: id }));
  expect(await scan(v, 'checkIn', { scene, location: HERE }, at + 1)).toMatchObject({ ok: true, data: { status: 'checked_in' } });
});

test('the cached copy is frozen: one invocation cannot change what the next one sees', async () => {
  const { id } = await activityWith(0);
  const at = START + 5 * MIN;
  const scene = parseScene(await rotatingScene(id, at))!;
  const ctx = { config: loadConfig(), db: db(), now: () => at } as never;
  const first = await checkedActivity(ctx, scene, HERE, at, 'in');
  expect(() => {
    (first.activity as { status: string }).status = 'published-by-someone';
  }).toThrow(TypeError);
  expect(() => {
    (first.activity.checkin as { walkIns: boolean }).walkIns = true;
  }).toThrow(TypeError);
  const second = await checkedActivity(ctx, scene, HERE, at + 1, 'in');
  expect(second.activity).toBe(first.activity);
  expect(second.activity).toMatchObject({ status: 'published', checkin: { walkIns: false } });
});

describe('the confirmed sign-ups of an activity being scanned', () => {
  const SIGNUPS = 'CHECKIN_SIGNUP_CACHE_SECONDS';
  const savedSignups = process.env[SIGNUPS];
  afterEach(() => {
    if (savedSignups === undefined) delete process.env[SIGNUPS];
    else process.env[SIGNUPS] = savedSignups;
  });

  test('a cancelled sign-up still checks in within the TTL and is refused after it; a new sign-up is accepted at once', async () => {
    process.env[VAR] = '20';
    process.env[SIGNUPS] = '2';
    const { id, people } = await activityWith(4);
    const [p0, p1, p2, p3] = people as [string, string, string, string];
    const t = START + 6 * MIN;
    const scene = await rotatingScene(id, t);
    ok(await scan(p0, 'checkIn', { scene, location: HERE }, t));
    // The activity is now cached here: this scan reads the set of confirmed sign-ups (at t + 1 s).
    ok(await scan(p1, 'checkIn', { scene, location: HERE }, t + 1_000));
    ok(await act(p2, 'cancelSignUp', { activityId: id }));
    ok(await act(p3, 'cancelSignUp', { activityId: id }));
    // Inside the sign-up TTL the set still has p2: the documented bound.
    ok(await scan(p2, 'checkIn', { scene, location: HERE }, t + 2_500));
    // From the TTL on, the set is read again and p3's cancellation is seen.
    expect(reason(await scan(p3, 'checkIn', { scene, location: HERE }, t + 3_000))).toBe('checkin.not_signed_up');
    // Someone confirmed after the set was read is looked up by their sign-up: never refused.
    const late = uniq('cv');
    await putVolunteer(late, w.community);
    ok(await act(late, 'signUp', { activityId: id }));
    ok(await scan(late, 'checkIn', { scene, location: HERE }, t + 3_500));
  });

  test('TTL 0: a cancelled sign-up is refused at once, even while the activity is being scanned', async () => {
    process.env[SIGNUPS] = '0';
    const { id, people } = await activityWith(3);
    const [p0, p1, p2] = people as [string, string, string];
    const t = START + 7 * MIN;
    const scene = await rotatingScene(id, t);
    ok(await scan(p0, 'checkIn', { scene, location: HERE }, t));
    ok(await scan(p1, 'checkIn', { scene, location: HERE }, t + 500));
    ok(await act(p2, 'cancelSignUp', { activityId: id }));
    expect(reason(await scan(p2, 'checkIn', { scene, location: HERE }, t + 1_000))).toBe('checkin.not_signed_up');
  });
});
