// The check-in code's MAC (core/activity/qr.ts describes the scene). Server-only: node:crypto.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { formatScene, MAC_LENGTH, sceneMessage } from '../../core';

/** A fresh per-activity secret (stored on the activity, never returned). */
export function newQrSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sceneMac(secret: string, activityId: string, slot: number | 'p'): string {
  return createHmac('sha256', secret).update(sceneMessage(activityId, slot)).digest('base64url').slice(0, MAC_LENGTH);
}

export function signScene(secret: string, activityId: string, slot: number | 'p'): string {
  return formatScene(activityId, slot, sceneMac(secret, activityId, slot));
}

/**
 * Expected MACs already computed in this instance, keyed by secret, activity and slot (so a
 * different secret never meets a remembered MAC): a burst of scans of one code computes its HMAC
 * once. Pure memoisation, dropped whole past MAX_MEMO entries.
 */
const expected = new Map<string, string>();
const MAX_MEMO = 1024;

function expectedMac(secret: string, activityId: string, slot: number | 'p'): string {
  const key = `${secret}\u0000${activityId}\u0000${slot}`;
  let mac = expected.get(key);
  if (mac === undefined) {
    if (expected.size >= MAX_MEMO) expected.clear();
    mac = sceneMac(secret, activityId, slot);
    expected.set(key, mac);
  }
  return mac;
}

export function macMatches(secret: string, activityId: string, slot: number | 'p', mac: string): boolean {
  const want = Buffer.from(expectedMac(secret, activityId, slot));
  const got = Buffer.from(mac);
  return got.length === want.length && timingSafeEqual(got, want);
}

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A short activity id (10 characters) so that a scene fits in 32. */
export function newActivityId(): string {
  const bytes = randomBytes(9);
  let id = 'a';
  for (const b of bytes) id += ID_ALPHABET[b % ID_ALPHABET.length];
  return id;
}

/** A random document id `<prefix>-<16 hex>` (corrections, back-fills). */
export function newRandomId(prefix: string): string {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}
