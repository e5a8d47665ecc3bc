// Checks the engine's input before anything is computed; every problem is reported with its path.
// Hand-written rather than zod: it runs on 20,000 records inside the 2-second budget.
import type { LatLng } from '../../geo';
import { MatchInputError, URGENCIES, type DonorRestrictions, type MatchInput } from './types';

/** Largest quantity, Σ of offer quantities and Σ of need quantities (10^12 fen = 10 billion yuan). With weights ≤ MAX_WEIGHT the objective stays an exact integer in a double. */
export const MAX_QUANTITY = 1e12;
/** Largest weight (points per unit per term). */
export const MAX_WEIGHT = 1000;
const MAX_ID = 128;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

export function validateMatchInput(input: MatchInput): void {
  const issues: string[] = [];
  const raw = input as unknown;
  if (!isObject(raw)) throw new MatchInputError(['input: must be an object']);
  const { offers, needs, parameters } = raw as Record<string, unknown>;
  if (!Array.isArray(offers)) issues.push('offers: must be an array');
  if (!Array.isArray(needs)) issues.push('needs: must be an array');
  if (!isObject(parameters)) issues.push('parameters: must be an object');
  if (issues.length) throw new MatchInputError(issues);

  const id = (path: string, x: unknown) => {
    if (typeof x !== 'string' || x.length === 0 || x.length > MAX_ID) issues.push(`${path}: must be a string of 1–${MAX_ID} characters`);
  };
  const text = (path: string, x: unknown) => {
    if (typeof x !== 'string' || x.length === 0 || x.length > MAX_ID) issues.push(`${path}: must be a string of 1–${MAX_ID} characters`);
  };
  const quantity = (path: string, x: unknown) => {
    if (!Number.isInteger(x) || (x as number) < 0 || (x as number) > MAX_QUANTITY) issues.push(`${path}: must be an integer from 0 to ${MAX_QUANTITY}`);
  };
  const time = (path: string, x: unknown) => {
    if (!finite(x)) issues.push(`${path}: must be a finite epoch-millisecond number`);
  };
  const point = (path: string, x: unknown) => {
    if (x === null) return;
    const p = x as LatLng;
    if (!isObject(x) || !finite(p.lat) || !finite(p.lng) || Math.abs(p.lat) > 90 || Math.abs(p.lng) > 180) {
      issues.push(`${path}: must be null or { lat ∈ [−90, 90], lng ∈ [−180, 180] }`);
    }
  };
  const stringList = (path: string, x: unknown) => {
    if (x === undefined) return;
    if (!Array.isArray(x) || x.some((s) => typeof s !== 'string' || s.length === 0 || s.length > MAX_ID)) issues.push(`${path}: must be a list of non-empty strings`);
  };

  const seenOffers = new Set<string>();
  let offerTotal = 0;
  (offers as unknown[]).forEach((o, i) => {
    const path = `offers[${i}]`;
    if (!isObject(o)) return void issues.push(`${path}: must be an object`);
    id(`${path}.id`, o.id);
    if (typeof o.id === 'string') {
      if (seenOffers.has(o.id)) issues.push(`${path}.id: duplicate offer id ${JSON.stringify(o.id)}`);
      seenOffers.add(o.id);
    }
    id(`${path}.donorId`, o.donorId);
    text(`${path}.category`, o.category);
    quantity(`${path}.quantity`, o.quantity);
    if (Number.isInteger(o.quantity)) offerTotal += o.quantity as number;
    text(`${path}.unit`, o.unit);
    point(`${path}.pickup`, o.pickup);
    time(`${path}.availableUntil`, o.availableUntil);
    if (o.restrictions !== undefined) {
      if (!isObject(o.restrictions)) issues.push(`${path}.restrictions: must be an object`);
      else {
        const r = o.restrictions as DonorRestrictions;
        stringList(`${path}.restrictions.communityIds`, r.communityIds);
        stringList(`${path}.restrictions.purposes`, r.purposes);
        stringList(`${path}.restrictions.needCategories`, r.needCategories);
        stringList(`${path}.restrictions.beneficiaryGroups`, r.beneficiaryGroups);
      }
    }
  });
  if (offerTotal > MAX_QUANTITY) issues.push(`offers: the quantities add up to more than ${MAX_QUANTITY}`);

  const seenNeeds = new Set<string>();
  let needTotal = 0;
  (needs as unknown[]).forEach((n, i) => {
    const path = `needs[${i}]`;
    if (!isObject(n)) return void issues.push(`${path}: must be an object`);
    id(`${path}.id`, n.id);
    if (typeof n.id === 'string') {
      if (seenNeeds.has(n.id)) issues.push(`${path}.id: duplicate need id ${JSON.stringify(n.id)}`);
      seenNeeds.add(n.id);
    }
    id(`${path}.communityId`, n.communityId);
    point(`${path}.location`, n.location);
    text(`${path}.category`, n.category);
    quantity(`${path}.quantity`, n.quantity);
    if (Number.isInteger(n.quantity)) needTotal += n.quantity as number;
    text(`${path}.unit`, n.unit);
    if (!(URGENCIES as readonly unknown[]).includes(n.urgency)) issues.push(`${path}.urgency: must be one of ${URGENCIES.join(', ')}`);
    time(`${path}.deadline`, n.deadline);
    text(`${path}.beneficiaryGroup`, n.beneficiaryGroup);
    if (n.purpose !== undefined) text(`${path}.purpose`, n.purpose);
  });
  if (needTotal > MAX_QUANTITY) issues.push(`needs: the quantities add up to more than ${MAX_QUANTITY}`);

  const p = parameters as Record<string, unknown>;
  time('parameters.now', p.now);
  if (p.weights !== undefined) {
    if (!isObject(p.weights)) issues.push('parameters.weights: must be an object');
    else
      for (const [k, w] of Object.entries(p.weights)) {
        if (!['categoryFit', 'urgency', 'deadline', 'distance', 'expiry', 'fairness'].includes(k)) issues.push(`parameters.weights.${k}: unknown weight`);
        else if (w !== undefined && (!finite(w) || w < 0 || w > MAX_WEIGHT)) issues.push(`parameters.weights.${k}: must be a number from 0 to ${MAX_WEIGHT}`);
      }
  }
  if (p.categoryFits !== undefined) {
    if (!Array.isArray(p.categoryFits)) issues.push('parameters.categoryFits: must be an array');
    else {
      const seen = new Set<string>();
      p.categoryFits.forEach((f: unknown, i) => {
        const path = `parameters.categoryFits[${i}]`;
        if (!isObject(f)) return void issues.push(`${path}: must be an object`);
        text(`${path}.offerCategory`, f.offerCategory);
        text(`${path}.needCategory`, f.needCategory);
        if (!finite(f.fit) || f.fit <= 0 || f.fit > 1) issues.push(`${path}.fit: must be a number in (0, 1]`);
        const key = `${String(f.offerCategory)}\u0000${String(f.needCategory)}`;
        if (f.offerCategory === f.needCategory) issues.push(`${path}: a category always fits itself (1); list only different categories`);
        else if (seen.has(key)) issues.push(`${path}: duplicate pair`);
        seen.add(key);
      });
    }
  }
  const positive = (k: string) => {
    if (p[k] !== undefined && (!finite(p[k]) || (p[k] as number) <= 0)) issues.push(`parameters.${k}: must be a positive number`);
  };
  positive('maxDistanceKm');
  positive('distanceRefKm');
  positive('deadlineHorizonMs');
  positive('expiryHorizonMs');
  if (p.fairnessTiers !== undefined) {
    const tiers = p.fairnessTiers;
    if (!Array.isArray(tiers) || tiers.length === 0 || tiers.length > 10) issues.push('parameters.fairnessTiers: must be a list of 1–10 tiers');
    else {
      let prevUpTo = 0;
      let prevBonus = Infinity;
      tiers.forEach((t: unknown, i) => {
        const path = `parameters.fairnessTiers[${i}]`;
        if (!isObject(t) || !finite(t.upTo) || !finite(t.bonus)) return void issues.push(`${path}: must be { upTo, bonus } numbers`);
        if (t.upTo <= prevUpTo || t.upTo > 1) issues.push(`${path}.upTo: must increase and stay ≤ 1`);
        if (t.bonus < 0 || t.bonus > 1) issues.push(`${path}.bonus: must be in [0, 1]`);
        if (t.bonus > prevBonus) issues.push(`${path}.bonus: must not exceed the previous tier's (the utility is concave)`);
        prevUpTo = t.upTo;
        prevBonus = t.bonus;
      });
      if (prevUpTo !== 1) issues.push('parameters.fairnessTiers: the last tier must reach upTo = 1');
    }
  }
  if (issues.length) throw new MatchInputError(issues);
}
