// Write skew under snapshot isolation (ADR 0002): setRole READS the caller's admin grant and WRITES
// the target. A revoke of the caller that commits between that read and setRole's commit must make
// the grant fail, not slip through on a grant that no longer exists.
import { userContract } from '../../../core/user.contract';
import { me } from '../../../cloudfunctions/user/actions/me';
import { setRole } from '../../../cloudfunctions/user/actions/set-role';
import { defineFunction } from '../../../server/define-function';
import type { Db, SdkTx, TxCollection, TxDocRef } from '../../../server/db';
import { db, uniq } from '../../server/fixtures/db';

const COMMUNITY = 'race-community';
const T0 = 1_700_000_000_000;

/** The real database, except that right after a transaction reads `watched`, `meanwhile` runs (once). */
function interleaving(watched: string, meanwhile: () => Promise<unknown>): { db: Db; ran: () => boolean } {
  const real = db();
  let ran = false;
  const wrapDoc = (ref: TxDocRef, id: string): TxDocRef => ({
    get: async () => {
      const read = await ref.get();
      if (id === watched && !ran) {
        ran = true;
        await meanwhile();
      }
      return read;
    },
    set: (o) => ref.set(o),
    update: (o) => ref.update(o),
    remove: () => ref.remove(),
  });
  const wrapTx = (tx: SdkTx): SdkTx => ({
    collection: (name): TxCollection => {
      const c = tx.collection(name);
      return { doc: (id) => wrapDoc(c.doc(id), id), add: (o) => c.add(o), where: (q) => c.where(q) };
    },
  });
  const wrapped: Db = {
    collection: (name) => real.collection(name),
    runTransaction: (fn, retries) => real.runTransaction((tx) => fn(wrapTx(tx)), retries),
    command: real.command,
    serverDate: (o) => real.serverDate(o),
  };
  return { db: wrapped, ran: () => ran };
}

async function profile(openid: string, roles: Array<{ role: string; communityId: string }>): Promise<void> {
  const communities = [...new Set(roles.map((r) => r.communityId))];
  await db().collection('users').add({ data: { _id: openid, openid, roles, roleCommunityIds: communities, createdAt: T0, updatedAt: T0 } });
}

test('a grant whose admin is revoked before it commits is refused and changes nothing', async () => {
  const admin = uniq('admin');
  const target = uniq('tgt');
  await profile(admin, [{ role: 'community-admin', communityId: COMMUNITY }]);
  await profile(target, []);
  // A concurrent revoke (another admin, or a back-office edit) lands after setRole read the grant.
  const race = interleaving(admin, () => db().collection('users').doc(admin).update({ data: { roles: [], roleCommunityIds: [] } }));
  const fn = defineFunction(userContract, { me, setRole }, { db: () => race.db });

  const res = await fn.invoke(
    { action: 'setRole', input: { openid: target, role: 'staff', communityId: COMMUNITY }, requestId: uniq('rid') },
    { openid: admin, now: () => T0 },
  );

  expect(race.ran()).toBe(true);
  expect(res).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'role.missing' } } });
  expect((await db().collection('users').doc(target).get()).data).toMatchObject({ roles: [] });
  expect((await db().collection('audit_log').where({ action: 'user.setRole', subject: `users/${target}` }).count()).total).toBe(0);
});
