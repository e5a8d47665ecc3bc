// Collections of the activity domain (issue 3): activities, sign-ups, attendance, service records, hours.
import { CollectionSpec, DENY_ALL } from './schema';

export const activityCollections: CollectionSpec[] = [
  {
    name: 'activities',
    description: 'volunteer activities with place, time window, capacity and eligibility',
    indexes: [{ name: 'community_status_start', fields: [['communityId', 1], ['status', 1], ['startAt', -1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'signups',
    description: 'activity sign-ups (deterministic _id activityId_openid)',
    indexes: [{ name: 'activity_status', fields: [['activityId', 1], ['status', 1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'attendance',
    description: 'check-in/out records that become the legal service record',
    indexes: [{ name: 'activity', fields: [['activityId', 1]] }, { name: 'openid', fields: [['openid', 1], ['checkedInAt', -1]] }],
    rules: DENY_ALL,
  },
];
