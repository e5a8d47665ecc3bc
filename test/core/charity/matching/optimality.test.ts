// The engine against independent oracles: exhaustive enumeration on small instances and successive
// shortest paths on medium ones; the same objective every time. Also: every allocation is allowed
// (restrictions, units, expiry, distance limit, positive score), no quantity is exceeded, the
// reported objective is the value of the reported allocations, and the result does not depend on
// the order of the input. FUZZ_RUNS scales the run counts.
import fc from 'fast-check';
import { matchOffersToNeeds } from '../../../../core/charity/matching/engine';
import type { MatchInput, MatchResult } from '../../../../core/charity/matching/types';
import { instance, permuted } from './arbitraries';
import { bruteForceObjective, oracleEligible, oracleObjective, oracleScore, sspObjective } from './oracles';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** Everything that must hold of any result, checked from the definition. */
function checkFeasibleAndConsistent(input: MatchInput, r: MatchResult): void {
  const offers = new Map(input.offers.map((o) => [o.id, o]));
  const needs = new Map(input.needs.map((n) => [n.id, n]));
  const offerUsed = new Map<string, number>();
  const needUsed = new Map<string, number>();
  for (const a of r.allocations) {
    const o = offers.get(a.offerId)!;
    const n = needs.get(a.needId)!;
    expect(o).toBeDefined();
    expect(n).toBeDefined();
    expect(Number.isInteger(a.quantity) && a.quantity > 0).toBe(true);
    expect(oracleEligible(o, n, input)).toBe(true); // restrictions, unit, category, expiry, distance limit
    expect(oracleScore(o, n, input)).toBe(a.score); // positive, and the score it claims
    const p = a.parts;
    expect(p.categoryFit + p.urgency + p.deadline + p.distance + p.expiry).toBe(a.score);
    offerUsed.set(o.id, (offerUsed.get(o.id) ?? 0) + a.quantity);
    needUsed.set(n.id, (needUsed.get(n.id) ?? 0) + a.quantity);
  }
  for (const [id, q] of offerUsed) expect(q).toBeLessThanOrEqual(offers.get(id)!.quantity);
  for (const [id, q] of needUsed) expect(q).toBeLessThanOrEqual(needs.get(id)!.quantity);
  // Explanations: every allocation is stopped by its offer or its need (else one more unit would
  // raise the objective), and says so; the flags agree with the totals.
  for (const a of r.allocations) {
    const exhausted = offerUsed.get(a.offerId) === offers.get(a.offerId)!.quantity;
    const filled = needUsed.get(a.needId) === needs.get(a.needId)!.quantity;
    expect(a.binding.includes('offer-exhausted')).toBe(exhausted);
    expect(a.binding.includes('need-filled')).toBe(filled);
    expect(exhausted || filled).toBe(true);
  }
  // Unmet quantities are exactly what is left.
  for (const n of input.needs) {
    const left = n.quantity - (needUsed.get(n.id) ?? 0);
    const u = r.unmet.needs.find((x) => x.needId === n.id);
    expect(u?.quantity ?? 0).toBe(left);
  }
  for (const o of input.offers) {
    const left = o.quantity - (offerUsed.get(o.id) ?? 0);
    const u = r.unmet.offers.find((x) => x.offerId === o.id);
    expect(u?.quantity ?? 0).toBe(left);
    if (u) expect(u.reason === 'expired').toBe(o.availableUntil < input.parameters.now);
  }
  // The reported objective is the value of the reported allocations.
  expect(r.objective).toBe(oracleObjective(input, r.allocations));
  expect(r.pairObjective + r.fairnessObjective).toBe(r.objective);
}

test('small instances: the engine reaches the exhaustive optimum', () => {
  // The generator must produce instances where something is at stake, or the test proves little.
  const seen = { allocated: 0, split: 0, fairness: 0, restricted: 0, unmet: 0 };
  fc.assert(
    fc.property(instance(3, 3, 3), (input) => {
      const r = matchOffersToNeeds(input);
      checkFeasibleAndConsistent(input, r);
      expect(r.objective).toBe(bruteForceObjective(input));
      if (r.allocations.length) seen.allocated++;
      if (new Set(r.allocations.map((a) => a.offerId)).size < r.allocations.length) seen.split++;
      if (r.fairnessObjective > 0) seen.fairness++;
      if (r.allocations.some((a) => a.binding.includes('donor-restriction'))) seen.restricted++;
      if (r.allocations.length && r.unmet.needs.some((u) => u.reason === 'offers-used-elsewhere')) seen.unmet++;
    }),
    { numRuns: RUNS },
  );
  const enough = Math.floor(RUNS / 50);
  for (const [what, count] of Object.entries(seen)) expect([what, count >= enough]).toEqual([what, true]);
});

test('small instances with pricing forced (one candidate arc per node, one added per round): still the exhaustive optimum', () => {
  fc.assert(
    fc.property(instance(4, 3, 2), (input) => {
      const r = matchOffersToNeeds(input, { candidates: 1, addPerRound: 1 });
      checkFeasibleAndConsistent(input, r);
      expect(r.objective).toBe(bruteForceObjective(input));
    }),
    { numRuns: RUNS },
  );
});

test('medium instances: the engine reaches the successive-shortest-path optimum, with default and with minimal pricing', () => {
  const runs = Math.max(10, Math.round(RUNS / 4));
  let priced = 0;
  let relayed = 0;
  fc.assert(
    fc.property(instance(20, 20, 12), (input) => {
      const expected = sspObjective(input);
      const r = matchOffersToNeeds(input);
      checkFeasibleAndConsistent(input, r);
      expect(r.objective).toBe(expected);
      const slow = matchOffersToNeeds(input, { candidates: 1, addPerRound: 1 });
      expect(slow.objective).toBe(expected);
      // Pricing really added arcs after the first solve of some component.
      if (slow.stats.pricingRounds > slow.stats.components) priced++;
      // Relays (separable pairs without a location on one side) carried some of the solution.
      if (r.stats.relays > 0 && r.allocations.some((a) => a.distanceKm === null)) relayed++;
    }),
    { numRuns: runs },
  );
  expect(priced).toBeGreaterThanOrEqual(Math.floor(runs / 4));
  expect(relayed).toBeGreaterThanOrEqual(Math.floor(runs / 4));
});

test('deterministic: the same result for the same input, and for its offers and needs in any order', () => {
  fc.assert(
    fc.property(instance(8, 8, 6), fc.integer(), (input, seed) => {
      const r = matchOffersToNeeds(input);
      expect(matchOffersToNeeds(input)).toEqual(r);
      expect(matchOffersToNeeds(permuted(input, seed))).toEqual(r);
    }),
    { numRuns: RUNS },
  );
});
