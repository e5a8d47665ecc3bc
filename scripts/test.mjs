#!/usr/bin/env node
// `npm test`: everything a newcomer must trust, in order, stopping at the first failing step:
// build -> typecheck (mini-program and server views, tests) -> official WXML/WXSS compilers -> jest.
// Extra arguments go to jest (e.g. `npm test -- test/core`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const jestArgs = process.argv.slice(2);

function step(title, command, args) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (${secs} s)`);
    console.log('0 passed, 1 failed');
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${title} (${secs} s)`);
}

console.log('▶ build');
await build();

const tsconfigs = ['tsconfig.json', 'tsconfig.server.json', 'tsconfig.test-mp.json'].filter((f) => fs.existsSync(path.join(root, f)));
for (const config of tsconfigs) step(`typecheck ${config}`, bin('tsc'), ['-p', config]);
step('official WXML/WXSS compilers (wcc, wcsc)', process.execPath, [path.join(root, 'scripts', 'lint-wxml.mjs'), 'miniprogram']);

const resultsFile = path.join(root, 'dist', 'jest-results.json');
fs.rmSync(resultsFile, { force: true });
const jest = spawnSync(bin('jest'), ['--ci', '--json', `--outputFile=${resultsFile}`, ...jestArgs], { cwd: root, stdio: 'inherit' });
let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(resultsFile)) {
  const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  skipped = r.numPendingTests + (r.numTodoTests ?? 0);
} else {
  failed = 1;
}
// The plain closing line CI reads, after jest's own summary.
console.log(`\njest: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(jest.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
