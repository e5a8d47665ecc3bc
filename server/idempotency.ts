// Exactly-once state changes keyed by (function, action, caller, requestId). See docs/adr/0001.
import { Collections } from './collections';
import { canonicalJson, sha256Hex } from './canonical-json';
import type { StoredDoc, Tx } from './db';

export function idempotencyKey(fn: string, action: string, openid: string, requestId: string): string {
  // A hash keeps the _id short and fixed-length whatever the parts; JSON framing keeps parts apart.
  return sha256Hex(JSON.stringify([fn, action, openid, requestId]));
}

export function inputHash(input: unknown): string {
  return sha256Hex(canonicalJson(input));
}

export interface IdempotencyRecord {
  fn: string;
  action: string;
  openid: string;
  requestId: string;
  inputHash: string;
  /** JSON text of the output: stored as text so it round-trips exactly (no merge, no EJSON tags). */
  resultJson: string;
  createdAt: number;
}

export async function readRecord(tx: Tx, key: string): Promise<IdempotencyRecord | null> {
  const doc = (await tx.collection(Collections.idempotency).doc(key).get()).data;
  return doc ? toRecord(doc) : null;
}

export async function writeRecord(tx: Tx, key: string, record: IdempotencyRecord): Promise<void> {
  await tx.collection(Collections.idempotency).add({ data: { _id: key, ...record } });
}

function toRecord(doc: StoredDoc): IdempotencyRecord {
  return {
    fn: String(doc.fn),
    action: String(doc.action),
    openid: String(doc.openid),
    requestId: String(doc.requestId),
    inputHash: String(doc.inputHash),
    resultJson: String(doc.resultJson),
    createdAt: Number(doc.createdAt),
  };
}
