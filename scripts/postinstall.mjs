#!/usr/bin/env node
// npm unpacks miniprogram-compiler's wcc/wcsc without the exec bit; scripts/lint-wxml.mjs and
// miniprogram-simulate's official compiler both spawn them. Never fails the install: a missing
// package (production install, other OS) only means there is nothing to fix.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

try {
  const pkgDir = path.dirname(require.resolve('miniprogram-compiler/package.json'));
  const platformDir = { linux: 'linux', darwin: 'mac', win32: 'windows' }[process.platform];
  const binDir = platformDir && path.join(pkgDir, 'bin', platformDir);
  let fixed = 0;
  if (binDir && fs.existsSync(binDir)) {
    for (const name of fs.readdirSync(binDir)) {
      const file = path.join(binDir, name);
      if (!fs.statSync(file).isFile()) continue;
      fs.chmodSync(file, fs.statSync(file).mode | 0o111);
      fixed++;
    }
  }
  console.log(`postinstall: miniprogram-compiler binaries executable (${fixed})`);
} catch (err) {
  console.log(`postinstall: skipped miniprogram-compiler chmod (${err && err.code ? err.code : err})`);
}
