#!/usr/bin/env node
// `npm run bench [-- <name> ...]`: builds, bundles bench/<name>.bench.ts and runs it with node.
// Each benchmark prints a table (figure, limit measured in the same run, ratio) and ends with one
// line `RESULT <name> key=value …`. Without names, every benchmark runs.
import fs from 'node:fs';
import path from 'node:path';
import { build } from './build.mjs';
import { root, runTs } from './run-ts.mjs';

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
  console.log(`\n▶ bench ${name}`);
  const code = await runTs(path.join('bench', `${name}.bench.ts`), [], `bench-${name}.js`);
  if (code !== 0) status = code;
}
process.exit(status);
