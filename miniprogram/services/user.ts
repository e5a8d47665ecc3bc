// Client side of the `user` cloud function; methods mirror its actions (core/user.contract.ts).
import { userContract, type SetRoleInput, type UserProfile } from '../core/index';
import { callAction, type CallOptions } from './call';

let pendingMe: Promise<UserProfile> | undefined;

/**
 * The caller's profile; the function creates it on the first call. App launch and the first page
 * both ask for it at once: concurrent callers share one request.
 */
export function me(opts?: CallOptions): Promise<UserProfile> {
  if (!pendingMe) {
    const settle = () => {
      pendingMe = undefined;
    };
    pendingMe = callAction(userContract, 'me', {}, opts);
    pendingMe.then(settle, settle);
  }
  return pendingMe;
}

/** Grant a role in a community the caller administers (the function checks permission). */
export function setRole(input: SetRoleInput, opts?: CallOptions): Promise<UserProfile> {
  return callAction(userContract, 'setRole', input, opts);
}
