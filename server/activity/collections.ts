// Collection names of the activity domain. Each must be declared in database/ (checked by test/server/config.test.ts).
export const ActivityCollections = {
  activities: 'activities',
  signups: 'signups',
  attendance: 'attendance',
  serviceRecords: 'service_records',
  recordCorrections: 'record_corrections',
  recordBackfills: 'record_backfills',
} as const;

/** The volunteer domain's collections this domain reads (owned and declared by vol-org: database/volunteers.ts). */
export const VolunteerReads = {
  volunteers: 'volunteers',
  teams: 'teams',
} as const;
