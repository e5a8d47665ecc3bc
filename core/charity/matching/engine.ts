// The charity matching engine: proposes allocations of donor offers to community needs that
// maximise the objective of docs/charity-matching.md exactly, and explains each of them.
//
//   maximise  Σ_(o,n) x_on · score(o,n)  +  Σ_groups fairness_g(Σ_{n∈g} Σ_o x_on)
//   subject to Σ_n x_on ≤ q_o, Σ_o x_on ≤ q_n, x_on ∈ ℤ≥0, and x_on = 0 unless (o,n) is eligible
//   (same unit, category fit > 0, offer not expired, donor restrictions, distance limit) and
//   score(o,n) > 0.
//
// fairness_g is concave piecewise linear, so the problem is a min-cost flow: offers → needs → one
// node per community group → sink through parallel tier arcs of decreasing gain, plus a zero-gain
// bypass from every offer to the sink (not allocating is allowed). Pairs without a location on one
// side have a separable score and go through relay nodes instead of one arc each. Each connected
// component is solved by the network simplex, pricing pair arcs in from a few candidates per node;
// integer data gives an integer optimum. docs/charity-matching.md has the details.
import { centralAngle, EARTH_RADIUS_KM, haversineKm, RAD } from '../../geo';
import { createNetworkSimplex } from './network-simplex';
import { validateMatchInput } from './validate';
import type {
  Allocation,
  BindingConstraint,
  FairnessGroup,
  FairnessTier,
  MatchInput,
  MatchNeed,
  MatchOffer,
  MatchParameters,
  MatchResult,
  MatchWeights,
  ScoreParts,
  UnmetNeed,
  UnmetOffer,
  Urgency,
} from './types';

const DAY_MS = 86_400_000;
export const DEFAULT_WEIGHTS: Readonly<MatchWeights> = Object.freeze({
  categoryFit: 400,
  urgency: 300,
  deadline: 200,
  distance: 300,
  expiry: 100,
  fairness: 150,
});
export const DEFAULT_FAIRNESS_TIERS: readonly FairnessTier[] = Object.freeze([
  { upTo: 0.25, bonus: 1 },
  { upTo: 0.5, bonus: 0.5 },
  { upTo: 1, bonus: 0 },
]);
export const DEFAULT_DISTANCE_REF_KM = 10;
export const DEFAULT_DEADLINE_HORIZON_MS = 30 * DAY_MS;
export const DEFAULT_EXPIRY_HORIZON_MS = 14 * DAY_MS;
export const URGENCY_TERM: Readonly<Record<Urgency, number>> = Object.freeze({ low: 0, normal: 1 / 3, high: 2 / 3, critical: 1 });

export interface ResolvedParameters {
  now: number;
  weights: MatchWeights;
  /** offer category → need category → fit (the same category is not listed: it fits 1). */
  fits: Map<string, Map<string, number>>;
  maxDistanceKm: number;
  distanceRefKm: number;
  /** weights.distance / distanceRefKm: points lost per km. */
  distancePerKm: number;
  deadlineHorizonMs: number;
  expiryHorizonMs: number;
  tiers: readonly FairnessTier[];
  /** round(weights.fairness × tier.bonus) per tier. */
  tierPoints: number[];
}

export function resolveParameters(p: MatchParameters): ResolvedParameters {
  const weights: MatchWeights = { ...DEFAULT_WEIGHTS };
  for (const [k, v] of Object.entries(p.weights ?? {})) if (v !== undefined) weights[k as keyof MatchWeights] = v;
  const fits = new Map<string, Map<string, number>>();
  for (const f of p.categoryFits ?? []) {
    let m = fits.get(f.offerCategory);
    if (!m) fits.set(f.offerCategory, (m = new Map()));
    m.set(f.needCategory, f.fit);
  }
  const tiers = p.fairnessTiers ?? DEFAULT_FAIRNESS_TIERS;
  return {
    now: p.now,
    weights,
    fits,
    maxDistanceKm: p.maxDistanceKm ?? Infinity,
    distanceRefKm: p.distanceRefKm ?? DEFAULT_DISTANCE_REF_KM,
    distancePerKm: weights.distance / (p.distanceRefKm ?? DEFAULT_DISTANCE_REF_KM),
    deadlineHorizonMs: p.deadlineHorizonMs ?? DEFAULT_DEADLINE_HORIZON_MS,
    expiryHorizonMs: p.expiryHorizonMs ?? DEFAULT_EXPIRY_HORIZON_MS,
    tiers,
    tierPoints: tiers.map((t) => Math.round(weights.fairness * t.bonus)),
  };
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Category fit ∈ [0, 1]: 1 for the same category, the configured fit, else 0 (never matched). */
export function categoryFit(offerCategory: string, needCategory: string, P: ResolvedParameters): number {
  if (offerCategory === needCategory) return 1;
  return P.fits.get(offerCategory)?.get(needCategory) ?? 0;
}

const fitPoints = (fit: number, P: ResolvedParameters) => Math.round(P.weights.categoryFit * fit);
const urgencyPoints = (n: MatchNeed, P: ResolvedParameters) => Math.round(P.weights.urgency * URGENCY_TERM[n.urgency]);
const deadlinePoints = (n: MatchNeed, P: ResolvedParameters) => Math.round(P.weights.deadline * clamp01(1 - (n.deadline - P.now) / P.deadlineHorizonMs));
const expiryPoints = (o: MatchOffer, P: ResolvedParameters) => Math.round(P.weights.expiry * clamp01(1 - (o.availableUntil - P.now) / P.expiryHorizonMs));
const distancePoints = (km: number, P: ResolvedParameters) => 0 - Math.round(km * P.distancePerKm);

/** The per-unit score of a pair and its parts (does not check eligibility). */
export function pairScore(offer: MatchOffer, need: MatchNeed, P: ResolvedParameters): { score: number; parts: ScoreParts; distanceKm: number | null } {
  const distanceKm = offer.pickup && need.location ? haversineKm(offer.pickup, need.location) : null;
  const parts: ScoreParts = {
    categoryFit: fitPoints(categoryFit(offer.category, need.category, P), P),
    urgency: urgencyPoints(need, P),
    deadline: deadlinePoints(need, P),
    distance: distanceKm === null ? 0 : distancePoints(distanceKm, P),
    expiry: expiryPoints(offer, P),
  };
  return { score: parts.categoryFit + parts.urgency + parts.deadline + parts.distance + parts.expiry, parts, distanceKm };
}

/** Does the offer's donor allow this need? (Every non-empty list must contain the need's value.) */
const allows = (list: readonly string[] | undefined, value: string | undefined): boolean => !list || list.length === 0 || (value !== undefined && list.includes(value));

export function restrictionsAllow(offer: MatchOffer, need: MatchNeed): boolean {
  const r = offer.restrictions;
  if (!r) return true;
  return (
    allows(r.communityIds, need.communityId) &&
    allows(r.purposes, need.purpose) &&
    allows(r.needCategories, need.category) &&
    allows(r.beneficiaryGroups, need.beneficiaryGroup)
  );
}

/** Tier lengths of a group with this demand: tier j covers units floor(D·upTo_{j−1}+1e−9) … floor(D·upTo_j+1e−9). */
export function fairnessTierLengths(demand: number, tiers: readonly FairnessTier[]): number[] {
  let prev = 0;
  return tiers.map((t) => {
    const end = Math.min(demand, Math.floor(demand * t.upTo + 1e-9));
    const len = end > prev ? end - prev : 0;
    if (end > prev) prev = end;
    return len;
  });
}

/** fairness_g(allocated): the concave utility of a group, in points. */
export function fairnessValue(allocated: number, lengths: readonly number[], points: readonly number[]): number {
  let left = allocated;
  let value = 0;
  for (let j = 0; j < lengths.length && left > 0; j++) {
    const take = Math.min(left, lengths[j]!);
    value += take * points[j]!;
    left -= take;
  }
  return value;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const SEP = '\u0000';


/**
 * How the solver prices pair arcs in; the optimum does not depend on it (tests use tiny values to
 * exercise pricing on small instances). candidates: pair arcs every offer and every need start
 * with; addPerRound: pairs of negative reduced cost added per offer after each solve.
 */
export interface MatchTuning {
  candidates: number;
  addPerRound: number;
}
export const DEFAULT_TUNING: Readonly<MatchTuning> = Object.freeze({ candidates: 3, addPerRound: 6 });

/** Growable typed buffers, reused from one component to the next. */
class Buffers {
  lo = new Int32Array(1 << 14);
  ln = new Int32Array(1 << 14);
  sc = new Float64Array(1 << 14);
  length = 0;
  /** Largest score pushed since length was last reset to 0 (with it). */
  max = 0;
  push(o: number, n: number, s: number): void {
    if (s > this.max) this.max = s;
    if (this.length === this.lo.length) {
      const size = this.lo.length * 2;
      const lo = new Int32Array(size);
      lo.set(this.lo);
      const ln = new Int32Array(size);
      ln.set(this.ln);
      const sc = new Float64Array(size);
      sc.set(this.sc);
      this.lo = lo;
      this.ln = ln;
      this.sc = sc;
    }
    this.lo[this.length] = o;
    this.ln[this.length] = n;
    this.sc[this.length] = s;
    this.length++;
  }
}

/**
 * Marks the `CANDIDATES` best-scoring pairs of each offer and of each need (ties to the earlier
 * pair). lo/ln are local offer and need nodes (offers 0..nO−1, needs nO..nO+nN−1), lo non-decreasing.
 */
function selectCandidates(size: number, lo: Int32Array, ln: Int32Array, sc: Float64Array, nO: number, nN: number, CANDIDATES: number): Uint8Array {
  const K = CANDIDATES;
  const chosen = new Uint8Array(size);
  // Per offer (pairs contiguous) and per need (one pass in pair order), the K best pairs kept by
  // insertion in a sorted slot array; a later pair only displaces a strictly lower score.
  const offerTop = new Int32Array(K);
  const needTop = new Int32Array(nN * K);
  const needFound = new Int32Array(nN);
  let s0 = 0;
  let found = 0;
  for (let k = 0; k <= size; k++) {
    if (k === size || lo[k] !== lo[s0]) {
      for (let q = 0; q < found; q++) chosen[offerTop[q]!] = 1;
      if (k === size) break;
      s0 = k;
      found = 0;
    }
    const s = sc[k]!;
    if (!(found === K && s <= sc[offerTop[K - 1]!]!)) {
      let q = found < K ? found++ : K - 1;
      while (q > 0 && sc[offerTop[q - 1]!]! < s) {
        offerTop[q] = offerTop[q - 1]!;
        q--;
      }
      offerTop[q] = k;
    }
    const j = ln[k]! - nO;
    const base = j * K;
    const nf = needFound[j]!;
    if (nf === K && s <= sc[needTop[base + K - 1]!]!) continue;
    let q = nf < K ? nf : K - 1;
    if (nf < K) needFound[j] = nf + 1;
    while (q > 0 && sc[needTop[base + q - 1]!]! < s) {
      needTop[base + q] = needTop[base + q - 1]!;
      q--;
    }
    needTop[base + q] = k;
  }
  for (let j = 0; j < nN; j++) for (let q = 0; q < needFound[j]!; q++) chosen[needTop[j * K + q]!] = 1;
  return chosen;
}

/** A relay node for separable pairs (see the component loop). Offers and needs are local indices. */
interface Relay {
  offers: number[];
  /** A = fit + expiry points of each offer. */
  a: number[];
  needs: number[];
  valid: boolean;
  node: number;
  /** Arc ids: one per offer, then one per need. */
  arcs: number[];
}

/** What scanNeeds reads and writes (kept in one object so the hot loop is its own function). */
interface ScanState {
  needs: readonly MatchNeed[];
  needStatic: Float64Array;
  needLat: Float64Array;
  needLng: Float64Array;
  needCos: Float64Array;
  needHasLoc: Uint8Array;
  needEligible: Uint8Array;
  needPositive: Uint8Array;
  needLocal: Int32Array;
  excludedByRestriction: Int32Array;
  excludedByDistance: Int32Array;
  maxKm: number;
  perKm: number;
  buf: Buffers;
}

const SCAN_ALL = 0;
const SCAN_LOCATED = 1;
const SCAN_UNLOCATED = 2;

/**
 * Scans the needs of one (unit, category) list for one offer (all of them, or only those with or
 * without a location): counts exclusions, marks eligible and
 * positive needs, and appends the positive pairs (offer node ko, need node, score) to S.buf.
 * Returns bit 1 if some need was eligible, bit 2 if some pair was positive.
 */
function scanNeeds(
  S: ScanState,
  list: readonly number[],
  offer: MatchOffer,
  o: number,
  ko: number,
  fixed: number,
  restricted: boolean,
  hasLoc: boolean,
  oLat: number,
  oLng: number,
  oCos: number,
  mode: number,
): number {
  const { needs, needStatic, needLat, needLng, needCos, needHasLoc, needEligible, needPositive, needLocal, maxKm, perKm, buf } = S;
  const lbScale = EARTH_RADIUS_KM * (1 - 1e-9);
  let flags = 0;
  let exclR = 0;
  let exclD = 0;
  for (let j = 0; j < list.length; j++) {
    const i = list[j]!;
    if (mode !== SCAN_ALL && (mode === SCAN_LOCATED) !== (needHasLoc[i] === 1)) continue;
    if (restricted && !restrictionsAllow(offer, needs[i]!)) {
      exclR++;
      continue;
    }
    const rest = fixed + needStatic[i]!;
    let score = rest;
    if (hasLoc && needHasLoc[i]) {
      // A lower bound of the great-circle distance (the latitude difference), shrunk by 1e−9 so
      // that rounding can never lift it above the computed distance: skips the trigonometry for
      // pairs certainly beyond the limit or certainly not positive.
      const dl = needLat[i]! - oLat;
      const lb = (dl < 0 ? -dl : dl) * lbScale;
      if (lb > maxKm) {
        exclD++;
        continue;
      }
      if (maxKm === Infinity && rest - Math.round(lb * perKm) <= 0) {
        needEligible[i] = 1;
        flags |= 1;
        continue;
      }
      const km = EARTH_RADIUS_KM * centralAngle(oLat, oLng, oCos, needLat[i]!, needLng[i]!, needCos[i]!);
      if (km > maxKm) {
        exclD++;
        continue;
      }
      score = rest - Math.round(km * perKm);
    }
    needEligible[i] = 1;
    flags |= 1;
    if (score <= 0) continue;
    needPositive[i] = 1;
    flags |= 2;
    buf.push(ko, needLocal[i]!, score);
  }
  S.excludedByRestriction[o] = S.excludedByRestriction[o]! + exclR;
  S.excludedByDistance[o] = S.excludedByDistance[o]! + exclD;
  return flags;
}

/**
 * One pricing pass: for every offer (pairs are contiguous per offer, lo non-decreasing), the up to
 * `add` pairs not yet in the network with the most negative reduced cost −score + π(offer) − π(need)
 * (ties to the earlier pair). Writes their indices to `out` and returns how many.
 */
function priceRound(
  size: number,
  lo: Int32Array,
  ln: Int32Array,
  sc: Float64Array,
  arcOf: Int32Array,
  pi: Float64Array,
  add: number,
  best: Int32Array,
  bestRc: Float64Array,
  out: Int32Array,
): number {
  let added = 0;
  for (let s0 = 0; s0 < size; ) {
    const o = lo[s0]!;
    const po = pi[o]!;
    let found = 0;
    let k = s0;
    for (; k < size && lo[k] === o; k++) {
      if (arcOf[k] !== -1) continue;
      const rc = po - pi[ln[k]!]! - sc[k]!;
      if (rc >= 0 || (found === add && rc >= bestRc[add - 1]!)) continue;
      let j = found < add ? found++ : add - 1;
      while (j > 0 && bestRc[j - 1]! > rc) {
        bestRc[j] = bestRc[j - 1]!;
        best[j] = best[j - 1]!;
        j--;
      }
      bestRc[j] = rc;
      best[j] = k;
    }
    for (let j = 0; j < found; j++) out[added++] = best[j]!;
    s0 = k;
  }
  return added;
}

/**
 * Proposes allocations. Pure and deterministic: the result depends only on the sets of offers and
 * needs (they are ordered by id first) and the parameters, never on the input order or the clock.
 * Throws MatchInputError for invalid input.
 */
export function matchOffersToNeeds(input: MatchInput, tuning: MatchTuning = DEFAULT_TUNING): MatchResult {
  validateMatchInput(input);
  const CANDIDATES = Math.max(1, Math.floor(tuning.candidates));
  const ADD_PER_ROUND = Math.max(1, Math.floor(tuning.addPerRound));
  const P = resolveParameters(input.parameters);
  const offers = [...input.offers].sort(byId);
  const needs = [...input.needs].sort(byId);
  const O = offers.length;
  const N = needs.length;

  // Fairness groups (hubs): one per (community, need category, unit) with demand, in key order.
  const hubIndex = new Map<string, number>();
  const needHubKey = needs.map((n) => `${n.communityId}${SEP}${n.category}${SEP}${n.unit}`);
  for (let i = 0; i < N; i++) if (needs[i]!.quantity > 0) hubIndex.set(needHubKey[i]!, 0);
  const hubKeys = [...hubIndex.keys()].sort();
  hubKeys.forEach((k, h) => hubIndex.set(k, h));
  const H = hubKeys.length;
  const needHub = new Int32Array(N).fill(-1);
  const hubDemand = new Float64Array(H);
  for (let i = 0; i < N; i++) {
    if (needs[i]!.quantity <= 0) continue;
    const h = hubIndex.get(needHubKey[i]!)!;
    needHub[i] = h;
    hubDemand[h] = hubDemand[h]! + needs[i]!.quantity;
  }
  const tierLengths = Array.from(hubDemand, (d) => fairnessTierLengths(d, P.tiers));

  // Needs by (unit, category) — a "need key" — in id order, and their need-only score parts.
  const keyIndex = new Map<string, number>();
  const keyNeeds: number[][] = [];
  const needStatic = new Float64Array(N);
  const needLat = new Float64Array(N);
  const needLng = new Float64Array(N);
  const needCos = new Float64Array(N);
  const needHasLoc = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    const n = needs[i]!;
    if (n.quantity <= 0) continue;
    const key = `${n.unit}${SEP}${n.category}`;
    let k = keyIndex.get(key);
    if (k === undefined) {
      keyIndex.set(key, (k = keyNeeds.length));
      keyNeeds.push([]);
    }
    keyNeeds[k]!.push(i);
    needStatic[i] = urgencyPoints(n, P) + deadlinePoints(n, P);
    if (n.location) {
      needHasLoc[i] = 1;
      needLat[i] = n.location.lat * RAD;
      needLng[i] = n.location.lng * RAD;
      needCos[i] = Math.cos(needLat[i]!);
    }
  }
  const K = keyNeeds.length;

  // Each live offer's need keys (its own category, then the configured fits by category name), and
  // components over need keys: two keys an offer can both reach are solved together.
  const offerExpired = new Uint8Array(O);
  const offerKeys: { key: number; fit: number }[][] = [];
  const uf = Array.from({ length: K }, (_, k) => k);
  const find = (x: number): number => {
    while (uf[x] !== x) {
      uf[x] = uf[uf[x]!]!;
      x = uf[x]!;
    }
    return x;
  };
  for (let o = 0; o < O; o++) {
    const offer = offers[o]!;
    const keys: { key: number; fit: number }[] = [];
    offerKeys.push(keys);
    if (offer.quantity <= 0) continue;
    if (offer.availableUntil < P.now) {
      offerExpired[o] = 1;
      continue;
    }
    const own = keyIndex.get(`${offer.unit}${SEP}${offer.category}`);
    if (own !== undefined) keys.push({ key: own, fit: 1 });
    const extra = P.fits.get(offer.category);
    if (extra) {
      for (const c of [...extra.keys()].sort()) {
        const k = keyIndex.get(`${offer.unit}${SEP}${c}`);
        if (k !== undefined) keys.push({ key: k, fit: extra.get(c)! });
      }
    }
    for (let j = 1; j < keys.length; j++) {
      const a = find(keys[0]!.key);
      const b = find(keys[j]!.key);
      if (a !== b) uf[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const compOfKey = new Int32Array(K).fill(-1);
  let C = 0;
  for (let k = 0; k < K; k++) {
    const r = find(k);
    if (compOfKey[r] === -1) compOfKey[r] = C++;
    compOfKey[k] = compOfKey[r]!;
  }
  const compOffers: number[][] = Array.from({ length: C }, () => []);
  const compNeeds: number[][] = Array.from({ length: C }, () => []);
  for (let o = 0; o < O; o++) if (offerKeys[o]!.length) compOffers[compOfKey[offerKeys[o]![0]!.key]!]!.push(o);
  for (let i = 0; i < N; i++) if (needs[i]!.quantity > 0) compNeeds[compOfKey[keyIndex.get(`${needs[i]!.unit}${SEP}${needs[i]!.category}`)!]!]!.push(i);

  const needEligible = new Uint8Array(N);
  const needPositive = new Uint8Array(N);
  const offerEligible = new Uint8Array(O);
  const offerPositive = new Uint8Array(O);
  const excludedByRestriction = new Int32Array(O);
  const excludedByDistance = new Int32Array(O);
  const offerAllocated = new Float64Array(O);
  const needAllocated = new Float64Array(N);
  const hubAllocated = new Float64Array(H);
  const needLocal = new Int32Array(N).fill(-1);
  const hubLocal = new Int32Array(H).fill(-1);
  const maxKm = P.maxDistanceKm;
  const perKm = P.distancePerKm;
  const buf = new Buffers();
  const scan: ScanState = {
    needs,
    needStatic,
    needLat,
    needLng,
    needCos,
    needHasLoc,
    needEligible,
    needPositive,
    needLocal,
    excludedByRestriction,
    excludedByDistance,
    maxKm,
    perKm,
    buf,
  };
  // Allocations as (offer, need, quantity, score) quadruples, sorted at the end.
  const allocO: number[] = [];
  const allocN: number[] = [];
  const allocQ: number[] = [];
  const allocS: number[] = [];
  let pairCount = 0;
  let arcsSolved = 0;
  let solvedComponents = 0;
  let relaysUsed = 0;
  let rounds = 0;
  let pivots = 0;
  let pairObjective = 0;
  let flowObjective = 0;

  for (let c = 0; c < C; c++) {
    const cOffers = compOffers[c]!;
    const cNeeds = compNeeds[c]!;
    const nO = cOffers.length;
    const nN = cNeeds.length;
    if (nO === 0 || nN === 0) continue;
    cNeeds.forEach((i, k) => (needLocal[i] = nO + k));

    // Relays. When the offer or the need has no location the pair has no distance part and its
    // score is separable: A(offer) + B(need), A = fit + expiry points, B = urgency + deadline points.
    // An unrestricted offer then reaches all such needs of a (unit, category) key through one relay
    // node (offer → relay, gain A; relay → need, gain B) instead of one arc per pair: every path
    // through the relay is exactly one allowed pair with its score. A relay is used only if every
    // path through it scores > 0 (min A + min B > 0); otherwise its pairs are listed one by one.
    // Relay 0: offers without a pick-up point → every need of the key. Relay 1: offers with one →
    // the needs without a location (their located needs are pairs with a distance).
    const relayIndex = new Map<string, number>();
    const relays: Relay[] = [];
    const offerStaticOf = new Float64Array(nO);
    const restrictedOf = new Uint8Array(nO);
    for (let ko = 0; ko < nO; ko++) {
      const offer = offers[cOffers[ko]!]!;
      offerStaticOf[ko] = expiryPoints(offer, P);
      const r = offer.restrictions;
      restrictedOf[ko] =
        r !== undefined && ((r.communityIds?.length ?? 0) > 0 || (r.purposes?.length ?? 0) > 0 || (r.needCategories?.length ?? 0) > 0 || (r.beneficiaryGroups?.length ?? 0) > 0) ? 1 : 0;
      if (restrictedOf[ko]) continue;
      const side = offer.pickup === null ? 0 : 1;
      for (const { key, fit } of offerKeys[cOffers[ko]!]!) {
        const name = `${side}${SEP}${offer.category}${SEP}${key}`;
        let x = relayIndex.get(name);
        if (x === undefined) {
          relayIndex.set(name, (x = relays.length));
          const members = keyNeeds[key]!.filter((i) => side === 0 || !needHasLoc[i]).map((i) => needLocal[i]! - nO);
          relays.push({ offers: [], a: [], needs: members, valid: false, node: -1, arcs: [] });
        }
        relays[x]!.offers.push(ko);
        relays[x]!.a.push(offerStaticOf[ko]! + fitPoints(fit, P));
      }
    }
    for (const r of relays) {
      if (r.needs.length === 0) continue;
      let minB = Infinity;
      for (const kn of r.needs) minB = Math.min(minB, needStatic[cNeeds[kn]!]!);
      r.valid = Math.min(...r.a) + minB > 0;
    }

    // Pairs (eligible and score > 0, offer-major) for everything no relay covers.
    buf.length = 0;
    buf.max = 0;
    for (let ko = 0; ko < nO; ko++) {
      const o = cOffers[ko]!;
      const offer = offers[o]!;
      const hasLoc = offer.pickup !== null;
      const oLat = hasLoc ? offer.pickup!.lat * RAD : 0;
      const oLng = hasLoc ? offer.pickup!.lng * RAD : 0;
      const oCos = Math.cos(oLat);
      const restricted = restrictedOf[ko] === 1;
      let flags = 0;
      for (const { key, fit } of offerKeys[o]!) {
        const fixed = offerStaticOf[ko]! + fitPoints(fit, P);
        const list = keyNeeds[key]!;
        if (restricted) {
          flags |= scanNeeds(scan, list, offer, o, ko, fixed, true, hasLoc, oLat, oLng, oCos, SCAN_ALL);
          continue;
        }
        const relay = relays[relayIndex.get(`${hasLoc ? 1 : 0}${SEP}${offer.category}${SEP}${key}`)!]!;
        if (hasLoc) {
          flags |= scanNeeds(scan, list, offer, o, ko, fixed, false, true, oLat, oLng, oCos, SCAN_LOCATED);
          if (!relay.valid) flags |= scanNeeds(scan, list, offer, o, ko, fixed, false, true, oLat, oLng, oCos, SCAN_UNLOCATED);
        } else if (!relay.valid) {
          flags |= scanNeeds(scan, list, offer, o, ko, fixed, false, false, 0, 0, 1, SCAN_ALL);
        }
      }
      offerEligible[o] = flags & 1;
      offerPositive[o] = (flags >> 1) & 1;
    }
    const liveRelays = relays.filter((r) => r.valid);
    relaysUsed += liveRelays.length;
    for (const r of liveRelays) {
      for (const ko of r.offers) offerEligible[cOffers[ko]!] = offerPositive[cOffers[ko]!] = 1;
      for (const kn of r.needs) needEligible[cNeeds[kn]!] = needPositive[cNeeds[kn]!] = 1;
      pairCount += r.offers.length * r.needs.length;
    }
    const size = buf.length;
    pairCount += size;
    if (size === 0 && liveRelays.length === 0) {
      for (const i of cNeeds) needLocal[i] = -1;
      continue;
    }
    solvedComponents++;
    const { lo, ln, sc } = buf;

    // Nodes: offers, needs, groups, sink. Supplies: each offer its quantity, the sink their sum.
    const cHubs = [...new Set(cNeeds.map((i) => needHub[i]!))].sort((x, y) => x - y);
    const nH = cHubs.length;
    cHubs.forEach((h, k) => (hubLocal[h] = nO + nN + k));
    liveRelays.forEach((r, k) => (r.node = nO + nN + nH + k));
    const sink = nO + nN + nH + liveRelays.length;
    const nodeCount = sink + 1;
    const supply = new Float64Array(nodeCount);
    const qo = new Float64Array(nO);
    const qn = new Float64Array(nN);
    let total = 0;
    for (let ko = 0; ko < nO; ko++) {
      qo[ko] = offers[cOffers[ko]!]!.quantity;
      supply[ko] = qo[ko]!;
      total += qo[ko]!;
    }
    for (let kn = 0; kn < nN; kn++) qn[kn] = needs[cNeeds[kn]!]!.quantity;
    supply[sink] = -total;
    let maxAbsCost = buf.max;
    for (const pts of P.tierPoints) if (pts > maxAbsCost) maxAbsCost = pts;
    for (const r of liveRelays) {
      for (const a of r.a) maxAbsCost = Math.max(maxAbsCost, Math.abs(a));
      for (const kn of r.needs) maxAbsCost = Math.max(maxAbsCost, Math.abs(needStatic[cNeeds[kn]!]!));
    }
    // Arc room for the structure and, typically, 16 priced-in pairs per node (it grows if needed).
    const ns = createNetworkSimplex(nodeCount, supply, maxAbsCost, nO + nN + nH * P.tiers.length + Math.min(size, 16 * (nO + nN)));
    // Structure: offer → sink bypass (allocating nothing is allowed), need → its group (the need's
    // quantity), group → sink through one arc per fairness tier (gain = the tier's points).
    for (let ko = 0; ko < nO; ko++) ns.addArc(ko, sink, qo[ko]!, 0);
    for (let kn = 0; kn < nN; kn++) ns.addArc(nO + kn, hubLocal[needHub[cNeeds[kn]!]!]!, qn[kn]!, 0);
    const tierArcs: number[] = [];
    for (const h of cHubs) {
      const lens = tierLengths[h]!;
      for (let j = 0; j < lens.length; j++) if (lens[j]! > 0) tierArcs.push(ns.addArc(hubLocal[h]!, sink, lens[j]!, -P.tierPoints[j]!));
    }
    for (const r of liveRelays) {
      r.offers.forEach((ko, j) => r.arcs.push(ns.addArc(ko, r.node, qo[ko]!, -r.a[j]!)));
      for (const kn of r.needs) r.arcs.push(ns.addArc(r.node, nO + kn, qn[kn]!, -needStatic[cNeeds[kn]!]!));
    }

    // Pair arcs, priced in: first the CANDIDATES best pairs of every offer and of every need; after
    // each solve, for every offer, its ADD_PER_ROUND pairs of most negative reduced cost, until no
    // pair has one. The final potentials prove optimality over all pairs of the component.
    const arcOf = new Int32Array(size).fill(-1);
    const addPair = (k: number) => {
      const kn = ln[k]! - nO;
      const q = qo[lo[k]!]! < qn[kn]! ? qo[lo[k]!]! : qn[kn]!;
      arcOf[k] = ns.addArc(lo[k]!, ln[k]!, q, -sc[k]!);
    };
    const chosen = selectCandidates(size, lo, ln, sc, nO, nN, CANDIDATES);
    for (let k = 0; k < size; k++) if (chosen[k]) addPair(k);
    const pi = new Float64Array(nodeCount);
    const best = new Int32Array(ADD_PER_ROUND);
    const bestRc = new Float64Array(ADD_PER_ROUND);
    const toAdd = new Int32Array(nO * ADD_PER_ROUND);
    for (;;) {
      ns.solve();
      rounds++;
      for (let v = 0; v < nodeCount; v++) pi[v] = ns.potential(v);
      const added = priceRound(size, lo, ln, sc, arcOf, pi, ADD_PER_ROUND, best, bestRc, toAdd);
      for (let j = 0; j < added; j++) addPair(toAdd[j]!);
      if (added === 0) break;
    }
    ns.assertFeasible();
    pivots += ns.pivots;

    for (let k = 0; k < size; k++) {
      if (arcOf[k] === -1) continue;
      arcsSolved++;
      const f = ns.flow(arcOf[k]!);
      if (f <= 0) continue;
      const o = cOffers[lo[k]!]!;
      const i = cNeeds[ln[k]! - nO]!;
      allocO.push(o);
      allocN.push(i);
      allocQ.push(f);
      allocS.push(sc[k]!);
      offerAllocated[o] = offerAllocated[o]! + f;
      needAllocated[i] = needAllocated[i]! + f;
      pairObjective += f * sc[k]!;
    }
    // Relay flows become pairs: offers and needs in id order, matched first-come (any split is
    // optimal: every path through a relay scores A + B).
    for (const r of liveRelays) {
      arcsSolved += r.arcs.length;
      const inflow = r.offers.map((_, j) => ns.flow(r.arcs[j]!));
      const outflow = r.needs.map((_, j) => ns.flow(r.arcs[r.offers.length + j]!));
      let x = 0;
      let y = 0;
      while (x < inflow.length && y < outflow.length) {
        if (inflow[x]! <= 0) {
          x++;
          continue;
        }
        if (outflow[y]! <= 0) {
          y++;
          continue;
        }
        const f = Math.min(inflow[x]!, outflow[y]!);
        const o = cOffers[r.offers[x]!]!;
        const i = cNeeds[r.needs[y]!]!;
        const score = r.a[x]! + needStatic[i]!;
        allocO.push(o);
        allocN.push(i);
        allocQ.push(f);
        allocS.push(score);
        offerAllocated[o] = offerAllocated[o]! + f;
        needAllocated[i] = needAllocated[i]! + f;
        pairObjective += f * score;
        inflow[x] = inflow[x]! - f;
        outflow[y] = outflow[y]! - f;
      }
    }
    let b = 0;
    for (const h of cHubs) {
      for (const len of tierLengths[h]!) {
        if (len <= 0) continue;
        hubAllocated[h] = hubAllocated[h]! + ns.flow(tierArcs[b]!);
        b++;
      }
    }
    flowObjective -= ns.totalCost();
    for (const i of cNeeds) needLocal[i] = -1;
    for (const h of cHubs) hubLocal[h] = -1;
  }

  // Fairness per group from its allocated total (the optimum fills higher tiers first).
  const fairness: FairnessGroup[] = [];
  const hubBonus = new Float64Array(H);
  let fairnessObjective = 0;
  for (let h = 0; h < H; h++) {
    const [communityId, category, unit] = hubKeys[h]!.split(SEP) as [string, string, string];
    hubBonus[h] = fairnessValue(hubAllocated[h]!, tierLengths[h]!, P.tierPoints);
    fairnessObjective += hubBonus[h]!;
    fairness.push({ communityId, category, unit, demand: hubDemand[h]!, allocated: hubAllocated[h]!, bonus: hubBonus[h]! });
  }
  const objective = pairObjective + fairnessObjective;
  if (objective !== flowObjective) {
    throw new Error(`matching engine: internal inconsistency (objective ${objective} ≠ flow value ${flowObjective})`);
  }

  const atTierBoundary = (h: number): boolean => {
    const alloc = hubAllocated[h]!;
    if (alloc <= 0 || alloc >= hubDemand[h]!) return false;
    const lens = tierLengths[h]!;
    let end = 0;
    let pts = -1;
    for (let j = 0; j < lens.length; j++) {
      if (lens[j]! <= 0) continue;
      if (pts >= 0 && end === alloc) return P.tierPoints[j]! < pts;
      end += lens[j]!;
      pts = P.tierPoints[j]!;
    }
    return false;
  };

  const idx = allocO.map((_, k) => k).sort((x, y) => allocO[x]! - allocO[y]! || allocN[x]! - allocN[y]!);
  const allocations: Allocation[] = idx.map((k) => {
    const o = allocO[k]!;
    const i = allocN[k]!;
    const offer = offers[o]!;
    const need = needs[i]!;
    const { score, parts, distanceKm } = pairScore(offer, need, P);
    if (score !== allocS[k]) throw new Error(`matching engine: internal inconsistency (score of ${offer.id}→${need.id})`);
    const binding: BindingConstraint[] = [];
    if (offerAllocated[o] === offer.quantity) binding.push('offer-exhausted');
    if (needAllocated[i] === need.quantity) binding.push('need-filled');
    if (excludedByRestriction[o]! > 0) binding.push('donor-restriction');
    if (excludedByDistance[o]! > 0) binding.push('distance-limit');
    const h = needHub[i]!;
    if (atTierBoundary(h)) binding.push('fairness-tier');
    return {
      offerId: offer.id,
      needId: need.id,
      quantity: allocQ[k]!,
      unit: offer.unit,
      score,
      parts,
      fairnessPerUnit: hubBonus[h]! / hubAllocated[h]!,
      distanceKm,
      binding,
    };
  });

  const unmetNeeds: UnmetNeed[] = [];
  for (let i = 0; i < N; i++) {
    const left = needs[i]!.quantity - needAllocated[i]!;
    if (left <= 0) continue;
    const reason = !needEligible[i] ? 'no-eligible-offer' : !needPositive[i] ? 'no-positive-score' : 'offers-used-elsewhere';
    unmetNeeds.push({ needId: needs[i]!.id, quantity: left, unit: needs[i]!.unit, reason });
  }
  const unmetOffers: UnmetOffer[] = [];
  for (let o = 0; o < O; o++) {
    const left = offers[o]!.quantity - offerAllocated[o]!;
    if (left <= 0) continue;
    const reason = offerExpired[o] ? 'expired' : !offerEligible[o] ? 'no-eligible-need' : !offerPositive[o] ? 'no-positive-score' : 'needs-filled-elsewhere';
    unmetOffers.push({ offerId: offers[o]!.id, quantity: left, unit: offers[o]!.unit, reason });
  }

  return {
    allocations,
    objective,
    pairObjective,
    fairnessObjective,
    fairness,
    unmet: { needs: unmetNeeds, offers: unmetOffers },
    stats: { pairs: pairCount, arcs: arcsSolved, relays: relaysUsed, components: solvedComponents, pricingRounds: rounds, pivots },
  };
}
