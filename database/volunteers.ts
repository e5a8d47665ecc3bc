// Collections of the volunteer domain (issue 3): community structure, organizations, teams, volunteers, volunteers (activities are in activities.ts).
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
];
