#!/usr/bin/env node
// `npm run size`: the mini-program's packages as WeChat would upload them, and the largest setData
// payload seen while the page tests run. Ends with
//   RESULT size main_kb=<x> largest_subpackage_kb=<x> total_kb=<x> max_setdata_kb=<x>
// and exits 1 when a target is missed (main ≤ 1024 KB, each subpackage ≤ 1024 KB, setData ≤ 64 KB).
//
// How a file is counted (what DevTools uploads with project.config.json's settings):
//   .ts        compiled and minified to JS by esbuild (DevTools' typescript plugin + "minified": true);
//              .d.ts files are types only and not uploaded
//   .js        as is, minified (the generated core bundle already is; miniprogram_npm is packed as is)
//   .wxml .wxss .json and assets   byte for byte (DevTools also minifies WXML/WXSS, so this is an upper bound)
// A file belongs to the subpackage whose root contains it, else to the main package. miniprogram_npm/
// (a UI library packed by DevTools' "构建 npm") counts where it sits; the project uses none today.
//
// Usage: node scripts/size.mjs [--no-tests]   (--no-tests reuses dist/mp-setdata from the last run)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { build } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mp = path.join(root, 'miniprogram');
const setdataDir = path.join(root, 'dist', 'mp-setdata');
const LIMIT_PACKAGE_KB = 1024;
const HARD_LIMIT_KB = 2048;
const LIMIT_SETDATA_KB = 64;
const runTests = !process.argv.includes('--no-tests');

await build(['miniprogram']);

const app = JSON.parse(fs.readFileSync(path.join(mp, 'app.json'), 'utf8'));
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'));

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

async function uploadedBytes(file) {
  if (file.endsWith('.d.ts')) return 0;
  if (file.endsWith('.ts')) {
    const src = fs.readFileSync(file, 'utf8');
    const out = await esbuild.transform(src, { loader: 'ts', format: 'cjs', target: 'es2018', minify: true });
    return Buffer.byteLength(out.code, 'utf8');
  }
  return fs.statSync(file).size;
}

const packages = new Map([['main', { bytes: 0, files: 0 }], ...subRoots.map((r) => [r, { bytes: 0, files: 0 }])]);
let npmBytes = 0;
for (const file of walk(mp)) {
  const rel = path.relative(mp, file).split(path.sep).join('/');
  const bytes = await uploadedBytes(file);
  if (!bytes) continue;
  const pkg = subRoots.find((r) => rel.startsWith(r)) ?? 'main';
  const entry = packages.get(pkg);
  entry.bytes += bytes;
  entry.files += 1;
  if (rel.includes('miniprogram_npm/')) npmBytes += bytes;
}

// setData: the page tests record the largest payload per test file (test/miniprogram/helpers.ts).
if (runTests) {
  fs.rmSync(setdataDir, { recursive: true, force: true });
  const jest = path.join(root, 'node_modules', '.bin', 'jest');
  console.log('▶ running the mini-program tests to record setData payloads');
  const r = spawnSync(jest, ['--ci', '--silent', '--selectProjects', 'miniprogram'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    console.error('size: the mini-program tests failed; setData figures would be incomplete');
    process.exit(1);
  }
}
let maxSetData = { maxBytes: 0, test: '(no page test recorded a setData)', where: '', keys: [] };
if (fs.existsSync(setdataDir)) {
  for (const f of fs.readdirSync(setdataDir)) {
    const rec = JSON.parse(fs.readFileSync(path.join(setdataDir, f), 'utf8'));
    if (rec.maxBytes > maxSetData.maxBytes) maxSetData = rec;
  }
}

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const rows = [];
for (const [name, { bytes, files }] of packages) {
  rows.push({ figure: name === 'main' ? 'main package' : `subpackage ${name}`, files, kb: kb(bytes), limit: LIMIT_PACKAGE_KB });
}
const mainKb = kb(packages.get('main').bytes);
const subs = [...packages].filter(([n]) => n !== 'main');
const largestSub = subs.reduce((m, [, v]) => Math.max(m, v.bytes), 0);
const total = [...packages.values()].reduce((s, v) => s + v.bytes, 0);
rows.push({ figure: 'total (all packages)', files: [...packages.values()].reduce((s, v) => s + v.files, 0), kb: kb(total), limit: 20 * 1024 });
rows.push({ figure: 'largest setData payload', files: '', kb: kb(maxSetData.maxBytes), limit: LIMIT_SETDATA_KB });

const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);
console.log(`\n${pad('figure', 34)}${padl('files', 7)}${padl('KB', 10)}${padl('limit KB', 10)}${padl('ratio', 8)}`);
for (const r of rows) {
  console.log(`${pad(r.figure, 34)}${padl(r.files, 7)}${padl(r.kb, 10)}${padl(r.limit, 10)}${padl((r.kb / r.limit).toFixed(3), 8)}`);
}
console.log(`\nUI library files (miniprogram_npm): ${kb(npmBytes)} KB${npmBytes ? '' : ' (none: the pages use the project\'s own components)'}`);
console.log(`WeChat's hard limit per package: ${HARD_LIMIT_KB} KB`);
console.log(`largest setData: ${kb(maxSetData.maxBytes)} KB in ${path.relative(root, maxSetData.test)}${maxSetData.where ? ` › ${maxSetData.where}` : ''}${maxSetData.keys?.length ? ` (keys ${maxSetData.keys.join(', ')})` : ''}`);

const failures = [];
if (mainKb > LIMIT_PACKAGE_KB) failures.push(`main package ${mainKb} KB > ${LIMIT_PACKAGE_KB} KB`);
for (const [name, v] of subs) if (kb(v.bytes) > LIMIT_PACKAGE_KB) failures.push(`subpackage ${name} ${kb(v.bytes)} KB > ${LIMIT_PACKAGE_KB} KB`);
if (kb(maxSetData.maxBytes) > LIMIT_SETDATA_KB) failures.push(`setData ${kb(maxSetData.maxBytes)} KB > ${LIMIT_SETDATA_KB} KB`);
for (const f of failures) console.error(`✖ ${f}`);
console.log(`RESULT size main_kb=${mainKb} largest_subpackage_kb=${kb(largestSub)} total_kb=${kb(total)} max_setdata_kb=${kb(maxSetData.maxBytes)}`);
process.exit(failures.length ? 1 : 0);
