// Collection names of the wish domain. Each must be declared in database/ (checked by test/server/config.test.ts).
export const WishCollections = {} as const;
