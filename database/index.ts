// All collections of the product, with their indexes and security rules, as data.
import { CollectionSpec, DENY_ALL } from './schema';
import { volunteerCollections } from './volunteers';
import { activityCollections } from './activities';
import { wishCollections } from './wishes';
import { charityCollections } from './charity';

export * from './schema';

const platformCollections: CollectionSpec[] = [
  {
    name: 'users',
    description: 'one profile per WeChat openid: display name, roles (with community scope), flags',
    indexes: [{ name: 'roles_community', fields: [['roleCommunityIds', 1]] }],
    rules: DENY_ALL,
  },
  {
    name: 'audit_log',
    description: 'append-only, hash-chained log of every state change (chain, seq, prevHash, hash), in 64 chains by subject (ADR 0003)',
    indexes: [
      { name: 'seq', fields: [['seq', 1]], unique: true },
      { name: 'subject', fields: [['subject', 1], ['seq', 1]] },
      { name: 'chain_seq', fields: [['chain', 1], ['seq', 1]] },
    ],
    rules: DENY_ALL,
  },
  {
    name: 'audit_head',
    description: 'the audit chains\' heads (c00 … c63: count, last seq and hash; advanced in the same transaction as each append), the registry `chains`, and the frozen legacy head `main`',
    indexes: [],
    rules: DENY_ALL,
  },
  {
    name: 'idempotency',
    description: 'results of state-changing requests by (function, caller, requestId), so that retries return the first result',
    indexes: [{ name: 'created', fields: [['createdAt', 1]] }],
    rules: DENY_ALL,
  },
];

/** Every collection: the platform's, then each domain's (one file per domain, owned by its issue). */
export const collections: CollectionSpec[] = [...platformCollections, ...volunteerCollections, ...activityCollections, ...wishCollections, ...charityCollections];
