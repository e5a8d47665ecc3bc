// Every action of the volunteer and org functions, called by each kind of person: unregistered (no
// profile), resident, verified volunteer, another team's leader, staff of another community, staff
// (and the community admin). Only the allowed combinations succeed; nobody acts for someone else
// (identity comes from the caller, never from the input).
import { orgContract, volunteerContract } from '../../../core';
import { uniq } from '../../server/fixtures/db';
import { creditTo, Fixture, matrixFixture, Persona, PERSONAS } from './matrix-fixture';
import { Envelope, ok, orgCall, registration, serviceRecord, ensureServiceRecords, verifiedVolunteer, vol } from './support';

jest.setTimeout(300_000);

interface Row {
  fn: 'volunteer' | 'org';
  action: string;
  allowed: readonly Persona[];
  /** Runs once per row before the personas are tried. */
  prepare?: (f: Fixture) => Promise<void>;
  /** The input, possibly with a fresh target per persona (so one persona's success does not change another's). */
  input: (f: Fixture, who: Persona) => Promise<unknown> | unknown;
}

const ALL = PERSONAS;
const STAFF: Persona[] = ['staff', 'admin'];
const NOT_REGISTERED: Persona[] = ['unregistered', 'resident', 'otherStaff', 'staff', 'admin'];

async function pendingTarget(f: Fixture): Promise<string> {
  return ok(await vol(uniq('pt'), 'register', registration(f.A))).volunteerId;
}

const rows: Row[] = [
  // volunteer
  { fn: 'volunteer', action: 'register', allowed: NOT_REGISTERED, input: (f) => registration(f.A) },
  {
    fn: 'volunteer',
    action: 'resubmit',
    allowed: ['resident'],
    prepare: async (f) => {
      const reg = ok(await vol(f.who.resident, 'register', registration(f.A)));
      ok(await vol(f.who.staff, 'review', { volunteerId: reg.volunteerId, decision: 'reject', reason: '照片不清晰' }));
    },
    input: (f) => {
      const { communityId: _c, ...rest } = registration(f.A);
      return rest;
    },
  },
  { fn: 'volunteer', action: 'me', allowed: ALL, input: () => ({}) },
  { fn: 'volunteer', action: 'updateProfile', allowed: ['volunteer', 'otherLeader'], input: () => ({ skills: ['陪伴'] }) },
  { fn: 'volunteer', action: 'list', allowed: STAFF, input: (f) => ({ communityId: f.A }) },
  { fn: 'volunteer', action: 'get', allowed: STAFF, input: (f) => ({ volunteerId: f.target.volunteerId }) },
  { fn: 'volunteer', action: 'review', allowed: STAFF, input: async (f) => ({ volunteerId: await pendingTarget(f), decision: 'verify' }) },
  { fn: 'volunteer', action: 'recordTraining', allowed: STAFF, input: (f) => ({ volunteerId: f.target.volunteerId, training: 'first-aid', completedOn: '2026-11-01' }) },
  { fn: 'volunteer', action: 'setInsurance', allowed: STAFF, input: (f) => ({ volunteerId: f.target.volunteerId, until: '2027-01-31' }) },
  { fn: 'volunteer', action: 'timeBank', allowed: ALL, input: () => ({}) },
  { fn: 'volunteer', action: 'createFamilyInvite', allowed: ALL, input: () => ({ relation: 'child' }) },
  // The invitation is the other person's consent: anyone holding a fresh code may accept it.
  { fn: 'volunteer', action: 'acceptFamilyInvite', allowed: ALL, input: async (f) => ({ code: ok(await vol(f.target.openid, 'createFamilyInvite', { relation: 'sibling' })).code }) },
  // A binding between two other people: nobody in the matrix can move its minutes.
  { fn: 'volunteer', action: 'transfer', allowed: [], prepare: (f) => creditTo(f, f.teamLeader, 600), input: (f) => ({ bindingId: f.bindingId, minutes: 10 }) },
  { fn: 'volunteer', action: 'donate', allowed: ['volunteer'], prepare: (f) => creditTo(f, f.who.volunteer, 600), input: (f) => ({ communityId: f.A, minutes: 10 }) },
  { fn: 'volunteer', action: 'communityPool', allowed: STAFF, input: (f) => ({ communityId: f.A }) },
  { fn: 'volunteer', action: 'redeem', allowed: ['volunteer'], prepare: (f) => creditTo(f, f.who.volunteer, 600), input: () => ({ minutes: 10, purpose: '助浴服务' }) },
  {
    fn: 'volunteer',
    action: 'requestCertificate',
    allowed: ['volunteer'],
    prepare: async (f) => {
      await ensureServiceRecords();
      await serviceRecord({ openid: f.who.volunteer, communityId: f.A, volunteerNo: f.volunteerNo.volunteer, minutes: 60, date: '2026-11-01' });
    },
    input: () => ({}),
  },
  { fn: 'volunteer', action: 'listCertificates', allowed: ALL, input: () => ({}) },
  { fn: 'volunteer', action: 'verifyCertificate', allowed: ALL, input: () => ({ certificateNo: 'ZYZM-20261202-ABCDEF', checkCode: 'ABCDEFGH' }) },
  {
    fn: 'volunteer',
    action: 'revokeCertificate',
    allowed: STAFF,
    prepare: () => ensureServiceRecords(),
    // A fresh certificate of a volunteer of A for each persona.
    input: async (f) => {
      const holder = await verifiedVolunteer(f.A, f.who.staff);
      await serviceRecord({ openid: holder.openid, communityId: f.A, volunteerNo: holder.volunteerNo, minutes: 60, date: '2026-11-01' });
      return { certificateNo: ok(await vol(holder.openid, 'requestCertificate', {})).certificateNo, reason: '信息有误，重新开具' };
    },
  },
  { fn: 'volunteer', action: 'requestMove', allowed: ['volunteer', 'otherLeader'], input: (f) => ({ toCommunityId: f.B, note: '搬到新小区' }) },
  {
    fn: 'volunteer',
    action: 'withdrawMove',
    allowed: ['volunteer'],
    input: async (f) => {
      const open = ok(await vol(f.who.volunteer, 'me', {})).move;
      return { moveId: open?.status === 'requested' ? open.moveId : ok(await vol(f.who.volunteer, 'requestMove', { toCommunityId: f.B })).moveId };
    },
  },
  // Staff of the destination (A) list and decide; moves out of B come from volunteers verified there.
  { fn: 'volunteer', action: 'listMoves', allowed: STAFF, input: (f) => ({ communityId: f.A }) },
  {
    fn: 'volunteer',
    action: 'decideMove',
    allowed: STAFF,
    input: async (f) => {
      const mover = await verifiedVolunteer(f.B, f.who.otherStaff);
      return { moveId: ok(await vol(mover.openid, 'requestMove', { toCommunityId: f.A })).moveId, decision: 'accept' };
    },
  },
  { fn: 'volunteer', action: 'cardCode', allowed: ['volunteer', 'otherLeader'], input: () => ({}) },
  { fn: 'volunteer', action: 'exportServiceRecords', allowed: STAFF, prepare: () => ensureServiceRecords(), input: (f) => ({ communityId: f.A, from: '2026-11-01', to: '2026-11-30' }) },
  { fn: 'volunteer', action: 'exportMyData', allowed: ALL, prepare: () => ensureServiceRecords(), input: () => ({}) },
  { fn: 'volunteer', action: 'deleteAccount', allowed: ALL, input: () => ({ confirm: true }) },
  // org
  { fn: 'org', action: 'getCommunity', allowed: ALL, input: (f) => ({ communityId: f.A }) },
  { fn: 'org', action: 'saveCommunity', allowed: ['admin'], input: (f) => ({ communityId: f.A, name: '矩阵社区', district: '示范区', code: f.code }) },
  { fn: 'org', action: 'saveGrid', allowed: STAFF, input: (f, who) => ({ communityId: f.A, grid: { id: `g-${who.toLowerCase()}`, name: '网格', staffOpenid: null, buildings: ['1栋'] } }) },
  {
    fn: 'org',
    action: 'removeGrid',
    allowed: STAFF,
    prepare: async (f) => {
      for (const who of PERSONAS) ok(await orgCall(f.who.staff, 'saveGrid', { communityId: f.A, grid: { id: `g-${who.toLowerCase()}`, name: '网格', staffOpenid: null, buildings: [] } }));
    },
    input: (f, who) => ({ communityId: f.A, gridId: `g-${who.toLowerCase()}` }),
  },
  { fn: 'org', action: 'registerOrganization', allowed: ALL, input: (f, who) => ({ communityId: f.A, name: `互助会${who}`, kind: 'mutual-aid', contactName: '陈明', contactPhone: '13800001111' }) },
  {
    fn: 'org',
    action: 'reviewOrganization',
    allowed: STAFF,
    input: async (f, who) => ({ organizationId: ok(await orgCall(uniq('ap'), 'registerOrganization', { communityId: f.A, name: `待审${who}`, kind: 'charity', contactName: '陈明', contactPhone: '13800001111' })).organizationId, decision: 'approve' }),
  },
  {
    fn: 'org',
    action: 'linkSocialWorker',
    allowed: STAFF,
    input: async (f) => {
      const o = ok(await orgCall(uniq('ap'), 'registerOrganization', { communityId: f.A, name: `社工站${uniq('').slice(-6)}`, kind: 'social-work', contactName: '陈明', contactPhone: '13800001111' }));
      ok(await orgCall(f.who.staff, 'reviewOrganization', { organizationId: o.organizationId, decision: 'approve' }));
      const { makeUser } = await import('./support');
      const worker = await makeUser([{ role: 'social-worker', communityId: f.A }]);
      return { organizationId: o.organizationId, openid: worker, linked: true };
    },
  },
  { fn: 'org', action: 'listOrganizations', allowed: ALL, input: (f) => ({ communityId: f.A }) },
  { fn: 'org', action: 'createTeam', allowed: STAFF, input: (f) => ({ communityId: f.A, name: '新队伍', tags: [], leaders: [f.teamLeader] }) },
  { fn: 'org', action: 'updateTeam', allowed: STAFF, input: (f) => ({ teamId: f.team, name: '助老先锋队' }) },
  {
    fn: 'org',
    action: 'dissolveTeam',
    allowed: STAFF,
    input: async (f, who) => ({ teamId: ok(await orgCall(f.who.staff, 'createTeam', { communityId: f.A, name: `临时队${who}`.slice(0, 30), tags: [], leaders: [f.teamLeader] })).teamId, reason: '活动结束，队伍解散' }),
  },
  { fn: 'org', action: 'joinTeam', allowed: ['volunteer', 'otherLeader'], input: (f) => ({ teamId: f.team, join: true }) },
  {
    fn: 'org',
    action: 'setTeamMember',
    allowed: STAFF,
    input: (f) => ({ teamId: f.team, openid: f.who.volunteer, member: true }),
  },
  { fn: 'org', action: 'listTeams', allowed: ALL, input: (f) => ({ communityId: f.A }) },
];

test('the matrix covers every action of both contracts', () => {
  const covered = (fn: Row['fn']) => rows.filter((r) => r.fn === fn).map((r) => r.action).sort();
  expect(covered('volunteer')).toEqual(Object.keys(volunteerContract.actions).sort());
  expect(covered('org')).toEqual(Object.keys(orgContract.actions).sort());
});

const DENIED = new Set(['permission-denied', 'failed-precondition', 'not-found', 'already-exists']);

describe.each(rows.map((r) => [`${r.fn}.${r.action}`, r] as const))('%s', (_name, row) => {
  test(`succeeds only for ${row.allowed.length ? row.allowed.join(', ') : 'nobody'}`, async () => {
    const f = await matrixFixture();
    if (row.prepare) await row.prepare(f);
    const call = row.fn === 'volunteer' ? vol : orgCall;
    const outcome: Record<string, string> = {};
    // Denied callers first, so an allowed call cannot make a later refusal meaningless.
    const order = [...PERSONAS].sort((a, b) => Number(row.allowed.includes(a)) - Number(row.allowed.includes(b)));
    for (const who of order) {
      const res: Envelope = await call(f.who[who], row.action, await row.input(f, who));
      outcome[who] = res.ok ? 'ok' : res.error.code;
      if (!res.ok && !DENIED.has(res.error.code)) throw new Error(`${row.action} as ${who}: unexpected ${JSON.stringify(res.error)}`);
    }
    const expected = Object.fromEntries(PERSONAS.map((p) => [p, row.allowed.includes(p) ? 'ok' : 'refused']));
    const actual = Object.fromEntries(PERSONAS.map((p) => [p, outcome[p] === 'ok' ? 'ok' : 'refused']));
    expect({ action: row.action, ...actual }).toEqual({ action: row.action, ...expected });
  });
});
