// Local mirror of the shapes the `user` function answers with.
// TODO(core): replace with `import type { … } from '../core'` once core/user.contract.ts lands;
// the build then generates miniprogram/core/index.{js,d.ts} from ../core.

export type ErrorCode =
  | 'invalid-argument'
  | 'unauthenticated'
  | 'permission-denied'
  | 'not-found'
  | 'already-exists'
  | 'failed-precondition'
  | 'resource-exhausted'
  | 'internal';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: { reason?: string; issues?: unknown[]; [k: string]: unknown };
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export type RoleName = 'resident' | 'volunteer' | 'donor' | 'leader' | 'social-worker' | 'staff' | 'community-admin';

/** Every grant is for one community (core/roles.ts). */
export interface RoleGrant {
  role: RoleName;
  communityId: string;
}

export interface UserProfile {
  openid: string;
  displayName?: string;
  roles: RoleGrant[];
  createdAt: number;
}

export interface SetRoleInput {
  openid: string;
  role: RoleName;
  /** Optional when the caller administers exactly one community. */
  communityId?: string;
}

/** The part of a zod schema call() needs; structural so services do not depend on zod itself. */
export interface InputSchema {
  safeParse(input: unknown): { success: true; data: unknown } | { success: false; error: { issues: unknown[] } };
}
