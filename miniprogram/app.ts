// The mini-program runtime forbids eval/new Function: zod must never JIT. That is settled inside the
// core bundle (core/zod-setup.ts) before any schema is constructed; a call here would be too late,
// because imports are evaluated, and the contracts' schemas built, before this file's first line.
import { initCloud } from './services/platform';
import { installPrivacyHandler } from './services/privacy';
import { elderMode, profile } from './services/session';
import { toAppError } from './services/errors';

App<IAppOption>({
  globalData: { roles: [], elderMode: false },

  onLaunch() {
    initCloud();
    // Before any page can call a protected API (location, album, phone): WeChat then holds the call
    // and asks us, and the page's <privacy-consent> card answers.
    installPrivacyHandler();
    this.globalData.elderMode = elderMode();
    // Not awaited: the first page shows its own loading state and calls user.me itself
    // (services/user shares the in-flight request), so launch never blocks on the network.
    void this.loadProfile();
  },

  async loadProfile() {
    try {
      const p = await profile(true);
      this.globalData.profile = p;
      this.globalData.roles = p.roles;
      this.globalData.launchErrorCode = undefined;
    } catch (err) {
      // No toast here: the page on screen explains the failure and offers a big retry button.
      this.globalData.launchErrorCode = toAppError(err).code;
      console.warn('[app] user.me failed at launch', err);
    }
  },
});
