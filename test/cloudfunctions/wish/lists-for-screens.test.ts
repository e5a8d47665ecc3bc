// The lists the mini-program's wish screens open with: a resident's own and family recipients (to
// post for), staff's recipients of a community (codes, family, consent), and a volunteer's
// deliveries. Real SDK against the emulator, through invoke().
import { DAY, NOW, call, community, expectOk, plantRecipient, plantWish } from './helpers';

test('recipients as mine: the ones I am and am bound family of, without staff-only fields', async () => {
  const c = await community('rmine');
  const self = await plantRecipient(c, { openid: c.resident, familyOpenids: [] });
  const parent = await plantRecipient(c, { openid: null, familyOpenids: [c.family, c.resident], phoneMasked: '138****0000' });
  await plantRecipient(c, { openid: null, familyOpenids: [c.family] }); // not mine
  const out = expectOk(await call(c.resident, 'recipients', { as: 'mine' }));
  expect(out.next).toBeNull();
  expect(out.items.map((r: { id: string }) => r.id).sort()).toEqual([self._id, parent._id].sort());
  expect(out.items.every((r: { phoneMasked: unknown }) => r.phoneMasked === null)).toBe(true);
  // "For myself" is the one that is the caller: no need to remember it on the phone.
  expect(out.items.filter((r: { you: boolean }) => r.you).map((r: { id: string }) => r.id)).toEqual([self._id]);
  expect(expectOk(await call(c.stranger, 'recipients', { as: 'mine' })).items).toEqual([]);
});

test('recipients as staff: the community\'s, newest first, in cursor pages; staff only', async () => {
  const c = await community('rstaff');
  const made = [];
  for (let i = 0; i < 3; i++) made.push(await plantRecipient(c, { createdAt: NOW - (10 - i) * DAY, phoneMasked: `138****000${i}` }));
  const first = expectOk(await call(c.staff, 'recipients', { as: 'staff', communityId: c.id, limit: 2 }));
  expect(first.items.map((r: { id: string }) => r.id)).toEqual([made[2]._id, made[1]._id]);
  expect(first.items[0].phoneMasked).toBe('138****0002');
  const second = expectOk(await call(c.staff, 'recipients', { as: 'staff', communityId: c.id, limit: 2, after: first.next }));
  expect(second).toMatchObject({ items: [{ id: made[0]._id }], next: null });

  expect(await call(c.volunteer, 'recipients', { as: 'staff', communityId: c.id })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  expect(await call(c.staff, 'recipients', { as: 'staff' })).toMatchObject({
    ok: false,
    error: { code: 'invalid-argument', details: { issues: [{ path: ['input', 'communityId'] }] } },
  });
});

test('mine as delivering: the wishes I was assigned to deliver, until signed off', async () => {
  const c = await community('deliv');
  const r = await plantRecipient(c);
  const claimed = await plantWish(c, r, 'claimed', { claimedAt: NOW - 2 * DAY });
  const delivered = await plantWish(c, r, 'delivered', { claimedAt: NOW - 3 * DAY });
  await plantWish(c, r, 'confirmed', { claimedAt: NOW - 4 * DAY });
  await plantWish(c, r, 'claimed', { claimedAt: NOW - DAY, delivery: { mode: 'volunteer', volunteerOpenid: c.volunteer2, by: null, photo: null, note: null, at: null } });
  const out = expectOk(await call(c.volunteer, 'mine', { as: 'delivering' }));
  expect(out.items.map((w: { id: string }) => w.id)).toEqual([claimed._id, delivered._id]);
  expect(out.items[0].youAre).toContain('assigned-volunteer');
  expect(expectOk(await call(c.donor, 'mine', { as: 'delivering' })).items).toEqual([]);
});
