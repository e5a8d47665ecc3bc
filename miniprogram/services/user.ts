// Client side of the `user` cloud function; methods mirror its actions.
import { call, type CallOptions } from './call';
import type { SetRoleInput, UserProfile } from './types';

let pendingMe: Promise<UserProfile> | undefined;

/**
 * The caller's profile; the function creates it on the first call. App launch and the first page
 * both ask for it at once: concurrent callers share one request so a new user is created once.
 */
export function me(opts?: CallOptions): Promise<UserProfile> {
  if (!pendingMe) {
    const settle = () => {
      pendingMe = undefined;
    };
    pendingMe = call<UserProfile>('user', 'me', {}, opts);
    pendingMe.then(settle, settle);
  }
  return pendingMe;
}

/** Grant or revoke a role (staff only; the function checks). */
export function setRole(input: SetRoleInput, opts?: CallOptions): Promise<UserProfile> {
  return call<UserProfile>('user', 'setRole', input, opts);
}
