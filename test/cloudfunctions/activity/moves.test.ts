// Moving a volunteer to another community: the volunteer asks, staff of the destination accept or
// refuse with a reason. On acceptance the registration's community, the volunteer grant and the
// time-bank account move; teams of the old community are left (a leader loses the role); sign-ups
// for activities of the old community that have not started end and free their place for the
// waitlist; service records and certificates stay with who recorded or issued them.
import { db, uniq } from '../../server/fixtures/db';
import { messagesTo } from '../wish/helpers';
import { act, activityDoc, confirmedRecordOf, END, HOUR, makeWorld, ok, orgAct, publishedActivity, putUser, putVolunteer, T0, volAct, World } from './fixtures';

jest.setTimeout(90_000);

let w: World;
let destStaff: string;
beforeAll(async () => {
  w = await makeWorld();
  destStaff = uniq('dstaff');
  await putUser(destStaff, [['staff', w.otherCommunity]]);
  for (const [id, code] of [[w.community, 'XFL'], [w.otherCommunity, 'HPL']] as const) {
    await db().collection('communities').add({ data: { _id: id, name: `社区${code}`, district: '示范区', code, grids: [], createdAt: T0 } });
  }
});

async function rolesOf(openid: string): Promise<string[]> {
  const u = (await db().collection('users').doc(openid).get()).data;
  return ((u?.roles ?? []) as Array<{ role: string; communityId: string }>).map((r) => `${r.role}@${r.communityId}`);
}

test('accepted: community, roles, teams, future sign-ups and the time-bank account follow the person; records and certificates stay', async () => {
  const mover = uniq('mover');
  await putVolunteer(mover, w.community);
  const waiting = uniq('wait');
  await putVolunteer(waiting, w.community);
  // A leader of a team of the old community, with a service record, a certificate and a time-bank account there.
  const team = ok(await orgAct(w.staff, 'createTeam', { communityId: w.community, name: '搬家前的队', tags: [], leaders: [mover] })).teamId;
  const recordId = await confirmedRecordOf(w, mover);
  const cert = ok(await volAct(mover, 'requestCertificate', {}, END + HOUR));
  await db().collection('time_bank_accounts').add({ data: { _id: mover, openid: mover, communityId: w.community, balanceMinutes: 120, earnedMinutes: 120, createdAt: T0, updatedAt: T0 } });
  // A future activity with the mover on a full list and someone waiting, and one already under way.
  const future = await publishedActivity(w, { capacity: 1, waitlist: 1, startAt: T0 + 72 * HOUR, endAt: T0 + 75 * HOUR });
  ok(await act(mover, 'signUp', { activityId: future }));
  ok(await act(waiting, 'signUp', { activityId: future }));

  const requested = ok(await volAct(mover, 'requestMove', { toCommunityId: w.otherCommunity, note: '搬到新小区' }, T0 + HOUR));
  expect(requested).toMatchObject({ status: 'requested', fromCommunityId: w.community, toCommunityId: w.otherCommunity, maskedName: '刘某' });
  expect(ok(await volAct(mover, 'me', {}, T0 + HOUR)).move).toMatchObject({ moveId: requested.moveId, status: 'requested' });
  const queue = ok(await volAct(destStaff, 'listMoves', { communityId: w.otherCommunity }, T0 + HOUR)).items;
  expect(queue.map((m: { moveId: string }) => m.moveId)).toContain(requested.moveId);

  const at = T0 + 2 * HOUR;
  expect(ok(await volAct(destStaff, 'decideMove', { moveId: requested.moveId, decision: 'accept' }, at))).toMatchObject({ status: 'accepted', decidedAt: at });

  const v = (await db().collection('volunteers').doc(`vol-${mover}`).get()).data!;
  expect(v).toMatchObject({ communityId: w.otherCommunity, status: 'verified', openMoveId: null });
  expect(await rolesOf(mover)).toEqual([`volunteer@${w.otherCommunity}`]);
  const t = (await db().collection('teams').doc(team).get()).data!;
  expect(t.members).not.toContain(mover);
  expect(t.leaders).not.toContain(mover);
  expect((await db().collection('signups').doc(`${future}_${mover}`).get()).data).toMatchObject({ status: 'cancelled' });
  // The freed place went to the person waiting, who was told so.
  expect((await db().collection('signups').doc(`${future}_${waiting}`).get()).data).toMatchObject({ status: 'confirmed' });
  expect(await activityDoc(future)).toMatchObject({ signedUp: 1, waitlisted: 0 });
  expect((await messagesTo(waiting)).filter((m) => m.params.page === `pages/volunteer/activity/index?activityId=${future}`)).toHaveLength(1);
  // The balance moves with the person; the record stays with the community that recorded it.
  expect((await db().collection('time_bank_accounts').doc(mover).get()).data).toMatchObject({ communityId: w.otherCommunity, balanceMinutes: 120 });
  expect((await db().collection('service_records').doc(recordId).get()).data).toMatchObject({ communityId: w.community, openid: mover });
  expect((await db().collection('certificates').doc(cert.certificateNo).get()).data).toMatchObject({ communityId: w.community });
  // Staff of the issuing community can still revoke its certificate; the new community's cannot.
  expect(await volAct(destStaff, 'revokeCertificate', { certificateNo: cert.certificateNo, reason: '撤销' }, at)).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  expect(await volAct(w.staff, 'revokeCertificate', { certificateNo: cert.certificateNo, reason: '内容有误' }, at)).toMatchObject({ ok: true });
  // The new community's staff now manage them; the old community's do not.
  expect(ok(await volAct(destStaff, 'get', { volunteerId: `vol-${mover}` }, at))).toMatchObject({ communityId: w.otherCommunity });
  expect(await volAct(w.staff, 'get', { volunteerId: `vol-${mover}` }, at)).toMatchObject({ ok: false });
  const audit = (await db().collection('audit_log').where({ action: 'volunteer.move', subject: `volunteers/vol-${mover}` }).get()).data;
  expect(audit).toHaveLength(1);
  expect(audit[0]!.after).toMatchObject({ communityId: w.otherCommunity, teamsLeft: [team], signupsEnded: 1 });
});

test('refused with a reason: nothing moves, the volunteer sees why and may ask again', async () => {
  const mover = uniq('mover');
  await putVolunteer(mover, w.community);
  const m = ok(await volAct(mover, 'requestMove', { toCommunityId: w.otherCommunity }));
  expect(await volAct(mover, 'requestMove', { toCommunityId: w.otherCommunity })).toMatchObject({ ok: false, error: { code: 'already-exists', details: { reason: 'move.already_open' } } });
  expect(ok(await volAct(destStaff, 'decideMove', { moveId: m.moveId, decision: 'refuse', reason: '请先在本社区办理居住登记' }))).toMatchObject({
    status: 'refused',
    refuseReason: '请先在本社区办理居住登记',
  });
  expect((await db().collection('volunteers').doc(`vol-${mover}`).get()).data).toMatchObject({ communityId: w.community });
  expect(await rolesOf(mover)).toEqual([`volunteer@${w.community}`]);
  expect(ok(await volAct(mover, 'me', {})).move).toMatchObject({ status: 'refused', refuseReason: '请先在本社区办理居住登记' });
  // A decided request cannot be decided again.
  expect(await volAct(destStaff, 'decideMove', { moveId: m.moveId, decision: 'accept' })).toMatchObject({ ok: false, error: { code: 'failed-precondition' } });
  expect(await volAct(mover, 'requestMove', { toCommunityId: w.otherCommunity })).toMatchObject({ ok: true });
});

test('who may do what: only the destination’s staff decide (never on their own move); only the volunteer withdraws; no move to the same or an unknown community', async () => {
  const mover = uniq('mover');
  await putVolunteer(mover, w.community);
  expect(await volAct(mover, 'requestMove', { toCommunityId: w.community })).toMatchObject({ ok: false, error: { details: { reason: 'move.same_community' } } });
  expect(await volAct(mover, 'requestMove', { toCommunityId: 'no-such-place' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  expect(await volAct(w.resident, 'requestMove', { toCommunityId: w.otherCommunity })).toMatchObject({ ok: false, error: { details: { reason: 'volunteer.not_registered' } } });
  const m = ok(await volAct(mover, 'requestMove', { toCommunityId: w.otherCommunity }));
  // The source community's staff, a leader, another volunteer: not theirs to decide.
  for (const who of [w.staff, w.leader, w.volunteer, mover]) {
    expect(await volAct(who, 'decideMove', { moveId: m.moveId, decision: 'accept' })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  }
  expect(await volAct(w.staff, 'listMoves', { communityId: w.otherCommunity })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  expect(await volAct(w.volunteer, 'withdrawMove', { moveId: m.moveId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  expect((await db().collection('volunteer_moves').doc(m.moveId).get()).data).toMatchObject({ status: 'requested' });
  expect(ok(await volAct(mover, 'withdrawMove', { moveId: m.moveId }))).toMatchObject({ status: 'withdrawn' });
  expect(ok(await volAct(destStaff, 'listMoves', { communityId: w.otherCommunity })).items.map((x: { moveId: string }) => x.moveId)).not.toContain(m.moveId);

  // Staff of the destination who are themselves moving there cannot accept their own request.
  const staffMover = uniq('smover');
  await putVolunteer(staffMover, w.community);
  await db().collection('users').doc(staffMover).update({ data: { roles: [{ role: 'volunteer', communityId: w.community }, { role: 'staff', communityId: w.otherCommunity }] } });
  const own = ok(await volAct(staffMover, 'requestMove', { toCommunityId: w.otherCommunity }));
  expect(await volAct(staffMover, 'decideMove', { moveId: own.moveId, decision: 'accept' })).toMatchObject({ ok: false, error: { details: { reason: 'move.own_request' } } });
});
