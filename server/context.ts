// What a handler gets instead of globals: identity, clock, database, log, configuration.
import type { AuditEntry, AuditInput } from './audit';
import type { ServerConfig } from './config';
import type { Db, Tx } from './db';
import type { Logger } from './log';
import type { UserDoc } from './user-store';

export interface Ctx {
  /** Function (contract) name, e.g. 'user'. */
  fn: string;
  action: string;
  /** The caller, from getWXContext() only; never from the event. Always non-empty. */
  openid: string;
  appid: string;
  /** Present for state-changing actions (validated), optional otherwise. */
  requestId?: string;
  /** The injectable clock: handlers never call Date.now(). */
  now(): number;
  db: Db;
  log: Logger;
  config: ServerConfig;
  /** The caller's profile, loaded once per invocation (through the transaction when there is one). */
  user(): Promise<UserDoc | null>;
}

/** The context of a state-changing action: it runs inside one transaction (see define-function.ts). */
export interface TxCtx extends Ctx {
  requestId: string;
  tx: Tx;
  /** Appends to the audit log in this transaction, as the caller, now. */
  audit(entry: Omit<AuditInput, 'actor' | 'at' | 'requestId'>): Promise<AuditEntry>;
}
