// The shapes services speak, all from the isomorphic core (its generated bundle, miniprogram/core,
// whose index.d.ts re-exports ../../core/index). Run `npm run build` (or DevTools' beforeCompile
// hook) once after checkout so that bundle exists.
export type { ErrorBody, ErrorCode, Envelope, MeView, RoleGrant, SetRoleInput, UserProfile } from '../core/index';
export type { Role as RoleName } from '../core/index';

/** The part of a zod schema call() needs; structural so call.ts stays independent of zod. */
export interface InputSchema {
  safeParse(input: unknown): { success: true; data: unknown } | { success: false; error: { issues: readonly unknown[] } };
}
