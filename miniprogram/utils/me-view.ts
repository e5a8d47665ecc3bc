import type { RoleGrant, RoleName } from '../services/types';
import { availableRoles, roleLabel } from './roles';

export interface RoleOption {
  role: RoleName;
  label: string;
  active: boolean;
  ariaLabel: string;
}

export function roleOptions(grants: RoleGrant[], active: RoleName): RoleOption[] {
  return availableRoles(grants).map((role) => ({
    role,
    label: roleLabel(role),
    active: role === active,
    ariaLabel: role === active ? `当前身份：${roleLabel(role)}` : `切换为${roleLabel(role)}`,
  }));
}
