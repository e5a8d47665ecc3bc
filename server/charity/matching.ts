// From stored offers and needs to the matching engine's input (core/charity/matching/types.ts),
// and from its allocations to the explanation stored with each proposal. Units: goods in their
// own unit (an offer and a need match only with the same unit), money in fen, services in hours;
// a service's category is 'service:<skill>' so a repair offer never fills a tutoring need.
import { AllocationExplanation, endOfDay } from '../../core';
import type { Allocation, MatchNeed, MatchOffer } from '../../core/charity/matching/types';
import type { NeedDoc, OfferDoc } from './docs';

export function engineCategory(category: string, skill: string | null): string {
  return category === 'service' ? `service:${skill ?? 'other'}` : category;
}

export function toMatchOffer(o: OfferDoc): MatchOffer {
  const restrictions: NonNullable<MatchOffer['restrictions']> = {};
  if (o.restrictedCommunityId) restrictions.communityIds = [o.restrictedCommunityId];
  if (o.restrictedPurpose) restrictions.purposes = [o.restrictedPurpose];
  return {
    id: o._id,
    donorId: o.donorOpenid,
    category: engineCategory(o.category, o.skill),
    quantity: Math.max(0, o.quantity - o.allocatedQuantity),
    unit: o.unit,
    pickup: o.location ? { lat: o.location.lat, lng: o.location.lng } : null,
    // The last moment of its last day, China time.
    availableUntil: endOfDay(o.availableUntil) - 1,
    restrictions,
  };
}

export function toMatchNeed(n: NeedDoc, location: { lat: number; lng: number } | null): MatchNeed {
  return {
    id: n._id,
    communityId: n.communityId,
    location: n.category === 'money' ? null : location,
    category: engineCategory(n.category, n.skill),
    quantity: Math.max(0, n.quantity - n.allocatedQuantity),
    unit: n.unit,
    urgency: n.urgency,
    deadline: endOfDay(n.deadlineOn) - 1,
    beneficiaryGroup: n.beneficiaryGroup,
    ...(n.purpose ? { purpose: n.purpose } : {}),
  };
}

const TERM_LABELS: Record<string, string> = {
  categoryFit: '品类匹配',
  urgency: '紧急程度',
  deadline: '截止临近',
  distance: '距离',
  expiry: '捐赠临期',
  fairness: '社区间公平',
};
const BINDING_LABELS: Record<string, string> = {
  'offer-exhausted': '捐赠已全部分配',
  'need-filled': '需求已满足',
  'donor-restriction': '捐赠人限定用途',
  'distance-limit': '距离上限',
  'fairness-tier': '公平档位',
};

/** The parts of the per-unit score, the binding constraints, and a sentence staff can read. */
export function explain(a: Allocation): AllocationExplanation {
  const terms = [...Object.entries(a.parts).map(([term, value]) => ({ term, value })), { term: 'fairness', value: Math.round(a.fairnessPerUnit * 100) / 100 }];
  const parts = terms.filter((t) => t.value !== 0).map((t) => `${TERM_LABELS[t.term] ?? t.term} ${t.value > 0 ? '+' : ''}${t.value}`);
  const distance = a.distanceKm === null ? '' : `，相距 ${a.distanceKm.toFixed(1)} 公里`;
  const binding = a.binding.map((b) => BINDING_LABELS[b] ?? b);
  return {
    score: a.score,
    terms,
    binding: [...a.binding],
    text: `每单位得分 ${a.score}（${parts.join('，')}）${distance}；数量受限于：${binding.join('、') || '无'}`,
  };
}
