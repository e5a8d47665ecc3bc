// Configuration variables of the volunteer domain, merged into ServerConfig (server/config.ts). Each needs a
// default or must be optional, a comment saying what it does, and a row in its docs/ page.
// They are optional here and their defaults applied by volunteerSettings(), so an unset variable
// stays absent from the parsed configuration.
import { z } from 'zod';
import { checkStarThresholds, DEFAULT_STAR_THRESHOLDS_HOURS } from '../../core/volunteer/stars';

export const VolunteerConfigShape = {
  /** Cumulative service hours for 1★..N★, comma-separated and strictly increasing (default 100,300,600,1000,1500). */
  VOLUNTEER_STAR_THRESHOLDS_HOURS: z
    .string()
    .transform((s, ctx) => {
      const list = s.split(',').map((x) => Number(x.trim()));
      const problem = checkStarThresholds(list);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return list;
    })
    .optional(),
  /** Time-bank minutes credited per 100 minutes of confirmed service (default 100: 1 hour = 1 credit). */
  TIME_BANK_CREDIT_PERCENT: z.coerce.number().int().min(1).max(1000).optional(),
  /** Optional cap of a time-bank balance in hours (e.g. 1500, as in 南京/广州); service beyond it still counts for stars. */
  TIME_BANK_CAP_HOURS: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /** Hours a family invitation code stays valid (default 24). */
  FAMILY_INVITE_TTL_HOURS: z.coerce.number().int().min(1).max(720).optional(),
  /** Seconds a volunteer card's personal code stays valid (60–1800, default 300); the card page renews it before then. */
  VOLUNTEER_CARD_TTL_SECONDS: z.coerce.number().int().min(60).max(1800).optional(),
} satisfies z.ZodRawShape;

type Parsed = { [K in keyof typeof VolunteerConfigShape]?: z.output<(typeof VolunteerConfigShape)[K]> };

export interface VolunteerSettings {
  starThresholdsHours: readonly number[];
  creditPercent: number;
  capMinutes: number | null;
  familyInviteTtlMs: number;
  cardTtlMs: number;
}

/** The domain's settings with their defaults. */
export function volunteerSettings(config: Parsed): VolunteerSettings {
  return {
    starThresholdsHours: config.VOLUNTEER_STAR_THRESHOLDS_HOURS ?? DEFAULT_STAR_THRESHOLDS_HOURS,
    creditPercent: config.TIME_BANK_CREDIT_PERCENT ?? 100,
    capMinutes: config.TIME_BANK_CAP_HOURS === undefined ? null : config.TIME_BANK_CAP_HOURS * 60,
    familyInviteTtlMs: (config.FAMILY_INVITE_TTL_HOURS ?? 24) * 3600_000,
    cardTtlMs: (config.VOLUNTEER_CARD_TTL_SECONDS ?? 300) * 1000,
  };
}
