// The activity document as a scan sees it, cached in the warm function instance for
// CHECKIN_ACTIVITY_CACHE_SECONDS (default 5; 0 disables the cache) so that a burst of scans does
// not read the same document hundreds of times a second (docs/activities.md, Check-in).
//
// Bound on staleness: an entry is served only while ctx.now() is within the TTL of the moment it
// was read (a clock that went backwards counts as expired), so an edit or a cancellation of the
// activity — its status, window, fence, walk-in and pair rules — reaches every scan at most TTL
// seconds after it committed. A scan whose code or window the cached copy refuses is decided again
// on a fresh read (checkedActivity): a stale copy can delay a refusal by up to the TTL, never cause
// one (e.g. right after the activity is published or its window moved).
//
// What is cached is the activity only: the same for every caller and never returned to one (the
// scan's answer carries its title). Entries are frozen, so an invocation cannot change what the
// next one sees. Absent activities are not cached: a scene with a made-up id costs its read, as
// before, and cannot fill the cache. At most MAX_ENTRIES activities, the oldest read dropped first.
import type { ParsedScene, ScanLocation } from '../../core';
import type { Ctx } from '../context';
import { storedOf } from './access';
import { ActivityCollections } from './collections';
import type { ActivityDoc } from './docs';
import { checkScan, ScanVerdict } from './scan';
import { activitySettings } from './settings';

const MAX_ENTRIES = 256;

interface Entry {
  doc: ActivityDoc;
  readAt: number;
}

const entries = new Map<string, Entry>();

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

function cached(id: string, now: number, ttlMs: number): ActivityDoc | null {
  const e = entries.get(id);
  if (!e) return null;
  if (now < e.readAt || now - e.readAt >= ttlMs) {
    entries.delete(id);
    return null;
  }
  return e.doc;
}

async function read(ctx: Ctx, id: string, now: number, ttlMs: number): Promise<ActivityDoc | null> {
  const doc = storedOf<ActivityDoc>((await ctx.db.collection(ActivityCollections.activities).doc(id).get()).data);
  if (!doc || ttlMs <= 0) return doc;
  entries.delete(id);
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(id, { doc: deepFreeze(doc), readAt: now });
  return doc;
}

/**
 * The scanned activity and checkScan's verdict on the code, status, window and fence. Served from
 * the cache while fresh enough; a refusal by a cached copy is checked again on a fresh read.
 */
export async function checkedActivity(
  ctx: Ctx,
  scene: ParsedScene,
  location: ScanLocation | undefined,
  now: number,
  direction: 'in' | 'out',
): Promise<{ activity: ActivityDoc; verdict: ScanVerdict }> {
  const settings = activitySettings(ctx.config);
  const ttlMs = settings.activityCacheSeconds * 1000;
  const hit = ttlMs > 0 ? cached(scene.activityId, now, ttlMs) : null;
  if (hit) {
    try {
      return { activity: hit, verdict: checkScan(hit, scene, location, now, settings, direction) };
    } catch {
      // Decided below on the current document.
    }
  }
  const activity = await read(ctx, scene.activityId, now, ttlMs);
  const verdict = checkScan(activity, scene, location, now, settings, direction);
  return { activity: activity as ActivityDoc, verdict };
}

/** Empties the cache (tests). */
export function clearActivityCache(): void {
  entries.clear();
}
