// The holiday table of every working-day deadline, from configuration (PUBLIC_HOLIDAYS, MAKEUP_WORKDAYS).
import { HolidayTable } from '../core';
import { ServerConfig } from './config';

export function holidayTable(config: Pick<ServerConfig, 'PUBLIC_HOLIDAYS' | 'MAKEUP_WORKDAYS'>): HolidayTable {
  return { holidays: config.PUBLIC_HOLIDAYS, makeupWorkdays: config.MAKEUP_WORKDAYS };
}
