// Collections of the activity domain (issue 3): activities, sign-ups, attendance, service records,
// corrections and back-fills. Deterministic ids (activityId_openid) make sign-up, check-in and the
// record exactly-once per person and activity.
import { CollectionSpec, DENY_ALL } from './schema';

export const activityCollections: CollectionSpec[] = [
  {
    name: 'activities',
    description: 'volunteer activities with place, time window, capacity, eligibility, check-in rules and the QR secret',
    indexes: [{ name: 'community_status_start', fields: [['communityId', 1], ['status', 1], ['startAt', -1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'signups',
    description: 'activity sign-ups (deterministic _id activityId_openid; seq orders the waitlist)',
    indexes: [
      { name: 'activity_status_seq', fields: [['activityId', 1], ['status', 1], ['seq', 1]] },
      // A volunteer moving away: their open sign-ups in the old community
      { name: 'openid_community_status', fields: [['openid', 1], ['communityId', 1], ['status', 1]] },
    ],
    rules: DENY_ALL,
  },
  {
    name: 'attendance',
    description: 'check-in/out sessions per person and activity (deterministic _id activityId_openid); confirmed ones become service records',
    indexes: [{ name: 'activity_status', fields: [['activityId', 1], ['status', 1]] }, { name: 'openid', fields: [['openid', 1], ['checkedInAt', -1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'service_records',
    description: 'the legal service record (办法 §7), one per volunteer and activity (_id activityId_openid), with hours policy version, revision and rating',
    indexes: [
      { name: 'activity', fields: [['activityId', 1], ['openid', 1]] },
      { name: 'openid_date', fields: [['openid', 1], ['date', -1]] },
      { name: 'status_due', fields: [['status', 1], ['dueOn', 1]] },
      // activity.figures: the confirmed hours of a community's month.
      { name: 'community_status_date', fields: [['communityId', 1], ['status', 1], ['date', 1]] },
    ],
    rules: DENY_ALL,
  },
  {
    name: 'record_corrections',
    description: 'corrections of a service record requested by its volunteer and resolved by staff (办法 §13)',
    // The staff queue pages through it (paginate orders by createdAt, then _id).
    indexes: [{ name: 'community_status', fields: [['communityId', 1], ['status', 1], ['createdAt', 1], ['_id', 1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'record_backfills',
    description: 'back-fill (补录) requests: evidence, requester and a second, different approver',
    indexes: [{ name: 'community_status', fields: [['communityId', 1], ['status', 1], ['createdAt', 1], ['_id', 1]] }],
    rules: DENY_ALL,
  },
];
