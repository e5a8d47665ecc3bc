// The isomorphic core: pure, side-effect free apart from registering dayjs's utc plugin and setting
// zod to jitless (zod-setup.ts says why).
export * from './errors';
export * from './mask';
export * from './contract';
export * from './roles';
export * from './time';
export * from './working-days';
export * from './user.contract';
export { configureZod } from './zod-setup';
export * from './state-machine';
// Each domain's core (contracts, machines, rules), one folder per domain.
export * from './volunteer';
export * from './activity';
export * from './wish';
export * from './charity';
// While a domain branch still carries its own copy of a platform rule (ageOn, working days; the
// platform versions are core/time.ts and core/working-days.ts), `export *` would drop the ambiguous
// name (TS2308): the barrel names the platform's explicitly. Remove once the copies are gone.
export { ageOn } from './time';
export { addWorkingDays, isWorkingDay, NO_HOLIDAYS, parseDayList, weekdayOf, workingDaysBetween, type HolidayTable } from './working-days';
