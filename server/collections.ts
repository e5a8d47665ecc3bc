// Collection names the server uses. They must exist in database/index.ts (checked by a test);
// server code does not import database/ so that function bundles stay free of deploy metadata.
export const Collections = {
  users: 'users',
  auditLog: 'audit_log',
  auditHead: 'audit_head',
  idempotency: 'idempotency',
} as const;

export type CollectionName = (typeof Collections)[keyof typeof Collections];
