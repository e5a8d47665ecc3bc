// Donor browsing: filters, sorts and cursor pages while wishes change. Between every two pages
// other wishes are published (ahead of and behind the cursor), claimed (leaving the list) and
// closed. Every card that stayed published and unchanged throughout must appear exactly once, in
// order; no card twice; a claimed card never after its claim. Each sort × filter combination.
import { BrowseSort } from '../../../core';
import { db } from '../../server/fixtures/db';
import { call, community, Community, DAY, expectOk, NOW, plantRecipient, plantWish } from './helpers';
import type { RecipientDoc, WishDoc } from '../../../cloudfunctions/wish/store';

let c: Community;
let recipients: RecipientDoc[];
beforeAll(async () => {
  c = await community('browse');
  recipients = await Promise.all([0, 1, 2].map(() => plantRecipient(c)));
});

/** Deterministic pseudo-random numbers (mulberry32), so a failure repeats. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = ['study', 'health', 'daily-living'] as const;

async function plantRandom(rand: () => number, fields: Partial<WishDoc> = {}): Promise<WishDoc> {
  const wantedDays = 2 + Math.floor(rand() * 40);
  return plantWish(c, recipients[Math.floor(rand() * recipients.length)]!, 'published', {
    category: CATEGORIES[Math.floor(rand() * 3)]!,
    // Few distinct values, so ties on the sort field are common (the _id breaks them).
    valueFen: 1000 * (1 + Math.floor(rand() * 8)),
    publishedAt: NOW - Math.floor(rand() * 6) * DAY,
    wantedBy: NOW + wantedDays * DAY,
    wantedOn: new Date(NOW + wantedDays * DAY + 8 * 3_600_000).toISOString().slice(0, 10),
    ...fields,
  });
}

const SORT_KEY: Record<BrowseSort, (w: { publishedAt: number; wantedBy?: number; valueFen: number; wantedOn: string }) => number> = {
  newest: (w) => -w.publishedAt,
  'wanted-by': (w) => Date.parse(`${w.wantedOn}T00:00:00+08:00`),
  'value-asc': (w) => w.valueFen,
  'value-desc': (w) => -w.valueFen,
};

const combos: Array<[BrowseSort, Record<string, unknown>]> = [
  ['newest', {}],
  ['wanted-by', { category: 'study' }],
  ['value-asc', { minFen: 2000, maxFen: 6000 }],
  ['value-desc', { category: 'health', minFen: 3000 }],
  ['newest', { urgent: true }],
];

test.each(combos)('sort %s with filters %j: nothing skipped or repeated while wishes change', async (sort, filters) => {
  const rand = rng(sort.length * 7919 + JSON.stringify(filters).length);
  const initial = await Promise.all(Array.from({ length: 30 }, () => plantRandom(rand)));
  const input = { communityId: c.id, sort, limit: 4, ...filters };
  const seen: string[] = [];
  const removed = new Set<string>();
  const touched = new Set<string>();
  let after: string | undefined;
  for (let page = 0; page < 40; page++) {
    const res = expectOk(await call(c.donor, 'browse', after ? { ...input, after } : input));
    for (const card of res.items) {
      expect(removed.has(card.id)).toBe(false);
      seen.push(card.id);
      // Cards are masked cards only.
      expect(Object.keys(card).sort()).toEqual(
        ['ageBand', 'category', 'communityId', 'communityName', 'group', 'id', 'item', 'maskedName', 'pledgedFen', 'pooled', 'publishedAt', 'status', 'urgent', 'valueFen', 'wantedOn'].sort(),
      );
    }
    // Keys never go backwards within the scroll.
    for (let i = 1; i < res.items.length; i++) expect(SORT_KEY[sort](res.items[i])).toBeGreaterThanOrEqual(SORT_KEY[sort](res.items[i - 1]));
    if (!res.next) break;
    after = res.next;
    // Meanwhile: two new published wishes, one claimed, one closed (not yet seen ones too).
    const fresh = await Promise.all([plantRandom(rand), plantRandom(rand)]);
    fresh.forEach((w) => touched.add(w._id));
    const pool = initial.filter((w) => !removed.has(w._id));
    for (const status of ['claimed', 'closed']) {
      const victim = pool[Math.floor(rand() * pool.length)];
      if (!victim || removed.has(victim._id)) continue;
      await db().collection('wishes').doc(victim._id).update({ data: { status, version: victim.version + 1 } });
      removed.add(victim._id);
      touched.add(victim._id);
    }
  }
  expect(new Set(seen).size).toBe(seen.length);
  // Every wish that matched the filters and stayed put throughout was seen exactly once.
  const matches = (w: WishDoc) =>
    (!filters.category || w.category === filters.category) &&
    (filters.minFen === undefined || w.valueFen >= (filters.minFen as number)) &&
    (filters.maxFen === undefined || w.valueFen <= (filters.maxFen as number)) &&
    (!filters.urgent || w.wantedBy <= Date.parse('2026-11-27T16:00:00Z'));
  const stable = initial.filter((w) => !touched.has(w._id) && matches(w)).map((w) => w._id);
  expect(stable.length).toBeGreaterThan(0);
  for (const id of stable) expect(seen).toContain(id);
  // Nothing outside the filters (or another community's) slipped in.
  const all = new Map([...initial].map((w) => [w._id, w]));
  for (const id of seen) if (all.has(id)) expect(matches(all.get(id)!)).toBe(true);
  // Close this combination's wishes so the next one starts from an empty community list.
  await Promise.all([...initial.map((w) => w._id), ...touched].map((id) => db().collection('wishes').doc(id).update({ data: { status: 'closed' } })));
});

test('hostile or inconsistent browse input is invalid-argument', async () => {
  for (const input of [{ minFen: 5000, maxFen: 100 }, { sort: 'random' }, { limit: 0 }, { limit: 51 }, { after: 'not a cursor!' }, { after: 'eyJ2IjoxfQ' }, { category: { $ne: null } }]) {
    const res = await call(c.donor, 'browse', input);
    expect({ input, code: res.ok ? 'ok' : res.error.code }).toEqual({ input, code: 'invalid-argument' });
  }
});
