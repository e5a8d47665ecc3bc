// Test identities; the SDK environment itself comes from emulator/sdk-env.ts.
export { sdkEnv } from '../../emulator/sdk-env';
export const TEST_ENV_NAME = 'local-env';
export const TEST_ADMIN_OPENID = 'test-admin-openid';
