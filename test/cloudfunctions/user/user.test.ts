// The user function in-process through invoke(), real SDK against the emulator.
import { user } from '../../../cloudfunctions/user/function';
import { TEST_ADMIN_OPENID } from '../../support/env';
import { db, uniq } from '../../server/fixtures/db';
import { ok as charityOk, person } from '../charity/helpers';

const T0 = 1_700_000_000_000;
const as = (openid: string, at = T0) => ({ openid, now: () => at });
const me = (openid: string, at = T0) => user.invoke({ action: 'me', input: {} }, as(openid, at));
const setRole = (admin: string, input: Record<string, unknown>, requestId = uniq('rid')) =>
  user.invoke({ action: 'setRole', input, requestId }, as(admin));

describe('user.me', () => {
  test('creates a resident profile on first call and returns the same one afterwards', async () => {
    const openid = uniq('res');
    const first = await me(openid, T0);
    expect(first).toEqual({ ok: true, data: { openid, roles: [], createdAt: T0, subscribeTemplates: expect.any(Object), fundSignerCommunities: [] } });
    const again = await me(openid, T0 + 60_000);
    expect(again).toEqual(first);
  });

  test('names the communities in which the caller signs a fund, whichever of the three signers they are', async () => {
    const [c1, c2] = [uniq('sgn').toLowerCase(), uniq('sgn').toLowerCase()];
    const [admin1, admin2, convener, committee, rep, other] = await Promise.all([
      person('adm', [['community-admin', c1]]),
      person('adm', [['community-admin', c2]]),
      person('conv', []),
      person('comm', []),
      person('rep', [['resident', c1]]),
      person('oth', [['resident', c1]]),
    ]);
    await charityOk(admin1, 'createFund', { communityId: c1, name: '一号基金', signers: { convener, committeeMember: committee, residentRep: rep } });
    await charityOk(admin2, 'createFund', { communityId: c2, name: '二号基金', signers: { convener: rep, committeeMember: admin2, residentRep: other } });
    const signs = async (openid: string) => {
      const r = await me(openid);
      return r.ok ? (r.data as { fundSignerCommunities: string[] }).fundSignerCommunities : r;
    };
    expect(await signs(convener)).toEqual([c1]);
    expect(await signs(committee)).toEqual([c1]);
    expect(await signs(rep)).toEqual([c1, c2].sort());
    expect(await signs(other)).toEqual([c2]);
    expect(await signs(admin1)).toEqual([]);
  });

  test('concurrent first calls create exactly one profile', async () => {
    const openid = uniq('conc');
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => me(openid, T0 + i)));
    const createdAts = new Set(results.map((r) => (r.ok ? (r.data as { createdAt: number }).createdAt : -1)));
    expect(createdAts.size).toBe(1);
    expect([...createdAts][0]).toBeGreaterThanOrEqual(T0);
    expect((await db().collection('users').where({ openid }).count()).total).toBe(1);
  });

  test('the configured admin gets community-admin of the bootstrap community, once', async () => {
    const [a, b] = await Promise.all([me(TEST_ADMIN_OPENID), me(TEST_ADMIN_OPENID)]);
    for (const r of [a, b]) {
      expect(r).toMatchObject({ ok: true, data: { openid: TEST_ADMIN_OPENID } });
      if (r.ok) expect((r.data as { roles: unknown[] }).roles).toContainEqual({ role: 'community-admin', communityId: 'demo-community' });
    }
    const grants = (await db().collection('audit_log').where({ action: 'user.bootstrapAdmin', subject: `users/${TEST_ADMIN_OPENID}` }).count()).total;
    expect(grants).toBe(1);
  });

  test('an openid not in ADMIN_OPENIDS gets no admin role', async () => {
    const r = await me(uniq('plain'));
    expect(r).toMatchObject({ ok: true, data: { roles: [] } });
  });
});

describe('user.setRole', () => {
  beforeAll(async () => {
    await me(TEST_ADMIN_OPENID);
  });

  test('an admin grants a role in their community; the target sees it in me', async () => {
    const target = uniq('vol');
    await me(target);
    const res = await setRole(TEST_ADMIN_OPENID, { openid: target, role: 'volunteer', communityId: 'demo-community' });
    expect(res).toEqual({ ok: true, data: expect.objectContaining({ openid: target, roles: [{ role: 'volunteer', communityId: 'demo-community' }] }) });
    expect(await me(target)).toMatchObject({ ok: true, data: { roles: [{ role: 'volunteer', communityId: 'demo-community' }] } });
    const entries = (await db().collection('audit_log').where({ action: 'user.setRole', subject: `users/${target}` }).get()).data;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: TEST_ADMIN_OPENID, before: { roles: [] }, after: { roles: [{ role: 'volunteer' }] } });
  });

  test('the community defaults to the only one the admin administers', async () => {
    const target = uniq('donor');
    await me(target);
    const res = await setRole(TEST_ADMIN_OPENID, { openid: target, role: 'donor' });
    expect(res).toMatchObject({ ok: true, data: { roles: [{ role: 'donor', communityId: 'demo-community' }] } });
  });

  test('a non-admin is refused and nothing changes', async () => {
    const caller = uniq('nobody');
    const target = uniq('tgt');
    await Promise.all([me(caller), me(target)]);
    const res = await setRole(caller, { openid: target, role: 'staff', communityId: 'demo-community' });
    expect(res).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    const self = await setRole(caller, { openid: caller, role: 'community-admin', communityId: 'demo-community' });
    expect(self).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(await me(caller)).toMatchObject({ ok: true, data: { roles: [] } });
    expect(await me(target)).toMatchObject({ ok: true, data: { roles: [] } });
  });

  test('an admin of one community cannot grant in another', async () => {
    const target = uniq('tgt');
    await me(target);
    const res = await setRole(TEST_ADMIN_OPENID, { openid: target, role: 'staff', communityId: 'other-community' });
    expect(res).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'role.missing' } } });
    expect(await me(target)).toMatchObject({ ok: true, data: { roles: [] } });
  });

  test('a granted community-admin can grant in that community', async () => {
    const deputy = uniq('deputy');
    const target = uniq('tgt');
    await Promise.all([me(deputy), me(target)]);
    expect(await setRole(TEST_ADMIN_OPENID, { openid: deputy, role: 'community-admin', communityId: 'demo-community' })).toMatchObject({ ok: true });
    expect(await setRole(deputy, { openid: target, role: 'social-worker', communityId: 'demo-community' })).toMatchObject({ ok: true });
  });

  test('is idempotent by requestId: a retry returns the same answer and audits once', async () => {
    const target = uniq('idem');
    await me(target);
    const rid = uniq('rid');
    const input = { openid: target, role: 'leader', communityId: 'demo-community' };
    const results = await Promise.all([setRole(TEST_ADMIN_OPENID, input, rid), setRole(TEST_ADMIN_OPENID, input, rid)]);
    const later = await setRole(TEST_ADMIN_OPENID, input, rid);
    expect(results[0]).toMatchObject({ ok: true });
    expect(results[1]).toEqual(results[0]);
    expect(later).toEqual(results[0]);
    expect((await db().collection('audit_log').where({ action: 'user.setRole', subject: `users/${target}` }).count()).total).toBe(1);
  });

  test('an unknown target is not-found; a bad role or openid is invalid-argument', async () => {
    expect(await setRole(TEST_ADMIN_OPENID, { openid: uniq('ghost'), role: 'staff' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await setRole(TEST_ADMIN_OPENID, { openid: 'x', role: 'emperor' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', details: { issues: [{ path: ['input', 'role'] }] } },
    });
    expect(await setRole(TEST_ADMIN_OPENID, { openid: { $ne: null }, role: 'staff' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});
