// Collection names of the activity domain. Each must be declared in database/ (checked by test/server/config.test.ts).
export const ActivityCollections = {} as const;
