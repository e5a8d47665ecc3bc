// All collections of the product, with their indexes and security rules, as data.
import { CollectionSpec, DENY_ALL } from './schema';

export * from './schema';

export const collections: CollectionSpec[] = [
  {
    name: 'users',
    description: 'one profile per WeChat openid: display name, roles (with community scope), flags',
    indexes: [{ name: 'roles_community', fields: [['roleCommunityIds', 1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'audit_log',
    description: 'append-only, hash-chained log of every state change (seq, prevHash, hash)',
    indexes: [
      { name: 'seq', fields: [['seq', 1]], unique: true },
      { name: 'subject', fields: [['subject', 1], ['seq', 1]] },
    ],
    rules: DENY_ALL,
  },
  {
    name: 'audit_head',
    description: 'one document (main) with the audit chain\'s last seq and hash; advanced in the same transaction as each append',
    indexes: [],
    rules: DENY_ALL,
  },
  {
    name: 'idempotency',
    description: 'results of state-changing requests by (function, caller, requestId), so that retries return the first result',
    indexes: [{ name: 'created', fields: [['createdAt', 1]] }],
    rules: DENY_ALL,
  },
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
  {
    name: 'wishes',
    description: 'micro-wishes (微心愿) and their lifecycle',
    indexes: [
      { name: 'community_status_created', fields: [['communityId', 1], ['status', 1], ['createdAt', -1]] },
      { name: 'status_created', fields: [['status', 1], ['createdAt', -1]] },
    ],
    rules: DENY_ALL,
  },
];
