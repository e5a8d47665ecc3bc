// Collections of the charity-resources domain (issue 5): offers, needs, allocations, stock, fund, disclosures.
import { CollectionSpec, DENY_ALL } from './schema';

export const charityCollections: CollectionSpec[] = [
  {
    name: 'charity_offers',
    description: 'donor offers (goods, money pledges, services) with allocated and delivered quantities',
    indexes: [
      { name: 'donor_created', fields: [['donorOpenid', 1], ['createdAt', -1]] },
      { name: 'status_community_created', fields: [['status', 1], ['restrictedCommunityId', 1], ['createdAt', -1]] },
    ],
    rules: DENY_ALL,
  },
  {
    name: 'charity_needs',
    description: 'community needs posted by staff or social workers, with allocated and delivered quantities',
    indexes: [{ name: 'community_status_created', fields: [['communityId', 1], ['status', 1], ['createdAt', -1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'charity_allocations',
    description: 'allocations of part of an offer to a need: proposed by the engine (with its explanation), confirmed, accepted, handed over (handovers embedded)',
    indexes: [
      { name: 'community_status_updated', fields: [['communityId', 1], ['status', 1], ['updatedAt', -1]] },
      { name: 'community_updated', fields: [['communityId', 1], ['updatedAt', -1]] },
      { name: 'donor_updated', fields: [['donorOpenid', 1], ['updatedAt', -1]] },
    ],
    rules: DENY_ALL,
  },
  {
    name: 'charity_stock_items',
    description: "the community station's stock: one document per community and item+unit with its balance (never negative)",
    indexes: [{ name: 'community_item', fields: [['communityId', 1], ['item', 1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'charity_stock_movements',
    description: 'every stock movement (in, out, approved correction) with the balance after it',
    indexes: [
      { name: 'community_at', fields: [['communityId', 1], ['at', -1]] },
      { name: 'item_at', fields: [['itemId', 1], ['at', -1]] },
    ],
    rules: DENY_ALL,
  },
  {
    name: 'charity_stock_corrections',
    description: 'stock corrections: requested by one staff member, applied only when a second one approves',
    indexes: [{ name: 'community_status_created', fields: [['communityId', 1], ['status', 1], ['createdAt', -1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'charity_funds',
    description: 'community funds (小区公益基金) with their three named signers; the balance is derived from the entries',
    indexes: [
      { name: 'community', fields: [['communityId', 1], ['createdAt', -1]] },
      // user.me: the funds a person signs (one branch of an $or per signer role).
      { name: 'signer_convener', fields: [['signers.convener', 1]] },
      { name: 'signer_committee', fields: [['signers.committeeMember', 1]] },
      { name: 'signer_resident', fields: [['signers.residentRep', 1]] },
    ],
    rules: DENY_ALL,
  },
  {
    name: 'charity_fund_entries',
    description: 'fund income and disbursements (purpose, evidence, signer approvals)',
    indexes: [{ name: 'fund_created', fields: [['fundId', 1], ['createdAt', -1]] }, { name: 'fund_status', fields: [['fundId', 1], ['status', 1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'charity_ledger',
    description: 'the disclosure ledger (两公开): what was received and given out, masked at write, with its disclosure due day and publication',
    indexes: [
      { name: 'community_month', fields: [['communityId', 1], ['month', 1], ['published', 1]] },
      { name: 'published_due', fields: [['published', 1], ['dueOn', 1]] },
    ],
    rules: DENY_ALL,
  },
  {
    name: 'charity_projects',
    description: 'charity projects needs may belong to; long ones (over 6 months) report progress every 3 months',
    indexes: [{ name: 'community', fields: [['communityId', 1], ['startOn', -1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'charity_reminders',
    description: "one document per community and day on which staff were reminded of due disclosures (the timer's at-most-once marker)",
    indexes: [],
    rules: DENY_ALL,
  },
];
