// Thin wrappers over wx.* platform I/O, so pages never touch wx directly and tests can mock here.
import { config } from '../config';

export function initCloud(): void {
  // wx.cloud is missing on base libraries below 2.2.3 and in some tool contexts.
  if (config.transport !== 'cloud' || !wx.cloud) return;
  wx.cloud.init({ env: config.envId || undefined, traceUser: true });
}

/** The user's system font scale (1 = default). Older base libraries lack getAppBaseInfo. */
export function systemFontScale(): number {
  try {
    if (typeof wx.getAppBaseInfo !== 'function') return 1;
    const factor = wx.getAppBaseInfo().fontSizeScaleFactor;
    return typeof factor === 'number' && factor > 0 ? factor : 1;
  } catch {
    return 1;
  }
}

export function toast(title: string, icon: 'success' | 'error' | 'none' = 'none'): void {
  // icon 'none' allows two lines of text; the error icon truncates Chinese text at 7 characters.
  wx.showToast({ title, icon, duration: 2500 });
}

export function navigateTo(url: string): Promise<unknown> {
  return wx.navigateTo({ url });
}
