// fast-check generators of matching instances: small ones for exhaustive search, medium ones for the
// successive-shortest-path oracle. Categories, units, communities and places are drawn from small
// sets so that pairs collide, restrictions bite and fairness groups share demand.
import fc from 'fast-check';
import { URGENCIES, type MatchInput, type MatchNeed, type MatchOffer, type MatchParameters } from '../../../../core/charity/matching/types';

export const NOW = Date.UTC(2026, 11, 2, 8);
const DAY = 86_400_000;
const CATEGORIES = ['rice', 'oil', 'clothes'];
/** Mostly the first two, so that pairs collide. */
const category = fc.constantFrom('rice', 'rice', 'rice', 'oil', 'clothes');
const COMMUNITIES = ['c1', 'c2', 'c3'];
const GROUPS = ['elderly', 'children'];
const PURPOSES = ['education', 'meals'];

// Points within about 25 km, so that the distance penalty sometimes makes a pair non-positive.
const place = fc.option(fc.record({ lat: fc.double({ min: 31.1, max: 31.3, noNaN: true }), lng: fc.double({ min: 121.4, max: 121.6, noNaN: true }) }), { freq: 5 });
const sub = <T>(xs: T[]) => fc.subarray(xs, { minLength: 1 });

// Usually one kind of restriction, sometimes two (a donor rarely restricts everything at once).
const oneRestriction = fc.oneof(
  fc.record({ communityIds: sub(COMMUNITIES) }),
  fc.record({ purposes: sub(PURPOSES) }),
  fc.record({ needCategories: sub(CATEGORIES) }),
  fc.record({ beneficiaryGroups: sub(GROUPS) }),
);
const restrictions = fc.option(
  fc.oneof({ arbitrary: oneRestriction, weight: 3 }, { arbitrary: fc.tuple(oneRestriction, oneRestriction).map(([a, b]) => ({ ...a, ...b })), weight: 1 }),
  { freq: 3, nil: undefined },
);

const offer = (maxQ: number, i: number) =>
  fc.record({
    category,
    quantity: fc.oneof({ arbitrary: fc.integer({ min: 1, max: maxQ }), weight: 9 }, { arbitrary: fc.constant(0), weight: 1 }),
    unit: fc.constantFrom('bag', 'bag', 'bag', 'bag', 'bag', 'kg'),
    pickup: place,
    availableUntil: fc.integer({ min: -1, max: 20 }).map((d) => NOW + d * DAY),
    restrictions,
  }).map((o): MatchOffer => ({ id: `o${i}`, donorId: `d${i % 2}`, ...o }));

const need = (maxQ: number, i: number) =>
  fc.record({
    communityId: fc.constantFrom(...COMMUNITIES),
    location: place,
    category,
    quantity: fc.oneof({ arbitrary: fc.integer({ min: 1, max: maxQ }), weight: 9 }, { arbitrary: fc.constant(0), weight: 1 }),
    unit: fc.constantFrom('bag', 'bag', 'bag', 'bag', 'bag', 'kg'),
    urgency: fc.constantFrom(...URGENCIES),
    deadline: fc.integer({ min: -3, max: 40 }).map((d) => NOW + d * DAY),
    beneficiaryGroup: fc.constantFrom(...GROUPS),
    purpose: fc.option(fc.constantFrom(...PURPOSES), { nil: undefined }),
  }).map((n): MatchNeed => ({ id: `n${i}`, ...n }));

const parameters: fc.Arbitrary<MatchParameters> = fc.record(
  {
    weights: fc.record(
      {
        categoryFit: fc.integer({ min: 100, max: 1000 }),
        urgency: fc.integer({ min: 0, max: 1000 }),
        deadline: fc.integer({ min: 0, max: 1000 }),
        distance: fc.integer({ min: 0, max: 400 }),
        expiry: fc.integer({ min: 0, max: 1000 }),
        fairness: fc.integer({ min: 0, max: 1000 }),
      },
      { requiredKeys: [] },
    ),
    categoryFits: fc.constantFrom(
      [{ offerCategory: 'rice', needCategory: 'oil', fit: 0.5 }],
      [
        { offerCategory: 'clothes', needCategory: 'rice', fit: 0.3 },
        { offerCategory: 'rice', needCategory: 'clothes', fit: 1 },
      ],
    ),
    maxDistanceKm: fc.integer({ min: 3, max: 30 }),
    distanceRefKm: fc.integer({ min: 3, max: 30 }),
    fairnessTiers: fc.constantFrom(
      [{ upTo: 1, bonus: 1 }],
      [
        { upTo: 0.5, bonus: 1 },
        { upTo: 1, bonus: 0.2 },
      ],
      [
        { upTo: 0.3, bonus: 0.9 },
        { upTo: 0.6, bonus: 0.9 },
        { upTo: 0.7, bonus: 0.4 },
        { upTo: 1, bonus: 0 },
      ],
    ),
  },
  { requiredKeys: [] },
).map((p) => ({ now: NOW, ...p }));

export function instance(maxOffers: number, maxNeeds: number, maxQ: number): fc.Arbitrary<MatchInput> {
  return fc
    .tuple(fc.integer({ min: Math.ceil(maxOffers / 2), max: maxOffers }), fc.integer({ min: Math.ceil(maxNeeds / 2), max: maxNeeds }))
    .chain(([o, n]) =>
      fc.record({
        offers: fc.tuple(...Array.from({ length: o }, (_, i) => offer(maxQ, i))),
        needs: fc.tuple(...Array.from({ length: n }, (_, i) => need(maxQ, i))),
        parameters,
      }),
    );
}

/** The same instance with its offers and needs in another order. */
export function permuted(input: MatchInput, seed: number): MatchInput {
  const shuffle = <T>(xs: readonly T[]): T[] => {
    const out = [...xs];
    let s = seed >>> 0 || 1;
    for (let i = out.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const j = s % (i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return { ...input, offers: shuffle(input.offers), needs: shuffle(input.needs) };
}
