// Input and output of the charity matching engine (core/charity/matching/engine.ts). Pure data: no
// Date objects (times are epoch milliseconds), no database ids beyond opaque strings. The objective,
// every score term and the constraints are documented in docs/charity-matching.md.
//
// Quantities are integers in the offer's or need's unit: pieces, kg, hours, … and fen (分) for money.
// An offer and a need can only be matched when their units are equal (same string). Quantities are
// split in whole units; something that cannot be split is offered as quantity 1 of a unit such as 'lot'.

import type { LatLng } from '../../geo';

/**
 * What the donor allows the offer to be used for. Every listed field is a hard constraint (an
 * allocation outside it is never proposed); an absent or empty list means "no restriction".
 */
export interface DonorRestrictions {
  /** Only needs of these communities. */
  communityIds?: readonly string[];
  /** Only needs with one of these purposes (Need.purpose), e.g. a money pledge restricted to 'education'. */
  purposes?: readonly string[];
  /** Only needs of these categories (Need.category). */
  needCategories?: readonly string[];
  /** Only needs for these beneficiary groups (Need.beneficiaryGroup). */
  beneficiaryGroups?: readonly string[];
}

export interface MatchOffer {
  /** Unique among the offers of one call. */
  id: string;
  donorId: string;
  /** What is offered: a goods category ('rice', 'winter-clothes'), 'money', or a service skill. */
  category: string;
  /** Integer ≥ 0 in `unit` (what is still unallocated). A money pledge is in fen. */
  quantity: number;
  /** 'piece', 'kg', 'hour', 'fen', … Must equal the need's unit to match. */
  unit: string;
  /** Pick-up point; null when location does not matter (money, remote services): no distance term. */
  pickup: LatLng | null;
  /** Epoch ms after which the offer can no longer be collected; an offer already past it is not matched. */
  availableUntil: number;
  restrictions?: DonorRestrictions;
}

export const URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

export interface MatchNeed {
  /** Unique among the needs of one call. */
  id: string;
  communityId: string;
  /** Where the community (its station) is; null when location does not matter: no distance term. */
  location: LatLng | null;
  category: string;
  /** Integer ≥ 0 in `unit` (what is still unmet). */
  quantity: number;
  unit: string;
  urgency: Urgency;
  /** Epoch ms by which the need should be met; a need past its deadline stays eligible at full deadline pressure. */
  deadline: number;
  beneficiaryGroup: string;
  /** What the need is for ('education', 'elderly-meals', …); matched against DonorRestrictions.purposes. */
  purpose?: string;
}

/**
 * Integer points per unit of quantity. A pair's per-unit score is the sum of its parts, each
 * `round(weight × term)`; see docs/charity-matching.md for every term's formula.
 */
export interface MatchWeights {
  /** × fit ∈ (0, 1]: 1 for the same category, else the configured partial fit. */
  categoryFit: number;
  /** × urgency ∈ {0, 1/3, 2/3, 1} for low, normal, high, critical. */
  urgency: number;
  /** × deadline pressure ∈ [0, 1]: 1 − (deadline − now) / deadlineHorizon, clamped. */
  deadline: number;
  /** × −(distance km / distanceRefKm): a penalty, so far pairs drop out (score ≤ 0 is never allocated). */
  distance: number;
  /** × expiry pressure ∈ [0, 1]: 1 − (availableUntil − now) / expiryHorizon, clamped. */
  expiry: number;
  /** × tier bonus ∈ [0, 1] per unit given to a community's (category, unit) group, concave in its served share. */
  fairness: number;
}

/** One tier of the fairness utility: units filling the group's demand up to `upTo` (a share ∈ (0,1]) earn `bonus` ∈ [0,1] × weights.fairness each. */
export interface FairnessTier {
  upTo: number;
  bonus: number;
}

/** A partial fit between different categories (the same category always fits 1). */
export interface CategoryFit {
  offerCategory: string;
  needCategory: string;
  /** ∈ (0, 1]. */
  fit: number;
}

export interface MatchParameters {
  /** Epoch ms: the moment the proposal is computed for (the engine never reads the clock). */
  now: number;
  /** Defaults: DEFAULT_WEIGHTS in engine.ts (overriding some keeps the others). */
  weights?: Partial<MatchWeights>;
  categoryFits?: readonly CategoryFit[];
  /** Hard limit: pairs farther apart are not eligible. Default: none. */
  maxDistanceKm?: number;
  /** Distance that costs `weights.distance` points per unit. Default 10 km. */
  distanceRefKm?: number;
  /** Default 30 days. */
  deadlineHorizonMs?: number;
  /** Default 14 days. */
  expiryHorizonMs?: number;
  /** Increasing `upTo`, the last one 1; non-increasing `bonus` (concave). Default DEFAULT_FAIRNESS_TIERS in engine.ts. */
  fairnessTiers?: readonly FairnessTier[];
}

export interface MatchInput {
  offers: readonly MatchOffer[];
  needs: readonly MatchNeed[];
  parameters: MatchParameters;
}

/** Integer points per unit (each `round(weight × term)`); `score` is their sum. */
export interface ScoreParts {
  categoryFit: number;
  urgency: number;
  deadline: number;
  distance: number;
  expiry: number;
}

/**
 * Why an allocation has exactly this quantity and not more:
 * - offer-exhausted: the offer's whole quantity is allocated;
 * - need-filled: the need's whole quantity is allocated;
 * - donor-restriction: the donor's restrictions excluded needs this offer could otherwise have gone to;
 * - distance-limit: parameters.maxDistanceKm excluded needs this offer could otherwise have gone to;
 * - fairness-tier: the need's community group stops exactly at a fairness tier boundary (more units there would earn a lower bonus).
 * In an optimal solution every allocation has offer-exhausted or need-filled (a unit more would otherwise raise the objective).
 */
export type BindingConstraint = 'offer-exhausted' | 'need-filled' | 'donor-restriction' | 'distance-limit' | 'fairness-tier';

export interface Allocation {
  offerId: string;
  needId: string;
  /** Integer > 0, in the common unit. */
  quantity: number;
  unit: string;
  /** Per-unit pair score (integer points > 0) = sum of `parts`. */
  score: number;
  parts: ScoreParts;
  /** Average fairness bonus per unit (points, may be fractional) earned by the need's community group; not part of `score`. */
  fairnessPerUnit: number;
  /** Great-circle distance between pick-up and the need's community; null when either has no location. */
  distanceKm: number | null;
  binding: BindingConstraint[];
}

/** A community's (category, unit) group as the fairness term sees it. */
export interface FairnessGroup {
  communityId: string;
  category: string;
  unit: string;
  /** Sum of the group's need quantities. */
  demand: number;
  allocated: number;
  /** Fairness points earned by the group (integer). */
  bonus: number;
}

export type UnmetNeedReason =
  /** No offer passes unit, category fit, restrictions, expiry and distance limit. */
  | 'no-eligible-offer'
  /** Eligible offers exist but every such pair scores ≤ 0. */
  | 'no-positive-score'
  /** Positive pairs exist but their offers went where they scored more. */
  | 'offers-used-elsewhere';

export type UnmetOfferReason = 'expired' | 'no-eligible-need' | 'no-positive-score' | 'needs-filled-elsewhere';

export interface UnmetNeed {
  needId: string;
  /** Quantity left unmet (> 0). */
  quantity: number;
  unit: string;
  reason: UnmetNeedReason;
}

export interface UnmetOffer {
  offerId: string;
  /** Quantity left unallocated (> 0). */
  quantity: number;
  unit: string;
  reason: UnmetOfferReason;
}

export interface MatchResult {
  /** Sorted by (offerId, needId). */
  allocations: Allocation[];
  /** pairObjective + fairnessObjective: the maximised value. */
  objective: number;
  /** Σ quantity × score over the allocations. */
  pairObjective: number;
  /** Σ bonus over the fairness groups. */
  fairnessObjective: number;
  /** Sorted by (communityId, category, unit); only groups with demand. */
  fairness: FairnessGroup[];
  unmet: {
    /** Sorted by needId. */
    needs: UnmetNeed[];
    /** Sorted by offerId. */
    offers: UnmetOffer[];
  };
  /**
   * Counts for monitoring: positive eligible pairs; arcs for them the simplex actually needed (pair
   * arcs priced in, plus relay arcs; the rest were priced out by the final potentials); relay nodes
   * standing for separable pairs (no location on one side); connected components; solve rounds;
   * simplex pivots.
   */
  stats: { pairs: number; arcs: number; relays: number; components: number; pricingRounds: number; pivots: number };
}

/** Thrown for input the engine refuses (duplicate ids, a non-integer quantity, bad parameters); `issues` name the fields. */
export class MatchInputError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid matching input: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ''}`);
    this.name = 'MatchInputError';
  }
}
