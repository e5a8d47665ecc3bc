// The leader's side of attendance: the check-in code image, roll call (audited, with a reason),
// confirming flagged attendance, fixing a forgotten check-out, and finishing the activity into
// draft service records computed by the activity's hours policy.
import { jsQR } from './qr-decode';
import { db, uniq } from '../../server/fixtures/db';
import { act, activityDoc, HOUR, makeWorld, MIN, ok, PLACE, publishedActivity, putVolunteer, rotatingScene, scan, T0, World } from './fixtures';

jest.setTimeout(60_000);

const START = T0 + 24 * HOUR;
const END = START + 3 * HOUR;
const HERE = { lat: PLACE.lat, lng: PLACE.lng };

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

async function signedUp(n: number, overrides: Record<string, unknown> = {}): Promise<{ id: string; vs: string[] }> {
  const id = await publishedActivity(w, overrides);
  const vs = Array.from({ length: n }, () => uniq('v'));
  for (const o of vs) {
    await putVolunteer(o, w.community);
    ok(await act(o, 'signUp', { activityId: id }));
  }
  return { id, vs };
}

test('qrCode: a rotating code the check-in accepts, as a real QR image; a poster code without expiry', async () => {
  const { id, vs } = await signedUp(1);
  const at = START - 10 * MIN;
  const code = ok(await act(w.leader, 'qrCode', { activityId: id }, at));
  expect(code).toMatchObject({ page: 'pages/volunteer/checkin/index', contentType: 'image/png' });
  expect(code.scene.length).toBeLessThanOrEqual(32);
  expect(code.refreshAt).toBe((Math.floor(at / 60_000) + 1) * 60_000);
  expect(code.validUntil).toBe((Math.floor(at / 60_000) + 2) * 60_000);
  expect(jsQR(Buffer.from(code.imageBase64, 'base64'))).toContain(code.scene);
  expect(await scan(vs[0]!, 'checkIn', { scene: code.scene, location: HERE }, at + 30_000)).toMatchObject({ ok: true });
  const poster = ok(await act(w.staff, 'qrCode', { activityId: id, kind: 'poster' }, at));
  expect(poster).toMatchObject({ validUntil: null, refreshAt: null });
  expect(poster.scene).toMatch(/\.p\./);
});

test('roll call checks a person in and out with a reason, audited; a second roll-call check-in is refused', async () => {
  const { id, vs } = await signedUp(1);
  const v = vs[0]!;
  const tin = START + 5 * MIN;
  expect(await act(w.leader, 'rollCall', { activityId: id, openid: v, event: 'in', reason: '老人没有智能手机' }, tin)).toMatchObject({
    ok: true,
    data: { status: 'checked_in', checkedInAt: tin, flags: ['roll_call'], needsConfirmation: false },
  });
  expect(await act(w.leader, 'rollCall', { activityId: id, openid: v, event: 'in', reason: '重复点名' }, tin + MIN)).toMatchObject({
    ok: false,
    error: { details: { reason: 'checkin.already_checked_in' } },
  });
  ok(await act(w.leader, 'rollCall', { activityId: id, openid: v, event: 'out', reason: '活动结束' }, END));
  const audit = (await db().collection('audit_log').where({ subject: `attendance/${id}_${v}` }).orderBy('seq', 'asc').get()).data;
  expect(audit.map((e) => [e.action, e.actor])).toEqual([
    ['attendance.rollCall', w.leader],
    ['attendance.checkOut', w.leader],
  ]);
  expect(audit[0]).toMatchObject({ after: { reason: '老人没有智能手机' } });
  // Not signed up → refused (no walk-ins here).
  const stranger = uniq('s');
  await putVolunteer(stranger, w.community);
  expect(await act(w.leader, 'rollCall', { activityId: id, openid: stranger, event: 'in', reason: '临时来帮忙' }, tin)).toMatchObject({
    ok: false,
    error: { details: { reason: 'checkin.not_signed_up' } },
  });
});

test('finish drafts records by the hours policy; flagged and open attendance wait; confirming or fixing them drafts theirs', async () => {
  const { id, vs } = await signedUp(5, { hoursPolicy: 'cq-15-45' });
  const [clean, flagged, forgot, absent, early] = vs as [string, string, string, string, string];
  const sc = (at: number) => rotatingScene(id, at);
  // clean: 100 min → 15/45 rule → 90 min
  ok(await scan(clean, 'checkIn', { scene: await sc(START), location: HERE }, START));
  ok(await scan(clean, 'checkOut', { scene: await sc(START + 100 * MIN), location: HERE }, START + 100 * MIN));
  // flagged (no location): 2 h
  ok(await scan(flagged, 'checkIn', { scene: await sc(START) }, START));
  ok(await scan(flagged, 'checkOut', { scene: await sc(START + 2 * HOUR) }, START + 2 * HOUR));
  // forgot to check out
  ok(await scan(forgot, 'checkIn', { scene: await sc(START + 10 * MIN), location: HERE }, START + 10 * MIN));
  void absent;
  // early: checked in 90 min before the start, left 30 min after it: only the 30 min inside the activity count.
  ok(await scan(early, 'checkIn', { scene: await sc(START - 90 * MIN), location: HERE }, START - 90 * MIN));
  ok(await scan(early, 'checkOut', { scene: await sc(START + 30 * MIN), location: HERE }, START + 30 * MIN));

  expect(await act(w.leader, 'finish', { activityId: id }, END - MIN)).toMatchObject({ ok: false, error: { details: { reason: 'activity.not_over' } } });
  const done = ok(await act(w.leader, 'finish', { activityId: id }, END + 5 * MIN));
  expect(done).toMatchObject({ records: 2, unconfirmedAttendance: 2, activity: { status: 'ended' } });
  const rec = (o: string) => db().collection('service_records').doc(`${id}_${o}`).get().then((r) => r.data);
  const a = await activityDoc(id);
  expect(await rec(clean)).toMatchObject({
    openid: clean,
    activityId: id,
    activityTitle: a.title,
    date: '2026-12-08',
    place: PLACE.name,
    content: a.content,
    minutes: 90,
    organizingUnit: a.organizingUnit,
    leaderName: a.leaderName,
    policyVersion: 'cq-15-45@1',
    status: 'draft',
    revision: 0,
    dueOn: '2026-12-22',
  });
  expect(await rec(early)).toMatchObject({ minutes: 30 });
  expect(await rec(flagged)).toBeNull();
  expect(await rec(absent)).toBeNull();

  ok(await act(w.leader, 'confirmAttendance', { activityId: id, openid: flagged, accept: true, note: '现场见到本人' }, END + 10 * MIN));
  expect(await rec(flagged)).toMatchObject({ minutes: 120, status: 'draft' });
  // The forgotten check-out is fixed to 16:50 (160 min → 15/45 → 150, within the 180-min activity).
  const fixed = ok(await act(w.leader, 'fixCheckOut', { activityId: id, openid: forgot, checkedOutAt: START + 170 * MIN, reason: '忘记签退，负责人确认' }, END + 10 * MIN));
  expect(fixed).toMatchObject({ status: 'confirmed', checkedOutAt: START + 170 * MIN, flags: ['leader_fix'] });
  expect(await rec(forgot)).toMatchObject({ minutes: 150 });
  // A check-out time after the deadline or before the check-in is refused.
  expect(await act(w.leader, 'fixCheckOut', { activityId: id, openid: clean, checkedOutAt: START - HOUR, reason: '错误时间' }, END + 10 * MIN)).toMatchObject({
    ok: false,
    error: { code: 'invalid-argument' },
  });
  // Finishing again is refused by the machine.
  expect(await act(w.leader, 'finish', { activityId: id }, END + HOUR)).toMatchObject({ ok: false, error: { details: { reason: 'activity.cannot_finish' } } });
});

test('non-volunteering activities make no service records (办法 §19)', async () => {
  const { id, vs } = await signedUp(1, { category: 'meeting' });
  ok(await scan(vs[0]!, 'checkIn', { scene: await rotatingScene(id, START), location: HERE }, START));
  ok(await scan(vs[0]!, 'checkOut', { scene: await rotatingScene(id, START + HOUR), location: HERE }, START + HOUR));
  expect(ok(await act(w.staff, 'finish', { activityId: id }, END + MIN))).toMatchObject({ records: 0, activity: { volunteering: false } });
  expect((await db().collection('service_records').where({ activityId: id }).count()).total).toBe(0);
});
