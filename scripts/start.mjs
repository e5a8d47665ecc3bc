#!/usr/bin/env node
// `npm start [-- --port <n> --data <dir> ...]`: builds, starts the emulator in dev mode (function
// gateway for the mini-program) with a persistent data directory and the functions' timer
// triggers firing on schedule (as deployed), seeds the demo community when empty, and prints how
// to point WeChat DevTools at it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEmulator } from './emulator.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const emu = await runEmulator(['--dev', '--timers', '--seed', ...args]);
if (emu) {
  console.log(`
WeChat DevTools:
  1. Import the project folder ${root} (project.config.json sets miniprogramRoot and cloudfunctionRoot).
  2. In miniprogram/config.ts set transport: 'emulator' and emulatorUrl: '${emu.url}'
     (and devOpenid to one of the demo people above to act as them).
  3. Details > Local settings: tick "Do not verify request domain" (urlCheck false, kept in the
     gitignored project.private.config.json).
  The gateway answers POST ${emu.url}/functions/<name> with {action, input, requestId} and header x-wx-openid.
Stop with Ctrl+C.`);
}
