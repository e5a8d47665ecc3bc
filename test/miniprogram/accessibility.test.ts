// Static guards for the elder-friendly rules, which rendering in jsdom cannot check: j-component
// drops aria-* attributes from its DOM, and rpx sizes are not laid out.
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

const INTERACTIVE_TAG = /^(button|navigator|input|textarea|picker|switch|checkbox|radio|slider)$/;

test('every interactive element in every template has an aria-label', () => {
  const missing: string[] = [];
  for (const file of files(ROOT, '.wxml')) {
    const src = fs.readFileSync(file, 'utf8');
    // A custom component's own template is checked on its own; its tag only forwards events.
    const jsonFile = file.replace(/\.wxml$/, '.json');
    const custom = new Set(Object.keys(fs.existsSync(jsonFile) ? JSON.parse(fs.readFileSync(jsonFile, 'utf8')).usingComponents ?? {} : {}));
    // Attributes may hold `>` inside {{ }}: match a tag up to the first `>` outside mustaches.
    for (const m of src.matchAll(/<([a-z][\w-]*)\b((?:[^>{]|\{\{[^}]*\}\})*)>/g)) {
      const [, tag, attrs] = m;
      if (custom.has(tag)) continue;
      const interactive = INTERACTIVE_TAG.test(tag) || /\s(bind|catch)[:\w-]*=/.test(attrs);
      if (interactive && !/\saria-label=/.test(attrs)) {
        const line = src.slice(0, m.index).split('\n').length;
        missing.push(`${path.relative(ROOT, file)}:${line} <${tag}>`);
      }
    }
  }
  expect(missing).toEqual([]);
});

function rpx(wxss: string, variable: string): number {
  const m = new RegExp(`${variable}:\\s*calc\\((\\d+)rpx`).exec(wxss);
  if (!m) throw new Error(`${variable} not found in app.wxss`);
  return Number(m[1]);
}

test('base sizes meet 适老化: main text ≥ 18pt (36rpx), touch targets ≥ 60pt (120rpx), all scaled', () => {
  const wxss = fs.readFileSync(path.join(ROOT, 'app.wxss'), 'utf8');
  expect(rpx(wxss, '--text-body')).toBeGreaterThanOrEqual(36);
  expect(rpx(wxss, '--text-hint')).toBeGreaterThanOrEqual(36);
  expect(rpx(wxss, '--touch-min')).toBeGreaterThanOrEqual(120);
  for (const v of ['--text-body', '--text-title', '--text-hint', '--touch-min']) {
    expect(wxss).toMatch(new RegExp(`${v}:\\s*calc\\(\\d+rpx \\* var\\(--font-scale\\)\\)`));
  }
  const button = /\.btn-primary\s*\{([^}]*)\}/.exec(wxss)?.[1] ?? '';
  expect(button).toMatch(/min-height:\s*var\(--touch-min\)/);
});
