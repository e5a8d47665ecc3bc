// Leader-role revocation: when staff change a team's leaders or dissolve the team, a former leader
// loses, in the same transaction, both grants that made them a leader (teams.leaders and the
// 'leader' role in the community, unless they still lead another team there). Checked through the
// actions a leader uses: the roster, the rotating check-in code, roll call and check-out fixes.
import { db, uniq } from '../../server/fixtures/db';
import { act, activityInput, HERE, makeWorld, MIN, ok, orgAct, publishedActivity, putVolunteer, rotatingScene, scan, START, World } from './fixtures';

jest.setTimeout(90_000);

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const orgCall = (openid: string, action: string, input: unknown) => orgAct(openid, action, input);

async function rolesOf(openid: string): Promise<string[]> {
  const u = (await db().collection('users').doc(openid).get()).data;
  return ((u?.roles ?? []) as Array<{ role: string; communityId: string }>).map((r) => `${r.role}@${r.communityId}`);
}

/** A team led by a fresh leader, with an activity of that team someone has checked in to. */
async function ledTeam(): Promise<{ team: string; leader: string; activityId: string; member: string }> {
  const leader = uniq('ld');
  const member = uniq('mb');
  await putVolunteer(leader, w.community);
  await putVolunteer(member, w.community);
  const team = ok(await orgCall(w.staff, 'createTeam', { communityId: w.community, name: '楼道清洁队', tags: ['environment'], leaders: [leader] })).teamId as string;
  const activityId = await publishedActivity(w, { teamId: team });
  ok(await act(member, 'signUp', { activityId }));
  ok(await scan(member, 'checkIn', { scene: await rotatingScene(activityId, START), location: HERE }, START));
  return { team, leader, activityId, member };
}

/** What the leader can do on the activity: each answer's ok or reason. */
async function leaderPowers(leader: string, activityId: string, member: string): Promise<Record<string, string>> {
  const outcome = (r: { ok: boolean; error?: { details?: { reason?: string } } }) => (r.ok ? 'ok' : (r.error?.details?.reason ?? 'refused'));
  return {
    roster: outcome(await act(leader, 'roster', { activityId }, START + MIN)),
    qrCode: outcome(await act(leader, 'qrCode', { activityId }, START + MIN)),
    rollCall: outcome(await act(leader, 'rollCall', { activityId, openid: member, event: 'out', reason: '老人没有智能手机' }, START + 2 * MIN)),
    fixCheckOut: outcome(await act(leader, 'fixCheckOut', { activityId, openid: member, checkedOutAt: START + 3 * MIN, reason: '忘记签退' }, START + 4 * MIN)),
  };
}

const ALL_OK = { roster: 'ok', qrCode: 'ok', rollCall: 'ok', fixCheckOut: 'ok' };
const REFUSED = { roster: 'activity.organizer_only', qrCode: 'activity.organizer_only', rollCall: 'activity.organizer_only', fixCheckOut: 'activity.organizer_only' };

test('a replaced leader loses the leader role and every leader action; the new leader gains them', async () => {
  const { team, leader, activityId, member } = await ledTeam();
  expect(await rolesOf(leader)).toContain(`leader@${w.community}`);
  const successor = uniq('succ');
  await putVolunteer(successor, w.community);

  ok(await orgCall(w.staff, 'updateTeam', { teamId: team, leaders: [successor] }));

  expect(await rolesOf(leader)).not.toContain(`leader@${w.community}`);
  expect(await rolesOf(leader)).toContain(`volunteer@${w.community}`);
  expect(await rolesOf(successor)).toContain(`leader@${w.community}`);
  const t = (await db().collection('teams').doc(team).get()).data!;
  expect(t.leaders).toEqual([successor]);
  // The former leader stays a member of the team, as a volunteer.
  expect(t.members).toContain(leader);
  expect(await leaderPowers(leader, activityId, member)).toEqual(REFUSED);
  expect(await leaderPowers(successor, activityId, member)).toEqual(ALL_OK);
  const audit = (await db().collection('audit_log').where({ action: 'org.revokeLeader', subject: `teams/${team}` }).get()).data;
  expect(audit).toHaveLength(1);
  expect(audit[0]!.after).toMatchObject({ revoked: [leader] });
});

test('someone who still leads another team of the community keeps the leader role', async () => {
  const { team, leader } = await ledTeam();
  const second = ok(await orgCall(w.staff, 'createTeam', { communityId: w.community, name: '助老二队', tags: [], leaders: [leader] })).teamId;
  const successor = uniq('succ');
  await putVolunteer(successor, w.community);
  ok(await orgCall(w.staff, 'updateTeam', { teamId: team, leaders: [successor] }));
  expect(await rolesOf(leader)).toContain(`leader@${w.community}`);
  // Leading `second` does not make them an organizer of the first team's activities.
  const activityId = await publishedActivity(w, { teamId: team });
  expect(await act(leader, 'roster', { activityId }, START)).toMatchObject({ ok: false, error: { details: { reason: 'activity.organizer_only' } } });
  expect(await act(leader, 'roster', { activityId: await publishedActivity(w, { teamId: second }) }, START)).toMatchObject({ ok: true });
});

test('dissolving a team removes it and revokes its leaders, who can no longer run its activities (even one they created)', async () => {
  const { team, leader, activityId, member } = await ledTeam();
  // The leader created an activity of their own team (allowed while they lead).
  const own = ok(await act(leader, 'create', activityInput(w, { teamId: team }))).activityId;
  expect(await leaderPowers(leader, activityId, member)).toMatchObject({ roster: 'ok', qrCode: 'ok' });

  const r = ok(await orgCall(w.staff, 'dissolveTeam', { teamId: team, reason: '队伍合并到助老服务队' }));
  expect(r).toEqual({ teamId: team, dissolved: true, leadersRevoked: [leader] });
  expect((await db().collection('teams').doc(team).get()).data).toBeNull();
  expect(await rolesOf(leader)).not.toContain(`leader@${w.community}`);
  expect(await leaderPowers(leader, activityId, member)).toEqual(REFUSED);
  // They may still read the draft they wrote, but no longer submit it.
  expect(await act(leader, 'get', { activityId: own })).toMatchObject({ ok: true });
  expect(await act(leader, 'submit', { activityId: own })).toMatchObject({ ok: false, error: { details: { reason: 'activity.organizer_only' } } });
  // Staff still run the activity.
  expect(await act(w.staff, 'roster', { activityId }, START)).toMatchObject({ ok: true });
  const audit = (await db().collection('audit_log').where({ action: 'org.dissolveTeam', subject: `teams/${team}` }).get()).data;
  expect(audit).toHaveLength(1);
  expect(audit[0]!.before).toMatchObject({ leaders: [leader] });
  expect(audit[0]!.after).toMatchObject({ reason: '队伍合并到助老服务队' });
});

test('only staff of the team’s community may dissolve it; a refused call changes nothing', async () => {
  const { team, leader } = await ledTeam();
  for (const who of [leader, w.otherStaff, w.otherLeader, w.volunteer, w.resident]) {
    const r = await orgCall(who, 'dissolveTeam', { teamId: team, reason: '我想解散' });
    expect(r).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  }
  expect((await db().collection('teams').doc(team).get()).data).toMatchObject({ leaders: [leader] });
  expect(await rolesOf(leader)).toContain(`leader@${w.community}`);
});
