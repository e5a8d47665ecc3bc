// Configuration variables of the wish domain, merged into ServerConfig (server/config.ts). Each needs a
// default or must be optional, a comment saying what it does, and a row in its docs/ page.
// They are optional here (so ServerConfig's defaults stay the platform's) and wishSettings() applies
// the documented defaults; docs/wishes.md lists them.
import { z } from 'zod';
import type { ServerConfig } from '../config';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();
const templateId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/).optional();

export const WishConfigShape = {
  /** Highest estimated value of one wish, in fen (default 50000 = ¥500). */
  WISH_VALUE_CAP_FEN: int(100, 10_000_000),
  /** Open wishes (submitted … delivered) one recipient may have at once (default 3). */
  WISH_MAX_OPEN_PER_RECIPIENT: int(1, 50),
  /** Claims one donor may hold undelivered at once (default 3). */
  WISH_MAX_OPEN_CLAIMS_PER_DONOR: int(1, 100),
  /** Days a donor has to deliver a claimed wish before the timer releases it (default 7). */
  WISH_CLAIM_DAYS: int(1, 60),
  /** Hours before the delivery deadline the donor is reminded (default 48). */
  WISH_REMIND_HOURS: int(1, 720),
  /** A wish wanted within this many days counts as urgent (browse filter, card badge; default 7). */
  WISH_URGENT_DAYS: int(1, 90),
  /** Minutes a family binding code (wish.issueFamilyCode) stays valid (default 30). */
  WISH_FAMILY_CODE_MINUTES: int(5, 1440),
  /** Subscribe-message template ids (WeChat console). Defaults are development placeholders the emulator records. */
  WISH_TMPL_CLAIMED: templateId,
  WISH_TMPL_REMINDER: templateId,
  WISH_TMPL_RELEASED: templateId,
  WISH_TMPL_DELIVERED: templateId,
  WISH_TMPL_CONFIRMED: templateId,
} satisfies z.ZodRawShape;

export interface WishSettings {
  valueCapFen: number;
  maxOpenPerRecipient: number;
  maxOpenClaimsPerDonor: number;
  claimDays: number;
  remindHours: number;
  urgentDays: number;
  familyCodeMs: number;
  templates: { claimed: string; reminder: string; released: string; delivered: string; confirmed: string };
}

export function wishSettings(c: ServerConfig): WishSettings {
  return {
    valueCapFen: c.WISH_VALUE_CAP_FEN ?? 50_000,
    maxOpenPerRecipient: c.WISH_MAX_OPEN_PER_RECIPIENT ?? 3,
    maxOpenClaimsPerDonor: c.WISH_MAX_OPEN_CLAIMS_PER_DONOR ?? 3,
    claimDays: c.WISH_CLAIM_DAYS ?? 7,
    remindHours: c.WISH_REMIND_HOURS ?? 48,
    urgentDays: c.WISH_URGENT_DAYS ?? 7,
    familyCodeMs: (c.WISH_FAMILY_CODE_MINUTES ?? 30) * 60_000,
    templates: {
      claimed: c.WISH_TMPL_CLAIMED ?? 'dev-wish-claimed',
      reminder: c.WISH_TMPL_REMINDER ?? 'dev-wish-reminder',
      released: c.WISH_TMPL_RELEASED ?? 'dev-wish-released',
      delivered: c.WISH_TMPL_DELIVERED ?? 'dev-wish-delivered',
      confirmed: c.WISH_TMPL_CONFIRMED ?? 'dev-wish-confirmed',
    },
  };
}
