// JSONL request log: one line per request to the emulator (admin endpoint and gateway).
import fs from 'node:fs';

export interface LogEntry {
  at: string;
  requestId: string;
  kind: 'admin' | 'gateway' | 'dev' | 'storage';
  action?: string;
  collection?: string;
  /** Cloud path of a storage request (the COS-style PUT/GET, the dev upload). */
  path?: string;
  fn?: string;
  openid?: string;
  ms: number;
  code?: string;
  message?: string;
}

/**
 * The lines of one event-loop turn go to the file in one write at the end of the turn (a write
 * per request was one more system call on every database request); close() writes what is left.
 */
export class RequestLog {
  private fd: number | null;
  private pending = '';
  constructor(
    file: string | null,
    private readonly echo: (line: string) => void = () => {},
  ) {
    this.fd = file ? fs.openSync(file, 'a') : null;
  }

  write(entry: LogEntry): void {
    if (this.fd !== null) {
      if (!this.pending) setImmediate(() => this.flush());
      this.pending += JSON.stringify(entry) + '\n';
    }
    this.echo(formatEntry(entry));
  }

  private flush(): void {
    if (this.fd === null || !this.pending) return;
    const text = this.pending;
    this.pending = '';
    fs.writeSync(this.fd, text);
  }

  close(): void {
    this.flush();
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

function formatEntry(e: LogEntry): string {
  const what = e.kind === 'gateway' ? `fn ${e.fn}` : `${e.action ?? '?'}${e.collection ? ' ' + e.collection : ''}${e.path ? ' ' + e.path : ''}`;
  const who = e.fn && e.kind !== 'gateway' ? ` from ${e.fn}` : '';
  const outcome = e.code ? ` -> ${e.code}${e.message ? ': ' + e.message : ''}` : '';
  return `${e.at.slice(11, 23)} ${e.kind.padEnd(7)} ${what}${who}${e.openid ? ` [${e.openid}]` : ''} ${e.ms.toFixed(1)}ms${outcome}`;
}
