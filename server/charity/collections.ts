// Collection names of the charity domain. Each must be declared in database/ (checked by test/server/config.test.ts).
export const CharityCollections = {} as const;
