// Configuration variables of the volunteer domain, merged into ServerConfig (server/config.ts). Each needs a
// default or must be optional, a comment saying what it does, and a row in its docs/ page.
import { z } from 'zod';
import { checkStarThresholds, DEFAULT_STAR_THRESHOLDS_HOURS } from '../../core/volunteer/stars';

export const VolunteerConfigShape = {
  /** Cumulative service hours for 1★..N★, comma-separated and strictly increasing (default 100,300,600,1000,1500). */
  VOLUNTEER_STAR_THRESHOLDS_HOURS: z
    .string()
    .default(DEFAULT_STAR_THRESHOLDS_HOURS.join(','))
    .transform((s, ctx) => {
      const list = s.split(',').map((x) => Number(x.trim()));
      const problem = checkStarThresholds(list);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return list;
    }),
  /** Time-bank minutes credited per 100 minutes of confirmed service (default 100: 1 hour = 1 credit). */
  TIME_BANK_CREDIT_PERCENT: z.coerce.number().int().min(1).max(1000).default(100),
  /** Optional cap of a time-bank balance in hours (e.g. 1500, as in 南京/广州); service beyond it still counts for stars. */
  TIME_BANK_CAP_HOURS: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /** Hours a family invitation code stays valid (default 24). */
  FAMILY_INVITE_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(24),
} satisfies z.ZodRawShape;
