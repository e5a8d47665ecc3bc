// Collection names of the volunteer domain. Each must be declared in database/ (checked by test/server/config.test.ts).
export const VolunteerCollections = {} as const;
