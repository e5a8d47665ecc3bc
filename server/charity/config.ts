// Configuration variables of the charity domain, merged into ServerConfig (server/config.ts). Each needs a
// default or must be optional, a comment saying what it does, and a row in its docs/ page.
import { z } from 'zod';

export const CharityConfigShape = {
  /**
   * Subscribe-message template of the daily reminder to staff that disclosures are due (the charity
   * function's timer remindDisclosures). Unset: the reminder is recorded but no message is sent.
   */
  CHARITY_DISCLOSURE_TEMPLATE_ID: z.string().min(1).max(128).optional(),
  /**
   * Subscribe-message template that asks the donor to accept an allocation staff confirmed
   * (charity.confirmAllocation). Unset: no message; the donor sees it in their allocations list.
   */
  CHARITY_ALLOCATION_TEMPLATE_ID: z.string().min(1).max(128).optional(),
} satisfies z.ZodRawShape;
