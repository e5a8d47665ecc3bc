// Ambient types of the mini-program view. Kept global (no top-level import/export) so
// App<IAppOption>() and getApp<IAppOption>() see it; module types come in via import('…').

interface IAppGlobalData {
  /** The caller's profile once user.me answered; undefined while loading or after a failure. */
  profile?: import('../miniprogram/services/types').UserProfile;
  roles: import('../miniprogram/services/types').RoleGrant[];
  /** The app's own large-text switch, on top of the WeChat font setting. */
  elderMode: boolean;
  /** Code of the last launch failure, so a page can decide to retry instead of showing stale data. */
  launchErrorCode?: import('../miniprogram/services/types').ErrorCode;
}

interface IAppOption {
  globalData: IAppGlobalData;
  loadProfile(): Promise<void>;
}
