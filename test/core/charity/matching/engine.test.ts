// Worked examples of the matching engine: score parts by hand, a case greedy gets wrong, fairness
// splitting a scarce offer, restrictions and money pledges, unmet reasons, and input validation.
import { haversineKm } from '../../../../core/geo';
import { matchOffersToNeeds, pairScore, resolveParameters, fairnessTierLengths } from '../../../../core/charity/matching/engine';
import { MatchInputError, type MatchInput, type MatchNeed, type MatchOffer } from '../../../../core/charity/matching/types';

const NOW = Date.UTC(2026, 11, 2, 8);
const DAY = 86_400_000;
const at = (lat: number) => ({ lat, lng: 121.5 });

const offer = (id: string, over: Partial<MatchOffer> = {}): MatchOffer => ({
  id,
  donorId: 'd1',
  category: 'rice',
  quantity: 1,
  unit: 'bag',
  pickup: at(31.2),
  availableUntil: NOW + 30 * DAY,
  ...over,
});
const need = (id: string, over: Partial<MatchNeed> = {}): MatchNeed => ({
  id,
  communityId: 'c1',
  location: at(31.2),
  category: 'rice',
  quantity: 1,
  unit: 'bag',
  urgency: 'low',
  deadline: NOW + 60 * DAY,
  beneficiaryGroup: 'elderly',
  ...over,
});

describe('score parts', () => {
  test('each part is round(weight × term) with the documented terms and defaults', () => {
    const P = resolveParameters({ now: NOW });
    const o = offer('o', { pickup: at(31.2), availableUntil: NOW + 7 * DAY });
    const n = need('n', { location: at(31.25), urgency: 'high', deadline: NOW + 12 * DAY });
    const km = haversineKm(o.pickup!, n.location!);
    expect(km).toBeCloseTo(5.56, 2); // 0.05° of latitude
    const { score, parts, distanceKm } = pairScore(o, n, P);
    expect(distanceKm).toBe(km);
    expect(parts).toEqual({
      categoryFit: 400, // 400 × 1
      urgency: 200, // 300 × 2/3
      deadline: 120, // 200 × (1 − 12/30)
      distance: -Math.round((300 / 10) * km), // −30 points per km → −167
      expiry: 50, // 100 × (1 − 7/14)
    });
    expect(parts.distance).toBe(-167);
    expect(score).toBe(400 + 200 + 120 - 167 + 50);
  });

  test('no location on either side: no distance part; past deadline and past-due expiry pressure clamp to 1', () => {
    const P = resolveParameters({ now: NOW, weights: { urgency: 0 } });
    const { parts } = pairScore(offer('o', { pickup: null, availableUntil: NOW }), need('n', { deadline: NOW - DAY }), P);
    expect(parts).toEqual({ categoryFit: 400, urgency: 0, deadline: 200, distance: 0, expiry: 100 });
  });

  test('fairness tiers split the demand by floor(D × upTo)', () => {
    expect(fairnessTierLengths(10, [{ upTo: 0.25, bonus: 1 }, { upTo: 0.5, bonus: 0.5 }, { upTo: 1, bonus: 0 }])).toEqual([2, 3, 5]);
    expect(fairnessTierLengths(100, [{ upTo: 0.57, bonus: 1 }, { upTo: 1, bonus: 0 }])).toEqual([57, 43]);
    expect(fairnessTierLengths(1, [{ upTo: 0.5, bonus: 1 }, { upTo: 1, bonus: 0 }])).toEqual([0, 1]);
  });
});

describe('optimality on a hand-made case', () => {
  // Only category fit and distance count: score = 100 − round(10 × km). o1 is as close to n1 as to
  // itself; o2 may only serve community c1 (n1). Greedy takes o1 → n1 (100) and strands o2.
  const input: MatchInput = {
    offers: [offer('o1', { pickup: at(31.2) }), offer('o2', { pickup: at(31.22), restrictions: { communityIds: ['c1'] } })],
    needs: [need('n1', { communityId: 'c1', location: at(31.2) }), need('n2', { communityId: 'c2', location: at(31.21) })],
    parameters: { now: NOW, weights: { categoryFit: 100, urgency: 0, deadline: 0, expiry: 0, distance: 100, fairness: 0 }, distanceRefKm: 10 },
  };

  test('the engine sends o1 to n2 and o2 to n1 (167 > greedy 100) and explains both', () => {
    const r = matchOffersToNeeds(input);
    expect(r.allocations.map((a) => [a.offerId, a.needId, a.quantity, a.score])).toEqual([
      ['o1', 'n2', 1, 89], // 1.11 km
      ['o2', 'n1', 1, 78], // 2.22 km
    ]);
    expect(r.objective).toBe(167);
    expect(r.fairnessObjective).toBe(0);
    expect(r.allocations[0]!.binding).toEqual(['offer-exhausted', 'need-filled']);
    expect(r.allocations[1]!.binding).toEqual(['offer-exhausted', 'need-filled', 'donor-restriction']);
    expect(r.unmet).toEqual({ needs: [], offers: [] });
  });
});

describe('fairness across communities', () => {
  // One offer of 4 bags; c1's need scores 100 per bag, c2's 95. Tiers: the first half of a
  // community's demand earns 20 points per bag, the rest nothing.
  const base = (fairness: number): MatchInput => ({
    offers: [offer('o1', { quantity: 4, pickup: null })],
    needs: [need('n1', { communityId: 'c1', quantity: 4 }), need('n2', { communityId: 'c2', quantity: 4, urgency: 'normal' })],
    parameters: {
      now: NOW,
      weights: { categoryFit: 100, urgency: 15, deadline: 0, expiry: 0, distance: 0, fairness },
      fairnessTiers: [
        { upTo: 0.5, bonus: 1 },
        { upTo: 1, bonus: 0 },
      ],
    },
  });

  test('without the fairness weight everything goes to the better-scoring community', () => {
    const r = matchOffersToNeeds(base(0));
    expect(r.allocations.map((a) => [a.needId, a.quantity, a.score])).toEqual([['n2', 4, 105]]);
  });

  test('with it the scarce offer is split at the tier boundary, and the allocations say why', () => {
    const r = matchOffersToNeeds(base(20));
    // n2 scores 105 (urgency normal: 15 × 1/3 = 5), n1 100. All to n2: 420 + 2×20 = 460.
    // Split 2/2: 210 + 200 + 4×20 = 490.
    expect(r.allocations.map((a) => [a.needId, a.quantity])).toEqual([
      ['n1', 2],
      ['n2', 2],
    ]);
    expect(r.objective).toBe(490);
    expect(r.fairnessObjective).toBe(80);
    expect(r.fairness.map((g) => [g.communityId, g.demand, g.allocated, g.bonus])).toEqual([
      ['c1', 4, 2, 40],
      ['c2', 4, 2, 40],
    ]);
    for (const a of r.allocations) {
      expect(a.binding).toContain('fairness-tier');
      expect(a.fairnessPerUnit).toBe(20);
    }
    expect(r.allocations.every((a) => a.binding.includes('offer-exhausted'))).toBe(true);
    expect(r.unmet.needs).toEqual([
      { needId: 'n1', quantity: 2, unit: 'bag', reason: 'offers-used-elsewhere' },
      { needId: 'n2', quantity: 2, unit: 'bag', reason: 'offers-used-elsewhere' },
    ]);
  });
});

describe('restrictions, units, categories and money', () => {
  test('a money pledge restricted to a purpose only pays for needs with that purpose, split across them in fen', () => {
    const r = matchOffersToNeeds({
      offers: [offer('m1', { category: 'money', unit: 'fen', quantity: 50_000, pickup: null, restrictions: { purposes: ['education'] } })],
      needs: [
        need('n1', { category: 'money', unit: 'fen', quantity: 30_000, purpose: 'education', urgency: 'critical' }),
        need('n2', { category: 'money', unit: 'fen', quantity: 30_000, purpose: 'education' }),
        need('n3', { category: 'money', unit: 'fen', quantity: 90_000, purpose: 'meals', urgency: 'critical' }),
      ],
      parameters: { now: NOW },
    });
    expect(r.allocations.map((a) => [a.needId, a.quantity])).toEqual([
      ['n1', 30_000],
      ['n2', 20_000],
    ]);
    expect(r.allocations.every((a) => a.binding.includes('donor-restriction'))).toBe(true);
    expect(r.unmet.needs.find((u) => u.needId === 'n3')).toEqual({ needId: 'n3', quantity: 90_000, unit: 'fen', reason: 'no-eligible-offer' });
  });

  test('units must be equal; a partial category fit lowers the score by its share of the weight', () => {
    const r = matchOffersToNeeds({
      offers: [offer('o1', { category: 'winter-coat', unit: 'piece', quantity: 3 }), offer('o2', { unit: 'kg', quantity: 5 })],
      needs: [need('n1', { category: 'clothes', unit: 'piece', quantity: 2 }), need('n2', { quantity: 5 })],
      parameters: { now: NOW, categoryFits: [{ offerCategory: 'winter-coat', needCategory: 'clothes', fit: 0.5 }] },
    });
    expect(r.allocations.map((a) => [a.offerId, a.needId, a.quantity, a.parts.categoryFit])).toEqual([['o1', 'n1', 2, 200]]);
    expect(r.unmet.offers).toEqual([
      { offerId: 'o1', quantity: 1, unit: 'piece', reason: 'needs-filled-elsewhere' },
      { offerId: 'o2', quantity: 5, unit: 'kg', reason: 'no-eligible-need' },
    ]);
  });

  test('expired offers, the distance limit and non-positive scores are reported as such', () => {
    const r = matchOffersToNeeds({
      offers: [
        offer('expired', { availableUntil: NOW - 1 }),
        offer('far', { pickup: at(31.5) }), // 33 km from every need
        offer('limited', { pickup: at(31.21), category: 'oil' }),
      ],
      needs: [need('n1'), need('n2', { category: 'oil', location: at(31.7) })],
      parameters: { now: NOW, maxDistanceKm: 40 },
    });
    // far → n1: 33.4 km → −1001 points: eligible but not positive. limited → n2: 54 km > 40 km.
    expect(r.allocations).toEqual([]);
    expect(r.unmet.offers.map((u) => [u.offerId, u.reason])).toEqual([
      ['expired', 'expired'],
      ['far', 'no-positive-score'],
      ['limited', 'no-eligible-need'],
    ]);
    expect(r.unmet.needs.map((u) => [u.needId, u.reason])).toEqual([
      ['n1', 'no-positive-score'],
      ['n2', 'no-eligible-offer'],
    ]);
  });

  test('an allocation next to a need excluded by the distance limit says so', () => {
    const r = matchOffersToNeeds({
      offers: [offer('o1', { quantity: 2 })],
      needs: [need('near', { location: at(31.21) }), need('too-far', { location: at(31.7) })],
      parameters: { now: NOW, maxDistanceKm: 20 },
    });
    // c1's rice demand is 2 and 1 is served: the end of the half-demand tier, hence fairness-tier too.
    expect(r.allocations.map((a) => [a.needId, a.binding])).toEqual([['near', ['need-filled', 'distance-limit', 'fairness-tier']]]);
  });
});

describe('input validation', () => {
  const ok: MatchInput = { offers: [offer('o1')], needs: [need('n1')], parameters: { now: NOW } };
  const issuesOf = (input: unknown): string[] => {
    try {
      matchOffersToNeeds(input as MatchInput);
    } catch (e) {
      expect(e).toBeInstanceOf(MatchInputError);
      return (e as MatchInputError).issues;
    }
    throw new Error('expected MatchInputError');
  };

  test('a valid input passes', () => {
    expect(matchOffersToNeeds(ok).allocations).toHaveLength(1);
  });

  test.each([
    ['duplicate offer ids', { ...ok, offers: [offer('o1'), offer('o1')] }, 'offers[1].id: duplicate offer id "o1"'],
    ['duplicate need ids', { ...ok, needs: [need('n1'), need('n1')] }, 'needs[1].id: duplicate need id "n1"'],
    ['fractional quantity', { ...ok, offers: [offer('o1', { quantity: 1.5 })] }, 'offers[0].quantity: must be an integer from 0 to 1000000000000'],
    ['negative quantity', { ...ok, needs: [need('n1', { quantity: -1 })] }, 'needs[0].quantity: must be an integer from 0 to 1000000000000'],
    ['unknown urgency', { ...ok, needs: [need('n1', { urgency: 'urgent' as never })] }, 'needs[0].urgency: must be one of low, normal, high, critical'],
    ['latitude out of range', { ...ok, offers: [offer('o1', { pickup: { lat: 91, lng: 0 } })] }, 'offers[0].pickup: must be null or { lat ∈ [−90, 90], lng ∈ [−180, 180] }'],
    ['NaN time', { ...ok, parameters: { now: NaN } }, 'parameters.now: must be a finite epoch-millisecond number'],
    ['negative weight', { ...ok, parameters: { now: NOW, weights: { distance: -1 } } }, 'parameters.weights.distance: must be a number from 0 to 1000'],
    ['unknown weight', { ...ok, parameters: { now: NOW, weights: { luck: 1 } } }, 'parameters.weights.luck: unknown weight'],
    [
      'convex tiers',
      { ...ok, parameters: { now: NOW, fairnessTiers: [{ upTo: 0.5, bonus: 0.2 }, { upTo: 1, bonus: 1 }] } },
      "parameters.fairnessTiers[1].bonus: must not exceed the previous tier's (the utility is concave)",
    ],
    ['tiers not reaching 1', { ...ok, parameters: { now: NOW, fairnessTiers: [{ upTo: 0.5, bonus: 1 }] } }, 'parameters.fairnessTiers: the last tier must reach upTo = 1'],
    ['fit out of range', { ...ok, parameters: { now: NOW, categoryFits: [{ offerCategory: 'a', needCategory: 'b', fit: 2 }] } }, 'parameters.categoryFits[0].fit: must be a number in (0, 1]'],
    ['restriction list of numbers', { ...ok, offers: [offer('o1', { restrictions: { communityIds: [1 as never] } })] }, 'offers[0].restrictions.communityIds: must be a list of non-empty strings'],
  ])('%s', (_name, input, issue) => {
    expect(issuesOf(input)).toContain(issue);
  });

  test('not an object at all', () => {
    expect(issuesOf(null)).toEqual(['input: must be an object']);
    expect(issuesOf({ offers: {}, needs: [], parameters: {} })).toEqual(['offers: must be an array']);
  });

  test('quantities adding up beyond the exact-integer bound are refused', () => {
    const big = Array.from({ length: 3 }, (_, i) => offer(`o${i}`, { quantity: 5e11 }));
    expect(issuesOf({ ...ok, offers: big })).toContain('offers: the quantities add up to more than 1000000000000');
  });
});
