// `npm run audit`: the operator's check of the audit log, against the emulator from globalSetup.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { auditTarget, describeVerdict } from '../../scripts/audit/main';
import { verifyAuditChain } from '../../server/audit';

const adminUrl = () => `${process.env.EMULATOR_URL}/admin`;

test('without an environment or --emulator it says what to set', () => {
  expect(() => auditTarget([], {})).toThrow(/CLOUDBASE_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY.*--emulator/);
  expect(() => auditTarget([], { CLOUDBASE_ENV_ID: 'e', TENCENTCLOUD_SECRETID: 'i' })).toThrow(/^set TENCENTCLOUD_SECRETKEY /);
});

test('the verdict line names an intact log, or the problem, its chain and seq', () => {
  expect(describeVerdict({ ok: true, count: 12, chains: 64 })).toMatch(/^audit log intact: 12 entries in 64 chains/);
  expect(describeVerdict({ ok: false, count: 3, chain: 'c07', seq: 1_000_000_000_071, problem: 'hash_mismatch' })).toMatch(
    /^AUDIT LOG BROKEN: hash_mismatch in chain c07 at seq 1000000000071 \(after 3 good entries\)/,
  );
});

test('--emulator verifies the emulator it names', async () => {
  const target = auditTarget(['--emulator', adminUrl()], {});
  expect(target.label).toBe(`emulator ${adminUrl()}`);
  expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true });
}, 30_000);

// Asynchronous: the emulator may run in this very process (jest in band), so a blocking spawn
// would starve it.
function runAudit(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const script = path.resolve(__dirname, '../../scripts/audit.mjs');
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ status: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

test('npm run audit -- --emulator <url>: exit 0 and the verdict; an unreachable emulator: exit 2', async () => {
  const ok = await runAudit(['--emulator', adminUrl()]);
  expect(ok.stdout).toMatch(/audit log intact: \d+ entries/);
  expect(ok.status).toBe(0);
  const down = await runAudit(['--emulator', 'http://127.0.0.1:9/admin']);
  expect(down.stderr).toMatch(/could not verify/);
  expect(down.status).toBe(2);
}, 90_000);
