// Deploys to a real CloudBase environment with the official management SDK.
// Needs CLOUDBASE_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN
// for temporary credentials), plus every variable the functions list under "environment".
import path from 'node:path';
import CloudBase from '@cloudbase/manager-node';
import { collections } from '../../database';
import { deployProblems, planCollections, planFunctions, RUNTIME } from './plan';

async function main(): Promise<void> {
  const dryRun = process.argv.includes('--dry-run');
  // A test environment whose WeChat subscribe templates are not set up yet (docs/operations.md).
  const allowDevTemplates = process.argv.includes('--allow-dev-templates');
  const root = process.cwd();
  const collectionPlan = planCollections(collections);
  const functionPlan = planFunctions(path.join(root, 'cloudfunctions'), process.env);

  console.log(`Collections (${collectionPlan.length}), client permission ADMINONLY:`);
  for (const c of collectionPlan) console.log(`  ${c.name}: ${c.indexes.map((i) => i.IndexName).join(', ') || 'no extra indexes'}`);
  console.log(`Functions (${functionPlan.length}), runtime ${RUNTIME}:`);
  for (const f of functionPlan) {
    const env = Object.keys(f.envVariables).join(', ') || 'none';
    console.log(`  ${f.name}: timeout ${f.timeout}s, triggers ${f.triggers.map((t) => t.name).join(', ') || 'none'}, env ${env}`);
  }
  const { errors, warnings } = deployProblems(functionPlan, { allowDevTemplates });
  if (warnings.length) {
    console.warn(`\n--allow-dev-templates: subscribe messages will NOT reach anyone (WeChat refuses these template ids):\n  ${warnings.join('\n  ')}`);
  }
  if (errors.length) {
    console.error(
      `\nEnvironment variables to set in the deployer's environment (template ids from the WeChat console; --allow-dev-templates for a test environment without them):\n  ${errors.join('\n  ')}`,
    );
    if (!dryRun) process.exit(1);
  }
  if (dryRun) {
    console.log('\n--dry-run: nothing deployed.');
    return;
  }

  const envId = required('CLOUDBASE_ENV_ID');
  const app = CloudBase.init({
    envId,
    secretId: required('TENCENTCLOUD_SECRETID'),
    secretKey: required('TENCENTCLOUD_SECRETKEY'),
    token: process.env.TENCENTCLOUD_SESSIONTOKEN || undefined,
  });

  for (const c of collectionPlan) {
    await app.database.createCollectionIfNotExists(c.name);
    const existing = new Set((await app.database.describeCollection(c.name)).Indexes?.map((i) => i.Name) ?? []);
    const create = c.indexes.filter((i) => !existing.has(i.IndexName));
    if (create.length) await app.database.updateCollection(c.name, { CreateIndexes: create });
    await app.permission.modifyResourcePermission({ resourceType: 'collection', resource: c.name, permission: 'ADMINONLY' });
    console.log(`✔ collection ${c.name} (${create.length} new indexes)`);
  }
  for (const f of functionPlan) {
    const func = { name: f.name, timeout: f.timeout, envVariables: f.envVariables, runtime: RUNTIME, installDependency: true, triggers: f.triggers };
    const functionRootPath = path.join(root, 'cloudfunctions');
    // force: update code and config of an existing function instead of failing.
    await app.functions.createFunction({ func, functionRootPath, force: true });
    console.log(`✔ function ${f.name}`);
  }
  console.log(`\nDeployed to ${envId}.`);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`deploy: set ${name} in the environment`);
    process.exit(1);
  }
  return value;
}

main().catch((e) => {
  console.error(`deploy failed: ${(e as Error).message}`);
  process.exit(1);
});
