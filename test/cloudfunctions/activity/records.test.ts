// Service records after an activity: confirmation credits the time bank in the same transaction
// (vol-org's creditServiceRecord), corrections change minutes with a new revision and credit the
// difference, back-fill needs evidence and two different approvers, staff rate, and the daily
// timer flags drafts past the 10-working-day deadline.
import { activity as activityFn } from '../../../cloudfunctions/activity/function';
import { db, uniq } from '../../server/fixtures/db';
import { act, count, HOUR, makeWorld, MIN, ok, PLACE, publishedActivity, putVolunteer, rotatingScene, scan, T0, World } from './fixtures';

jest.setTimeout(60_000);

const START = T0 + 24 * HOUR;
const END = START + 3 * HOUR;
const HERE = { lat: PLACE.lat, lng: PLACE.lng };

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

async function volunteerDoc(openid: string): Promise<Record<string, any>> {
  return (await db().collection('volunteers').where({ openid }).get()).data[0] as Record<string, any>;
}

/** An ended activity where each volunteer attended `minutes` (exact policy), with draft records. */
async function endedWith(minutes: number[]): Promise<{ id: string; vs: string[] }> {
  const id = await publishedActivity(w, { hoursPolicy: 'exact' });
  const vs: string[] = [];
  for (const m of minutes) {
    const v = uniq('rv');
    await putVolunteer(v, w.community);
    ok(await act(v, 'signUp', { activityId: id }));
    ok(await scan(v, 'checkIn', { scene: await rotatingScene(id, START), location: HERE }, START));
    ok(await scan(v, 'checkOut', { scene: await rotatingScene(id, START + m * MIN), location: HERE }, START + m * MIN));
    vs.push(v);
  }
  ok(await act(w.leader, 'finish', { activityId: id }, END + MIN));
  return { id, vs };
}

test('confirmRecords confirms every draft, credits each once, and closes the activity', async () => {
  const { id, vs } = await endedWith([100, 45]);
  const r = ok(await act(w.staff, 'confirmRecords', { activityId: id }, END + HOUR));
  expect(r).toEqual({ confirmed: 2, closed: true });
  for (const [v, m] of [[vs[0]!, 100], [vs[1]!, 45]] as const) {
    expect((await db().collection('service_records').doc(`${id}_${v}`).get()).data).toMatchObject({ status: 'confirmed', minutes: m, confirmedAt: END + HOUR });
    expect((await volunteerDoc(v)).totalMinutes).toBe(m);
  }
  expect(await count('time_bank_ledger', { recordId: `${id}_${vs[0]}` })).toBe(1);
  // Closed: nothing left to confirm, nothing credited twice.
  expect(await act(w.staff, 'confirmRecords', { activityId: id }, END + 2 * HOUR)).toMatchObject({ ok: false, error: { details: { reason: 'activity.not_ended' } } });
  expect((await volunteerDoc(vs[0]!)).totalMinutes).toBe(100);
  const entries = (await db().collection('audit_log').where({ subject: `service_records/${id}_${vs[0]}` }).get()).data;
  expect(entries.map((e) => e.action)).toEqual(['service_record.confirm']);
});

test('a correction accepted by staff changes the minutes, bumps the revision and credits the difference', async () => {
  const { id, vs } = await endedWith([60]);
  ok(await act(w.staff, 'confirmRecords', { activityId: id }, END + HOUR));
  const recordId = `${id}_${vs[0]}`;
  const c = ok(await act(vs[0]!, 'requestCorrection', { recordId, minutes: 90, note: '签退时手机没电，实际多服务半小时' }, END + 2 * HOUR));
  expect(c).toMatchObject({ status: 'open', minutes: 90, previousMinutes: 60 });
  expect(await act(vs[0]!, 'requestCorrection', { recordId, minutes: 120, note: '再申请一次' }, END + 2 * HOUR)).toMatchObject({
    ok: false,
    error: { code: 'already-exists', details: { reason: 'correction.already_open' } },
  });
  const resolved = ok(await act(w.staff, 'resolveCorrection', { correctionId: c.correctionId, accept: true, minutes: 80, note: '按签到表核实为 80 分钟' }, END + 3 * HOUR));
  expect(resolved).toMatchObject({ status: 'accepted', minutes: 80 });
  expect((await db().collection('service_records').doc(recordId).get()).data).toMatchObject({ minutes: 80, revision: 1, status: 'confirmed' });
  expect((await volunteerDoc(vs[0]!)).totalMinutes).toBe(80);
  // A refused correction changes nothing.
  const c2 = ok(await act(vs[0]!, 'requestCorrection', { recordId, minutes: 200, note: '还是少了' }, END + 4 * HOUR));
  ok(await act(w.staff2, 'resolveCorrection', { correctionId: c2.correctionId, accept: false, note: '与签到表不符' }, END + 5 * HOUR));
  expect((await db().collection('service_records').doc(recordId).get()).data).toMatchObject({ minutes: 80, revision: 1 });
  expect((await volunteerDoc(vs[0]!)).totalMinutes).toBe(80);
});

test('back-fill is refused with one approver: the requester cannot approve; a second staff member can', async () => {
  const { id } = await endedWith([30]);
  const v = uniq('bf');
  await putVolunteer(v, w.community);
  const b = ok(
    await act(w.staff, 'requestBackfill', { activityId: id, openid: v, minutes: 120, evidence: '纸质签到表第 4 行，社工陈某见证', note: '老人不会用手机' }, END + HOUR),
  );
  expect(await act(w.staff, 'approveBackfill', { backfillId: b.backfillId }, END + 2 * HOUR)).toMatchObject({
    ok: false,
    error: { code: 'permission-denied', details: { reason: 'backfill.same_approver' } },
  });
  expect((await db().collection('service_records').doc(`${id}_${v}`).get()).data).toBeNull();
  expect((await volunteerDoc(v)).totalMinutes).toBe(0);
  // More minutes than the activity lasted are refused outright.
  expect(await act(w.staff, 'requestBackfill', { activityId: id, openid: v, minutes: 181, evidence: '纸质签到表第 4 行，社工陈某见证', note: '多报' }, END + HOUR)).toMatchObject({
    ok: false,
    error: { code: 'invalid-argument', details: { reason: 'backfill.exceeds_activity' } },
  });

  const approved = ok(await act(w.staff2, 'approveBackfill', { backfillId: b.backfillId, note: '核对签到表无误' }, END + 2 * HOUR));
  expect(approved).toMatchObject({ status: 'approved', requestedBy: w.staff, approvedBy: w.staff2, recordId: `${id}_${v}` });
  expect((await db().collection('service_records').doc(`${id}_${v}`).get()).data).toMatchObject({
    status: 'confirmed',
    source: 'backfill',
    minutes: 120,
    policyVersion: 'backfill@1',
  });
  expect((await volunteerDoc(v)).totalMinutes).toBe(120);
  const audit = (await db().collection('audit_log').where({ subject: `service_records/${id}_${v}` }).get()).data;
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ action: 'service_record.backfill', actor: w.staff2, after: { requestedBy: w.staff, approvedBy: w.staff2 } });
  // Approving again, or back-filling the same person again, is refused.
  expect(await act(w.staff2, 'approveBackfill', { backfillId: b.backfillId }, END + 3 * HOUR)).toMatchObject({ ok: false, error: { details: { reason: 'backfill.cannot_approve' } } });
  expect(await act(w.staff, 'requestBackfill', { activityId: id, openid: v, minutes: 30, evidence: '纸质签到表第 4 行，社工陈某见证', note: '再补' }, END + 3 * HOUR)).toMatchObject({
    ok: false,
    error: { code: 'already-exists', details: { reason: 'record.exists' } },
  });
});

test('staff rate a confirmed record with the date; a draft cannot be rated', async () => {
  const { id, vs } = await endedWith([60]);
  const recordId = `${id}_${vs[0]}`;
  expect(await act(w.staff, 'rate', { recordId, rating: 5 }, END + HOUR)).toMatchObject({ ok: false, error: { details: { reason: 'record.not_confirmed' } } });
  ok(await act(w.staff, 'confirmRecords', { activityId: id }, END + HOUR));
  expect(await act(w.staff, 'rate', { recordId, rating: 4, comment: '耐心细致' }, END + 2 * HOUR)).toMatchObject({
    ok: true,
    data: { rating: 4, ratedOn: '2026-12-08' },
  });
  expect(ok(await act(vs[0]!, 'myRecords', {}, END + 3 * HOUR)).items[0]).toMatchObject({ recordId, rating: 4, status: 'confirmed' });
});

test('the daily timer flags drafts past their due day, once, audited; a re-delivered firing changes nothing', async () => {
  const { id, vs } = await endedWith([60]);
  const recordId = `${id}_${vs[0]}`;
  const due = (await db().collection('service_records').doc(recordId).get()).data!.dueOn as string;
  expect(due).toBe('2026-12-22');
  const fire = (time: string) =>
    activityFn.invoke({ Type: 'Timer', TriggerName: 'flagOverdueRecords', Time: time, Message: '' }, { openid: '', trigger: 'timer', now: () => Date.parse(time) });
  // On the due day itself it is not overdue yet (fires at 09:00 Beijing = 01:00 UTC).
  await fire('2026-12-22T01:00:00Z');
  expect((await db().collection('service_records').doc(recordId).get()).data).toMatchObject({ overdue: false });
  const firing = '2026-12-23T01:00:00Z';
  const first = await fire(firing);
  expect(first).toMatchObject({ ok: true });
  expect((await db().collection('service_records').doc(recordId).get()).data).toMatchObject({ overdue: true, status: 'draft' });
  const again = await fire(firing);
  expect(again).toMatchObject({ ok: true, data: { replayed: true, result: (first as { data: { result: unknown } }).data.result } });
  expect(await count('audit_log', { action: 'service_record.overdue', subject: `service_records/${recordId}` })).toBe(1);
  expect(ok(await act(w.leader, 'records', { activityId: id }, Date.parse(firing))).items[0]).toMatchObject({ recordId, overdue: true, dueOn: '2026-12-22' });
  // A client cannot fire the timer.
  expect(await activityFn.invoke({ Type: 'Timer', TriggerName: 'flagOverdueRecords', Time: firing, Message: '' }, { openid: w.staff, now: () => T0 })).toMatchObject({
    ok: false,
    error: { code: 'permission-denied' },
  });
});
