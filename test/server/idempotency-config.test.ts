// Every function with a state-changing action keeps keyed digests of its requests (server/
// idempotency.ts), so its config.json must list PII_HMAC_KEY, or a deployment would give it none
// (npm run deploy sets exactly the listed variables) and every state change would fail.
import fs from 'node:fs';
import path from 'node:path';
import * as core from '../../core';
import type { Contract } from '../../core';

const root = path.resolve(__dirname, '../..');
const contracts = (Object.values(core) as unknown[]).filter((v): v is Contract => typeof v === 'object' && v !== null && 'name' in v && 'actions' in v);
const mutating = contracts.filter((c) => Object.values(c.actions).some((a) => a.mutates) && fs.existsSync(path.join(root, 'cloudfunctions', c.name, 'config.json')));

test('the functions with state-changing actions are found', () => {
  expect(mutating.map((c) => c.name).sort()).toEqual(expect.arrayContaining(['activity', 'charity', 'user', 'volunteer', 'wish']));
});

test.each(mutating.map((c) => [c.name]))('%s lists PII_HMAC_KEY in config.json environment', (name) => {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'cloudfunctions', name, 'config.json'), 'utf8')) as { environment?: string[] };
  expect(config.environment).toContain('PII_HMAC_KEY');
});
