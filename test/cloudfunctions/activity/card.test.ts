// The personal QR of the volunteer card: volunteer.cardCode signs a short-lived code (the public
// volunteer number, an expiry and an HMAC: never the ID number or the openid) shown as a
// mini-program code; a leader scans it and activity.rollCallByCard checks the signature, the expiry
// and the sign-up before recording the check-in or check-out (audited).
import { parseCardCode } from '../../../core';
import { db, uniq } from '../../server/fixtures/db';
import { jsQR } from './qr-decode';
import { act, cardCodeOf, HOUR, makeWorld, MIN, ok, publishedActivity, putVolunteer, START, T0, volAct, withSignupOf, World } from './fixtures';

jest.setTimeout(60_000);

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const cardOf = (openid: string, at: number) => volAct(openid, 'cardCode', {}, at);

test('the card code is a signed, short-lived mini-program code that names the volunteer number only', async () => {
  const r = await cardOf(w.volunteer, START);
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  const card = r.data;
  const v = (await db().collection('volunteers').doc(`vol-${w.volunteer}`).get()).data!;
  expect(card.code.length).toBeLessThanOrEqual(32);
  expect(card.code.startsWith(`${v.volunteerNo}.`)).toBe(true);
  expect(card.code).not.toContain(w.volunteer);
  expect(parseCardCode(card.code)?.expiresAt).toBe(card.expiresAt);
  // Five minutes by default (VOLUNTEER_CARD_TTL_SECONDS), renewed before it runs out.
  expect(card.expiresAt - START).toBeGreaterThanOrEqual(5 * MIN);
  expect(card.expiresAt - START).toBeLessThan(6 * MIN);
  expect(card.refreshAt).toBeLessThan(card.expiresAt);
  expect(card.page).toBe('pages/volunteer/card/index');
  expect(jsQR(Buffer.from(card.imageBase64, 'base64'))).toContain(card.code);
  // Only a verified volunteer has a card.
  const pending = uniq('pend');
  await putVolunteer(pending, w.community, { status: 'pending' });
  expect(await cardOf(pending, START)).toMatchObject({ ok: false, error: { details: { reason: 'volunteer.not_verified' } } });
  expect(await cardOf(w.resident, START)).toMatchObject({ ok: false, error: { details: { reason: 'volunteer.not_registered' } } });
});

test('the leader scans the card: check-in then check-out, recorded as roll call by card and audited', async () => {
  const id = await withSignupOf(w, w.volunteer);
  const card = ok(await cardOf(w.volunteer, START));
  const inAt = START + MIN;
  const att = ok(await act(w.leader, 'rollCallByCard', { activityId: id, card: card.code, event: 'in' }, inAt));
  expect(att).toMatchObject({ openid: w.volunteer, status: 'checked_in', checkedInAt: inAt, flags: ['roll_call_card'] });
  // A second scan of the same card is refused: one open check-in per person.
  expect(await act(w.leader, 'rollCallByCard', { activityId: id, card: card.code, event: 'in' }, inAt + MIN)).toMatchObject({
    ok: false,
    error: { details: { reason: 'checkin.already_checked_in' } },
  });
  const later = ok(await cardOf(w.volunteer, START + 2 * HOUR));
  expect(ok(await act(w.leader, 'rollCallByCard', { activityId: id, card: later.code, event: 'out' }, START + 2 * HOUR))).toMatchObject({
    status: 'checked_out',
    checkedOutAt: START + 2 * HOUR,
  });
  const audit = (await db().collection('audit_log').where({ subject: `attendance/${id}_${w.volunteer}` }).get()).data;
  expect(audit.length).toBeGreaterThanOrEqual(2);
  expect(JSON.stringify(audit)).toContain('roll_call_card');
});

test('forged, tampered, expired, not-signed-up and unverified cards are refused with a reason, nothing written', async () => {
  const id = await withSignupOf(w, w.volunteer);
  const attendance = () => db().collection('attendance').doc(`${id}_${w.volunteer}`).get();
  const genuine = await cardCodeOf(w.volunteer, START + 5 * MIN);
  const [body, mac] = [genuine.slice(0, genuine.lastIndexOf('.')), genuine.slice(genuine.lastIndexOf('.') + 1)];
  const flipped = `${body}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
  expect(await act(w.leader, 'rollCallByCard', { activityId: id, card: flipped, event: 'in' }, START)).toMatchObject({ ok: false, error: { details: { reason: 'card.invalid' } } });
  // Another volunteer's number with this card's signature.
  const other = uniq('ov');
  await putVolunteer(other, w.community);
  const otherNo = String((await db().collection('volunteers').doc(`vol-${other}`).get()).data!.volunteerNo);
  const swapped = `${otherNo}${genuine.slice(genuine.indexOf('.'))}`;
  expect(await act(w.leader, 'rollCallByCard', { activityId: id, card: swapped, event: 'in' }, START)).toMatchObject({ ok: false, error: { details: { reason: 'card.invalid' } } });
  // A later expiry with the old signature.
  const extended = `${body.slice(0, body.lastIndexOf('.'))}.${(parseInt(body.slice(body.lastIndexOf('.') + 1), 36) + 60).toString(36)}.${mac}`;
  expect(await act(w.leader, 'rollCallByCard', { activityId: id, card: extended, event: 'in' }, START)).toMatchObject({ ok: false, error: { details: { reason: 'card.invalid' } } });
  expect(await act(w.leader, 'rollCallByCard', { activityId: id, card: genuine, event: 'in' }, START + 6 * MIN)).toMatchObject({ ok: false, error: { details: { reason: 'card.expired' } } });
  expect((await attendance()).data).toBeNull();
  // A genuine card of someone who did not sign up.
  expect(await act(w.leader, 'rollCallByCard', { activityId: id, card: await cardCodeOf(other, START + 5 * MIN), event: 'in' }, START)).toMatchObject({
    ok: false,
    error: { details: { reason: 'checkin.not_signed_up' } },
  });
  expect((await db().collection('attendance').doc(`${id}_${other}`).get()).data).toBeNull();
  // A card issued before the registration stopped being verified.
  const lapsed = uniq('lapsed');
  await putVolunteer(lapsed, w.community);
  const lapsedCard = await cardCodeOf(lapsed, START + 5 * MIN);
  await db().collection('volunteers').doc(`vol-${lapsed}`).update({ data: { status: 'erased' } });
  expect(await act(w.leader, 'rollCallByCard', { activityId: id, card: lapsedCard, event: 'in' }, START)).toMatchObject({ ok: false, error: { details: { reason: 'card.not_a_volunteer' } } });
});

test('only the activity’s organizers may scan: another team’s leader and other staff are refused', async () => {
  const id = await publishedActivity(w);
  ok(await act(w.volunteer, 'signUp', { activityId: id }, T0));
  const card = await cardCodeOf(w.volunteer, START + 5 * MIN);
  for (const who of [w.otherLeader, w.otherStaff, w.volunteer, w.resident]) {
    expect(await act(who, 'rollCallByCard', { activityId: id, card, event: 'in' }, START)).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  }
  expect((await db().collection('attendance').doc(`${id}_${w.volunteer}`).get()).data).toBeNull();
});
