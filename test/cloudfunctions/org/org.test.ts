// The org function in-process: community structure, organizations, social workers, teams.
import { db, uniq } from '../../server/fixtures/db';
import { communityId, makeCommunity, makeUser, ok, orgCall, verifiedVolunteer, vol, registration } from '../volunteer/support';

jest.setTimeout(60_000);

let A: string;
let B: string;
let staffA: string;
let staffB: string;
let adminA: string;

beforeAll(async () => {
  A = await makeCommunity(undefined, { code: undefined });
  B = await makeCommunity();
  staffA = await makeUser([{ role: 'staff', communityId: A }]);
  staffB = await makeUser([{ role: 'staff', communityId: B }]);
  adminA = await makeUser([{ role: 'community-admin', communityId: A }]);
});

const orgInput = (community: string, name = `阳光社工${uniq('n').slice(-6)}`) => ({ communityId: community, name, kind: 'social-work', contactName: '陈社工', contactPhone: '13800001111' });

describe('community structure', () => {
  test('the admin names the community and its code; staff keep grids with buildings and their 网格员', async () => {
    const c = communityId('new');
    const admin = await makeUser([{ role: 'community-admin', communityId: c }]);
    const staff = await makeUser([{ role: 'staff', communityId: c }]);
    const saved = ok(await orgCall(admin, 'saveCommunity', { communityId: c, name: '新华社区', district: '示范区 新华街道', code: uniq('').replace(/[^a-z]/g, '').slice(0, 4).toUpperCase().padEnd(4, 'Q') }));
    expect(saved).toMatchObject({ communityId: c, name: '新华社区', grids: [] });
    expect(await orgCall(staff, 'saveCommunity', { communityId: c, name: '改名', district: '示范区', code: 'ABCD' })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    const g = ok(await orgCall(staff, 'saveGrid', { communityId: c, grid: { id: 'grid-1', name: '第一网格', staffOpenid: staff, buildings: ['1栋', '2栋', '1栋'] } }));
    expect(g.grids).toEqual([{ id: 'grid-1', name: '第一网格', staffOpenid: staff, buildings: ['1栋', '2栋'] }]);
    ok(await orgCall(staff, 'saveGrid', { communityId: c, grid: { id: 'grid-2', name: '第二网格', staffOpenid: null, buildings: [] } }));
    const renamed = ok(await orgCall(staff, 'saveGrid', { communityId: c, grid: { id: 'grid-1', name: '一网格', staffOpenid: null, buildings: ['1栋'] } }));
    expect(renamed.grids.map((x: any) => x.name)).toEqual(['一网格', '第二网格']);
    expect(await orgCall(staff, 'saveGrid', { communityId: c, grid: { id: 'grid-3', name: '三', staffOpenid: uniq('notstaff'), buildings: [] } })).toMatchObject({ ok: false, error: { details: { reason: 'community.grid_staff_not_staff' } } });
    ok(await orgCall(staff, 'removeGrid', { communityId: c, gridId: 'grid-2' }));
    expect(await orgCall(staff, 'removeGrid', { communityId: c, gridId: 'grid-2' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(ok(await orgCall(uniq('anyone'), 'getCommunity', { communityId: c }, undefined)).grids).toHaveLength(1);
    expect(await orgCall(staffA, 'saveGrid', { communityId: c, grid: { id: 'grid-9', name: '越权', staffOpenid: null, buildings: [] } })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  });

  test('a community code is unique and fixed once volunteers carry it', async () => {
    const c = communityId('fixed');
    const admin = await makeUser([{ role: 'community-admin', communityId: c }, { role: 'staff', communityId: c }]);
    const code = `Z${uniq('').replace(/[^a-z]/g, '').slice(0, 4).toUpperCase().padEnd(4, 'X')}`;
    ok(await orgCall(admin, 'saveCommunity', { communityId: c, name: '固定社区', district: '示范区', code }));
    const other = communityId('other');
    const otherAdmin = await makeUser([{ role: 'community-admin', communityId: other }]);
    expect(await orgCall(otherAdmin, 'saveCommunity', { communityId: other, name: '别的社区', district: '示范区', code })).toMatchObject({ ok: false, error: { code: 'already-exists', details: { reason: 'community.code_taken' } } });
    ok(await vol(uniq('v'), 'register', registration(c)));
    expect(await orgCall(admin, 'saveCommunity', { communityId: c, name: '固定社区', district: '示范区', code: 'QQQQ' })).toMatchObject({ ok: false, error: { details: { reason: 'community.code_fixed' } } });
    ok(await orgCall(admin, 'saveCommunity', { communityId: c, name: '固定社区（新）', district: '示范区', code }));
  });
});

describe('organizations', () => {
  test('anyone applies; staff of the community approve or reject; the public list shows approved ones only', async () => {
    const applicant = uniq('app');
    const o = ok(await orgCall(applicant, 'registerOrganization', orgInput(A, '银龄互助会')));
    expect(o).toMatchObject({ status: 'pending', contactName: '陈某', contactPhone: '138****1111', socialWorkers: [] });
    const stored = (await db().collection('organizations').doc(o.organizationId).get()).data;
    expect(JSON.stringify(stored)).not.toContain('13800001111');
    expect(await orgCall(uniq('dup'), 'registerOrganization', orgInput(A, '银龄互助会'))).toMatchObject({ ok: false, error: { code: 'already-exists' } });
    expect(await orgCall(staffB, 'reviewOrganization', { organizationId: o.organizationId, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(await orgCall(applicant, 'reviewOrganization', { organizationId: o.organizationId, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    const pub1 = ok(await orgCall(applicant, 'listOrganizations', { communityId: A }, undefined));
    expect(pub1.items.map((x: any) => x.organizationId)).not.toContain(o.organizationId);
    expect(ok(await orgCall(staffA, 'reviewOrganization', { organizationId: o.organizationId, decision: 'approve' }))).toMatchObject({ status: 'approved', version: 1 });
    expect(await orgCall(staffA, 'reviewOrganization', { organizationId: o.organizationId, decision: 'reject', reason: '材料不全' })).toMatchObject({ ok: false, error: { details: { reason: 'organization.cannot_reject' } } });
    const pub2 = ok(await orgCall(applicant, 'listOrganizations', { communityId: A }, undefined));
    expect(pub2.items.map((x: any) => x.organizationId)).toContain(o.organizationId);
    expect(await orgCall(applicant, 'listOrganizations', { communityId: A, status: 'pending' }, undefined)).toMatchObject({ ok: false, error: { code: 'permission-denied' } });

    const own = ok(await orgCall(staffA, 'registerOrganization', orgInput(A)));
    expect(await orgCall(staffA, 'reviewOrganization', { organizationId: own.organizationId, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'organization.self_review' } } });
    const r = ok(await orgCall(uniq('app'), 'registerOrganization', orgInput(A)));
    expect(ok(await orgCall(staffA, 'reviewOrganization', { organizationId: r.organizationId, decision: 'reject', reason: '不属于本社区' }))).toMatchObject({ status: 'rejected', rejectReason: '不属于本社区' });
    const rejected = ok(await orgCall(staffA, 'listOrganizations', { communityId: A, status: 'rejected' }, undefined));
    expect(rejected.items.map((x: any) => x.organizationId)).toContain(r.organizationId);
  });

  test('staff link social workers (holders of the role in the community) to an approved organization', async () => {
    const o = ok(await orgCall(uniq('app'), 'registerOrganization', orgInput(A)));
    const worker = await makeUser([{ role: 'social-worker', communityId: A }]);
    const elsewhere = await makeUser([{ role: 'social-worker', communityId: B }]);
    expect(await orgCall(staffA, 'linkSocialWorker', { organizationId: o.organizationId, openid: worker, linked: true })).toMatchObject({ ok: false, error: { details: { reason: 'organization.not_approved' } } });
    ok(await orgCall(staffA, 'reviewOrganization', { organizationId: o.organizationId, decision: 'approve' }));
    expect(ok(await orgCall(staffA, 'linkSocialWorker', { organizationId: o.organizationId, openid: worker, linked: true })).socialWorkers).toEqual([worker]);
    expect(await orgCall(staffA, 'linkSocialWorker', { organizationId: o.organizationId, openid: elsewhere, linked: true })).toMatchObject({ ok: false, error: { details: { reason: 'organization.not_a_social_worker' } } });
    expect(await orgCall(staffB, 'linkSocialWorker', { organizationId: o.organizationId, openid: worker, linked: false })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(ok(await orgCall(staffA, 'linkSocialWorker', { organizationId: o.organizationId, openid: worker, linked: false })).socialWorkers).toEqual([]);
  });
});

describe('teams', () => {
  test('staff create a team with verified leaders (who get the leader role); members are listed to staff and members only', async () => {
    const leader = await verifiedVolunteer(A, staffA);
    const pending = ok(await vol(uniq('p'), 'register', registration(A)));
    expect(await orgCall(staffA, 'createTeam', { communityId: A, name: '助老服务队', tags: ['elderly-care'], leaders: [uniq('ghost')] })).toMatchObject({ ok: false, error: { details: { reason: 'team.leader_not_verified' } } });
    expect(pending.status).toBe('pending');
    expect(await orgCall(staffB, 'createTeam', { communityId: A, name: '助老服务队', tags: [], leaders: [leader.openid] })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    const team = ok(await orgCall(staffA, 'createTeam', { communityId: A, name: '助老服务队', tags: ['elderly-care', 'party-member'], leaders: [leader.openid] }));
    expect(team).toMatchObject({ communityId: A, organizationId: null, leaders: [leader.openid], members: [leader.openid], memberCount: 1 });
    expect((await db().collection('users').doc(leader.openid).get()).data?.roles).toContainEqual({ role: 'leader', communityId: A });

    const member = await verifiedVolunteer(A, staffA);
    expect(ok(await orgCall(member.openid, 'joinTeam', { teamId: team.teamId, join: true })).members).toEqual([leader.openid, member.openid]);
    const outsider = uniq('out');
    const seen = ok(await orgCall(outsider, 'listTeams', { communityId: A }, undefined)).items.find((t: any) => t.teamId === team.teamId);
    expect(seen).toMatchObject({ memberCount: 2, members: [], leaders: [] });
    const asMember = ok(await orgCall(member.openid, 'listTeams', { communityId: A, tag: 'party-member' }, undefined)).items.find((t: any) => t.teamId === team.teamId);
    expect(asMember.members).toHaveLength(2);
    expect(ok(await orgCall(outsider, 'listTeams', { communityId: A, tag: 'emergency' }, undefined)).items.map((t: any) => t.teamId)).not.toContain(team.teamId);

    // the leader adds and removes members; a leader cannot be removed; an unverified person cannot join
    const third = await verifiedVolunteer(A, staffA);
    ok(await orgCall(leader.openid, 'setTeamMember', { teamId: team.teamId, openid: third.openid, member: true }));
    ok(await orgCall(leader.openid, 'setTeamMember', { teamId: team.teamId, openid: member.openid, member: false }));
    expect(await orgCall(staffA, 'setTeamMember', { teamId: team.teamId, openid: leader.openid, member: false })).toMatchObject({ ok: false, error: { details: { reason: 'team.leader_cannot_leave' } } });
    expect(await orgCall(third.openid, 'setTeamMember', { teamId: team.teamId, openid: member.openid, member: true })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(await orgCall(uniq('x'), 'joinTeam', { teamId: team.teamId, join: true })).toMatchObject({ ok: false, error: { details: { reason: 'volunteer.not_registered' } } });
    expect((await db().collection('teams').doc(team.teamId).get()).data).toMatchObject({ members: [leader.openid, third.openid] });

    // staff rename and change leaders
    const up = ok(await orgCall(staffA, 'updateTeam', { teamId: team.teamId, name: '助老先锋队', leaders: [third.openid] }));
    expect(up).toMatchObject({ name: '助老先锋队', leaders: [third.openid] });
  });

  test('a team under an organization needs it approved and in the same community', async () => {
    const leader = await verifiedVolunteer(A, staffA);
    const o = ok(await orgCall(uniq('app'), 'registerOrganization', orgInput(A)));
    expect(await orgCall(staffA, 'createTeam', { communityId: A, organizationId: o.organizationId, name: '社工队', tags: [], leaders: [leader.openid] })).toMatchObject({ ok: false, error: { details: { reason: 'team.organization_not_approved' } } });
    ok(await orgCall(adminA, 'reviewOrganization', { organizationId: o.organizationId, decision: 'approve' }));
    expect(ok(await orgCall(staffA, 'createTeam', { communityId: A, organizationId: o.organizationId, name: '社工队', tags: [], leaders: [leader.openid] }))).toMatchObject({ organizationId: o.organizationId });
  });

  test('a volunteer of another community cannot join', async () => {
    const leader = await verifiedVolunteer(A, staffA);
    const team = ok(await orgCall(staffA, 'createTeam', { communityId: A, name: '环保队', tags: ['environment'], leaders: [leader.openid] }));
    const other = await verifiedVolunteer(B, staffB);
    expect(await orgCall(other.openid, 'joinTeam', { teamId: team.teamId, join: true })).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'team.other_community' } } });
  });
});
