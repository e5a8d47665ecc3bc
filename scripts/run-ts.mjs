// Bundles a TypeScript entry (dependencies stay external) into dist/ and runs it with node.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function runTs(entry, args = [], outName = path.basename(entry).replace(/\.ts$/, '.js')) {
  const outfile = path.join(root, 'dist', 'run', outName);
  await esbuild.build({
    entryPoints: [path.resolve(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  return spawnSync(process.execPath, [outfile, ...args], { cwd: root, stdio: 'inherit' }).status ?? 1;
}
