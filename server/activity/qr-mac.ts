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

export function macMatches(secret: string, activityId: string, slot: number | 'p', mac: string): boolean {
  const want = Buffer.from(sceneMac(secret, activityId, slot));
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
