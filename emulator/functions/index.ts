// STUB — replaced by the function runner. The exported names and types are the contract.
import type { Gateway } from '../http';
import type { ActionTable, Caller } from '../wire';

export interface RunnerOptions {
  functionsRoot: string;
  adminUrl: string;
  envName: string;
  poolSize: number;
  functionEnv: Record<string, string>;
}

export interface Identity {
  openid: string;
  appid?: string;
  unionid?: string;
  source?: string;
}

export interface FunctionRunner {
  /** functions.invokeFunction */
  actions: ActionTable;
  /** POST /functions/<name> (dev) */
  gateway: Gateway;
  resolveCaller(token: string): Caller | undefined;
  invoke(name: string, event: unknown, identity: Identity): Promise<unknown>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createFunctionRunner(_opts: RunnerOptions): FunctionRunner {
  return {
    actions: {},
    gateway: async () => ({ status: 501, body: { ok: false, error: { code: 'internal', message: 'runner not built yet' } } }),
    resolveCaller: () => undefined,
    invoke: async () => {
      throw new Error('runner not built yet');
    },
    start: async () => {},
    close: async () => {},
  };
}
