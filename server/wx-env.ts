// getWXContext() reads the caller from process.env at call time (wire reference §2.4, P10). For
// in-process tests we set those variables, run a synchronous section, and restore them at once.
// Because JavaScript runs one synchronous section at a time, concurrent invocations cannot see
// each other's identity as long as the identity is read synchronously inside `fn`.

export interface WxEnvIdentity {
  openid: string;
  appid?: string;
  unionid?: string;
}

const KEYS = ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'TCB_SOURCE'] as const;

export function withWxEnv<T>(identity: WxEnvIdentity, fn: () => T): T {
  const saved = KEYS.map((k) => [k, process.env[k]] as const);
  const values: Record<(typeof KEYS)[number], string> = {
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    WX_OPENID: identity.openid,
    WX_APPID: identity.appid ?? 'wx-test-appid',
    WX_UNIONID: identity.unionid ?? '',
    TCB_SOURCE: 'wx_client',
  };
  try {
    for (const k of KEYS) process.env[k] = values[k];
    return fn();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
