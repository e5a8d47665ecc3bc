// What the emulated WeChat APIs "sent" (subscribe messages, content checks): kept in memory for
// tests (GET /dev/outbox) and appended to <dataDir>/outbox.jsonl when the emulator persists.
import fs from 'node:fs';
import type { SendAuthorization } from './subscriptions';

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
  /**
   * subscribeMessage.send only: what let it through ('open' mode, a 'one-time' grant used up, a
   * 'long-term' grant) or 'refused' (strict mode, no grant: answered errcode 43101, not delivered).
   */
  subscription?: SendAuthorization;
}

export interface OutboxFilter {
  api?: string;
  openid?: string;
  fn?: string;
}

export class Outbox {
  private readonly entries: OutboxEntry[] = [];
  private nextId = 1;
  private fd: number | null;

  constructor(file: string | null) {
    this.fd = file ? fs.openSync(file, 'a') : null;
  }

  record(entry: Omit<OutboxEntry, 'id' | 'at'>): OutboxEntry {
    const full: OutboxEntry = { id: this.nextId++, at: new Date().toISOString(), ...entry };
    this.entries.push(full);
    if (this.fd !== null) fs.writeSync(this.fd, JSON.stringify(full) + '\n');
    return full;
  }

  list(filter: OutboxFilter = {}): OutboxEntry[] {
    return this.entries.filter(
      (e) =>
        (filter.api === undefined || e.api === filter.api) &&
        (filter.openid === undefined || e.openid === filter.openid) &&
        (filter.fn === undefined || e.fn === filter.fn),
    );
  }

  /** Forgets the in-memory entries; the JSONL file is an append-only history and stays. */
  clear(): void {
    this.entries.length = 0;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
