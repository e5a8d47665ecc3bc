// STUB — replaced by the outbox implementation. The exported names and types are the contract.
export interface OutboxEntry {
  id: number;
  at: string;
  /** e.g. 'subscribeMessage.send', 'security.msgSecCheck' */
  api: string;
  /** the caller function and openid, when known */
  fn?: string;
  openid?: string;
  params: Record<string, unknown>;
  result: Record<string, unknown>;
}

export class Outbox {
  constructor(_file: string | null) {}
  record(_entry: Omit<OutboxEntry, 'id' | 'at'>): OutboxEntry {
    throw new Error('outbox not built yet');
  }
  list(_filter?: { api?: string; openid?: string }): OutboxEntry[] {
    return [];
  }
  clear(): void {}
  close(): void {}
}
