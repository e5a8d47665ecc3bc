// The environment that points UNMODIFIED wx-server-sdk / @cloudbase/node-sdk at an emulator
// (wire reference §2.2 option A). Used by the function workers, the tests, the seed and the bench.
export const DEFAULT_ENV_NAME = 'local-env';
export const DEFAULT_REGION = 'ap-shanghai';

export function sdkEnv(adminUrl: string, envName = DEFAULT_ENV_NAME, region = DEFAULT_REGION): Record<string, string> {
  return {
    // The SDK sends every request to TCB_CONTEXT_CNFG.URL.
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    // SCF mode skips a metadata lookup costing ~45 ms per request (P2); it wants a region and namespace.
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: region,
    SCF_NAMESPACE: envName,
    TCB_ENV: envName,
    // Without credentials node-sdk dies of an unhandled rejection (P1); the emulator ignores them.
    TENCENTCLOUD_SECRETID: 'emulator',
    TENCENTCLOUD_SECRETKEY: 'emulator',
    TENCENTCLOUD_SESSIONTOKEN: 'emulator',
    // No slow-query console warnings.
    SILENCE: 'true',
  };
}
