// Collections of the volunteer domain (issue 3): community structure, organizations, teams, volunteers, the time bank
// and certificates (activities, attendance and service records are in activities.ts).
import { CollectionSpec, DENY_ALL } from './schema';

export const volunteerCollections: CollectionSpec[] = [
  {
    name: 'communities',
    description: 'communities (社区) with their grids (网格) and buildings, the public volunteer-number prefix (code) and counter',
    indexes: [],
    rules: DENY_ALL,
  },
  {
    name: 'organizations',
    description: 'social organizations (社会组织) registered in a community, approved by its staff; linked social workers',
    indexes: [{ name: 'community_status', fields: [['communityId', 1], ['status', 1], ['createdAt', 1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'teams',
    description: 'volunteer teams (志愿服务队) under a community or an organization: leaders, members, tags',
    indexes: [{ name: 'community', fields: [['communityId', 1], ['createdAt', 1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'volunteers',
    description: 'volunteer registrations: name, phone, area and ID number sealed (AES-GCM), masked copies, public volunteerNo, consents',
    indexes: [
      { name: 'openid', fields: [['openid', 1]], unique: true },
      { name: 'volunteer_no', fields: [['volunteerNo', 1]], unique: true },
      // volunteer.list (the verification queue with status pending) pages by createdAt, then _id.
      { name: 'community_status', fields: [['communityId', 1], ['status', 1], ['createdAt', 1], ['_id', 1]] },
    ],
    rules: DENY_ALL,
  },
  {
    name: 'volunteer_ids',
    description: 'one person, one account: _id is the blind index (HMAC) of the ID number, holding the volunteer it belongs to',
    indexes: [],
    rules: DENY_ALL,
  },
  {
    name: 'time_bank_accounts',
    description: 'time-bank balances in minutes: _id is the openid, or pool:<communityId> for a community pool',
    indexes: [],
    rules: DENY_ALL,
  },
  {
    name: 'time_bank_ledger',
    description: 'every change of a time-bank balance (credit from a service record, transfer, donation, redemption); deterministic ids',
    indexes: [{ name: 'account_at', fields: [['account', 1], ['at', -1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'time_bank_record_credits',
    description: 'per service record (_id = recordId): the revision and minutes already credited, so a credit is written once',
    indexes: [],
    rules: DENY_ALL,
  },
  {
    name: 'time_bank_redemptions',
    description: 'redemption requests of time-bank credits (pending until the service-orders issue turns them into orders)',
    indexes: [{ name: 'openid_created', fields: [['openid', 1], ['createdAt', -1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'family_invites',
    description: 'time-bank family invitations: _id is the SHA-256 of the code; single use, expiring',
    indexes: [],
    rules: DENY_ALL,
  },
  {
    name: 'family_bindings',
    description: 'time-bank family bindings between two openids (_id: the two sorted, joined by ~)',
    indexes: [{ name: 'members', fields: [['members', 1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'volunteer_moves',
    description: 'requests to move a volunteer to another community: the destination staff accept or refuse (with a reason)',
    indexes: [
      // listMoves: the destination's open requests, oldest first (paginate orders by createdAt, then _id)
      { name: 'to_status_created', fields: [['toCommunityId', 1], ['status', 1], ['createdAt', 1], ['_id', 1]] },
      { name: 'openid_created', fields: [['openid', 1], ['createdAt', -1]] },
    ],
    rules: DENY_ALL,
  },
  {
    name: 'certificates',
    description: 'service certificates (办法 §15) as issued: a snapshot of what they state, the check code as a hash',
    indexes: [{ name: 'openid_issued', fields: [['openid', 1], ['issuedAt', -1]] }],
    rules: DENY_ALL,
  },
];
