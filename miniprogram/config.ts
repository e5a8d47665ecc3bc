// The one place to switch how the mini-program reaches its backend.
// 'cloud': wx.cloud.callFunction against the CloudBase environment `envId` (production, or DevTools
// with a real environment). 'emulator': HTTP to the local emulator's dev gateway, which trusts the
// `x-wx-openid` header — dev only, never ship a build with it.
export type Transport = 'cloud' | 'emulator';

export interface AppConfig {
  transport: Transport;
  /** CloudBase environment id; '' lets wx.cloud pick the default environment. */
  envId: string;
  /** Base URL of the emulator's function gateway (POST {emulatorUrl}/functions/<name>). */
  emulatorUrl: string;
  /** Identity the emulator transport claims; lets one developer act as several users. */
  devOpenid: string;
  /** Transport-level retries of one logical call (same requestId), and the pause between them. */
  retries: number;
  retryDelayMs: number;
  /** wx.request timeout for the emulator transport. */
  timeoutMs: number;
  /**
   * The community a person acts in before any community granted them a role (volunteer sign-up, a
   * first wish). One deployment usually serves one community; the demo seed's is 'demo-community'.
   */
  defaultCommunityId: string;
}

export const config: AppConfig = {
  transport: 'emulator',
  envId: '',
  emulatorUrl: 'http://127.0.0.1:9100',
  // A person seeded by `npm start` (its output lists them all): demo-resident, demo-admin, demo-volunteer…
  devOpenid: 'demo-resident',
  retries: 2,
  retryDelayMs: 400,
  timeoutMs: 10000,
  defaultCommunityId: 'demo-community',
};

