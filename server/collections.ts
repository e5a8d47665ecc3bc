// Collection names the server uses. They must exist in database/index.ts (checked by a test);
// server code does not import database/ so that function bundles stay free of deploy metadata.
// Each domain keeps its names in server/<domain>/collections.ts.
import { VolunteerCollections } from './volunteer/collections';
import { ActivityCollections } from './activity/collections';
import { WishCollections } from './wish/collections';
import { CharityCollections } from './charity/collections';

export const PlatformCollections = {
  users: 'users',
  auditLog: 'audit_log',
  auditHead: 'audit_head',
  idempotency: 'idempotency',
} as const;

export const Collections = { ...PlatformCollections, ...VolunteerCollections, ...ActivityCollections, ...WishCollections, ...CharityCollections } as const;

export type CollectionName = (typeof Collections)[keyof typeof Collections];
