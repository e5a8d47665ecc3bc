// The demo seed's volunteer documents are what the functions read: they parse, the fields the
// activity half relies on are there, the time bank adds up.
import { demoDocuments } from '../../../emulator/seed/demo-community';
import { VolunteerDoc } from '../../../server/volunteer/store';
import { Community, Organization, Team, starStanding } from '../../../core';
import { toCommunity } from '../../../cloudfunctions/org/actions/community';
import { toOrganization } from '../../../cloudfunctions/org/actions/organizations';
import { toTeam } from '../../../cloudfunctions/org/actions/teams';

const docs = demoDocuments(Date.UTC(2026, 11, 2));

test('seeded volunteers parse and carry the fields the activity half reads', () => {
  expect(docs.volunteers?.length).toBeGreaterThanOrEqual(3);
  for (const raw of docs.volunteers ?? []) {
    const v = VolunteerDoc.parse(raw);
    const community = (docs.communities ?? []).find((c) => c._id === v.communityId) as { code: string } | undefined;
    expect(String(v.volunteerNo)).toMatch(new RegExp(`^${community?.code}-\\d{6}$`));
    expect(v.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(raw).toEqual(expect.objectContaining({ openid: expect.any(String), trainings: expect.any(Array), insuranceUntil: raw.insuranceUntil === null ? null : expect.any(Number), maskedName: expect.any(String), totalMinutes: expect.any(Number) }));
  }
  expect(starStanding(Number(docs.volunteers?.find((v) => v.openid === 'demo-leader')?.totalMinutes))).toMatchObject({ stars: 2 });
});

test('the community, organizations and teams are what org answers', () => {
  const community = docs.communities?.[0] as any;
  expect(Community.parse(toCommunity(community))).toMatchObject({ code: 'XFL', grids: [expect.objectContaining({ id: 'grid-1' }), expect.anything()] });
  // Each community's counter has handed out exactly its volunteers' numbers.
  for (const c of docs.communities ?? []) {
    Community.parse(toCommunity(c as any));
    expect({ community: c._id, seq: c.volunteerSeq }).toEqual({ community: c._id, seq: (docs.volunteers ?? []).filter((v) => String(v.volunteerNo).startsWith(`${c.code}-`)).length });
  }
  for (const o of docs.organizations ?? []) Organization.parse(toOrganization(o as any));
  for (const t of docs.teams ?? []) Team.parse(toTeam(t as any, true));
});

test('the demo review queues and requests point at documents that exist and agree with them', () => {
  const byId = (collection: string, id: unknown) => (docs[collection] ?? []).find((d) => d._id === id);
  for (const m of docs.volunteer_moves ?? []) {
    expect(byId('volunteers', m.volunteerId)).toMatchObject({ openid: m.openid, communityId: m.fromCommunityId, status: 'verified', openMoveId: m._id });
    expect(byId('communities', m.toCommunityId)).toBeDefined();
  }
  for (const c of docs.record_corrections ?? []) {
    expect(byId('service_records', c.recordId)).toMatchObject({ openid: c.openid, status: 'confirmed', minutes: c.previousMinutes, revision: c.recordRevision, openCorrectionId: c._id });
  }
  for (const s of (docs.signups ?? []).filter((x) => x.status === 'waitlisted')) {
    expect(byId('volunteers', `vol-${s.openid}`)).toMatchObject({ status: 'verified', communityId: s.communityId });
  }
  for (const a of docs.activities ?? []) {
    const signups = (docs.signups ?? []).filter((x) => x.activityId === a._id);
    expect({ id: a._id, signedUp: a.signedUp, waitlisted: a.waitlisted }).toEqual({
      id: a._id,
      signedUp: signups.filter((x) => x.status === 'confirmed').length,
      waitlisted: signups.filter((x) => x.status === 'waitlisted').length,
    });
  }
});

test('every balance equals the sum of its ledger entries', () => {
  for (const a of docs.time_bank_accounts ?? []) {
    const sum = (docs.time_bank_ledger ?? []).filter((e) => e.account === a._id).reduce((s, e) => s + Number(e.minutes), 0);
    expect({ account: a._id, balance: a.balanceMinutes }).toEqual({ account: a._id, balance: sum });
  }
});
