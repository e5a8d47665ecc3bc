// Verifies the audit log (server/audit.ts verifyAuditChain) through wx-server-sdk, the functions'
// own database path (server/cloud.ts), against a real environment (CLOUDBASE_ENV_ID,
// TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY[, _SESSIONTOKEN], as for deploy; region
// TENCENTCLOUD_REGION, default ap-shanghai) or, with --emulator [admin url], a local emulator
// (default the one `npm start` runs). The SDK reads all of this from the process environment.
import { sdkEnv } from '../../emulator/sdk-env';
import { verifyAuditChain, type AuditVerdict } from '../../server/audit';
import { getDb } from '../../server/cloud';
import type { Db } from '../../server/db';

const DEFAULT_EMULATOR = 'http://127.0.0.1:9100/admin';

export interface AuditTarget {
  label: string;
  db: Db;
}

/** Where to verify, from the arguments and the environment; throws a message for the operator. */
export function auditTarget(args: readonly string[], env: NodeJS.ProcessEnv): AuditTarget {
  const i = args.indexOf('--emulator');
  if (i >= 0) {
    const next = args[i + 1];
    const url = next && !next.startsWith('--') ? next : DEFAULT_EMULATOR;
    // The emulator's SDK environment (its admin URL, dummy credentials, no metadata lookups).
    Object.assign(process.env, sdkEnv(url));
    return { label: `emulator ${url}`, db: getDb() };
  }
  const missing = ['CLOUDBASE_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'].filter((k) => !env[k]);
  if (missing.length) throw new Error(`set ${missing.join(', ')} (as for npm run deploy), or pass --emulator [admin url]`);
  const envId = env.CLOUDBASE_ENV_ID!;
  Object.assign(process.env, { TCB_ENV: envId, SCF_NAMESPACE: envId, TENCENTCLOUD_REGION: env.TENCENTCLOUD_REGION || 'ap-shanghai' });
  return { label: `environment ${envId}`, db: getDb() };
}

/** One line for the operator. */
export function describeVerdict(v: AuditVerdict): string {
  if (v.ok) return `audit log intact: ${v.count} entries in ${v.chains} chains (plus the legacy chain, if any)`;
  return `AUDIT LOG BROKEN: ${v.problem} in chain ${v.chain} at seq ${v.seq} (after ${v.count} good entries); see docs/operations.md "The audit log"`;
}

async function main(): Promise<number> {
  let target: AuditTarget;
  try {
    target = auditTarget(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(`npm run audit: ${(e as Error).message}`);
    return 2;
  }
  console.log(`verifying the audit log of ${target.label} …`);
  const started = Date.now();
  const verdict = await verifyAuditChain(target.db);
  console.log(`${describeVerdict(verdict)} (${Date.now() - started} ms)`);
  return verdict.ok ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`npm run audit: could not verify: ${(e as Error).message}`);
      process.exit(2);
    },
  );
}
