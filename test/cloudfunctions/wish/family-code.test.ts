// Family binding by code (issueFamilyCode, familyCode, bindFamily): a person shows a short-lived
// one-time code that names them without their openid; staff bind with it, scanned or typed; expired,
// forged, replaced and used codes are refused with their reasons, and a refusal uses nothing up.
import { FamilyCode } from '../../../core';
import { db } from '../../server/fixtures/db';
import { jsQR } from '../activity/qr-decode';
import { call, community, Community, expectOk, familyCodeOf, NOW, plantRecipient } from './helpers';

jest.setTimeout(60_000);
const MIN = 60_000;

let c: Community;
beforeAll(async () => {
  c = await community('fcode');
});

const familyOf = async (id: string) => ((await db().collection('wish_recipients').doc(id).get()).data?.familyOpenids ?? []) as string[];
const refused = (reason: string) => ({ ok: false, error: { code: 'failed-precondition', details: { reason } } });

test('the code: 8 characters shown XXXX-XXXX, a mini-program code of the family page whose scene is the code, valid 30 minutes; no openid anywhere', async () => {
  expect(await call(c.family, 'familyCode', {})).toMatchObject(refused('wish.no_family_code'));
  const issued = expectOk(await call(c.family, 'issueFamilyCode', {}));
  expect(issued).toEqual({ expiresAt: NOW + 30 * MIN });
  const shown = expectOk(await call(c.family, 'familyCode', {}));
  expect(shown.code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  expect(shown).toMatchObject({ page: 'pages/resident/family/index', expiresAt: issued.expiresAt });
  const scene = jsQR(Buffer.from(shown.imageBase64, 'base64'));
  expect(scene).toContain(shown.code.replace('-', ''));
  expect(JSON.stringify(shown)).not.toContain(c.family);
  // Stored: the openid (to bind), a keyed hash and the sealed code, never the code in clear.
  const stored = (await db().collection('wish_family_codes').where({ openid: c.family }).get()).data;
  expect(stored).toHaveLength(1);
  expect(JSON.stringify(stored)).not.toContain(shown.code.replace('-', ''));
  // Past its expiry it is not shown any more.
  expect(await call(c.family, 'familyCode', {}, { now: NOW + 30 * MIN + 1 })).toMatchObject(refused('wish.no_family_code'));
});

test('staff bind with a typed code (any case, spaces); the code is used up; the recipient is now among theirs', async () => {
  const r = await plantRecipient(c, { openid: null, familyOpenids: [] });
  const code = await familyCodeOf(c.family);
  const typed = ` ${code.toLowerCase().replace('-', ' ')} `;
  expect(FamilyCode.parse(typed)).toBe(code.replace('-', ''));
  const view = expectOk(await call(c.staff, 'bindFamily', { recipientId: r._id, code: typed }));
  expect(view.familyCount).toBe(1);
  expect(await familyOf(r._id)).toEqual([c.family]);
  const other = await plantRecipient(c, { openid: null, familyOpenids: [] });
  expect(await call(c.staff, 'bindFamily', { recipientId: other._id, code })).toMatchObject(refused('wish.family_code_used'));
  expect(await call(c.family, 'familyCode', {})).toMatchObject(refused('wish.no_family_code'));
  expect(expectOk(await call(c.family, 'recipients', { as: 'mine' })).items.map((x: { id: string }) => x.id)).toContain(r._id);
});

test('a retry of the same bind (same requestId) answers the same, a second code binds the same person once', async () => {
  const r = await plantRecipient(c, { openid: null, familyOpenids: [] });
  const code = await familyCodeOf(c.family);
  const first = expectOk(await call(c.staff, 'bindFamily', { recipientId: r._id, code }, { requestId: 'rq-fcode-retry' }));
  expect(expectOk(await call(c.staff, 'bindFamily', { recipientId: r._id, code }, { requestId: 'rq-fcode-retry' }))).toEqual(first);
  expectOk(await call(c.staff, 'bindFamily', { recipientId: r._id, code: await familyCodeOf(c.family) }));
  expect(await familyOf(r._id)).toEqual([c.family]);
});

test('expired, forged and replaced codes are refused; a refused bind writes nothing and uses nothing up', async () => {
  const r = await plantRecipient(c, { openid: null, familyOpenids: [] });
  const person = `${c.family}-x`;
  const old = await familyCodeOf(person);
  const code = await familyCodeOf(person); // issuing again replaces the last code
  expect(await call(c.staff, 'bindFamily', { recipientId: r._id, code: old })).toMatchObject(refused('wish.family_code_invalid'));
  expect(await call(c.staff, 'bindFamily', { recipientId: r._id, code: 'ABCD-2345' })).toMatchObject(refused('wish.family_code_invalid'));
  expect(await call(c.staff, 'bindFamily', { recipientId: r._id, code }, { now: NOW + 30 * MIN + 1 })).toMatchObject(refused('wish.family_code_expired'));
  // Not staff of this community: refused before the code is looked at.
  expect(await call(c.resident, 'bindFamily', { recipientId: r._id, code })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  expect(await familyOf(r._id)).toEqual([]);
  // Still good until its expiry minute.
  expectOk(await call(c.staff, 'bindFamily', { recipientId: r._id, code }, { now: NOW + 30 * MIN }));
});

test("the recipient's own code is refused as theirs, and stays usable", async () => {
  const self = `${c.resident}-self`;
  const r = await plantRecipient(c, { openid: self, familyOpenids: [] });
  const code = await familyCodeOf(self);
  expect(await call(c.staff, 'bindFamily', { recipientId: r._id, code })).toMatchObject(refused('wish.family_is_recipient'));
  expect(expectOk(await call(self, 'familyCode', {})).code).toBe(code);
});

test('two staff binding with one code at once: exactly one binds, the other is told it was used', async () => {
  const [a, b] = await Promise.all([plantRecipient(c, { openid: null, familyOpenids: [] }), plantRecipient(c, { openid: null, familyOpenids: [] })]);
  const person = `${c.family}-race`;
  const code = await familyCodeOf(person);
  const res = await Promise.all([call(c.staff, 'bindFamily', { recipientId: a._id, code }), call(c.staff2, 'bindFamily', { recipientId: b._id, code })]);
  expect(res.filter((x) => x.ok)).toHaveLength(1);
  expect(res.find((x) => !x.ok)).toMatchObject(refused('wish.family_code_used'));
  expect([...(await familyOf(a._id)), ...(await familyOf(b._id))]).toEqual([person]);
});
