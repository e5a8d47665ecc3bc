// The ONLY module that imports wx-server-sdk. Everything else reaches the platform through here,
// so tests and the emulator exercise the same code path as production.
import * as cloud from 'wx-server-sdk';
import type { Db } from './db';

let database: Db | undefined;

function ensureInit(): void {
  if (database) return;
  // DYNAMIC_CURRENT_ENV is a symbol the SDK resolves to the calling env; its typings only allow string.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  // throwOnNotFound:false makes doc.get() of a missing document resolve to {data: null} instead of
  // throwing a bare string, inside transactions too.
  database = cloud.database({ throwOnNotFound: false } as { env?: string }) as unknown as Db;
}

export function getDb(): Db {
  ensureInit();
  return database as Db;
}

/** One WeChat open API call, as wx-server-sdk exposes it: camelCase params in, camelCase result out. */
export type OpenApiCall = (params: Record<string, unknown>) => Promise<unknown>;

/**
 * `cloud.openapi` (wx.openApi, wire reference §4.10), e.g. `getOpenApi().security.msgSecCheck`.
 * Results are `unknown` on purpose: server/openapi.ts checks what comes back. Works only inside a
 * function invocation (the platform authorises the call with the invocation's WX_API_TOKEN).
 */
export function getOpenApi(): Record<string, Record<string, OpenApiCall>> {
  ensureInit();
  return cloud.openapi as Record<string, Record<string, OpenApiCall>>;
}

export interface WxIdentity {
  openid: string;
  appid: string;
  unionid: string;
  source: string;
}

/** The caller as CloudBase tells it (process env, read at call time). Empty strings when absent. */
export function getWxIdentity(): WxIdentity {
  const c = cloud.getWXContext();
  return {
    openid: typeof c.OPENID === 'string' ? c.OPENID : '',
    appid: typeof c.APPID === 'string' ? c.APPID : '',
    unionid: typeof c.UNIONID === 'string' ? c.UNIONID : '',
    source: typeof c.SOURCE === 'string' ? c.SOURCE : '',
  };
}
