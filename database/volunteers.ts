// Collections of the volunteer domain (issue 3): community structure, organizations, teams, volunteers, activities, attendance.
import { CollectionSpec, DENY_ALL } from './schema';

export const volunteerCollections: CollectionSpec[] = [
  {
    name: 'communities',
    description: 'communities (社区) with their grids (网格) and buildings',
    indexes: [],
    rules: DENY_ALL,
  },
  {
    name: 'organizations',
    description: 'social organizations (社会组织) registered in a community',
    indexes: [{ name: 'community_status', fields: [['communityId', 1], ['status', 1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'teams',
    description: 'volunteer teams (志愿服务队) under a community or an organization',
    indexes: [{ name: 'community', fields: [['communityId', 1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'volunteers',
    description: 'volunteer registrations (real-name data encrypted; ID number as HMAC)',
    indexes: [
      { name: 'openid', fields: [['openid', 1]], unique: true },
      { name: 'community_status', fields: [['communityId', 1], ['status', 1]] },
    ],
    rules: DENY_ALL,
  },
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
