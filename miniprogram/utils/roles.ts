import type { RoleGrant, RoleName } from '../services/types';

const LABELS: Record<RoleName, string> = {
  resident: '居民',
  volunteer: '志愿者',
  donor: '爱心人士',
  leader: '队长',
  'social-worker': '社工',
  staff: '社区工作人员',
  'community-admin': '社区管理员',
};

// Shown most-responsible first so staff see their duty role at the front.
const ORDER: RoleName[] = ['community-admin', 'staff', 'social-worker', 'leader', 'volunteer', 'donor', 'resident'];

export function roleLabel(role: string): string {
  return (LABELS as Record<string, string>)[role] ?? role;
}

export interface RoleChip {
  key: string;
  role: string;
  label: string;
  ariaLabel: string;
}

export function roleChips(roles: RoleGrant[]): RoleChip[] {
  const rank = (r: string) => {
    const i = ORDER.indexOf(r as RoleName);
    return i < 0 ? ORDER.length : i;
  };
  return [...roles]
    .sort((a, b) => rank(a.role) - rank(b.role))
    .map((g) => ({
      key: `${g.role}@${g.communityId}`,
      role: g.role,
      label: roleLabel(g.role),
      ariaLabel: `身份：${roleLabel(g.role)}`,
    }));
}

/** Everyone is a resident (also with no grant at all); then the page shows how to become more. */
export function isResidentOnly(roles: RoleGrant[]): boolean {
  return roles.every((g) => g.role === 'resident');
}

/** displayName is not in the profile contract yet; the page shows it once the function sends it. */
export function greetingName(profile: { displayName?: string }): string {
  const name = profile.displayName?.trim();
  return name ? name : '居民朋友';
}

/** Roles a person can act in: resident always, then every granted role once, most responsible first. */
export function availableRoles(grants: RoleGrant[]): RoleName[] {
  const held = new Set<RoleName>(['resident', ...grants.map((g) => g.role)]);
  return ORDER.filter((r) => held.has(r));
}

/** The remembered role if still held, else the most responsible one the person holds. */
export function pickActiveRole(grants: RoleGrant[], remembered: string | undefined): RoleName {
  const roles = availableRoles(grants);
  if (remembered && (roles as string[]).includes(remembered)) return remembered as RoleName;
  return roles[0];
}
