// The people of the permission matrix and the hostile-input tests, for the volunteer and org
// functions: one of each kind the issue names, in a fresh community A (and B for other staff).
import { randomInt } from 'node:crypto';
import { runTx } from '../../../server/transaction';
import { creditServiceRecord } from '../../../server/volunteer/time-bank-credit';
import { db, uniq } from '../../server/fixtures/db';
import { communityId, makeCommunity, makeUser, ok, orgCall, registration, T0, verifiedVolunteer, vol } from './support';

export const PERSONAS = ['unregistered', 'resident', 'volunteer', 'otherLeader', 'otherStaff', 'staff', 'admin'] as const;
export type Persona = (typeof PERSONAS)[number];

export interface Fixture {
  A: string;
  B: string;
  code: string;
  who: Record<Persona, string>;
  volunteerNo: Record<'volunteer' | 'otherLeader', string>;
  /** A verified volunteer of A who leads `team` (not one of the personas). */
  teamLeader: string;
  team: string;
  /** A pending registration of someone else in A. */
  target: { openid: string; volunteerId: string };
  /** A family binding between two other people. */
  bindingId: string;
}

function randomCode(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += String.fromCharCode(65 + randomInt(26));
  return s;
}

export async function matrixFixture(): Promise<Fixture> {
  const code = randomCode();
  const A = await makeCommunity(communityId('ma'), { code });
  const B = await makeCommunity(communityId('mb'), { code: randomCode() });
  const staff = await makeUser([{ role: 'staff', communityId: A }]);
  const admin = await makeUser([{ role: 'community-admin', communityId: A }]);
  const otherStaff = await makeUser([{ role: 'staff', communityId: B }]);
  const resident = await makeUser([]);
  const unregistered = uniq('unreg');
  const volunteer = await verifiedVolunteer(A, staff);
  const otherLeader = await verifiedVolunteer(A, staff);
  const teamLeader = await verifiedVolunteer(A, staff);
  ok(await orgCall(staff, 'createTeam', { communityId: A, name: '另一支队伍', tags: ['environment'], leaders: [otherLeader.openid] }));
  const team = ok(await orgCall(staff, 'createTeam', { communityId: A, name: '助老服务队', tags: ['elderly-care'], leaders: [teamLeader.openid] }));
  const targetOpenid = uniq('target');
  const target = ok(await vol(targetOpenid, 'register', registration(A)));
  const invite = ok(await vol(teamLeader.openid, 'createFamilyInvite', { relation: 'parent' }));
  const binding = ok(await vol(uniq('fam'), 'acceptFamilyInvite', { code: invite.code }));
  return {
    A,
    B,
    code,
    who: { unregistered, resident, volunteer: volunteer.openid, otherLeader: otherLeader.openid, otherStaff, staff, admin },
    volunteerNo: { volunteer: volunteer.volunteerNo, otherLeader: otherLeader.volunteerNo },
    teamLeader: teamLeader.openid,
    team: team.teamId,
    target: { openid: targetOpenid, volunteerId: target.volunteerId },
    bindingId: binding.bindingId,
  };
}

export async function creditTo(f: Fixture, openid: string, minutes: number): Promise<void> {
  await runTx(db(), (tx) => creditServiceRecord(tx, { recordId: uniq('rec'), revision: 0, openid, communityId: f.A, minutes, at: T0 }));
}
