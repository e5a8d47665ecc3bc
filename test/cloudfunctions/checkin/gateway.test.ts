// The built bundles through the emulator's runner and dev gateway, with the real clock: the leader
// fetches the rotating code from `activity`, volunteers scan it with `checkin`; concurrent scans by
// one person through the gateway still make exactly one check-in.
import { db, uniq } from '../../server/fixtures/db';
import { act, activityInput, makeWorld, ok, PLACE, putVolunteer, World } from '../activity/fixtures';

jest.setTimeout(60_000);

async function call(fn: string, openid: string, body: unknown): Promise<any> {
  const res = await fetch(`${process.env.EMULATOR_URL}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(body),
  });
  return res.json();
}

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

test('qrCode through the gateway, then checkIn/checkOut through the gateway', async () => {
  const now = Date.now();
  const created = ok(await act(w.staff, 'create', activityInput(w, { startAt: now + 30 * 60_000, endAt: now + 3 * 3600_000 }), now));
  ok(await act(w.staff, 'publish', { activityId: created.activityId }, now));
  const v = uniq('gv');
  await putVolunteer(v, w.community);
  ok(await act(v, 'signUp', { activityId: created.activityId }, now));

  const code = await call('activity', w.leader, { action: 'qrCode', input: { activityId: created.activityId } });
  expect(code).toMatchObject({ ok: true, data: { contentType: 'image/png' } });
  const here = { lat: PLACE.lat, lng: PLACE.lng };
  const scans = await Promise.all(Array.from({ length: 6 }, () => call('checkin', v, { action: 'checkIn', input: { scene: code.data.scene, location: here } })));
  expect(scans.filter((s) => s.ok)).toHaveLength(1);
  expect(scans.filter((s) => !s.ok).map((s) => s.error.details.reason)).toEqual(Array(5).fill('checkin.already_checked_in'));
  expect((await db().collection('attendance').where({ activityId: created.activityId }).count()).total).toBe(1);

  // Check-out needs a code other than the one used to check in.
  expect(await call('checkin', v, { action: 'checkOut', input: { scene: code.data.scene, location: here } })).toMatchObject({
    ok: false,
    error: { details: { reason: 'checkin.code_replayed' } },
  });
  const poster = await call('activity', w.staff, { action: 'qrCode', input: { activityId: created.activityId, kind: 'poster' } });
  expect(await call('checkin', v, { action: 'checkOut', input: { scene: poster.data.scene, location: here } })).toMatchObject({
    ok: true,
    data: { status: 'checked_out' },
  });
});

test('a malformed scene through the gateway is invalid-argument, never internal', async () => {
  const r = await call('checkin', uniq('x'), { action: 'checkIn', input: { scene: '<img src=x>', location: { lat: 100, lng: 0 } } });
  expect(r).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
});
