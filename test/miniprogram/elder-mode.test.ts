// Elder mode (适老化): key pages rendered with a large WeChat font setting and the app's elder switch
// carry the combined scale on their root, and every size they use is a multiple of that scale, so at
// the base scale (1) main text is ≥ 18pt (36rpx) and touch targets ≥ 60pt (120rpx), and grow from
// there. Contrast of every text colour against the backgrounds it sits on is ≥ 4.5:1.
import fs from 'node:fs';
import path from 'node:path';
import { flush, load, renderPage, ROOT } from './helpers';

const mockMe = jest.fn();
jest.mock('../../miniprogram/services/user', () => ({ me: () => mockMe() }));
jest.mock('../../miniprogram/services/activity', () => ({ getActivity: () => new Promise(() => {}), checkIn: jest.fn(), checkOut: jest.fn() }));
jest.mock('../../miniprogram/services/wish', () => ({
  getWish: () => new Promise(() => {}),
  myWishes: () => new Promise(() => {}),
  listRecipients: () => new Promise(() => {}),
  printConfirmCode: () => new Promise(() => {}),
}));

const KEY_PAGES = ['pages/home/index', 'pages/me/index', 'pages/volunteer/checkin/index', 'pages/volunteer/activity/index', 'pages/donor/wish/index', 'pages/resident/my-wishes/index', 'pages/resident/family/index', 'pages/staff/wish-code/index'];
const ids = Object.fromEntries(KEY_PAGES.map((p, i) => [p, load(p, `elder-page-${i}`)]));

const store: Record<string, unknown> = {};
beforeEach(() => {
  mockMe.mockResolvedValue({ openid: 'o', roles: [{ role: 'volunteer', communityId: 'c1' }], createdAt: 1 });
  (wx as any).getStorageSync = (k: string) => (k in store ? store[k] : '');
  (wx as any).setStorageSync = (k: string, v: unknown) => {
    store[k] = v;
  };
});
afterEach(() => {
  delete (wx as any).getAppBaseInfo;
  for (const k of Object.keys(store)) delete store[k];
});

test.each(KEY_PAGES)('%s carries the large-font scale on its root (WeChat 1.3 × elder switch → capped 1.6)', async (page) => {
  (wx as any).getAppBaseInfo = () => ({ fontSizeScaleFactor: 1.3 });
  store.elderMode = true;
  const comp = renderPage(ids[page], { activityId: 'act-0001', wishId: 'w_00000000000000000001' });
  await flush();
  const root = comp.querySelector('.container')!.dom as HTMLElement;
  expect(root.getAttribute('style')).toContain('--font-scale: 1.6');
});

test('without the switch the page follows WeChat’s font setting alone', async () => {
  (wx as any).getAppBaseInfo = () => ({ fontSizeScaleFactor: 1.15 });
  const comp = renderPage(ids['pages/home/index']);
  await flush();
  expect((comp.querySelector('.container')!.dom as HTMLElement).getAttribute('style')).toContain('--font-scale: 1.15');
});

// ---------------------------------------------------------------------------------------------
// Static checks over every style sheet (layout is not computed in jsdom).

function files(dir: string, ext: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'miniprogram_npm' && full !== path.join(ROOT, 'core')) files(full, ext, out);
    } else if (e.name.endsWith(ext)) out.push(full);
  }
  return out;
}

const SCALED = /^(var\(--text-(body|title|hint)\)|calc\((\d+)rpx \* var\(--font-scale\)\))$/;

test('every font-size is scaled and at least 36rpx (18pt) at scale 1', () => {
  const bad: string[] = [];
  for (const f of files(ROOT, '.wxss')) {
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/font-size:\s*([^;]+);/g)) {
      const v = m[1].trim();
      const s = SCALED.exec(v);
      if (!s || (s[3] && Number(s[3]) < 36)) bad.push(`${path.relative(ROOT, f)}: font-size ${v}`);
    }
  }
  expect(bad).toEqual([]);
});

test('every button is a big target: one of the classes with min-height var(--touch-min)', () => {
  const app = fs.readFileSync(path.join(ROOT, 'app.wxss'), 'utf8');
  const big = [...app.matchAll(/\.([\w-]+)\s*\{[^}]*min-height:\s*var\(--touch-min\)/g)].map((m) => m[1]);
  expect(big).toEqual(expect.arrayContaining(['btn-primary', 'btn-secondary', 'btn-danger', 'segment', 'row']));
  const bad: string[] = [];
  for (const f of files(ROOT, '.wxml')) {
    const sheet = fs.existsSync(f.replace(/\.wxml$/, '.wxss')) ? fs.readFileSync(f.replace(/\.wxml$/, '.wxss'), 'utf8') : '';
    const local = [...sheet.matchAll(/\.([\w-]+)\s*\{[^}]*min-height:\s*(var\(--touch-min\)|calc\((\d+)rpx \* var\(--font-scale\)\))/g)]
      .filter((m) => !m[3] || Number(m[3]) >= 120)
      .map((m) => m[1]);
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/<button\b((?:[^>{]|\{\{[^}]*\}\})*)>/g)) {
      const cls = /class="([^"]*)"/.exec(m[1])?.[1] ?? '';
      if (![...big, ...local].some((c) => new RegExp(`(^|[\\s'])${c}($|[\\s'])`).test(cls))) bad.push(`${path.relative(ROOT, f)}: <button class="${cls}">`);
    }
  }
  expect(bad).toEqual([]);
});

function luminance(hex: string): number {
  const n = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(n.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

test('text colours reach 4.5:1 on the page and card backgrounds; button colours on their fill', () => {
  const app = fs.readFileSync(path.join(ROOT, 'app.wxss'), 'utf8');
  const vars = Object.fromEntries([...app.matchAll(/(--color-[\w-]+):\s*(#[0-9A-Fa-f]{6})/g)].map((m) => [m[1], m[2]]));
  const resolve = (v: string) => (v.startsWith('var(') ? vars[v.slice(4, -1)] : v);
  const backgrounds = [vars['--color-bg'], vars['--color-card']];
  const low: string[] = [];
  for (const f of files(ROOT, '.wxss')) {
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/(?:^|[\s;{])color:\s*([^;]+);/g)) {
      const c = resolve(m[1].trim());
      if (!c || c === vars['--color-on-accent']) continue; // white text only sits on accent/danger fills, checked below
      for (const bg of backgrounds) if (contrast(c, bg) < 4.5) low.push(`${path.relative(ROOT, f)}: ${m[1].trim()} on ${bg} = ${contrast(c, bg).toFixed(2)}`);
    }
  }
  expect(low).toEqual([]);
  expect(contrast(vars['--color-on-accent'], vars['--color-accent'])).toBeGreaterThanOrEqual(4.5);
  expect(contrast(vars['--color-on-accent'], vars['--color-danger'])).toBeGreaterThanOrEqual(4.5);
});
