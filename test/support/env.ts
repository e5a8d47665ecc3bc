// The environment that points unmodified wx-server-sdk / @cloudbase/node-sdk at an emulator.
export const TEST_ENV_NAME = 'local-env';
export const TEST_ADMIN_OPENID = 'test-admin-openid';

export function sdkEnv(adminUrl: string, envName = TEST_ENV_NAME): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    // Any non-empty value; without credentials node-sdk crashes the process (pitfall P1).
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TENCENTCLOUD_SESSIONTOKEN: '',
    // Skips the metadata lookup that costs ~45 ms per request (pitfall P2).
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: envName,
    TCB_ENV: envName,
    SILENCE: 'true',
  };
}
