// Pure rules of the wish domain: what a public card shows, urgency, near-duplicates, the
// recommendation score, the printed confirmation code, disclosure months.
import { haversineMeters, LatLng } from '../geo';
import { maskName } from '../mask';
import { dayOf, daysBetween, endOfDay } from '../time';
import { z } from '../zod-setup';

export const WishCategory = z.enum(['study', 'daily-living', 'health', 'companionship', 'other']);
export type WishCategory = z.infer<typeof WishCategory>;

/** Age bands a card may show; the exact age is never stored on a wish. */
export const RecipientAgeBand = z.enum(['0-5', '6-13', '14-17', '18-59', '60-69', '70-79', '80+']);
export type RecipientAgeBand = z.infer<typeof RecipientAgeBand>;

/** Under 14: PIPL art. 31 needs a guardian's consent before the wish is verified. */
export function isUnder14Band(band: RecipientAgeBand): boolean {
  return band === '0-5' || band === '6-13';
}

/**
 * A broad group label a card may show, only with the recipient's consent. Deliberately coarse: the
 * exact sensitive status (低保, 特困, disability) is 特定身份 (PIPL art. 28) and is kept sealed on the
 * recipient for staff, never on a card.
 */
export const RecipientGroup = z.enum(['elderly-alone', 'elderly', 'child', 'family-in-difficulty', 'other']);
export type RecipientGroup = z.infer<typeof RecipientGroup>;

/** The masked display name of a card: first character of the given name + 某 (王小明 → 王某 by maskName's rule). */
export function cardName(fullName: string): string {
  return maskName(fullName) || '某';
}

/** Urgent: wanted by a day within `urgentDays` of today (China days). */
export function isUrgent(wantedOn: string, today: string, urgentDays: number): boolean {
  return daysBetween(today, wantedOn) <= urgentDays;
}

/** The instant a wish wanted by `wantedOn` is overdue: the end of that China day. */
export function wantedByInstant(wantedOn: string): number {
  return endOfDay(wantedOn);
}


// ---------------------------------------------------------------------------------------------
// Near-duplicates: two open wishes of one recipient whose items are nearly the same text
// ("新书包" / "书包") are flagged to staff; not refused, since a second school bag for a sibling can
// be legitimate and only a person can tell.

function normalItem(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .replace(/^(新的|新|一个|一台|一辆|一套|一件|一床|一双)/u, '');
}

function bigrams(s: string): Set<string> {
  const cps = Array.from(s);
  if (cps.length < 2) return new Set(cps);
  const out = new Set<string>();
  for (let i = 0; i < cps.length - 1; i++) out.add(cps[i]! + cps[i + 1]!);
  return out;
}

/** Dice similarity of the items' character bigrams after normalising, 0..1. */
export function itemSimilarity(a: string, b: string): number {
  const na = normalItem(a);
  const nb = normalItem(b);
  if (!na || !nb) return 0;
  if (na === nb || na.includes(nb) || nb.includes(na)) return 1;
  const A = bigrams(na);
  const B = bigrams(nb);
  let common = 0;
  for (const g of A) if (B.has(g)) common++;
  return (2 * common) / (A.size + B.size);
}

export const NEAR_DUPLICATE_THRESHOLD = 0.6;

export function isNearDuplicate(a: { item: string; category: string }, b: { item: string; category: string }): boolean {
  return a.category === b.category && itemSimilarity(a.item, b.item) >= NEAR_DUPLICATE_THRESHOLD;
}

// ---------------------------------------------------------------------------------------------
// Recommendation: an explainable score. Each part is 0..its weight; the total is their sum, and
// the parts are returned so a page can say why ("in your budget", "waiting 12 days").

export const RECOMMEND_WEIGHTS = {
  category: 30,
  budget: 25,
  urgency: 20,
  waiting: 15,
  spread: 10,
  distance: 15,
} as const;

/** The distance part is full next door and falls linearly to nothing at this many km. */
export const RECOMMEND_DISTANCE_ZERO_KM = 10;

export interface RecommendFacts {
  category: string;
  valueFen: number;
  wantedOn: string;
  publishedAt: number;
  communityId: string;
  /** Where the wish's community is (its community document's location), when known. */
  communityLocation?: LatLng | null;
}

export interface DonorPreferences {
  categories: readonly string[];
  budgetFen: number | null;
  /** Communities the donor already helped recently, with how many times: spread help across communities. */
  helpedCommunities: Readonly<Record<string, number>>;
  /** Where the donor is, when they shared it. */
  location?: LatLng | null;
}

export interface ScoreParts {
  category: number;
  budget: number;
  urgency: number;
  waiting: number;
  spread: number;
  distance: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function recommendScore(w: RecommendFacts, p: DonorPreferences, now: number): { score: number; parts: ScoreParts } {
  const W = RECOMMEND_WEIGHTS;
  const category = p.categories.length === 0 ? W.category / 2 : p.categories.includes(w.category) ? W.category : 0;
  // Within budget scores fully; over budget loses in proportion to the excess, nothing past double.
  const budget = p.budgetFen === null ? W.budget / 2 : w.valueFen <= p.budgetFen ? W.budget : Math.max(0, W.budget * (1 - (w.valueFen - p.budgetFen) / Math.max(1, p.budgetFen)));
  const today = dayOf(now);
  const daysLeft = daysBetween(today, w.wantedOn);
  // Full when due today or overdue-but-still-published, none at 30 days or more.
  const urgency = W.urgency * Math.min(1, Math.max(0, (30 - daysLeft) / 30));
  const waitedDays = Math.max(0, (now - w.publishedAt) / 86_400_000);
  const waiting = W.waiting * Math.min(1, waitedDays / 30);
  const helped = p.helpedCommunities[w.communityId] ?? 0;
  const spread = W.spread / (1 + helped);
  // Without both locations the part is neutral (half), so it neither helps nor hurts.
  const distance =
    p.location && w.communityLocation
      ? W.distance * Math.max(0, 1 - haversineMeters(p.location, w.communityLocation) / 1000 / RECOMMEND_DISTANCE_ZERO_KM)
      : W.distance / 2;
  const parts: ScoreParts = {
    category: round1(category),
    budget: round1(budget),
    urgency: round1(urgency),
    waiting: round1(waiting),
    spread: round1(spread),
    distance: round1(distance),
  };
  const score = round1(parts.category + parts.budget + parts.urgency + parts.waiting + parts.spread + parts.distance);
  return { score, parts };
}

// ---------------------------------------------------------------------------------------------
// The printed personal confirmation code (签单码) for recipients without a smartphone: staff print
// it on a card; at delivery the volunteer or staff scan or type it. One-time: signing off uses it
// up. 10 characters of an alphabet without look-alikes (no 0/O, 1/I/L), shown as XXXXX-XXXXX.

export const CONFIRM_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CONFIRM_CODE_LENGTH = 10;
export const WishConfirmCode = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(new RegExp(`^[${CONFIRM_CODE_ALPHABET}]{${CONFIRM_CODE_LENGTH}}$`), 'a confirmation code of 10 letters and digits, as printed'));

export function formatConfirmCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Makes a code of `length` characters from random bytes (the server supplies them; core has no randomness of its own). */
export function confirmCodeFromBytes(bytes: Uint8Array, length = CONFIRM_CODE_LENGTH): string {
  if (bytes.length < length) throw new RangeError(`confirmCodeFromBytes: need ${length} bytes`);
  let out = '';
  for (let i = 0; i < length; i++) out += CONFIRM_CODE_ALPHABET[bytes[i]! % CONFIRM_CODE_ALPHABET.length];
  return out;
}

// ---------------------------------------------------------------------------------------------
// The family binding code (绑定码): a resident who will post and sign off for a family member
// shows staff this short-lived one-time code (a mini-program code, and the code in two groups of
// four to type); staff bind with it. It names the person without revealing their openid: the
// server keeps only its keyed hash. Same alphabet as the confirmation code; the scene is the
// 8 characters themselves.

export const FAMILY_CODE_LENGTH = 8;
export const FamilyCode = z
  .string()
  .max(40)
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(new RegExp(`^[${CONFIRM_CODE_ALPHABET}]{${FAMILY_CODE_LENGTH}}$`), 'a binding code of 8 letters and digits, as shown on the family page'));

export function formatFamilyCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

// ---------------------------------------------------------------------------------------------
// Disclosure months (两公开): 'YYYY-MM' in China time.

export const WishMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');
export type WishMonth = z.infer<typeof WishMonth>;

/** [start, end) epoch ms of a China-time month. */
export function wishMonthRange(month: string): [number, number] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = Date.UTC(y, m - 1, 1) - 8 * 3_600_000;
  const end = Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) - 8 * 3_600_000;
  return [start, end];
}

/**
 * A new wish's lifecycle fields before any step has happened: posting and the demo seed both start
 * from it. A function, so each wish gets its own `pledges` array.
 */
export function unstartedWishLifecycle() {
  return {
    verification: null,
    verifiedAt: null,
    rejection: null,
    publishedAt: 0,
    pooled: false,
    pledgedFen: 0,
    pledges: [] as Array<{ donor: string; fen: number; at: number }>,
    claimedBy: null,
    claimedAt: null,
    claimDueAt: null,
    claimRemindAt: null,
    remindedAt: null,
    delivery: null,
    deliveredAt: null,
    confirmation: null,
    confirmedAt: null,
    thanks: null,
    thankedAt: null,
    expiredAt: null,
    closure: null,
  };
}
