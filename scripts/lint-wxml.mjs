#!/usr/bin/env node
// Compiles every .wxml with the official wcc and every .wxss with wcsc (miniprogram-compiler's
// Linux/mac binaries), because nothing else offline validates templates and styles: tsc does not see
// them and miniprogram-ci passes broken ones through. Usage: node scripts/lint-wxml.mjs [root]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const root = path.resolve(repo, process.argv[2] ?? 'miniprogram');
// Third-party packs and the generated core bundle are not ours to lint.
const SKIP = new Set(['miniprogram_npm', 'node_modules', 'core']);

function binaries() {
  const dir = { linux: 'linux', darwin: 'mac', win32: 'windows' }[process.platform];
  const pkg = path.dirname(require.resolve('miniprogram-compiler/package.json'));
  const ext = process.platform === 'win32' ? '.exe' : '';
  const wcc = path.join(pkg, 'bin', dir, `wcc${ext}`);
  const wcsc = path.join(pkg, 'bin', dir, `wcsc${ext}`);
  // npm drops the exec bit (see scripts/postinstall.mjs); fix it here too so lint works after `npm ci --ignore-scripts`.
  for (const b of [wcc, wcsc]) if (process.platform !== 'win32') fs.chmodSync(b, fs.statSync(b).mode | 0o111);
  return { wcc, wcsc };
}

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!(dir === root && SKIP.has(entry.name)) && entry.name !== 'miniprogram_npm') walk(full, out);
    } else if (/\.(wxml|wxss)$/.test(entry.name)) out.push(path.relative(root, full));
  }
  return out;
}

/** Normalizes both compilers' messages to `path:line:col: message` from the repo root. */
function format(rel, output) {
  const shown = path.relative(repo, path.join(root, rel));
  // wcsc adds a trailing 'error file count: N' line that carries no location.
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l && !/^error file count/i.test(l));
  if (!lines.length) return [`${shown}:1:1: compiler failed without a message`];
  return lines.map((line) => {
    const wxss = /^ERR:\s*(.+?)\((\d+):(\d+)\):\s*(.*)$/.exec(line);
    if (wxss) return `${shown}:${wxss[2]}:${wxss[3]}: ${wxss[4]}`;
    const wxml = /^(.+?\.wxml):(\d+):(\d+):\s*(.*)$/.exec(line);
    if (wxml) return `${shown}:${wxml[2]}:${wxml[3]}: ${wxml[4]}`;
    return `${shown}: ${line.replace(/^ERR:\s*/, '')}`;
  });
}

function compile(bin, args) {
  const r = spawnSync(bin, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stderr || ''}${r.status === 0 ? '' : r.stdout || ''}` };
}

if (!fs.existsSync(root)) {
  console.error(`lint-wxml: ${root} does not exist`);
  process.exit(2);
}
const { wcc, wcsc } = binaries();
const files = walk(root).sort();
const errors = [];
const count = { wxml: 0, wxss: 0 };
for (const rel of files) {
  const isWxml = rel.endsWith('.wxml');
  const r = isWxml ? compile(wcc, ['-d', rel, '-gn', '$gwx']) : compile(wcsc, ['-db', '-js', rel]);
  if (r.ok) count[isWxml ? 'wxml' : 'wxss']++;
  else errors.push(...format(rel, r.output));
}
for (const e of errors) console.error(e);
const failed = files.length - count.wxml - count.wxss;
console.log(`wxml: ${count.wxml} files ok, wxss: ${count.wxss} files ok${failed ? `, ${failed} failed` : ''}`);
process.exit(errors.length ? 1 : 0);
