// Server-made ids of charity documents: a prefix and random bytes. An action that retries its
// transaction makes a new id each attempt; only the committed one exists.
import { createHash, randomBytes } from 'node:crypto';

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

/** The stock item of (community, item, unit): one document, so concurrent movements of it conflict. */
export function stockItemId(communityId: string, item: string, unit: string): string {
  const digest = createHash('sha256').update(JSON.stringify([communityId, item, unit])).digest('base64url').slice(0, 16);
  return `stk_${digest}`;
}
