// Who is using the app right now and how: the profile from user.me, the role the person chose to act
// in (one person may be a resident, a volunteer and a donor at once), and the elder-mode switch.
// Kept here rather than in getApp().globalData so pages and tests share one typed source.
import { config } from '../config';
import { me } from './user';
import { readPref, writePref, systemFontScale } from './platform';
import type { MeView, RoleGrant, RoleName, UserProfile } from './types';
import { availableRoles, pickActiveRole } from '../utils/roles';
import { fontScale } from '../utils/elder';

const ROLE_KEY = 'activeRole';
const ELDER_KEY = 'elderMode';

interface SessionState {
  /** user.me's answer (tests may set a bare profile). */
  profile?: UserProfile & Partial<Pick<MeView, 'fundSignerCommunities'>>;
  activeRole?: RoleName;
}

const state: SessionState = {};

/** The profile (asks user.me once; later calls reuse it unless `refresh`). */
export async function profile(refresh = false): Promise<UserProfile> {
  if (!state.profile || refresh) {
    state.profile = await me();
    state.activeRole = pickActiveRole(state.profile.roles, readPref<RoleName>(ROLE_KEY));
  }
  return state.profile;
}

export function cachedProfile(): UserProfile | undefined {
  return state.profile;
}

export function roles(): RoleGrant[] {
  return state.profile?.roles ?? [];
}

export function activeRole(): RoleName {
  return state.activeRole ?? pickActiveRole(roles(), readPref<RoleName>(ROLE_KEY));
}

/** Switches the role the app acts in; only a role the person holds (or resident) is accepted. */
export function switchRole(role: RoleName): RoleName {
  if (!availableRoles(roles()).includes(role)) return activeRole();
  state.activeRole = role;
  writePref(ROLE_KEY, role);
  return role;
}

/** First community in which the person holds `role` (most pages act in one community). */
export function communityFor(role: RoleName): string | undefined {
  return roles().find((g) => g.role === role)?.communityId ?? roles()[0]?.communityId;
}

/**
 * Where the fund pages act: the community the person staffs or administers, else the first one whose
 * fund they sign (a signer is often a resident with no grant at all).
 */
export function fundCommunity(): string | undefined {
  const staffed = roles().find((g) => g.role === 'staff' || g.role === 'community-admin')?.communityId;
  return staffed ?? state.profile?.fundSignerCommunities?.[0] ?? roles()[0]?.communityId;
}

/** The person's community, or the deployment's default one for a newcomer with no grant yet. */
export function homeCommunity(): string {
  return roles()[0]?.communityId ?? config.defaultCommunityId;
}

export function elderMode(): boolean {
  return readPref<boolean>(ELDER_KEY) === true;
}

export function setElderMode(on: boolean): void {
  writePref(ELDER_KEY, on);
}

/** The font scale pages apply: WeChat's font setting × the elder switch. */
export function currentFontScale(): number {
  return fontScale(systemFontScale(), elderMode());
}

/** Test hook. */
export function resetSessionForTests(p?: SessionState['profile'], role?: RoleName): void {
  state.profile = p;
  state.activeRole = role;
}
