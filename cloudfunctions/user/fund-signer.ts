// The communities in which the caller is a named signer of a community fund. The fund is the charity
// domain's, but the app needs to know at launch whether to offer a resident the approvals; each
// signer role has its own index on charity_funds (database/charity.ts), so this is one indexed query.
import type { ReadDb } from '../../server/db';
import { Collections } from '../../server/collections';

/** A community has one or a few funds; no one signs more than this many. */
const MAX_FUNDS = 100;

export async function fundSignerCommunities(db: ReadDb, openid: string): Promise<string[]> {
  const _ = db.command;
  const signs = ['convener', 'committeeMember', 'residentRep'].map((role) => ({ [`signers.${role}`]: openid }));
  const { data } = await db.collection(Collections.charityFunds).where(_.or(signs)).field({ communityId: true }).limit(MAX_FUNDS).get();
  return [...new Set(data.map((f) => String(f.communityId)))].sort();
}
