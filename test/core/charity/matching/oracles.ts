// Independent solvers used as oracles by the matching tests. None of them shares code with the
// engine's optimiser (core/charity/matching/network-simplex.ts).
import { haversineKm } from '../../../../core/geo';
import { pairScore, resolveParameters } from '../../../../core/charity/matching/engine';
import type { MatchInput, MatchNeed, MatchOffer } from '../../../../core/charity/matching/types';

/**
 * Min-cost flow by successive shortest paths with Bellman–Ford (no potentials, no tree): slow,
 * obviously correct. Minimises Σ cost·flow with 0 ≤ flow ≤ cap and net outflow = supply; Σ supply = 0.
 * Returns null when the supplies cannot be routed. Costs may be negative as long as the network has
 * no negative cycle (ours are DAGs).
 */
export function sspMinCostFlow(p: {
  nodeCount: number;
  supply: number[];
  arcs: { from: number; to: number; cap: number; cost: number }[];
}): { cost: number; flow: number[] } | null {
  const n = p.nodeCount + 2;
  const S = p.nodeCount;
  const T = p.nodeCount + 1;
  type E = { to: number; cap: number; cost: number; rev: number; orig: number };
  const g: E[][] = Array.from({ length: n }, () => []);
  const add = (from: number, to: number, cap: number, cost: number, orig: number) => {
    g[from]!.push({ to, cap, cost, rev: g[to]!.length, orig });
    g[to]!.push({ to: from, cap: 0, cost: -cost, rev: g[from]!.length - 1, orig: -1 });
  };
  p.arcs.forEach((a, i) => add(a.from, a.to, a.cap, a.cost, i));
  let need = 0;
  p.supply.forEach((s, v) => {
    if (s > 0) {
      add(S, v, s, 0, -1);
      need += s;
    } else if (s < 0) add(v, T, -s, 0, -1);
  });
  let cost = 0;
  while (need > 0) {
    const dist = new Array<number>(n).fill(Infinity);
    const prevNode = new Array<number>(n).fill(-1);
    const prevEdge = new Array<number>(n).fill(-1);
    dist[S] = 0;
    for (let round = 0; round < n; round++) {
      let changed = false;
      for (let u = 0; u < n; u++) {
        if (dist[u] === Infinity) continue;
        g[u]!.forEach((e, i) => {
          if (e.cap > 0 && dist[u]! + e.cost < dist[e.to]!) {
            dist[e.to] = dist[u]! + e.cost;
            prevNode[e.to] = u;
            prevEdge[e.to] = i;
            changed = true;
          }
        });
      }
      if (!changed) break;
    }
    if (dist[T] === Infinity) return null;
    let push = need;
    for (let v = T; v !== S; v = prevNode[v]!) push = Math.min(push, g[prevNode[v]!]![prevEdge[v]!]!.cap);
    for (let v = T; v !== S; v = prevNode[v]!) {
      const e = g[prevNode[v]!]![prevEdge[v]!]!;
      e.cap -= push;
      g[v]![e.rev]!.cap += push;
    }
    need -= push;
    cost += push * dist[T]!;
  }
  const flow = new Array<number>(p.arcs.length).fill(0);
  for (let u = 0; u < n; u++) for (const e of g[u]!) if (e.orig >= 0) flow[e.orig] = p.arcs[e.orig]!.cap - e.cap;
  return { cost, flow };
}

// ---------------------------------------------------------------------------------------------
// Brute force for the matching objective, written from docs/charity-matching.md. It shares only the
// per-pair score formula (pairScore, haversineKm: the definition of the score, tested on its own
// in engine.test.ts) with the engine; eligibility, restrictions, fairness tiers and the search are
// its own.

const DEFAULT_TIERS = [
  { upTo: 0.25, bonus: 1 },
  { upTo: 0.5, bonus: 0.5 },
  { upTo: 1, bonus: 0 },
];

/** Is this pair allowed at all (before its score)? Independent of the engine's code. */
export function oracleEligible(o: MatchOffer, n: MatchNeed, input: MatchInput): boolean {
  const p = input.parameters;
  if (o.quantity <= 0 || n.quantity <= 0) return false;
  if (o.unit !== n.unit) return false;
  if (o.availableUntil < p.now) return false;
  if (o.category !== n.category && !(p.categoryFits ?? []).some((f) => f.offerCategory === o.category && f.needCategory === n.category && f.fit > 0)) return false;
  const r = o.restrictions ?? {};
  if (r.communityIds?.length && !r.communityIds.includes(n.communityId)) return false;
  if (r.purposes?.length && (n.purpose === undefined || !r.purposes.includes(n.purpose))) return false;
  if (r.needCategories?.length && !r.needCategories.includes(n.category)) return false;
  if (r.beneficiaryGroups?.length && !r.beneficiaryGroups.includes(n.beneficiaryGroup)) return false;
  if (p.maxDistanceKm !== undefined && o.pickup && n.location && haversineKm(o.pickup, n.location) > p.maxDistanceKm) return false;
  return true;
}

/** The pair's per-unit score if it may be allocated (eligible and > 0), else null. */
export function oracleScore(o: MatchOffer, n: MatchNeed, input: MatchInput): number | null {
  if (!oracleEligible(o, n, input)) return null;
  const s = pairScore(o, n, resolveParameters(input.parameters)).score;
  return s > 0 ? s : null;
}

const groupKey = (n: MatchNeed) => JSON.stringify([n.communityId, n.category, n.unit]);

/** Fairness points of a group that got `allocated` of its `demand`, from the documented tiers. */
export function oracleFairness(allocated: number, demand: number, input: MatchInput): number {
  const tiers = input.parameters.fairnessTiers ?? DEFAULT_TIERS;
  const w = input.parameters.weights?.fairness ?? 150;
  let value = 0;
  let start = 0;
  for (const t of tiers) {
    const end = Math.min(demand, Math.floor(demand * t.upTo + 1e-9));
    if (end > start) {
      const inTier = Math.max(0, Math.min(allocated, end) - start);
      value += inTier * Math.round(w * t.bonus);
      start = end;
    }
  }
  return value;
}

/** The objective of any allocation list, computed from the definition. */
export function oracleObjective(input: MatchInput, allocations: { offerId: string; needId: string; quantity: number }[]): number {
  const offers = new Map(input.offers.map((o) => [o.id, o]));
  const needs = new Map(input.needs.map((n) => [n.id, n]));
  const demand = new Map<string, number>();
  for (const n of input.needs) demand.set(groupKey(n), (demand.get(groupKey(n)) ?? 0) + n.quantity);
  const got = new Map<string, number>();
  let value = 0;
  for (const a of allocations) {
    const o = offers.get(a.offerId)!;
    const n = needs.get(a.needId)!;
    const s = oracleScore(o, n, input);
    if (s === null) throw new Error(`allocation ${a.offerId}→${a.needId} is not allowed`);
    value += a.quantity * s;
    got.set(groupKey(n), (got.get(groupKey(n)) ?? 0) + a.quantity);
  }
  for (const [g, q] of got) value += oracleFairness(q, demand.get(g)!, input);
  return value;
}

/** Exhaustive search over every integer allocation of the allowed pairs. Small instances only. */
export function bruteForceObjective(input: MatchInput): number {
  const arcs: { o: MatchOffer; n: MatchNeed; s: number }[] = [];
  for (const o of input.offers) for (const n of input.needs) {
    const s = oracleScore(o, n, input);
    if (s !== null) arcs.push({ o, n, s });
  }
  const offerLeft = new Map(input.offers.map((o) => [o.id, o.quantity]));
  const needLeft = new Map(input.needs.map((n) => [n.id, n.quantity]));
  const demand = new Map<string, number>();
  for (const n of input.needs) demand.set(groupKey(n), (demand.get(groupKey(n)) ?? 0) + n.quantity);
  const got = new Map<string, number>();
  let best = 0;
  const dfs = (k: number, value: number) => {
    if (k === arcs.length) {
      let total = value;
      for (const [g, q] of got) total += oracleFairness(q, demand.get(g)!, input);
      if (total > best) best = total;
      return;
    }
    const { o, n, s } = arcs[k]!;
    const max = Math.min(offerLeft.get(o.id)!, needLeft.get(n.id)!);
    for (let x = 0; x <= max; x++) {
      offerLeft.set(o.id, offerLeft.get(o.id)! - x);
      needLeft.set(n.id, needLeft.get(n.id)! - x);
      got.set(groupKey(n), (got.get(groupKey(n)) ?? 0) + x);
      dfs(k + 1, value + x * s);
      offerLeft.set(o.id, offerLeft.get(o.id)! + x);
      needLeft.set(n.id, needLeft.get(n.id)! + x);
      got.set(groupKey(n), got.get(groupKey(n))! - x);
    }
  };
  dfs(0, 0);
  return best;
}

/**
 * The optimum of a larger instance by successive shortest paths on the network the docs describe
 * (offers → needs → groups → sink with one arc per fairness tier, and a bypass), built here from
 * the oracle's own eligibility and tiers.
 */
export function sspObjective(input: MatchInput): number {
  const offers = input.offers.filter((o) => o.quantity > 0);
  const needs = input.needs.filter((n) => n.quantity > 0);
  const groups = [...new Set(needs.map(groupKey))];
  const demand = new Map<string, number>();
  for (const n of needs) demand.set(groupKey(n), (demand.get(groupKey(n)) ?? 0) + n.quantity);
  const O = offers.length;
  const N = needs.length;
  const sink = O + N + groups.length;
  const arcs: { from: number; to: number; cap: number; cost: number }[] = [];
  offers.forEach((o, a) =>
    needs.forEach((n, b) => {
      const s = oracleScore(o, n, input);
      if (s !== null) arcs.push({ from: a, to: O + b, cap: Math.min(o.quantity, n.quantity), cost: -s });
    }),
  );
  offers.forEach((o, a) => arcs.push({ from: a, to: sink, cap: o.quantity, cost: 0 }));
  needs.forEach((n, b) => arcs.push({ from: O + b, to: O + N + groups.indexOf(groupKey(n)), cap: n.quantity, cost: 0 }));
  // Tier arcs: the marginal value of each successive unit, grouped into runs of equal value.
  groups.forEach((g, k) => {
    const d = demand.get(g)!;
    let runStart = 0;
    for (let u = 1; u <= d; u++) {
      const marginal = oracleFairness(u, d, input) - oracleFairness(u - 1, d, input);
      const next = u < d ? oracleFairness(u + 1, d, input) - oracleFairness(u, d, input) : NaN;
      if (next !== marginal) {
        arcs.push({ from: O + N + k, to: sink, cap: u - runStart, cost: -marginal });
        runStart = u;
      }
    }
  });
  const supply = new Array<number>(sink + 1).fill(0);
  offers.forEach((o, a) => (supply[a] = o.quantity));
  supply[sink] = -offers.reduce((s, o) => s + o.quantity, 0);
  const res = sspMinCostFlow({ nodeCount: sink + 1, supply, arcs });
  if (!res) throw new Error('ssp: infeasible (cannot happen: every offer has a bypass)');
  return 0 - res.cost;
}
