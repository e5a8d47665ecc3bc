#!/usr/bin/env node
// `npm run emulator -- --port <port> --data <dir> [...]`: builds, then runs the emulator in the
// foreground in this process (so SIGTERM reaches it directly). Options: see emulator/cli.ts.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { build } from './build.mjs';

export async function runEmulator(args) {
  await build();
  const require = createRequire(import.meta.url);
  return require('../dist/emulator.js').main(args);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runEmulator(process.argv.slice(2));
}
