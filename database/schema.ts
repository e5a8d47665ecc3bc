// The shape of collection definitions. Used by the emulator bootstrap (creates collections and
// indexes) and by the deploy script (creates collections, indexes and security rules in CloudBase).

export type IndexDirection = 1 | -1;

export interface IndexSpec {
  /** Unique within the collection. */
  name: string;
  /** Dot paths in key order, e.g. [['communityId', 1], ['status', 1], ['createdAt', -1]]. */
  fields: Array<[field: string, direction: IndexDirection]>;
  unique?: boolean;
}

/** CloudBase security rule for client (mini-program) access. Server SDK traffic is admin and ignores it. */
export interface SecurityRule {
  read: boolean | string;
  write: boolean | string;
}

export interface CollectionSpec {
  name: string;
  description: string;
  indexes: IndexSpec[];
  rules: SecurityRule;
}

/** Every collection's client rule is deny-all: all access goes through cloud functions (DESIGN.md §4). */
export const DENY_ALL: SecurityRule = { read: false, write: false };
