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
    checkinPage: c.CHECKIN_PAGE ?? 'pages/volunteer/checkin/index',
    promotionTemplateId: c.ACTIVITY_PROMOTION_TEMPLATE_ID ?? 'dev-activity-promoted',
  };
}

export { HOURS_POLICIES };
