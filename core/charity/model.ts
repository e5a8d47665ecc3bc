// The charity domain's vocabulary (issue 5): offers from donors, needs of communities, allocations
// between them, the community station's stock, the community fund and the disclosure ledger.
// Quantities are integers in the unit of the record: pieces/boxes for goods, fen for money, whole
// hours for services. Pure: zod only (imported through zod-setup, see core/zod-setup.ts).
import { z } from '../zod-setup';

/** A server-made document id (or a client's reference to one). */
export const CharityId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of 1–64 characters [A-Za-z0-9_-]');
export type CharityId = z.infer<typeof CharityId>;

/** Trimmed, non-empty text of at most `max` characters, no control characters. */
export const CharityText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'must not contain control characters');

/**
 * What an offer gives and a need asks for. Goods categories carry an item and a unit; `money` is
 * counted in fen; `service` in whole hours of a skill. An offer matches a need of its category only.
 */
export const GOODS_CATEGORIES = ['food', 'clothing', 'bedding', 'daily-living', 'study', 'health', 'mobility', 'appliances', 'books', 'toys'] as const;
export const CharityCategory = z.enum([...GOODS_CATEGORIES, 'money', 'service']);
export type CharityCategory = z.infer<typeof CharityCategory>;
export const GoodsCategory = z.enum(GOODS_CATEGORIES);
export type GoodsCategory = z.infer<typeof GoodsCategory>;

export const CharityOfferKind = z.enum(['goods', 'money', 'service']);
export type CharityOfferKind = z.infer<typeof CharityOfferKind>;

export const CharityDonorType = z.enum(['individual', 'company', 'organization']);
export type CharityDonorType = z.infer<typeof CharityDonorType>;

export const CharityGoodsCondition = z.enum(['new', 'like-new', 'used']);
export type CharityGoodsCondition = z.infer<typeof CharityGoodsCondition>;

/** What money may be spent on: a money pledge restricted to a purpose funds only needs with it. */
export const CharityPurpose = z.enum(['education', 'elderly-care', 'medical', 'disability', 'emergency', 'community']);
export type CharityPurpose = z.infer<typeof CharityPurpose>;

export const CharityServiceSkill = z.enum(['repair', 'cleaning', 'tutoring', 'medical', 'legal', 'counselling', 'haircut', 'companionship', 'other']);
export type CharityServiceSkill = z.infer<typeof CharityServiceSkill>;

export const CharityUrgency = z.enum(['low', 'normal', 'high', 'critical']);
export type CharityUrgency = z.infer<typeof CharityUrgency>;

export const CharityBeneficiaryGroup = z.enum(['elderly', 'children', 'disabled', 'low-income', 'sick', 'families', 'other']);
export type CharityBeneficiaryGroup = z.infer<typeof CharityBeneficiaryGroup>;

/** A unit as written on a record ('件', '箱', '袋'); money is always 'fen' and services 'hour'. */
export const CharityUnit = CharityText(8);
/** Pieces, fen or hours: a positive integer. */
export const CharityQuantity = z.number().int('a whole number').min(1).max(100_000_000);
/** Money in fen: at most ¥10,000,000 per record. */
export const CharityAmountFen = z.number().int('a whole number of fen').min(1).max(1_000_000_000);

/** A cloud storage file id of evidence or a photo (cloud://…). */
export const CharityFileId = z.string().min(8).max(512).regex(/^cloud:\/\/[^\s]+$/, 'a cloud:// file id');

/** 'YYYY-MM': a calendar month in China time. */
export const CharityMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');
export type CharityMonth = z.infer<typeof CharityMonth>;

