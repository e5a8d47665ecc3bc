// Collection names of the volunteer domain. Each must be declared in database/ (checked by test/server/config.test.ts).
export const VolunteerCollections = {
  communities: 'communities',
  organizations: 'organizations',
  teams: 'teams',
  volunteers: 'volunteers',
  volunteerIds: 'volunteer_ids',
  timeBankAccounts: 'time_bank_accounts',
  timeBankLedger: 'time_bank_ledger',
  timeBankRecordCredits: 'time_bank_record_credits',
  timeBankRedemptions: 'time_bank_redemptions',
  familyInvites: 'family_invites',
  familyBindings: 'family_bindings',
  certificates: 'certificates',
  volunteerMoves: 'volunteer_moves',
} as const;
