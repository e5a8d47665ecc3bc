import type { RoleName, UserProfile } from '../services/types';
import { quickActions, type QuickAction } from './nav';
import { availableRoles, greetingName, isResidentOnly, roleChips, roleLabel, type RoleChip } from './roles';

export type LoadStatus = 'loading' | 'error' | 'ready';

export interface ProfileView {
  greeting: string;
  chips: RoleChip[];
  residentOnly: boolean;
  /** More than one role to act in: show the switch. */
  canSwitch: boolean;
  activeRole: RoleName;
  activeRoleLabel: string;
  actions: QuickAction[];
}

export function profileView(profile: UserProfile & { displayName?: string; fundSignerCommunities?: string[] }, activeRole: RoleName): ProfileView {
  return {
    greeting: `您好，${greetingName(profile)}`,
    chips: roleChips(profile.roles),
    residentOnly: isResidentOnly(profile.roles),
    canSwitch: availableRoles(profile.roles).length > 1,
    activeRole,
    activeRoleLabel: roleLabel(activeRole),
    actions: quickActions(activeRole, { fundSigner: (profile.fundSignerCommunities?.length ?? 0) > 0 }),
  };
}
