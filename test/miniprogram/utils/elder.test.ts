import { ELDER_BOOST, fontScale, MAX_SCALE, scaleStyle } from '../../../miniprogram/utils/elder';

test('follows the WeChat font setting, boosted in elder mode, clamped to [1, MAX_SCALE]', () => {
  expect(fontScale(1, false)).toBe(1);
  expect(fontScale(1.2, false)).toBe(1.2);
  expect(fontScale(1, true)).toBe(ELDER_BOOST);
  expect(fontScale(1.2, true)).toBe(1.5);
  expect(fontScale(2, true)).toBe(MAX_SCALE);
  expect(fontScale(0.8, false)).toBe(1); // never smaller than the elder-friendly base
});

test('a missing or broken factor means the default size', () => {
  expect(fontScale(Number.NaN, false)).toBe(1);
  expect(fontScale(0, false)).toBe(1);
  expect(fontScale(-3, true)).toBe(ELDER_BOOST);
});

test('the page root style sets the CSS variable app.wxss multiplies by', () => {
  expect(scaleStyle(1.25)).toBe('--font-scale: 1.25;');
});
