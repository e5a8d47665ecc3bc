// Elder mode: everything sized in app.wxss is multiplied by --font-scale, set on each page's root.
// The scale combines the user's WeChat font setting with the app's own elder switch, clamped so a
// very large system setting does not break layouts built for at most 1.6×.
export const MIN_SCALE = 1;
export const MAX_SCALE = 1.6;
export const ELDER_BOOST = 1.25;

export function fontScale(systemFactor: number, elderMode: boolean): number {
  const base = Number.isFinite(systemFactor) && systemFactor > 0 ? systemFactor : 1;
  const raw = base * (elderMode ? ELDER_BOOST : 1);
  const clamped = Math.min(MAX_SCALE, Math.max(MIN_SCALE, raw));
  return Math.round(clamped * 100) / 100;
}

/** Inline style for a page root; WXSS custom properties inherit to every child. */
export function scaleStyle(scale: number): string {
  return `--font-scale: ${scale};`;
}
