// Collections of the micro-wish domain (issue 4).
import { CollectionSpec, DENY_ALL } from './schema';

export const wishCollections: CollectionSpec[] = [
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
