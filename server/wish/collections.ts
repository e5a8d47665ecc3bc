// Collection names of the wish domain. Each must be declared in database/ (checked by test/server/config.test.ts).
export const WishCollections = {
  wishes: 'wishes',
  wishRecipients: 'wish_recipients',
  /** One document per donor openid: written by every claim so two claims by one donor conflict (the open-claims limit). */
  wishDonors: 'wish_donors',
  /** One document per person: their current family binding code (hashed and sealed), expiry, use. */
  wishFamilyCodes: 'wish_family_codes',
} as const;
