// Configuration variables of the activity domain, merged into ServerConfig (server/config.ts). Each needs a
// default or must be optional, a comment saying what it does, and a row in its docs/ page.
// They are optional here and their defaults live in activitySettings() (server/activity/settings.ts), so
// ServerConfig's own defaults (and their test) stay as they are.
import { z } from 'zod';
import { HoursPolicyId } from '../../core';

export const ActivityConfigShape = {
  /** Hours policy of activities created without one (core/activity/hours.ts HOURS_POLICIES); default exact. */
  ACTIVITY_HOURS_POLICY: HoursPolicyId.optional(),
  // Holidays and make-up working days are the platform's PUBLIC_HOLIDAYS and MAKEUP_WORKDAYS (server/holidays.ts).
  /** Working days after an activity's last day within which its records must be completed (办法 §11); default 10. */
  ACTIVITY_RECORD_DEADLINE_DAYS: z.coerce.number().int().min(1).max(60).optional(),
  /** Length of one slot of the rotating check-in code, in seconds (15–600); default 60. */
  CHECKIN_SLOT_SECONDS: z.coerce.number().int().min(15).max(600).optional(),
  /** Slots a rotating code is accepted for: 1 = its own only, 2 = also the next (1–3); default 2. */
  CHECKIN_SLOTS_VALID: z.coerce.number().int().min(1).max(3).optional(),
  /** The mini-program page a check-in code opens (reads `scene`, calls checkin.checkIn/checkOut); default pages/volunteer/checkin/index. */
  CHECKIN_PAGE: z
    .string()
    .regex(/^[a-z0-9_-]+(\/[a-z0-9_-]+)*$/i)
    .optional(),
  /**
   * Subscribe-message template of "you moved up from the waitlist" (activity.cancelSignUp promotes the
   * next person); default a development placeholder, which the emulator accepts and a real deployment replaces.
   */
  ACTIVITY_PROMOTION_TEMPLATE_ID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
} satisfies z.ZodRawShape;
