// app.json against the files: every page exists with its four files, every page folder is listed,
// tab pages are in the main package, each area is its own subpackage, every home-screen action leads
// to a real page, and every page and component has its own test file.
import fs from 'node:fs';
import path from 'node:path';
import { allActions } from '../../miniprogram/utils/nav';
import { ROOT } from './helpers';

const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8'));
const subpackages: Array<{ root: string; pages: string[] }> = app.subPackages ?? app.subpackages ?? [];
const mainPages: string[] = app.pages;
const allPages = [...mainPages, ...subpackages.flatMap((s) => s.pages.map((p) => path.posix.join(s.root, p)))];
const TESTS = path.resolve(__dirname);

function dirsWith(file: string, dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const full = path.join(dir, e.name);
    if (fs.existsSync(path.join(full, file))) out.push(path.relative(ROOT, full).split(path.sep).join('/'));
    dirsWith(file, full, out);
  }
  return out;
}

test('every listed page has its .ts, .wxml, .wxss and .json', () => {
  const missing = allPages.flatMap((p) => ['ts', 'wxml', 'wxss', 'json'].filter((ext) => !fs.existsSync(path.join(ROOT, `${p}.${ext}`))).map((ext) => `${p}.${ext}`));
  expect(missing).toEqual([]);
});

test('every page folder is listed in app.json', () => {
  const folders = dirsWith('index.wxml', path.join(ROOT, 'pages')).map((d) => `${d}/index`);
  expect(folders.filter((p) => !allPages.includes(p))).toEqual([]);
});

test('tab pages are in the main package; areas are subpackages under pages/<area>', () => {
  for (const item of app.tabBar.list) expect(mainPages).toContain(item.pagePath);
  for (const s of subpackages) expect(s.root).toMatch(/^pages\/(resident|volunteer|donor|staff)\/?$/);
  expect(new Set(subpackages.map((s) => s.root)).size).toBe(subpackages.length);
});

test('the privacy check is on', () => {
  expect(app.__usePrivacyCheck__).toBe(true);
});

test('every home-screen action opens a listed page', () => {
  const bad = allActions().filter((a) => !allPages.includes(a.url.replace(/^\//, '').replace(/\?.*$/, '')));
  expect(bad).toEqual([]);
});

test('every page and component has its own simulate test file', () => {
  const pages = allPages.map((p) => p.replace(/^pages\//, 'pages/').replace(/\/index$/, ''));
  const components = dirsWith('index.wxml', path.join(ROOT, 'components')).map((d) => d);
  const missing = [...pages, ...components].filter((p) => !fs.existsSync(path.join(TESTS, `${p}.test.ts`)));
  expect(missing).toEqual([]);
});
