// The deploy plan refuses a timer trigger CloudBase would refuse (same schema as the emulator).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planFunctions } from '../../scripts/deploy/plan';

function rootWith(config: unknown): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-timers-'));
  fs.mkdirSync(path.join(root, 'job'));
  fs.writeFileSync(path.join(root, 'job', 'index.ts'), '');
  fs.writeFileSync(path.join(root, 'job', 'config.json'), JSON.stringify(config));
  return root;
}

describe('deploy plan: timer triggers', () => {
  test('a valid 7-field cron is planned as written', () => {
    const triggers = [{ name: 'releaseClaims', type: 'timer', config: '0 */5 * * * MON-FRI *' }];
    expect(planFunctions(rootWith({ triggers }), {})[0].triggers).toEqual(triggers);
  });

  test.each([
    ['a 5-field Unix cron', { name: 't', type: 'timer', config: '*/5 * * * *' }, /job[\\/]config\.json: triggers\.0\.config: invalid cron "\*\/5 \* \* \* \*": expected 7 fields/],
    ['an hour out of range', { name: 't', type: 'timer', config: '0 0 24 * * * *' }, /triggers\.0\.config: invalid cron .*hour "24": 24 is out of range 0-23/],
    ['Quartz "?"', { name: 't', type: 'timer', config: '0 0 2 ? * MON *' }, /"\?" is not supported/],
    ['a date that never comes', { name: 't', type: 'timer', config: '0 0 0 31 4 * *' }, /matches no date between 1970 and 2099/],
    ['a trigger name not starting with a letter', { name: '1st', type: 'timer', config: '0 0 2 * * * *' }, /triggers\.0\.name: a trigger name is 1-60/],
  ])('refuses %s, naming the file and field', (_what, trigger, message) => {
    expect(() => planFunctions(rootWith({ triggers: [trigger] }), {})).toThrow(message);
  });

  test('refuses a second trigger: CloudBase supports one per function', () => {
    const t = { type: 'timer', config: '0 0 2 * * * *' };
    expect(() => planFunctions(rootWith({ triggers: [{ name: 'a', ...t }, { name: 'b', ...t }] }), {})).toThrow(/triggers: CloudBase supports one trigger per function/);
  });
});
