// Reading wishes: the donor's browse (masked cards, cursor pages), recommendations with their
// score's parts, a party's view of one wish, "mine", the staff queue, and the public disclosure.
import {
  ActivityLatLng,
  AppError,
  BrowseSort,
  dayOf,
  FULFILLED_WISH_STATUSES,
  recommendScore,
  wantedByInstant,
  WishCard,
  wishContract,
  wishMonthRange,
  WishView,
  addDays,
} from '../../../core';
import type { ParsedInputOf } from '../../../core';
import { Collections } from '../../../server/collections';
import type { Ctx } from '../../../server/context';
import type { DocData } from '../../../server/db';
import { paginate, SortKey } from '../../../server/paginate';
import { actorsOf, loadRecipient, loadWish, RecipientDoc, requireStaff, settingsOf, toCard, toView, W, WishDoc } from '../store';
import { ownRecipients } from './recipients';

type In<K extends keyof typeof wishContract.actions> = ParsedInputOf<typeof wishContract, K>;

/**
 * Each sort, with a bound on its field that every published wish meets. The bound changes no
 * result; it tells the planner the (filter…, sort field) index is the one to walk in order, also
 * when a value or urgency range is filtered on another field (database/wishes.ts).
 */
const SORTS: Record<BrowseSort, { key: SortKey; floor: number }> = {
  newest: { key: { field: 'publishedAt', order: 'desc' }, floor: 1 },
  'wanted-by': { key: { field: 'wantedBy', order: 'asc' }, floor: 0 },
  'value-asc': { key: { field: 'valueFen', order: 'asc' }, floor: 0 },
  'value-desc': { key: { field: 'valueFen', order: 'desc' }, floor: 0 },
};

export function browseWhere(ctx: Pick<Ctx, 'db' | 'now' | 'config'>, input: In<'browse'>): DocData {
  const _ = ctx.db.command;
  const eq: DocData = { status: 'published' };
  if (input.communityId) eq.communityId = input.communityId;
  if (input.category) eq.category = input.category;
  const parts: DocData[] = [eq];
  if (input.minFen !== undefined) parts.push({ valueFen: _.gte(input.minFen) });
  if (input.maxFen !== undefined) parts.push({ valueFen: _.lte(input.maxFen) });
  if (input.urgent) parts.push({ wantedBy: _.lte(wantedByInstant(addDays(dayOf(ctx.now()), settingsOf(ctx).urgentDays))) });
  // The floor steers the planner to the sort's index, ordered: right when the other filters are
  // broad (a value range, most of the wishes), wrong when one is narrow (urgent: a few wishes per
  // community, cheaper read through the wanted-by index and sorted). A range on the sort field
  // itself needs no floor.
  const sort = SORTS[input.sort];
  const ownRange = sort.key.field === 'valueFen' && (input.minFen !== undefined || input.maxFen !== undefined);
  const narrowOther = input.urgent === true && sort.key.field !== 'wantedBy';
  if (!ownRange && !narrowOther) parts.push({ [sort.key.field]: _.gte(sort.floor) });
  return _.and(parts);
}

export async function browse(input: In<'browse'>, ctx: Ctx): Promise<{ items: WishCard[]; next: string | null }> {
  if (input.minFen !== undefined && input.maxFen !== undefined && input.minFen > input.maxFen) {
    throw new AppError('invalid-argument', 'the lowest value is above the highest', {
      reason: 'wish.bad_value_range',
      issues: [{ path: ['input', 'minFen'], code: 'custom', message: 'minFen must not exceed maxFen' }],
    });
  }
  const page = await paginate(ctx.db, W, { where: browseWhere(ctx, input), sort: [SORTS[input.sort].key], after: input.after ?? null, limit: input.limit });
  const now = ctx.now();
  const urgentDays = settingsOf(ctx).urgentDays;
  return { items: page.items.map((d) => toCard(d as WishDoc, now, urgentDays)), next: page.next };
}

/** How many candidates recommend scores (the most urgent published wishes in scope). */
const RECOMMEND_POOL = 200;

export async function recommend(input: In<'recommend'>, ctx: Ctx) {
  const _ = ctx.db.command;
  const where: DocData = { status: 'published', wantedBy: _.gte(0) };
  if (input.communityId) where.communityId = input.communityId;
  const [pool, mine] = await Promise.all([
    ctx.db.collection(W).where(where).orderBy('wantedBy', 'asc').limit(RECOMMEND_POOL).get(),
    ctx.db.collection(W).where({ claimedBy: ctx.openid }).orderBy('claimedAt', 'desc').limit(50).get(),
  ]);
  const helped: Record<string, number> = {};
  for (const d of mine.data as WishDoc[]) helped[d.communityId] = (helped[d.communityId] ?? 0) + 1;
  const now = ctx.now();
  const urgentDays = settingsOf(ctx).urgentDays;
  const prefs = { categories: input.categories, budgetFen: input.budgetFen ?? null, helpedCommunities: helped, location: input.location ?? null };
  const candidates = (pool.data as WishDoc[]).filter((w) => w.postedBy !== ctx.openid);
  const places = input.location ? await communityLocations(ctx, [...new Set(candidates.map((w) => w.communityId))]) : new Map<string, ActivityLatLng>();
  const scored = candidates
    .map((w) => ({ card: toCard(w, now, urgentDays), ...recommendScore({ ...w, communityLocation: places.get(w.communityId) ?? null }, prefs, now) }))
    .sort((a, b) => b.score - a.score || a.card.wantedOn.localeCompare(b.card.wantedOn) || a.card.id.localeCompare(b.card.id));
  return { items: scored.slice(0, input.limit), considered: pool.data.length };
}

/** Each community's position from its GeoJSON `location` ([lng, lat]), for the distance part; one request. */
async function communityLocations(ctx: Ctx, ids: string[]): Promise<Map<string, ActivityLatLng>> {
  const out = new Map<string, ActivityLatLng>();
  if (ids.length === 0) return out;
  const res = await ctx.db.collection(Collections.communities).where({ _id: ctx.db.command.in(ids) }).field({ location: true }).limit(ids.length).get();
  for (const c of res.data as Array<{ _id: string; location?: unknown }>) {
    // wx-server-sdk answers a stored GeoJSON point as a Geo.Point (longitude, latitude); plain GeoJSON otherwise.
    const loc = c.location as { longitude?: unknown; latitude?: unknown; coordinates?: unknown } | undefined;
    const xy = typeof loc?.longitude === 'number' ? [loc.longitude, loc.latitude] : loc?.coordinates;
    if (Array.isArray(xy) && typeof xy[0] === 'number' && typeof xy[1] === 'number') out.set(c._id, { lat: xy[1], lng: xy[0] });
  }
  return out;
}

export async function get(input: In<'get'>, ctx: Ctx): Promise<WishView> {
  const w = await loadWish(ctx.db, input.wishId);
  const r = await loadRecipient(ctx.db, w.recipientId);
  const actors = await actorsOf(ctx, w, r);
  const related = [...actors].some((a) => a !== 'donor');
  // Someone with no relation sees only what is on public display (a published card's wish).
  if (!related && w.status !== 'published') throw new AppError('not-found', 'no such wish', { reason: 'wish.not_found' });
  return toView(w, actors, ctx.openid, ctx.now(), settingsOf(ctx), r);
}

async function viewsOf(ctx: Ctx, docs: WishDoc[]): Promise<WishView[]> {
  const cache = new Map<string, RecipientDoc>();
  const out: WishView[] = [];
  for (const w of docs) {
    let r = cache.get(w.recipientId);
    if (!r) {
      r = await loadRecipient(ctx.db, w.recipientId);
      cache.set(w.recipientId, r);
    }
    out.push(toView(w, await actorsOf(ctx, w, r), ctx.openid, ctx.now(), settingsOf(ctx), r));
  }
  return out;
}

/** A delivering volunteer's wishes: assigned and not yet signed off (sign-off by the printed code). */
const DELIVERING: WishDoc['status'][] = ['claimed', 'delivered'];

export async function mine(input: In<'mine'>, ctx: Ctx) {
  const byClaim = [{ field: 'claimedAt', order: 'desc' as const }];
  const q =
    input.as === 'claimed'
      ? { where: { claimedBy: ctx.openid }, sort: byClaim }
      : input.as === 'delivering'
        ? { where: { 'delivery.volunteerOpenid': ctx.openid, status: ctx.db.command.in(DELIVERING) }, sort: byClaim }
        : { where: { recipientId: ctx.db.command.in(await ownRecipientIds(ctx)) }, sort: [{ field: 'createdAt', order: 'desc' as const }] };
  const page = await paginate(ctx.db, W, { ...q, after: input.after ?? null, limit: input.limit });
  return { items: await viewsOf(ctx, page.items as WishDoc[]), next: page.next };
}

/** Recipients the caller posts for or signs off as: themselves, bound family, and those they posted for. */
async function ownRecipientIds(ctx: Ctx): Promise<string[]> {
  const [own, posted] = await Promise.all([
    ownRecipients(ctx),
    ctx.db.collection(W).where({ postedBy: ctx.openid }).orderBy('createdAt', 'desc').limit(60).field({ recipientId: true }).get(),
  ]);
  const ids = new Set<string>(own.map((d) => d._id));
  for (const d of posted.data) if (typeof d.recipientId === 'string') ids.add(d.recipientId);
  // `in` of an empty list matches nothing, which is the right answer.
  return [...ids].slice(0, 100);
}

export async function queue(input: In<'queue'>, ctx: Ctx) {
  await requireStaff(ctx, input.communityId);
  const page = await paginate(ctx.db, W, {
    where: { communityId: input.communityId, status: input.status },
    sort: [{ field: 'createdAt', order: 'desc' }],
    after: input.after ?? null,
    limit: input.limit,
  });
  return { items: await viewsOf(ctx, page.items as WishDoc[]), next: page.next };
}

/** At most this many fulfilled cards are listed per community and month. */
const DISCLOSURE_LIST = 100;

export async function disclosure(input: In<'disclosure'>, ctx: Ctx) {
  const _ = ctx.db.command;
  const [start, end] = wishMonthRange(input.month);
  const inMonth = (field: string) => _.and([{ communityId: input.communityId }, { [field]: _.gte(start) }, { [field]: _.lt(end) }]);
  const count = async (field: string) => (await ctx.db.collection(W).where(inMonth(field)).count()).total;
  const [posted, verified, claimed, fulfilled, expired, list] = await Promise.all([
    count('createdAt'),
    count('verifiedAt'),
    count('claimedAt'),
    count('confirmedAt'),
    count('expiredAt'),
    ctx.db.collection(W).where(inMonth('confirmedAt')).orderBy('confirmedAt', 'asc').limit(DISCLOSURE_LIST).get(),
  ]);
  const docs = (list.data as WishDoc[]).filter((w) => (FULFILLED_WISH_STATUSES as readonly string[]).includes(w.status) && w.confirmedAt !== null);
  const days = docs.map((w) => ((w.confirmedAt as number) - w.createdAt) / 86_400_000);
  const now = ctx.now();
  const urgentDays = settingsOf(ctx).urgentDays;
  return {
    communityId: input.communityId,
    month: input.month,
    figures: {
      posted,
      verified,
      claimed,
      fulfilled,
      expired,
      averageDaysToFulfil: days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null,
    },
    fulfilled: docs.map((w) => ({ ...toCard(w, now, urgentDays), fulfilledAt: w.confirmedAt as number })),
  };
}

