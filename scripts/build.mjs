#!/usr/bin/env node
// Builds everything that is GENERATED (and gitignored) from the TypeScript sources:
//   cloudfunctions/<name>/index.ts  -> cloudfunctions/<name>/index.js  (deploy bundle; wx-server-sdk external)
//   core/index.ts                   -> miniprogram/core/index.js (+ index.d.ts re-exporting the types)
//   emulator/cli.ts                 -> dist/emulator.js
//   emulator/functions/worker-host.ts -> dist/worker-host.js
// Usage: node scripts/build.mjs [functions|miniprogram|emulator ...]   (default: all)
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BANNER = '// GENERATED — do not edit. Rebuild with `npm run build` (scripts/build.mjs).';
const PARTS = ['functions', 'miniprogram', 'emulator'];

export function functionNames() {
  const dir = path.join(root, 'cloudfunctions');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

async function buildFunctions() {
  const names = functionNames();
  await Promise.all(
    names.map((name) =>
      esbuild.build({
        entryPoints: [path.join(root, 'cloudfunctions', name, 'index.ts')],
        outfile: path.join(root, 'cloudfunctions', name, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node18', // the runtime the deploy selects (scripts/deploy/plan.ts RUNTIME)
        format: 'cjs',
        external: ['wx-server-sdk'],
        banner: { js: BANNER },
        sourcemap: false,
        logLevel: 'warning',
      }),
    ),
  );
  return `functions: ${names.length ? names.join(', ') : '(none)'}`;
}

async function buildMiniprogramCore() {
  const entry = path.join(root, 'core', 'index.ts');
  if (!fs.existsSync(entry)) return 'miniprogram core: skipped (core/index.ts missing)';
  const outDir = path.join(root, 'miniprogram', 'core');
  fs.mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [entry],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    platform: 'neutral',
    mainFields: ['main', 'module'],
    target: 'es2018',
    format: 'cjs',
    // The main package is limited to 2 MB; zod is most of this bundle.
    minify: true,
    banner: { js: BANNER },
    logLevel: 'warning',
  });
  fs.writeFileSync(path.join(outDir, 'index.d.ts'), `${BANNER}\nexport * from '../../core/index';\n`);
  return 'miniprogram core: miniprogram/core/index.js';
}

async function buildEmulator() {
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', banner: { js: BANNER }, logLevel: 'warning' };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [path.join(root, 'emulator', 'cli.ts')], outfile: path.join(root, 'dist', 'emulator.js') }),
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, 'emulator', 'functions', 'worker-host.ts')],
      outfile: path.join(root, 'dist', 'worker-host.js'),
    }),
  ]);
  return 'emulator: dist/emulator.js, dist/worker-host.js';
}

/** Builds the given parts (default: all). */
export async function build(parts = PARTS) {
  const unknown = parts.filter((p) => !PARTS.includes(p));
  if (unknown.length) throw new Error(`unknown build part(s): ${unknown.join(', ')}; known: ${PARTS.join(', ')}`);
  const want = (part) => parts.includes(part);
  const started = Date.now();
  const lines = [];
  if (want('functions')) lines.push(await buildFunctions());
  if (want('miniprogram')) lines.push(await buildMiniprogramCore());
  if (want('emulator')) lines.push(await buildEmulator());
  console.log(`build (${Date.now() - started} ms): ${lines.join('; ')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const parts = process.argv.slice(2);
  build(parts.length ? parts : PARTS).catch((err) => {
    console.error(err.message ?? err);
    process.exit(1);
  });
}
