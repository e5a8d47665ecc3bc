import { hasRole, MeInput, MeView, withGrant } from '../../../core';
import { appendAudit } from '../../../server/audit';
import { Collections } from '../../../server/collections';
import type { Ctx } from '../../../server/context';
import { isDuplicateKeyError } from '../../../server/db';
import { bootstrapGrants } from '../../../server/roles';
import { runTx } from '../../../server/transaction';
import { newUserDoc, readUser, UserDoc } from '../../../server/user-store';
import { roleCommunityIds, toProfile } from '../profile';
import { fundSignerCommunities } from '../fund-signer';
import { subscribeTemplates } from '../subscribe-templates';

// The caller's profile, created on first call, with the subscribe templates of each prompt and the
// communities where the caller signs a fund. The profile's _id is the openid, so concurrent first
// calls collide on a unique insert and all end up reading the one profile that won.
export async function me(_input: MeInput, ctx: Ctx): Promise<MeView> {
  const [user, signs] = await Promise.all([ensureProfile(ctx), fundSignerCommunities(ctx.db, ctx.openid)]);
  return { ...toProfile(user), subscribeTemplates: subscribeTemplates(ctx.config), fundSignerCommunities: signs };
}

async function ensureProfile(ctx: Ctx): Promise<UserDoc> {
  const wanted = bootstrapGrants(ctx.config, ctx.openid);
  const existing = await ctx.user();
  const missing = (user: UserDoc | null) => wanted.filter((g) => !user || !hasRole(user.roles, g.role, g.communityId));
  if (existing && missing(existing).length === 0) return existing;
  if (!existing && wanted.length === 0) return createProfile(ctx);
  return bootstrapAdmin(ctx, wanted);
}

async function createProfile(ctx: Ctx): Promise<UserDoc> {
  const doc = newUserDoc(ctx.openid, ctx.now());
  try {
    await ctx.db.collection(Collections.users).add({ data: doc });
    return doc;
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e;
    const winner = await readUser(ctx.db, ctx.openid);
    if (!winner) throw e;
    return winner;
  }
}

// A configured admin (docs/operations.md) gets community-admin of the bootstrap community, once,
// with an audit entry, in one transaction with the profile's creation when it is the first call.
async function bootstrapAdmin(ctx: Ctx, wanted: ReturnType<typeof bootstrapGrants>): Promise<UserDoc> {
  return runTx(
    ctx.db,
    async (tx) => {
      const at = ctx.now();
      const current = await readUser(tx, ctx.openid);
      const base = current ?? newUserDoc(ctx.openid, at);
      let roles = base.roles;
      for (const g of wanted) roles = withGrant(roles, g);
      if (current && roles.length === current.roles.length) return current;
      const user: UserDoc = { ...base, roles, roleCommunityIds: roleCommunityIds(roles), updatedAt: at };
      if (current) {
        await tx.collection(Collections.users).doc(ctx.openid).update({ data: { roles, roleCommunityIds: user.roleCommunityIds, updatedAt: at } });
      } else {
        await tx.collection(Collections.users).add({ data: user });
      }
      await appendAudit(tx, {
        actor: ctx.openid,
        at,
        action: 'user.bootstrapAdmin',
        subject: `${Collections.users}/${ctx.openid}`,
        before: { roles: current?.roles ?? [] },
        after: { roles },
      });
      return user;
    },
    { maxAttempts: ctx.config.TX_MAX_ATTEMPTS },
  );
}
