// Pure wish rules: card names, urgency, near-duplicates, the recommendation score's parts, the
// printed code, disclosure months, and the contract's refusal of hostile text.
import {
  BrowseInput,
  cardName,
  confirmCodeFromBytes,
  formatConfirmCode,
  isNearDuplicate,
  isUnder14Band,
  isUrgent,
  itemSimilarity,
  PostWishInput,
  RECOMMEND_WEIGHTS,
  recommendScore,
  WishConfirmCode,
  wishMonthRange,
} from '../../../core';

test('a card shows the first character of the name and 某', () => {
  expect(cardName('王秀英')).toBe('王某');
  expect(cardName(' 欧阳娜娜 ')).toBe('欧某');
  expect(cardName('李')).toBe('某');
});

test('under 14 by age band', () => {
  expect(['0-5', '6-13'].every((b) => isUnder14Band(b as never))).toBe(true);
  expect(['14-17', '18-59', '80+'].some((b) => isUnder14Band(b as never))).toBe(false);
});

test('urgency counts China days', () => {
  expect(isUrgent('2026-11-27', '2026-11-20', 7)).toBe(true);
  expect(isUrgent('2026-11-28', '2026-11-20', 7)).toBe(false);
});

test('near-duplicates: same category and nearly the same item', () => {
  expect(itemSimilarity('新书包', '书包')).toBe(1);
  expect(isNearDuplicate({ item: '一台收音机', category: 'companionship' }, { item: '收音机', category: 'companionship' })).toBe(true);
  expect(isNearDuplicate({ item: '新书包', category: 'study' }, { item: '书包', category: 'daily-living' })).toBe(false);
  expect(isNearDuplicate({ item: '轮椅维修', category: 'health' }, { item: '老花镜', category: 'health' })).toBe(false);
});

describe('recommendScore', () => {
  const now = Date.UTC(2026, 10, 20, 2);
  const wish = { category: 'study', valueFen: 10_000, wantedOn: '2026-11-21', publishedAt: now - 30 * 86_400_000, communityId: 'c1' };
  test('a perfect match scores every part fully, and the parts add up', () => {
    const { score, parts } = recommendScore(wish, { categories: ['study'], budgetFen: 20_000, helpedCommunities: {} }, now);
    expect(parts.category).toBe(RECOMMEND_WEIGHTS.category);
    expect(parts.budget).toBe(RECOMMEND_WEIGHTS.budget);
    expect(parts.waiting).toBe(RECOMMEND_WEIGHTS.waiting);
    expect(parts.spread).toBe(RECOMMEND_WEIGHTS.spread);
    expect(parts.urgency).toBeCloseTo((RECOMMEND_WEIGHTS.urgency * 29) / 30, 1);
    expect(score).toBeCloseTo(Object.values(parts).reduce((a, b) => a + b, 0), 5);
  });
  test('over budget, another category, a community already helped: lower, and each part says why', () => {
    const { parts } = recommendScore({ ...wish, valueFen: 30_000 }, { categories: ['health'], budgetFen: 20_000, helpedCommunities: { c1: 3 } }, now);
    expect(parts.category).toBe(0);
    expect(parts.budget).toBe(12.5);
    expect(parts.spread).toBe(2.5);
  });
  test('distance: full next door, linear to nothing at 10 km, neutral without a location', () => {
    const here = { lat: 23.1291, lng: 113.3245 };
    const prefs = { categories: [], budgetFen: null, helpedCommunities: {}, location: here };
    expect(recommendScore({ ...wish, communityLocation: here }, prefs, now).parts.distance).toBe(RECOMMEND_WEIGHTS.distance);
    // 0.045° of latitude is about 5 km: half the weight.
    expect(recommendScore({ ...wish, communityLocation: { lat: here.lat + 0.045, lng: here.lng } }, prefs, now).parts.distance).toBeCloseTo(RECOMMEND_WEIGHTS.distance / 2, 0);
    expect(recommendScore({ ...wish, communityLocation: { lat: here.lat + 0.2, lng: here.lng } }, prefs, now).parts.distance).toBe(0);
    expect(recommendScore({ ...wish, communityLocation: null }, prefs, now).parts.distance).toBe(RECOMMEND_WEIGHTS.distance / 2);
    expect(recommendScore(wish, { ...prefs, location: null }, now).parts.distance).toBe(RECOMMEND_WEIGHTS.distance / 2);
  });
});

test('the printed code: unambiguous alphabet, formatted, typed back in any case with or without the dash', () => {
  const code = confirmCodeFromBytes(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 30]));
  expect(code).toBe('23456789AZ');
  expect(formatConfirmCode(code)).toBe('23456-789AZ');
  expect(WishConfirmCode.parse('23456-789az')).toBe(code);
  expect(WishConfirmCode.safeParse('O0I1L-23456').success).toBe(false);
});

test('a month is its China-time range', () => {
  const [start, end] = wishMonthRange('2026-12');
  expect(new Date(start).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  expect(new Date(end).toISOString()).toBe('2026-12-31T16:00:00.000Z');
});

test('contract text: trimmed, bounded, no control characters', () => {
  const ok = { recipientId: 'r_0123456789abcdef0123', item: ' 书包 ', description: '旧书包坏了', category: 'study', valueFen: 100, wantedOn: '2026-12-01' };
  expect(PostWishInput.parse(ok).item).toBe('书包');
  expect(PostWishInput.safeParse({ ...ok, item: '书\u0000包' }).success).toBe(false);
  expect(PostWishInput.safeParse({ ...ok, item: 'x'.repeat(41) }).success).toBe(false);
  expect(PostWishInput.safeParse({ ...ok, valueFen: 1.5 }).success).toBe(false);
  expect(PostWishInput.safeParse({ ...ok, wantedOn: '2026-02-30' }).success).toBe(false);
  expect(BrowseInput.parse({})).toEqual({ sort: 'newest', limit: 20 });
});
