// Activities and sign-up in-process (real SDK, emulator): review and publish, recruiting text,
// eligibility, capacity under racing sign-ups, waitlist with automatic promotion, idempotent retry.
import { db, uniq } from '../../server/fixtures/db';
import { messagesTo } from '../wish/helpers';
import { act, activityDoc, activityInput, count, HOUR, makeWorld, ok, publishedActivity, putVolunteer, T0, World } from './fixtures';

jest.setTimeout(60_000);

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

async function volunteers(n: number, facts = {}): Promise<string[]> {
  const ids = Array.from({ length: n }, () => uniq('v'));
  await Promise.all(ids.map((o) => putVolunteer(o, w.community, facts)));
  return ids;
}

describe('review and publish', () => {
  test('a team leader creates and submits; staff reject with a note, then publish; the audit log has each step', async () => {
    const created = ok(await act(w.leader, 'create', activityInput(w)));
    expect(created).toMatchObject({ status: 'draft', signedUp: 0, volunteering: true, hoursPolicy: 'exact', createdBy: w.leader });
    expect(created.activityId).toMatch(/^a[a-z2-9]{9}$/);
    ok(await act(w.leader, 'submit', { activityId: created.activityId }));
    expect(ok(await act(w.staff, 'reject', { activityId: created.activityId, note: '请写明风险' }))).toMatchObject({ status: 'draft', reviewNote: '请写明风险' });
    ok(await act(w.leader, 'submit', { activityId: created.activityId }));
    const published = ok(await act(w.staff, 'publish', { activityId: created.activityId }));
    expect(published).toMatchObject({ status: 'published', reviewNote: null });
    expect(published.recruitingText).toContain('可能的风险：使用清洁工具注意防护。');
    const actions = (await db().collection('audit_log').where({ subject: `activities/${created.activityId}` }).orderBy('seq', 'asc').get()).data.map((e) => e.action);
    expect(actions).toEqual(['activity.create', 'activity.submit', 'activity.reject', 'activity.submit', 'activity.publish']);
  });

  test('a stale version or a forbidden transition is refused with the machine reason', async () => {
    const id = await publishedActivity(w);
    expect(await act(w.staff, 'submit', { activityId: id })).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'activity.cannot_submit' } } });
    const d = ok(await act(w.staff, 'create', activityInput(w)));
    expect(await act(w.staff, 'publish', { activityId: d.activityId, version: 7 })).toMatchObject({ ok: false, error: { details: { reason: 'state.stale_version' } } });
  });

  test('a start in the past, a team of another community, text the content check refuses: invalid-argument, nothing written', async () => {
    const before = await count('activities', { communityId: w.community });
    expect(await act(w.staff, 'create', activityInput(w, { startAt: T0 - HOUR, endAt: T0 + HOUR }))).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', details: { reason: 'activity.starts_in_past' } },
    });
    const foreignTeam = uniq('ft');
    await db().collection('teams').add({ data: { _id: foreignTeam, communityId: w.otherCommunity, name: 'x', tags: [], leaders: [w.staff], members: [] } });
    expect(await act(w.staff, 'create', activityInput(w, { teamId: foreignTeam }))).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await act(w.staff, 'create', activityInput(w, { content: '这里有赌博的内容' }))).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', details: { reason: 'content.rejected' } },
    });
    expect(await count('activities', { communityId: w.community })).toBe(before);
  });

  test('list shows published activities in start order; drafts only to staff', async () => {
    const a = await publishedActivity(w, { startAt: T0 + 50 * HOUR, endAt: T0 + 51 * HOUR });
    const page = ok(await act(w.volunteer, 'list', { communityId: w.community, limit: 50 }));
    expect(page.items.map((i: { activityId: string }) => i.activityId)).toContain(a);
    const starts = page.items.map((i: { startAt: number }) => i.startAt);
    expect(starts).toEqual([...starts].sort((x: number, y: number) => x - y));
    expect(ok(await act(w.staff, 'list', { communityId: w.community, status: 'draft' })).items.every((i: { status: string }) => i.status === 'draft')).toBe(true);
  });
});

describe('sign-up', () => {
  test('eligibility: age on the activity day, trainings, insurance covering the activity, team-only', async () => {
    const id = await publishedActivity(w, {
      eligibility: { minAge: 18, trainings: ['first-aid'], insuranceRequired: true, teamOnly: false },
    });
    const end = (await activityDoc(id)).endAt as number;
    const [young, untrained, uninsured, good] = await Promise.all([
      volunteers(1, { birthDate: '2008-12-09', trainings: ['first-aid'], insuranceUntil: end }),
      volunteers(1, { trainings: [], insuranceUntil: end }),
      volunteers(1, { trainings: ['first-aid'], insuranceUntil: end - 1 }),
      volunteers(1, { birthDate: '2008-12-08', trainings: ['first-aid', 'x'], insuranceUntil: end }),
    ]);
    const reasonOf = async (o: string) => {
      const r = await act(o, 'signUp', { activityId: id });
      return r.ok ? 'ok' : r.error.details?.reason;
    };
    expect(await reasonOf(young![0]!)).toBe('activity.too_young');
    expect(await reasonOf(untrained![0]!)).toBe('activity.training_required');
    expect(await reasonOf(uninsured![0]!)).toBe('activity.insurance_required');
    expect(await reasonOf(good![0]!)).toBe('ok'); // 18 on the activity's day
    const teamOnly = await publishedActivity(w, { eligibility: { teamOnly: true } });
    expect((await act(w.otherLeader, 'signUp', { activityId: teamOnly })).ok).toBe(false);
    expect(await act(w.volunteer, 'signUp', { activityId: teamOnly })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
  });

  test('an unverified or unregistered person cannot sign up', async () => {
    const id = await publishedActivity(w);
    const [pending] = await volunteers(1, { status: 'pending' });
    expect(await act(pending!, 'signUp', { activityId: id })).toMatchObject({ ok: false, error: { details: { reason: 'volunteer.not_verified' } } });
    expect(await act(w.resident, 'signUp', { activityId: id })).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'volunteer.not_registered' } } });
  });

  test('30 volunteers racing for 5 places and 3 waitlist places: exactly 5 confirmed, 3 waitlisted, the rest refused', async () => {
    const id = await publishedActivity(w, { capacity: 5, waitlist: 3 });
    const vs = await volunteers(30);
    const results = await Promise.all(vs.map((o) => act(o, 'signUp', { activityId: id })));
    const statuses = results.map((r) => (r.ok ? r.data.status : r.error.details?.reason));
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'activity.full')).toHaveLength(22);
    expect(await count('signups', { activityId: id, status: 'confirmed' })).toBe(5);
    expect(await count('signups', { activityId: id, status: 'waitlisted' })).toBe(3);
    expect(await activityDoc(id)).toMatchObject({ signedUp: 5, waitlisted: 3 });
    const positions = results.filter((r) => r.ok && r.data.status === 'waitlisted').map((r) => (r.ok ? r.data.waitlistPosition : 0));
    expect([...positions].sort()).toEqual([1, 2, 3]);
  });

  test('cancelling a confirmed place promotes the first on the waitlist; concurrent cancels never exceed capacity', async () => {
    const id = await publishedActivity(w, { capacity: 2, waitlist: 3 });
    const vs = await volunteers(5);
    for (const o of vs) ok(await act(o, 'signUp', { activityId: id }));
    const [a, b, c, d] = vs as [string, string, string, string, string];
    const r = ok(await act(a, 'cancelSignUp', { activityId: id }));
    expect(r).toMatchObject({ signup: { status: 'cancelled' }, promoted: 1 });
    expect((await db().collection('signups').doc(`${id}_${c}`).get()).data).toMatchObject({ status: 'confirmed' });
    expect(ok(await act(d, 'get', { activityId: id })).mySignup).toBe('waitlisted');
    // Both remaining confirmed people cancel at once: the two waitlisted are promoted, no more.
    await Promise.all([act(b, 'cancelSignUp', { activityId: id }), act(c, 'cancelSignUp', { activityId: id })]);
    expect(await count('signups', { activityId: id, status: 'confirmed' })).toBe(2);
    expect(await count('signups', { activityId: id, status: 'waitlisted' })).toBe(0);
    expect(await activityDoc(id)).toMatchObject({ signedUp: 2, waitlisted: 0 });
    // A cancelled person may sign up again, at the back: the places are taken, the waitlist is free.
    expect(await act(a, 'signUp', { activityId: id })).toMatchObject({ ok: true, data: { status: 'waitlisted', waitlistPosition: 1 } });
    expect(await activityDoc(id)).toMatchObject({ signedUp: 2, waitlisted: 1 });
  });

  test('the person promoted from the waitlist gets one subscribe message after the commit, opening the activity page', async () => {
    const id = await publishedActivity(w, { capacity: 1, waitlist: 2 });
    const [a, b, c] = await volunteers(3);
    for (const v of [a!, b!, c!]) ok(await act(v, 'signUp', { activityId: id }));
    const requestId = uniq('cancel');
    expect(await act(a!, 'cancelSignUp', { activityId: id }, T0, requestId)).toMatchObject({ ok: true, data: { promoted: 1 } });
    // A retry of the same request answers from the idempotency record: no second message.
    expect(await act(a!, 'cancelSignUp', { activityId: id }, T0, requestId)).toMatchObject({ ok: true, data: { promoted: 1 } });
    const toB = await messagesTo(b!);
    expect(toB).toHaveLength(1);
    expect(toB[0]!.params).toMatchObject({
      template_id: 'dev-activity-promoted',
      page: `pages/volunteer/activity/index?activityId=${id}`,
      data: { thing1: { value: '小区环境清洁日' }, time2: { value: '2026年12月8日 09:00' } },
    });
    // Nobody else is told anything: not the one who cancelled, not the one still waiting.
    expect(await messagesTo(a!)).toHaveLength(0);
    expect(await messagesTo(c!)).toHaveLength(0);
    // A waitlisted person cancelling frees no place: no promotion, no message.
    expect(await act(c!, 'cancelSignUp', { activityId: id })).toMatchObject({ ok: true, data: { promoted: 0 } });
    expect(await messagesTo(c!)).toHaveLength(0);
    expect(await messagesTo(b!)).toHaveLength(1);
  });

  test('a retry with the same requestId answers the same and signs up once; signing up twice returns the existing place', async () => {
    const id = await publishedActivity(w, { capacity: 3 });
    const [v] = await volunteers(1);
    const rid = uniq('rid');
    const [x, y] = await Promise.all([act(v!, 'signUp', { activityId: id }, T0, rid), act(v!, 'signUp', { activityId: id }, T0, rid)]);
    expect(x).toEqual(y);
    expect(await act(v!, 'signUp', { activityId: id })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
    expect(await activityDoc(id)).toMatchObject({ signedUp: 1 });
  });

  test('sign-up closes at the start; a cancelled activity is not recruiting', async () => {
    const id = await publishedActivity(w);
    const start = (await activityDoc(id)).startAt as number;
    expect(await act(w.volunteer, 'signUp', { activityId: id }, start)).toMatchObject({ ok: false, error: { details: { reason: 'activity.started' } } });
    ok(await act(w.staff, 'cancel', { activityId: id, reason: '天气' }));
    expect(await act(w.volunteer, 'signUp', { activityId: id })).toMatchObject({ ok: false, error: { details: { reason: 'activity.not_recruiting' } } });
  });

  test('the roster shows volunteer numbers and masked names, never a full name', async () => {
    const id = await publishedActivity(w);
    ok(await act(w.volunteer, 'signUp', { activityId: id }));
    const roster = ok(await act(w.leader, 'roster', { activityId: id }));
    expect(roster.items).toEqual([
      { volunteerNo: expect.stringMatching(/^T[A-Z]{4}-\d{6}$/), maskedName: '刘某', openid: w.volunteer, signup: 'confirmed', attendance: null, checkedInAt: null, checkedOutAt: null, needsConfirmation: false },
    ]);
  });
});
