// The activity domain's configuration with its defaults applied (server/activity/config.ts).
import { HolidayTable, HOURS_POLICIES, HoursPolicyId } from '../../core';
import type { ServerConfig } from '../config';
import { holidayTable } from '../holidays';

export interface ActivitySettings {
  defaultHoursPolicy: HoursPolicyId;
  holidays: HolidayTable;
  deadlineDays: number;
  slotSeconds: number;
  slotsValid: number;
  /** CHECKIN_ACTIVITY_CACHE_SECONDS: how long a scan may reuse the activity it read. */
  activityCacheSeconds: number;
  /** CHECKIN_SIGNUP_CACHE_SECONDS: how long a scan may reuse the activity's confirmed sign-ups. */
  signupCacheSeconds: number;
  checkinPage: string;
  promotionTemplateId: string;
}

export function activitySettings(c: ServerConfig): ActivitySettings {
  return {
    defaultHoursPolicy: c.ACTIVITY_HOURS_POLICY ?? 'exact',
    holidays: holidayTable(c),
    deadlineDays: c.ACTIVITY_RECORD_DEADLINE_DAYS ?? 10,
    slotSeconds: c.CHECKIN_SLOT_SECONDS ?? 60,
    slotsValid: c.CHECKIN_SLOTS_VALID ?? 2,
    activityCacheSeconds: c.CHECKIN_ACTIVITY_CACHE_SECONDS ?? 5,
    signupCacheSeconds: c.CHECKIN_SIGNUP_CACHE_SECONDS ?? 5,
    checkinPage: c.CHECKIN_PAGE ?? 'pages/volunteer/checkin/index',
    promotionTemplateId: c.ACTIVITY_PROMOTION_TEMPLATE_ID ?? 'dev-activity-promoted',
  };
}

export { HOURS_POLICIES };
