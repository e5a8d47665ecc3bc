// Shared by the charity function's tests: people with roles in a fresh community, and calls as them.
import { defineCharity } from '../../../cloudfunctions/charity/function';
import type { MatchInput, MatchResult } from '../../../core/charity/matching/types';
import { db, uniq } from '../../server/fixtures/db';

/** 2026-11-23 10:00 Beijing, a Monday. */
export const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);
export const DAY = 86_400_000;

export const charity = defineCharity();

export type Envelope = { ok: true; data: any } | { ok: false; error: { code: string; message: string; details?: { reason?: string; issues?: unknown[] } } };

export async function call(openid: string, action: string, input: unknown, opts: { at?: number; requestId?: string; fn?: typeof charity } = {}): Promise<Envelope> {
  const f = opts.fn ?? charity;
  return (await f.invoke({ action, input, requestId: opts.requestId ?? uniq('rid') }, { openid, now: () => opts.at ?? T0 })) as Envelope;
}

/** The data of a successful call; fails the test with the error otherwise. */
export async function ok(openid: string, action: string, input: unknown, opts: { at?: number; requestId?: string } = {}): Promise<any> {
  const r = await call(openid, action, input, opts);
  if (!r.ok) throw new Error(`${action} failed: ${JSON.stringify(r.error)}`);
  return r.data;
}

export async function person(prefix: string, roles: Array<[string, string]>): Promise<string> {
  const openid = uniq(prefix).replace(/[^A-Za-z0-9_-]/g, '');
  const communities = [...new Set(roles.map(([, c]) => c))];
  await db().collection('users').add({ data: { _id: openid, openid, roles: roles.map(([role, communityId]) => ({ role, communityId })), roleCommunityIds: communities, createdAt: T0, updatedAt: T0 } });
  return openid;
}

export interface Cast {
  community: string;
  admin: string;
  staff: string;
  staff2: string;
  socialWorker: string;
  donor: string;
  resident: string;
  outsider: string;
}

/** A fresh community with one person per role (and a staff member of another community as outsider). */
export async function cast(): Promise<Cast> {
  const community = uniq('cc').toLowerCase();
  const other = uniq('oc').toLowerCase();
  await db().collection('communities').add({ data: { _id: community, name: '测试社区', location: { type: 'Point', coordinates: [113.3245, 23.1291] }, createdAt: T0 } });
  const [admin, staff, staff2, socialWorker, donor, resident, outsider] = await Promise.all([
    person('adm', [['community-admin', community]]),
    person('stf', [['staff', community]]),
    person('stf2', [['staff', community]]),
    person('sw', [['social-worker', community]]),
    person('don', [['donor', community]]),
    person('res', [['resident', community]]),
    person('out', [['staff', other]]),
  ]);
  return { community, admin, staff, staff2, socialWorker, donor, resident, outsider };
}

export const goodsOffer = (over: Record<string, unknown> = {}) => ({
  kind: 'goods',
  category: 'bedding',
  item: '冬季棉被',
  quantity: 10,
  unit: '床',
  condition: 'new',
  pickupArea: '和平街道',
  pickupLocation: { lng: 113.33, lat: 23.13 },
  donorType: 'individual',
  donorName: '周建国',
  availableUntil: '2026-12-31',
  ...over,
});

export const need = (over: Record<string, unknown> = {}) => ({
  category: 'bedding',
  item: '棉被',
  quantity: 6,
  unit: '床',
  urgency: 'high',
  deadlineOn: '2026-12-10',
  beneficiaryGroup: 'elderly',
  ...over,
});

/**
 * A deterministic stand-in matcher for function tests that need proposals of known quantities:
 * pairs offers and needs of the same category and unit in id order. The real engine's optimality
 * is the engine's own tests' business (test/core/charity/matching); these tests are about what
 * the function does with any engine result.
 */
export const simpleMatch = (input: MatchInput): MatchResult => {
  const left = new Map(input.offers.map((o) => [o.id, o.quantity]));
  const allocations: MatchResult['allocations'] = [];
  for (const n of input.needs) {
    let want = n.quantity;
    for (const o of input.offers) {
      if (want === 0) break;
      if (o.category !== n.category || o.unit !== n.unit) continue;
      const q = Math.min(want, left.get(o.id) ?? 0);
      if (q <= 0) continue;
      left.set(o.id, (left.get(o.id) ?? 0) - q);
      want -= q;
      allocations.push({ offerId: o.id, needId: n.id, quantity: q, unit: n.unit, score: 10, parts: { categoryFit: 10, urgency: 0, deadline: 0, distance: 0, expiry: 0 }, fairnessPerUnit: 0, distanceKm: null, binding: ['need-filled'] });
    }
  }
  return { allocations, objective: allocations.reduce((s, a) => s + a.quantity * a.score, 0), pairObjective: 0, fairnessObjective: 0, fairness: [], unmet: { needs: [], offers: [] }, stats: { pairs: 0, arcs: 0, relays: 0, components: 0, pricingRounds: 0, pivots: 0 } as MatchResult['stats'] };
};

