// Client side of the `user` cloud function; methods mirror its actions (core/user.contract.ts).
import { userContract, type MeView, type SetRoleInput, type SubscribeScene, type SubscribeTemplates, type UserProfile } from '../core/index';
import { callAction, type CallOptions } from './call';

let pendingMe: Promise<MeView> | undefined;
/** From the last user.me answer: the server's configuration is the one source of template ids. */
let templates: Partial<SubscribeTemplates> = {};

/**
 * The caller's profile; the function creates it on the first call. App launch and the first page
 * both ask for it at once: concurrent callers share one request.
 */
export function me(opts?: CallOptions): Promise<MeView> {
  if (!pendingMe) {
    const settle = () => {
      pendingMe = undefined;
    };
    pendingMe = callAction(userContract, 'me', {}, opts);
    pendingMe.then((p) => {
      templates = p.subscribeTemplates ?? {};
      settle();
    }, settle);
  }
  return pendingMe;
}

/**
 * The subscribe-message templates of one prompt (at most 3), as user.me gave them. Synchronous, because
 * WeChat accepts wx.requestSubscribeMessage only inside the tap handler: the app asks user.me at
 * launch, and before that answer (or without it) a prompt simply asks for nothing.
 */
export function subscribeTemplatesFor(scene: SubscribeScene): string[] {
  return (templates[scene] ?? []).slice(0, 3);
}

/** Grant a role in a community the caller administers (the function checks permission). */
export function setRole(input: SetRoleInput, opts?: CallOptions): Promise<UserProfile> {
  return callAction(userContract, 'setRole', input, opts);
}
