#!/usr/bin/env node
// `npm run deploy [-- --dry-run]`: builds and deploys to a real CloudBase environment
// (collections, indexes, client permissions, cloud functions with their config). See README "Deploy".
import { build } from './build.mjs';
import { runTs } from './run-ts.mjs';

await build();
process.exit(await runTs('scripts/deploy/main.ts', process.argv.slice(2), 'deploy.js'));
