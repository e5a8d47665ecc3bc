// Exactly-once state changes keyed by (function, action, caller, requestId). See docs/adr/0001.
import { timingSafeEqual } from 'node:crypto';
import { Collections } from './collections';
import { canonicalJson, sha256Hex } from './canonical-json';
import type { ServerConfig } from './config';
import type { StoredDoc, Tx } from './db';
import { keyedDigest } from './pii';

const INPUT_DIGEST_DOMAIN = 'idempotency-input/v1';
const KEYED = 'h1:';
const LEGACY_SHA256 = /^[0-9a-f]{64}$/;

export function idempotencyKey(fn: string, action: string, openid: string, requestId: string): string {
  // A hash keeps the _id short and fixed-length whatever the parts; JSON framing keeps parts apart.
  return sha256Hex(JSON.stringify([fn, action, openid, requestId]));
}

/**
 * What the record keeps of the input, to tell a retry from a reused requestId: a keyed digest
 * ('h1:' + HMAC under PII_HMAC_KEY, its own domain), since the input may hold an ID number that an
 * unkeyed hash would give away to brute force. Throws ConfigError without the key.
 */
export function inputHash(input: unknown, config: Pick<ServerConfig, 'PII_HMAC_KEY'>): string {
  return KEYED + keyedDigest(config, INPUT_DIGEST_DOMAIN, canonicalJson(input));
}

/**
 * Is `input` the input the record was written for? Records written before keyed digests hold the
 * plain SHA-256 (64 hex): they are still compared, so their retries keep replaying until the
 * maintenance timer prunes them (IDEMPOTENCY_RETENTION_DAYS); anything else never matches.
 */
export function sameInput(stored: string, input: unknown, config: Pick<ServerConfig, 'PII_HMAC_KEY'>): boolean {
  const expected = stored.startsWith(KEYED) ? inputHash(input, config) : LEGACY_SHA256.test(stored) ? sha256Hex(canonicalJson(input)) : null;
  return expected !== null && expected.length === stored.length && timingSafeEqual(Buffer.from(expected), Buffer.from(stored));
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
