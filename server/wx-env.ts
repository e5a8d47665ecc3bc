// getWXContext() reads the caller from process.env at call time (wire reference §2.4, P10). For
// in-process tests we set those variables, run a synchronous section, and restore them at once.
// Because JavaScript runs one synchronous section at a time, concurrent invocations cannot see
// each other's identity as long as the identity is read synchronously inside `fn`.

export interface WxEnvIdentity {
  /** The user; '' for none (a timer firing, or a caller without identity). */
  openid: string;
  appid?: string;
  unionid?: string;
  /** getWXContext().SOURCE; default 'wx_client' ('wx_trigger' when `trigger` is 'timer'). */
  source?: string;
  /**
   * 'timer': the environment of a timer-triggered invocation, as the emulator's runner sets it
   * (emulator/functions/timers-env.ts): TRIGGER_SRC=timer, SOURCE 'wx_trigger', no user
   * variables unless `openid` is given.
   */
  trigger?: 'timer';
}

const KEYS = ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'TCB_SOURCE', 'TRIGGER_SRC'] as const;

export function withWxEnv<T>(identity: WxEnvIdentity, fn: () => T): T {
  const saved = KEYS.map((k) => [k, process.env[k]] as const);
  const values = identity.trigger === 'timer' ? timerValues(identity) : clientValues(identity);
  try {
    for (const k of KEYS) {
      const v = values[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    return fn();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

type Values = Partial<Record<(typeof KEYS)[number], string>>;

function clientValues(identity: WxEnvIdentity): Values {
  return {
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    WX_OPENID: identity.openid,
    WX_APPID: identity.appid ?? 'wx-test-appid',
    WX_UNIONID: identity.unionid ?? '',
    TCB_SOURCE: identity.source ?? 'wx_client',
  };
}

function timerValues(identity: WxEnvIdentity): Values {
  // The token key is on wx-server-sdk's blacklist: it only keeps WX_CONTEXT_KEYS non-empty, as in
  // the runner, so that getWXContext() reports ENV and SOURCE (an empty list makes it return {}).
  const user = identity.openid ? { WX_OPENID: identity.openid, WX_APPID: identity.appid ?? 'wx-test-appid', WX_UNIONID: identity.unionid ?? '' } : {};
  return {
    WX_CONTEXT_KEYS: ['WX_TRIGGER_API_TOKEN_V0', ...Object.keys(user)].join(','),
    ...user,
    TCB_SOURCE: identity.source ?? 'wx_trigger',
    TRIGGER_SRC: 'timer',
  };
}
