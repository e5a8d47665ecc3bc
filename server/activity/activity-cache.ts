// What a scan reads about its activity, cached in the warm function instance so that a burst of
// scans does not read the same documents hundreds of times a second (docs/activities.md,
// Check-in): the activity document for CHECKIN_ACTIVITY_CACHE_SECONDS, and the set of its
// confirmed sign-ups for CHECKIN_SIGNUP_CACHE_SECONDS (default 5 each; 0 disables either).
//
// Bound on staleness: an entry is served only while ctx.now() is within the TTL of the moment it
// was read (a clock that went backwards counts as expired), so an edit or a cancellation of the
// activity — its status, window, fence, walk-in and pair rules — reaches every scan at most TTL
// seconds after it committed. A scan whose code or window the cached copy refuses is decided again
// on a fresh read (checkedActivity): a stale copy can delay a refusal by up to the TTL, never cause
// one (e.g. right after the activity is published or its window moved).
//
// The confirmed sign-ups: the openids whose sign-up was `confirmed` when the set was read. Someone
// in the set is signed up without a read; anyone else is looked up by their sign-up's id as
// before, so a sign-up confirmed after the set was read (or a waitlist promotion) is never
// refused, and every refusal reason is decided on the sign-up document. What the TTL bounds: a
// sign-up cancelled (or a confirmed one moved back) may still check in up to that many seconds
// later. The set is read only for an activity this instance is already scanning (its activity
// came from the cache), in pages of SIGNUP_PAGE, and not kept beyond MAX_SIGNUPS people: a single
// scan costs a point read, not a list.
//
// What is cached is the same for every caller and never returned to one (the scan's answer
// carries the activity's title and the caller's own attendance). Entries are frozen or private,
// so an invocation cannot change what the next one sees. Absent activities are not cached: a
// scene with a made-up id costs its read, as before, and cannot fill the cache. At most
// MAX_ENTRIES activities (and as many sign-up sets), the oldest read dropped first.
import type { ParsedScene, ScanLocation } from '../../core';
import type { Ctx } from '../context';
import { storedOf } from './access';
import { ActivityCollections } from './collections';
import type { ActivityDoc, SignupDoc } from './docs';
import { checkScan, ScanVerdict } from './scan';
import { activitySettings } from './settings';

const MAX_ENTRIES = 256;
const SIGNUP_PAGE = 1000;
const MAX_SIGNUPS = 5000;

interface Entry<T> {
  value: T;
  readAt: number;
}

/** A TTL map on the function's clock; a clock that went backwards expires an entry. */
class Expiring<T> {
  private readonly entries = new Map<string, Entry<T>>();

  get(key: string, now: number, ttlMs: number): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now < e.readAt || now - e.readAt >= ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: T, now: number): void {
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, readAt: now });
  }

  clear(): void {
    this.entries.clear();
  }
}

const activities = new Expiring<ActivityDoc>();
/** activityId → confirmed openids; null: too many to keep (point reads instead). */
const confirmedSignups = new Expiring<ReadonlySet<string> | null>();

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

async function read(ctx: Ctx, id: string, now: number, ttlMs: number): Promise<ActivityDoc | null> {
  const doc = storedOf<ActivityDoc>((await ctx.db.collection(ActivityCollections.activities).doc(id).get()).data);
  if (doc && ttlMs > 0) activities.set(id, deepFreeze(doc), now);
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
): Promise<{ activity: ActivityDoc; verdict: ScanVerdict; fromCache: boolean }> {
  const settings = activitySettings(ctx.config);
  const ttlMs = settings.activityCacheSeconds * 1000;
  const hit = ttlMs > 0 ? activities.get(scene.activityId, now, ttlMs) : undefined;
  if (hit) {
    try {
      return { activity: hit, verdict: checkScan(hit, scene, location, now, settings, direction), fromCache: true };
    } catch {
      // Decided below on the current document.
    }
  }
  const activity = await read(ctx, scene.activityId, now, ttlMs);
  const verdict = checkScan(activity, scene, location, now, settings, direction);
  return { activity: activity as ActivityDoc, verdict, fromCache: false };
}

/**
 * The caller's sign-up status for the activity ('confirmed', 'waitlisted', …; null: none). From the
 * instance's set of confirmed sign-ups when the activity is being scanned here already (`hot`),
 * else, and for anyone not in the set, from the sign-up document (its id is `signupId`).
 */
export async function signupStatus(ctx: Ctx, activity: ActivityDoc, signupId: string, now: number, hot: boolean): Promise<string | null> {
  const ttlMs = activitySettings(ctx.config).signupCacheSeconds * 1000;
  // An activity with more confirmed sign-ups than a set may hold (its signedUp counter) is
  // never listed: each refresh would read them all only to drop them.
  if (hot && ttlMs > 0 && activity.signedUp <= MAX_SIGNUPS) {
    let set = confirmedSignups.get(activity._id, now, ttlMs);
    if (set === undefined) {
      set = await readConfirmed(ctx, activity._id);
      confirmedSignups.set(activity._id, set, now);
    }
    if (set?.has(ctx.openid)) return 'confirmed';
  }
  return storedOf<SignupDoc>((await ctx.db.collection(ActivityCollections.signups).doc(signupId).get()).data)?.status ?? null;
}

/** The openids of the activity's confirmed sign-ups, by _id in pages; null past MAX_SIGNUPS. */
async function readConfirmed(ctx: Ctx, activityId: string): Promise<ReadonlySet<string> | null> {
  const _ = ctx.db.command;
  const openids = new Set<string>();
  let after = '';
  for (;;) {
    const page = (
      await ctx.db
        .collection(ActivityCollections.signups)
        .where({ activityId, status: 'confirmed', _id: _.gt(after) })
        .orderBy('_id', 'asc')
        .field({ openid: true })
        .limit(SIGNUP_PAGE)
        .get()
    ).data as unknown as Array<Pick<SignupDoc, '_id' | 'openid'>>;
    for (const s of page) openids.add(s.openid);
    if (openids.size > MAX_SIGNUPS) return null;
    if (page.length < SIGNUP_PAGE) return openids;
    after = page[page.length - 1]!._id;
  }
}

/** Empties the caches (tests). */
export function clearActivityCache(): void {
  activities.clear();
  confirmedSignups.clear();
}
