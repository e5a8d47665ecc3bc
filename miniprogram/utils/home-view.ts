import type { UserProfile } from '../services/types';
import { greetingName, isResidentOnly, roleChips, type RoleChip } from './roles';

export type LoadStatus = 'loading' | 'error' | 'ready';

export interface ProfileView {
  greeting: string;
  chips: RoleChip[];
  residentOnly: boolean;
}

export function profileView(profile: UserProfile & { displayName?: string }): ProfileView {
  return {
    greeting: `您好，${greetingName(profile)}`,
    chips: roleChips(profile.roles),
    residentOnly: isResidentOnly(profile.roles),
  };
}
