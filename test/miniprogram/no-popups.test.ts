// 适老化 (issue 6, elder mode): no pop-ups or swipes are needed anywhere. Confirmations are inline
// second buttons, choices are big segment buttons, the privacy card is inline. This fails when a
// modal, an action sheet, a picker or a gesture-only control appears in the mini-program.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers';

function files(dir: string, ext: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'miniprogram_npm' && full !== path.join(ROOT, 'core')) files(full, ext, out);
    } else if (e.name.endsWith(ext)) out.push(full);
  }
  return out;
}

const offenders = (ext: string, pattern: RegExp) =>
  files(ROOT, ext).flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(pattern)].map((m) => `${path.relative(ROOT, f)}: ${m[0]}`));

test('no modal dialog or action sheet is opened', () => {
  expect(offenders('.ts', /\b(showModal|showActionSheet|showPopup)\b/g)).toEqual([]);
});

test('no picker, swiper, movable area or gesture handler in any template', () => {
  expect(offenders('.wxml', /<(picker|picker-view|swiper|movable-area|movable-view|page-container|root-portal)\b|\b(bind|catch|capture-bind):?(touchmove|longpress|longtap)\b/g)).toEqual([]);
});

test('the check itself finds what it forbids', () => {
  expect('<swiper indicator-dots>'.match(/<(picker|swiper)\b/)).not.toBeNull();
  expect('bindlongpress="x"'.match(/\b(bind|catch|capture-bind):?(touchmove|longpress|longtap)\b/)).not.toBeNull();
  expect('wx.showModal({})'.match(/\b(showModal|showActionSheet)\b/)).not.toBeNull();
});
