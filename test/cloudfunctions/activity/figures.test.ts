// activity.figures: the community's volunteering figures for its staff. Counts only what belongs to
// the community and the month (China time), only confirmed records' hours, only published
// activities; only staff and social workers of the community may read them; a bad month or community
// is refused.
import { db, uniq } from '../../server/fixtures/db';
import { act, HOUR, makeWorld, ok, PERSONAS, putVolunteer, T0, World } from './fixtures';

jest.setTimeout(60_000);

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

/** 2026-12-01 00:00 in China. */
const DEC_START = Date.UTC(2026, 10, 30, 16, 0);

async function put(collection: string, docs: Array<Record<string, unknown>>): Promise<void> {
  for (const d of docs) await db().collection(collection).add({ data: { _id: uniq(collection.slice(0, 3)), createdAt: T0, ...d } });
}

test('the month’s published activities and confirmed hours, the volunteers and the queues, of this community only', async () => {
  const c = w.community;
  const o = w.otherCommunity;
  await put('activities', [
    { communityId: c, status: 'published', startAt: DEC_START }, // first minute of December
    { communityId: c, status: 'ended', startAt: T0 },
    { communityId: c, status: 'closed', startAt: T0 + 48 * HOUR },
    { communityId: c, status: 'cancelled', startAt: T0 },
    { communityId: c, status: 'draft', startAt: T0 },
    { communityId: c, status: 'submitted', startAt: T0 + 72 * HOUR },
    { communityId: c, status: 'published', startAt: DEC_START - 1 }, // last minute of November
    { communityId: o, status: 'published', startAt: T0 },
  ]);
  await put('service_records', [
    { communityId: c, status: 'confirmed', date: '2026-12-01', minutes: 90, openid: 'a' },
    { communityId: c, status: 'confirmed', date: '2026-12-31', minutes: 150, openid: 'b' },
    { communityId: c, status: 'draft', date: '2026-12-10', minutes: 600, openid: 'c' },
    { communityId: c, status: 'void', date: '2026-12-10', minutes: 600, openid: 'd' },
    { communityId: c, status: 'confirmed', date: '2026-11-30', minutes: 600, openid: 'e' },
    { communityId: c, status: 'confirmed', date: '2027-01-01', minutes: 600, openid: 'f' },
    { communityId: o, status: 'confirmed', date: '2026-12-10', minutes: 600, openid: 'g' },
  ]);
  await Promise.all([
    putVolunteer(uniq('pv'), c, { status: 'pending' }),
    putVolunteer(uniq('rv'), c, { status: 'rejected' }),
    putVolunteer(uniq('pv'), o, { status: 'pending' }),
    putVolunteer(uniq('vv'), o),
  ]);
  await put('record_corrections', [
    { communityId: c, status: 'open' },
    { communityId: c, status: 'accepted' },
    { communityId: o, status: 'open' },
  ]);
  await put('record_backfills', [
    { communityId: c, status: 'requested' },
    { communityId: c, status: 'requested' },
    { communityId: c, status: 'approved' },
  ]);
  const r = ok(await act(w.staff, 'figures', { communityId: c, month: '2026-12' }));
  expect(r).toEqual({
    communityId: c,
    month: '2026-12',
    // makeWorld's volunteer, leader and other leader.
    verifiedVolunteers: 3,
    activities: 3,
    serviceRecords: 2,
    serviceMinutes: 240,
    pendingVolunteers: 1,
    submittedActivities: 1,
    openCorrections: 1,
    pendingBackfills: 2,
  });

  // A month with nothing in it: zeros, not a failure.
  const empty = ok(await act(w.staff2, 'figures', { communityId: c, month: '2025-06' }));
  expect(empty).toMatchObject({ activities: 0, serviceRecords: 0, serviceMinutes: 0, pendingBackfills: 2 });
});

describe('who may read the figures', () => {
  test.each(PERSONAS)('%s', async (who) => {
    const r = await act(w.persona[who], 'figures', { communityId: w.community, month: '2026-12' });
    if (who === 'staff') expect(r.ok).toBe(true);
    else expect(r).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'activity.staff_only' } } });
  });

  test('the community admin and the social worker may; the team leader may not', async () => {
    expect(await act(w.leader, 'figures', { communityId: w.community, month: '2026-12' })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    for (const who of [w.staff2, w.socialWorker]) expect((await act(who, 'figures', { communityId: w.community, month: '2026-12' })).ok).toBe(true);
    // Another community's social worker is not this one's.
    expect(await act(w.socialWorker, 'figures', { communityId: w.otherCommunity, month: '2026-12' })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  });
});

test.each([
  ['a month without its zero', { month: '2026-1' }],
  ['month 13', { month: '2026-13' }],
  ['a day instead of a month', { month: '2026-12-01' }],
  ['an operator object as the community', { communityId: { $ne: null } }],
  ['no community', { communityId: undefined }],
])('%s → invalid-argument with issues', async (_name, patch) => {
  const r = await act(w.staff, 'figures', { communityId: w.community, month: '2026-12', ...patch });
  expect(r).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  if (!r.ok) expect((r.error.details?.issues as unknown[]).length).toBeGreaterThan(0);
});
