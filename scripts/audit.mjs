#!/usr/bin/env node
// `npm run audit [-- --emulator <admin url>]`: verifies the hash-chained audit log of a CloudBase
// environment or of a local emulator (docs/operations.md "The audit log"). Exit 0: intact; 1: a
// problem was found; 2: could not run.
import { runTs } from './run-ts.mjs';

process.exit(await runTs('scripts/audit/main.ts', process.argv.slice(2), 'audit.js'));
