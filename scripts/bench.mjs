#!/usr/bin/env node
// `npm run bench [-- <name> ...]`: builds, bundles bench/<name>.bench.ts and runs it with node.
// Each benchmark prints a table (figure, limit measured in the same run, ratio) and ends with one
// line `RESULT <name> key=value …`. Without names, every benchmark runs.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');
const all = fs.readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, ''));
const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = names.filter((n) => !all.includes(n));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
await build();
let status = 0;
for (const name of names.length ? names : all) {
  const outfile = path.join(root, 'dist', 'bench', `${name}.js`);
  await esbuild.build({
    entryPoints: [path.join(benchDir, `${name}.bench.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  console.log(`\n▶ bench ${name}`);
  const r = spawnSync(process.execPath, [outfile], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) status = r.status ?? 1;
}
process.exit(status);
