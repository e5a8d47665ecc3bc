// The check-in code's `scene` (wxacode.getUnlimited allows at most 32 characters):
//   rotating: <activityId>.<slot in base 36>.<mac>   e.g. a7k2m9q4xz.hq3ft.Zk3_9aQw-1
//   poster:   <activityId>.p.<mac>
// The mac is 10 base64url characters of HMAC-SHA256(activity secret, "<activityId>.<slot|p>"),
// computed on the server only; the client just forwards the scene it scanned. Parsing is pure so
// the page can tell a foreign QR code ("not a check-in code") without a round trip.
import { z } from '../zod-setup';

/** Activity ids are short so that a scene fits: 4–14 of [a-z0-9-]. */
export const ActivityId = z.string().regex(/^[a-z0-9][a-z0-9-]{3,13}$/, 'activity id: 4–14 lowercase letters, digits or dashes');
export type ActivityId = z.infer<typeof ActivityId>;

export const MAC_LENGTH = 10;
const SCENE_RE = /^([a-z0-9][a-z0-9-]{3,13})\.(p|[0-9a-z]{1,8})\.([A-Za-z0-9_-]{10})$/;

export const CheckinScene = z.string().max(32).regex(SCENE_RE, 'not a check-in code of this mini-program');
export type CheckinScene = z.infer<typeof CheckinScene>;

export type ParsedScene =
  | { kind: 'rotating'; activityId: string; slot: number; mac: string }
  | { kind: 'poster'; activityId: string; mac: string };

export function parseScene(scene: string): ParsedScene | null {
  const m = SCENE_RE.exec(scene);
  if (!m) return null;
  const [, activityId, slot, mac] = m as unknown as [string, string, string, string];
  if (slot === 'p') return { kind: 'poster', activityId, mac };
  const n = parseInt(slot, 36);
  if (!Number.isSafeInteger(n)) return null;
  return { kind: 'rotating', activityId, slot: n, mac };
}

/** What the mac signs. */
export function sceneMessage(activityId: string, slot: number | 'p'): string {
  return `${activityId}.${slot === 'p' ? 'p' : slot.toString(36)}`;
}

export function formatScene(activityId: string, slot: number | 'p', mac: string): string {
  return `${sceneMessage(activityId, slot)}.${mac}`;
}

/** The time slot of an instant for slots of `slotSeconds`. */
export function slotOf(at: number, slotSeconds: number): number {
  return Math.floor(at / (slotSeconds * 1000));
}
