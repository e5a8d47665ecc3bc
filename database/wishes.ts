// Collections of the micro-wish domain (issue 4). The browse indexes: every donor filter
// (category, community, both, neither) × every sort (newest, wanted-by, value), each led by
// status, so the emulator's planner (and CloudBase) serves a page from one ordered index range;
// a value range or the urgency filter is the range of the value or wanted-by index. Every index a
// paginated list walks ends in _id ascending: paginate() orders by (sort…, _id), and the emulator's
// planner (like any engine) can stream a page in index order only when the index has the whole
// order; without it every match is read and sorted per page. docs/wishes.md.
import { CollectionSpec, DENY_ALL, IndexSpec } from './schema';

const SORTS: Array<[name: string, field: string, dir: 1 | -1]> = [
  ['published', 'publishedAt', -1],
  ['wanted', 'wantedBy', 1],
  ['value', 'valueFen', 1],
  ['value_desc', 'valueFen', -1],
];
const FILTERS: Array<[name: string, fields: string[]]> = [
  ['', []],
  ['category_', ['category']],
  ['community_', ['communityId']],
  ['community_category_', ['communityId', 'category']],
];

const browseIndexes: IndexSpec[] = FILTERS.flatMap(([fname, ffields]) =>
  SORTS.map(([sname, sfield, dir]): IndexSpec => ({
    name: `browse_${fname}${sname}`,
    fields: [['status', 1], ...ffields.map((f): [string, 1] => [f, 1]), [sfield, dir], ['_id', 1]],
  })),
);

export const wishCollections: CollectionSpec[] = [
  {
    name: 'wishes',
    description: 'micro-wishes (微心愿) and their lifecycle; a masked card copy for donors, no personal data',
    indexes: [
      ...browseIndexes,
      // Staff queues by status; disclosure counts by month.
      { name: 'community_status_created', fields: [['communityId', 1], ['status', 1], ['createdAt', -1], ['_id', 1]] },
      { name: 'community_created', fields: [['communityId', 1], ['createdAt', 1]] },
      { name: 'community_verified', fields: [['communityId', 1], ['verifiedAt', 1]] },
      { name: 'community_claimed', fields: [['communityId', 1], ['claimedAt', 1]] },
      { name: 'community_confirmed', fields: [['communityId', 1], ['confirmedAt', 1]] },
      { name: 'community_expired', fields: [['communityId', 1], ['expiredAt', 1]] },
      // A recipient's open wishes (the limit, near-duplicates) and their list.
      { name: 'recipient_status', fields: [['recipientId', 1], ['status', 1]] },
      { name: 'recipient_created', fields: [['recipientId', 1], ['createdAt', -1]] },
      { name: 'poster_created', fields: [['postedBy', 1], ['createdAt', -1]] },
      // A donor's claims (the open-claims limit, "my claims").
      { name: 'claimer_status', fields: [['claimedBy', 1], ['status', 1]] },
      { name: 'claimer_claimed', fields: [['claimedBy', 1], ['claimedAt', -1], ['_id', 1]] },
      // A volunteer's deliveries ("mine" as delivering).
      { name: 'volunteer_claimed', fields: [['delivery.volunteerOpenid', 1], ['claimedAt', -1], ['_id', 1]] },
      // The timer: overdue claims, due reminders.
      { name: 'status_claim_due', fields: [['status', 1], ['claimDueAt', 1]] },
      { name: 'status_remind', fields: [['status', 1], ['claimRemindAt', 1]] },
    ],
    rules: DENY_ALL,
  },
  {
    name: 'wish_recipients',
    description: 'people wishes are for: masked name, age band, group; name, phone, address and sensitive status sealed (server/pii.ts); bound WeChat and family; guardian consent; confirmation-code hash',
    indexes: [
      // Staff's list of the community's recipients (paginated: ends in _id).
      { name: 'community_created_id', fields: [['communityId', 1], ['createdAt', -1], ['_id', 1]] },
      { name: 'openid', fields: [['openid', 1]] },
      { name: 'family', fields: [['familyOpenids', 1]] },
    ],
    rules: DENY_ALL,
  },
  {
    name: 'wish_family_codes',
    description: "one document per person (id from their openid): their current family binding code as a keyed hash (to find it) and sealed (to show it again), its expiry and when it was used",
    indexes: [{ name: 'code_hash', fields: [['codeHash', 1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'wish_donors',
    description: 'one document per donor openid, written by each claim so that concurrent claims by one donor conflict (open-claims limit)',
    indexes: [],
    rules: DENY_ALL,
  },
];
