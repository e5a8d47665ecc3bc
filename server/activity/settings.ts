// The activity domain's configuration with its defaults applied (server/activity/config.ts).
import { HolidayTable, HOURS_POLICIES, HoursPolicyId } from '../../core';
import type { ServerConfig } from '../config';

export interface ActivitySettings {
  defaultHoursPolicy: HoursPolicyId;
  holidays: HolidayTable;
  deadlineDays: number;
  slotSeconds: number;
  slotsValid: number;
  checkinPage: string;
}

export function activitySettings(c: ServerConfig): ActivitySettings {
  return {
    defaultHoursPolicy: c.ACTIVITY_HOURS_POLICY ?? 'exact',
    holidays: { holidays: c.ACTIVITY_HOLIDAYS ?? new Set(), makeupWorkdays: c.ACTIVITY_MAKEUP_WORKDAYS ?? new Set() },
    deadlineDays: c.ACTIVITY_RECORD_DEADLINE_DAYS ?? 10,
    slotSeconds: c.CHECKIN_SLOT_SECONDS ?? 60,
    slotsValid: c.CHECKIN_SLOTS_VALID ?? 2,
    checkinPage: c.CHECKIN_PAGE ?? 'pages/volunteer/checkin/index',
  };
}

export { HOURS_POLICIES };
