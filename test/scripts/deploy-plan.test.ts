import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collections } from '../../database';
import { deployProblems, planCollections, planFunctions } from '../../scripts/deploy/plan';

describe('deploy plan', () => {
  test('every collection is admin-only on the client and keeps its declared indexes', () => {
    const plan = planCollections(collections);
    expect(plan.map((c) => c.name)).toEqual(collections.map((c) => c.name));
    expect(plan.every((c) => c.permission === 'ADMINONLY')).toBe(true);
    const audit = plan.find((c) => c.name === 'audit_log')!;
    const seq = audit.indexes.find((i) => i.IndexName === 'seq')!;
    expect(seq.MgoKeySchema).toEqual({ MgoIndexKeys: [{ Name: 'seq', Direction: '1' }], MgoIsUnique: true });
  });

  test('function config: timeout, triggers and environment values from the deployer, missing ones reported', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-plan-'));
    fs.mkdirSync(path.join(root, 'cron'));
    fs.writeFileSync(path.join(root, 'cron', 'index.ts'), '');
    fs.writeFileSync(
      path.join(root, 'cron', 'config.json'),
      JSON.stringify({ timeout: 20, triggers: [{ name: 'tick', type: 'timer', config: '0 */5 * * * * *' }], environment: ['ADMIN_OPENIDS', 'PII_KEY'] }),
    );
    fs.mkdirSync(path.join(root, 'not-a-function'));
    const [cron, ...rest] = planFunctions(root, { ADMIN_OPENIDS: 'o1,o2' });
    expect(rest).toHaveLength(0);
    expect(cron).toMatchObject({ name: 'cron', timeout: 20, envVariables: { ADMIN_OPENIDS: 'o1,o2' }, missingEnv: ['PII_KEY'] });
    expect(cron.triggers).toEqual([{ name: 'tick', type: 'timer', config: '0 */5 * * * * *' }]);
  });

  test('subscribe template ids: unset or a development placeholder stops the deployment, unless dev templates are allowed (then warned)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-plan-'));
    fs.mkdirSync(path.join(root, 'notify'));
    fs.writeFileSync(path.join(root, 'notify', 'index.ts'), '');
    fs.writeFileSync(path.join(root, 'notify', 'config.json'), JSON.stringify({ environment: ['PII_HMAC_KEY', 'WISH_TMPL_CLAIMED', 'CHARITY_DISCLOSURE_TEMPLATE_ID', 'ACTIVITY_PROMOTION_TEMPLATE_ID'] }));
    const plans = planFunctions(root, { WISH_TMPL_CLAIMED: 'dev-wish-claimed', ACTIVITY_PROMOTION_TEMPLATE_ID: 'Xk3_realTemplateId' });
    expect(plans[0]).toMatchObject({ missingEnv: ['PII_HMAC_KEY', 'CHARITY_DISCLOSURE_TEMPLATE_ID'], placeholderEnv: ['WISH_TMPL_CLAIMED'] });
    expect(deployProblems(plans)).toEqual({
      errors: ['notify: PII_HMAC_KEY is not set', 'notify: CHARITY_DISCLOSURE_TEMPLATE_ID is not set', 'notify: WISH_TMPL_CLAIMED is a development placeholder (dev-wish-claimed)'],
      warnings: [],
    });
    // Allowing dev templates never excuses a secret.
    expect(deployProblems(plans, { allowDevTemplates: true })).toEqual({
      errors: ['notify: PII_HMAC_KEY is not set'],
      warnings: ['notify: CHARITY_DISCLOSURE_TEMPLATE_ID is not set', 'notify: WISH_TMPL_CLAIMED is a development placeholder (dev-wish-claimed)'],
    });
    const ready = planFunctions(root, { PII_HMAC_KEY: 'k', WISH_TMPL_CLAIMED: 'a1', CHARITY_DISCLOSURE_TEMPLATE_ID: 'b2', ACTIVITY_PROMOTION_TEMPLATE_ID: 'c3' });
    expect(deployProblems(ready)).toEqual({ errors: [], warnings: [] });
  });

  test('a malformed config.json is refused with the file and field named', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-plan-'));
    fs.mkdirSync(path.join(root, 'bad'));
    fs.writeFileSync(path.join(root, 'bad', 'index.ts'), '');
    fs.writeFileSync(path.join(root, 'bad', 'config.json'), JSON.stringify({ timeout: 'soon' }));
    expect(() => planFunctions(root, {})).toThrow(/bad[\\/]config\.json: timeout/);
  });
});

test("the project's own functions have valid config.json files and name the variables they need", () => {
  const root = path.resolve(__dirname, '../../cloudfunctions');
  const plans = planFunctions(root, {});
  expect(plans.map((p) => p.name)).toEqual(expect.arrayContaining(['maintenance', 'user']));
  // user.me answers the subscribe templates, so the user function reads the template variables too.
  expect(plans.find((p) => p.name === 'user')).toMatchObject({
    timeout: 10,
    missingEnv: ['PII_HMAC_KEY', 'ADMIN_OPENIDS', 'BOOTSTRAP_COMMUNITY_ID', 'WISH_TMPL_CLAIMED', 'WISH_TMPL_REMINDER', 'WISH_TMPL_RELEASED', 'WISH_TMPL_DELIVERED', 'WISH_TMPL_CONFIRMED', 'CHARITY_DISCLOSURE_TEMPLATE_ID', 'CHARITY_ALLOCATION_TEMPLATE_ID', 'ACTIVITY_PROMOTION_TEMPLATE_ID'],
  });
  // Every subscribe template a function sends with or user.me hands out must be set for a deployment.
  const templateErrors = deployProblems(plans).errors.filter((e) => /_TMPL_|_TEMPLATE_ID /.test(e));
  for (const v of ['WISH_TMPL_CLAIMED', 'WISH_TMPL_CONFIRMED', 'CHARITY_DISCLOSURE_TEMPLATE_ID', 'CHARITY_ALLOCATION_TEMPLATE_ID', 'ACTIVITY_PROMOTION_TEMPLATE_ID']) {
    expect(templateErrors).toContain(`user: ${v} is not set`);
  }
  expect(plans.find((p) => p.name === 'maintenance')).toMatchObject({
    timeout: 60,
    triggers: [{ name: 'pruneIdempotency', type: 'timer', config: '0 30 3 * * * *' }],
    missingEnv: ['IDEMPOTENCY_RETENTION_DAYS'],
  });
});
