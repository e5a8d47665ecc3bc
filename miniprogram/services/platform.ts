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

export function redirectTo(url: string): Promise<unknown> {
  return wx.redirectTo({ url });
}

export function switchTab(url: string): Promise<unknown> {
  return wx.switchTab({ url });
}

export function navigateBack(): Promise<unknown> {
  return wx.navigateBack({ delta: 1 });
}

// ---------------------------------------------------------------------------------------------
// Local preferences (active role, elder mode). Storage failures are not worth an error screen: the
// preference simply does not survive a restart.

export function readPref<T>(key: string): T | undefined {
  try {
    const v = wx.getStorageSync(key) as T | '' | undefined;
    return v === '' || v === undefined || v === null ? undefined : (v as T);
  } catch {
    return undefined;
  }
}

export function writePref(key: string, value: unknown): void {
  try {
    wx.setStorageSync(key, value);
  } catch (err) {
    console.warn('[platform] setStorageSync failed', key, err);
  }
}

// ---------------------------------------------------------------------------------------------
// Device capabilities. Each returns a plain result or throws a PlatformError whose kind a page can
// explain (cancelled by the user, permission refused, privacy not agreed, unsupported).

export type PlatformErrorKind = 'cancelled' | 'denied' | 'privacy' | 'unsupported' | 'failed';

export class PlatformError extends Error {
  readonly kind: PlatformErrorKind;
  constructor(kind: PlatformErrorKind, message: string) {
    super(message);
    this.name = 'PlatformError';
    this.kind = kind;
  }
}

export function platformErrorKind(err: unknown): PlatformErrorKind {
  if (err instanceof PlatformError) return err.kind;
  const msg = err && typeof err === 'object' && 'errMsg' in err ? String((err as { errMsg: unknown }).errMsg) : String(err);
  const errno = err && typeof err === 'object' ? (err as { errno?: unknown }).errno : undefined;
  // 104: the user has not agreed to the privacy agreement; 112: the API is not declared in it.
  if (errno === 104 || errno === 112 || /privacy/i.test(msg)) return 'privacy';
  if (/cancel/i.test(msg)) return 'cancelled';
  if (/auth deny|auth denied|permission|authorize/i.test(msg)) return 'denied';
  if (/not support|is not a function|undefined/i.test(msg)) return 'unsupported';
  return 'failed';
}

function asPlatformError(err: unknown): PlatformError {
  if (err instanceof PlatformError) return err;
  const msg = err && typeof err === 'object' && 'errMsg' in err ? String((err as { errMsg: unknown }).errMsg) : String(err);
  return new PlatformError(platformErrorKind(err), msg);
}

/** Scans a QR or mini-program code with the camera only (an album photo of a rotating code is a replay). */
export async function scanCode(): Promise<{ result: string; path?: string }> {
  try {
    const r = await wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'wxCode'] });
    return { result: r.result, path: r.path || undefined };
  } catch (err) {
    throw asPlatformError(err);
  }
}

export interface Position {
  lat: number;
  lng: number;
  accuracy: number;
}

/** GCJ-02 position (what WeChat maps and geofences use). Needs the privacy agreement. */
export async function getLocation(): Promise<Position> {
  try {
    const r = await wx.getLocation({ type: 'gcj02' });
    return { lat: r.latitude, lng: r.longitude, accuracy: r.accuracy };
  } catch (err) {
    throw asPlatformError(err);
  }
}

/** Opens the settings screen so a user who refused a permission can grant it. */
export function openSettings(): Promise<unknown> {
  return wx.openSetting({});
}

export async function saveImageToAlbum(filePath: string): Promise<void> {
  try {
    await wx.saveImageToPhotosAlbum({ filePath });
  } catch (err) {
    throw asPlatformError(err);
  }
}

/**
 * Asks for subscribe-message consent. WeChat allows it only inside a tap handler and at most 3
 * templates per prompt; the caller passes template ids from configuration. Returns the accepted ids;
 * a refusal or failure is not an error for the business action that follows.
 */
export async function requestSubscribe(templateIds: string[]): Promise<string[]> {
  const ids = templateIds.filter(Boolean).slice(0, 3);
  if (!ids.length || typeof wx.requestSubscribeMessage !== 'function') return [];
  try {
    const r = (await wx.requestSubscribeMessage({ tmplIds: ids } as WechatMiniprogram.RequestSubscribeMessageOption)) as unknown as Record<string, string>;
    return ids.filter((id) => r[id] === 'accept');
  } catch (err) {
    console.warn('[platform] requestSubscribeMessage failed', err);
    return [];
  }
}

export function setClipboard(data: string): Promise<unknown> {
  return wx.setClipboardData({ data });
}

/** Keeps the screen on while a code is shown for scanning. */
export function keepScreenOn(on: boolean): void {
  wx.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined);
}

/**
 * Draws lines of text on an offscreen 2D canvas and returns a temporary PNG file path (a
 * certificate to keep in the album). Needs base library 2.16.1+ (createOffscreenCanvas with 2d).
 */
export async function renderTextImage(lines: string[], opts: { width?: number; lineHeight?: number } = {}): Promise<string> {
  const width = opts.width ?? 750;
  const lineHeight = opts.lineHeight ?? 56;
  const height = 120 + lines.length * lineHeight;
  try {
    const canvas = wx.createOffscreenCanvas({ type: '2d', width, height }) as WechatMiniprogram.OffscreenCanvas;
    const ctx = canvas.getContext('2d') as any;
    ctx.fillStyle = '#FFFFFF';
    ctx.fillRect(0, 0, width, height);
    ctx.strokeStyle = '#B3261E';
    ctx.lineWidth = 6;
    ctx.strokeRect(12, 12, width - 24, height - 24);
    ctx.fillStyle = '#1A1A1A';
    lines.forEach((line, i) => {
      ctx.font = i === 0 ? 'bold 44px sans-serif' : '30px sans-serif';
      ctx.fillText(line, 48, 90 + i * lineHeight, width - 96);
    });
    const r = await wx.canvasToTempFilePath({ canvas: canvas as unknown as WechatMiniprogram.Canvas, fileType: 'png' } as WechatMiniprogram.CanvasToTempFilePathOption);
    return r.tempFilePath;
  } catch (err) {
    throw asPlatformError(err);
  }
}
