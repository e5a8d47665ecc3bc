// The wish function end to end in-process: every step through its action, the real SDK against
// the emulator, personal data sealed, messages in the outbox, the audit chain per transition.
import { db } from '../../server/fixtures/db';
import { auditCount, call, community, Community, DAY, expectOk, familyCodeOf, messagesTo, NOW, plantRecipient, plantWish, WANTED_ON, wishDoc } from './helpers';

let c: Community;
beforeAll(async () => {
  c = await community('flow');
});

const post = (openid: string, recipientId: string, extra: Record<string, unknown> = {}) =>
  call(openid, 'post', { recipientId, item: '轮椅维修', description: '轮椅刹车失灵，需要维修', category: 'health', valueFen: 30000, wantedOn: WANTED_ON, ...extra });

test('staff register a resident without a smartphone, post for them, verify, publish; a donor claims; a volunteer delivers; the printed code signs off; the donor is thanked', async () => {
  const reg = expectOk(
    await call(c.staff, 'registerRecipient', {
      communityId: c.id,
      self: false,
      name: '王秀英',
      phone: '13812345678',
      address: '幸福里3栋2单元501',
      ageBand: '80+',
      group: 'elderly-alone',
      showGroup: true,
      sensitiveStatus: '低保',
    }),
  );
  expect(reg).toMatchObject({ maskedName: '王某', phoneMasked: '138****5678', under14: false, hasOwnWeChat: false });
  const stored = (await db().collection('wish_recipients').doc(reg.id).get()).data!;
  // Nothing personal in clear: name, phone, address and the exact status are sealed.
  const json = JSON.stringify(stored);
  for (const secret of ['王秀英', '13812345678', '幸福里3栋', '低保']) expect(json).not.toContain(secret);
  expect(String(stored.addressSealed)).toMatch(/^v1\./);

  const posted = expectOk(await post(c.staff, reg.id));
  expect(posted).toMatchObject({ status: 'submitted', postedAs: 'staff', maskedName: '王某', group: 'elderly-alone', communityId: c.id });
  const id = posted.id as string;
  expect(expectOk(await call(c.staff, 'verify', { wishId: id, method: 'home-visit', note: '入户核实' }))).toMatchObject({ status: 'verified' });
  expect(expectOk(await call(c.staff, 'publish', { wishId: id }))).toMatchObject({ status: 'published', publishedAt: NOW });

  // A donor sees the masked card only.
  const page = expectOk(await call(c.donor, 'browse', { communityId: c.id }));
  const card = page.items.find((x: { id: string }) => x.id === id);
  expect(card).toEqual({
    id,
    item: '轮椅维修',
    category: 'health',
    valueFen: 30000,
    maskedName: '王某',
    ageBand: '80+',
    group: 'elderly-alone',
    communityId: c.id,
    communityName: c.id,
    wantedOn: WANTED_ON,
    urgent: false,
    publishedAt: NOW,
    status: 'published',
    pooled: false,
    pledgedFen: 0,
  });
  const donorView = expectOk(await call(c.donor, 'get', { wishId: id }));
  expect(JSON.stringify(donorView)).not.toMatch(/13812345678|138\*\*\*\*5678|幸福里3栋|王秀英|低保/);
  expect(donorView.recipientPhoneMasked).toBeNull();

  const claimed = expectOk(await call(c.donor, 'claim', { wishId: id }, { now: NOW + 1000 }));
  expect(claimed).toMatchObject({ status: 'claimed', claimedByYou: true, claimDueAt: NOW + 1000 + 7 * DAY });
  expect((await messagesTo(c.staff)).some((m) => m.params.template_id === 'dev-wish-claimed' && m.params.page === `pages/donor/wish/index?wishId=${id}`)).toBe(true);

  // The address: nobody before assignment, the assigned volunteer only, and only until delivery.
  expect(await call(c.volunteer, 'deliveryAddress', { wishId: id })).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'wish.address_not_yours' } } });
  expectOk(await call(c.staff, 'assignVolunteer', { wishId: id, volunteerOpenid: c.volunteer }));
  for (const who of [c.donor, c.staff, c.volunteer2, c.resident]) {
    expect(await call(who, 'deliveryAddress', { wishId: id })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  }
  expect(expectOk(await call(c.volunteer, 'deliveryAddress', { wishId: id }))).toEqual({ wishId: id, address: '幸福里3栋2单元501', recipientName: '王某' });

  expect(expectOk(await call(c.volunteer, 'deliver', { wishId: id, mode: 'volunteer', note: '已送到家' }))).toMatchObject({ status: 'delivered', deliveryMode: 'volunteer' });
  expect(await call(c.volunteer, 'deliveryAddress', { wishId: id })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });

  // Printed one-time code: a wrong one is refused, the right one signs off and is used up.
  expectOk(await call(c.staff, 'issueConfirmCode', { recipientId: reg.id }));
  const printed = expectOk(await call(c.staff, 'printConfirmCode', { recipientId: reg.id }));
  expect(printed.code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
  expect(await call(c.donor, 'printConfirmCode', { recipientId: reg.id })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  const wrong = printed.code[0] === '2' ? `3${printed.code.slice(1)}` : `2${printed.code.slice(1)}`;
  expect(await call(c.volunteer, 'confirm', { wishId: id, mode: 'code', code: wrong })).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'wish.wrong_code' } } });
  expect(expectOk(await call(c.volunteer, 'confirm', { wishId: id, mode: 'code', code: printed.code.toLowerCase() }))).toMatchObject({ status: 'confirmed', confirmationMode: 'code' });
  expect((await db().collection('wish_recipients').doc(reg.id).get()).data).toMatchObject({ codeHash: null, codeSealed: null });
  expect((await messagesTo(c.donor)).some((m) => m.params.template_id === 'dev-wish-confirmed')).toBe(true);

  expect(expectOk(await call(c.staff, 'thank', { wishId: id, message: '谢谢您的爱心！' }))).toMatchObject({ status: 'thanked', thanksMessage: '谢谢您的爱心！' });
  expect(expectOk(await call(c.donor, 'get', { wishId: id }))).toMatchObject({ status: 'thanked', thanksMessage: '谢谢您的爱心！', claimedByYou: true });

  // Every transition audited exactly once, under the wish machine's names.
  for (const action of ['wish.post', 'wish.verify', 'wish.publish', 'wish.claim', 'wish.assignVolunteer', 'wish.deliver', 'wish.confirm', 'wish.thank']) {
    expect({ action, n: await auditCount(`wishes/${id}`, action) }).toEqual({ action, n: 1 });
  }
});

test('a resident registers and posts for themselves; bound family post for them; a stranger cannot', async () => {
  const me = expectOk(await call(c.resident, 'registerRecipient', { communityId: c.id, self: true, name: '张桂兰', ageBand: '70-79', group: 'elderly' }));
  expect(me).toMatchObject({ hasOwnWeChat: true, maskedName: '张某', showGroup: false });
  expect(await call(c.resident, 'registerRecipient', { communityId: c.id, self: true, name: '张桂兰', ageBand: '70-79', group: 'elderly' })).toMatchObject({
    ok: false,
    error: { code: 'already-exists' },
  });
  const own = expectOk(await post(c.resident, me.id, { item: '收音机', category: 'companionship', valueFen: 8000 }));
  expect(own).toMatchObject({ postedAs: 'self', group: null });
  expect(await post(c.family, me.id)).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'wish.not_your_recipient' } } });
  const code = await familyCodeOf(c.family);
  expect(await call(c.resident, 'bindFamily', { recipientId: me.id, code })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  expectOk(await call(c.staff, 'bindFamily', { recipientId: me.id, code }));
  expect(expectOk(await post(c.family, me.id, { item: '老花镜', valueFen: 6000 }))).toMatchObject({ postedAs: 'family' });
  expect(await post(c.stranger, me.id)).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  const mine = expectOk(await call(c.family, 'mine', { as: 'posted' }));
  expect(mine.items.map((w: { item: string }) => w.item).sort()).toEqual(['收音机', '老花镜']);
});

test("mine: nothing for a newcomer; a donor's claims, newest first", async () => {
  expect(expectOk(await call(c.stranger, 'mine', { as: 'posted' }))).toEqual({ items: [], next: null });
  const donor = `${c.donor2}-mine`;
  const r = await plantRecipient(c);
  const older = await plantWish(c, r, 'claimed', { claimedBy: donor, claimedAt: NOW - 3 * DAY });
  const newer = await plantWish(c, r, 'delivered', { claimedBy: donor, claimedAt: NOW - DAY });
  const out = expectOk(await call(donor, 'mine', { as: 'claimed' }));
  expect(out.items.map((w: { id: string }) => w.id)).toEqual([newer._id, older._id]);
  expect(out.items[0]).toMatchObject({ claimedByYou: true, recipientPhoneMasked: null });
});

test('value cap, wanted-by window, photo consent and rejected text are invalid-argument, nothing written', async () => {
  const r = await plantRecipient(c, { openid: null, familyOpenids: [] });
  const before = (await db().collection('wishes').where({ recipientId: r._id }).count()).total;
  const cases: Array<[Record<string, unknown>, string, string]> = [
    [{ valueFen: 50001 }, 'wish.value_over_cap', 'valueFen'],
    [{ wantedOn: '2026-11-20' }, 'wish.bad_wanted_on', 'wantedOn'],
    [{ wantedOn: '2027-12-01' }, 'wish.bad_wanted_on', 'wantedOn'],
    [{ photos: ['cloud://env.bucket/wish/a.jpg'] }, 'wish.photo_needs_consent', 'photoConsent'],
    [{ description: '想要一副麻将，顺便赌博' }, 'content.rejected', 'description'],
    [{ item: '诈骗工具' }, 'content.rejected', 'item'],
  ];
  for (const [extra, reason, field] of cases) {
    expect(await post(c.staff, r._id, extra)).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason, issues: [{ path: ['input', field] }] } } });
  }
  expect((await db().collection('wishes').where({ recipientId: r._id }).count()).total).toBe(before);
});

test('at most 3 open wishes per recipient, also when posted at once; near-duplicates are flagged to staff only', async () => {
  const r = await plantRecipient(c, { openid: null, familyOpenids: [] });
  const first = expectOk(await post(c.staff, r._id, { item: '新书包', category: 'study', valueFen: 15000 }));
  const dup = expectOk(await post(c.staff, r._id, { item: '书包', category: 'study', valueFen: 12000 }));
  expect(first.nearDuplicates).toEqual([]);
  expect(dup.nearDuplicates).toEqual([first.id]);
  const results = await Promise.all([0, 1, 2].map((i) => post(c.staff2, r._id, { item: `台灯${i}`, category: 'study', valueFen: 5000 + i })));
  expect(results.filter((x) => x.ok)).toHaveLength(1);
  for (const x of results.filter((x) => !x.ok)) expect(x).toMatchObject({ error: { code: 'failed-precondition', details: { reason: 'wish.too_many_open' } } });
  expect((await db().collection('wishes').where({ recipientId: r._id }).count()).total).toBe(3);
  // Staff see the flag in their queue; the poster's own view does not carry it.
  const q = expectOk(await call(c.staff, 'queue', { communityId: c.id, status: 'submitted', limit: 50 }));
  expect(q.items.find((w: { id: string }) => w.id === dup.id).nearDuplicates).toEqual([first.id]);
  expect(await call(c.donor, 'queue', { communityId: c.id, status: 'submitted' })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
});

test('an under-14 recipient needs the guardian\'s recorded consent before verification', async () => {
  const reg = expectOk(await call(c.staff, 'registerRecipient', { communityId: c.id, self: false, name: '陈小明', ageBand: '6-13', group: 'child' }));
  expect(reg).toMatchObject({ under14: true, guardianConsent: false });
  const w = expectOk(await post(c.staff, reg.id, { item: '护眼台灯', category: 'study', valueFen: 12000 }));
  expect(await call(c.staff, 'verify', { wishId: w.id, method: 'phone-call', note: '电话核实' })).toMatchObject({
    ok: false,
    error: { code: 'failed-precondition', details: { reason: 'wish.guardian_consent_required' } },
  });
  expectOk(await call(c.staff, 'recordGuardianConsent', { recipientId: reg.id, guardianName: '陈建国', relation: 'parent', method: 'paper-form' }));
  expect(expectOk(await call(c.staff, 'verify', { wishId: w.id, method: 'phone-call', note: '电话核实' }))).toMatchObject({ status: 'verified' });
});

test('reject with a reason the poster sees; the poster revises; staff close with a reason', async () => {
  const r = await plantRecipient(c);
  const w = await plantWish(c, r, 'submitted');
  expectOk(await call(c.staff, 'reject', { wishId: w._id, reason: '请补充说明' }));
  expect(expectOk(await call(c.family, 'get', { wishId: w._id }))).toMatchObject({ status: 'rejected', rejectionReason: '请补充说明', events: ['revise'] });
  expect(await call(c.donor, 'get', { wishId: w._id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  const revised = expectOk(
    await call(c.family, 'revise', { wishId: w._id, item: '书包', description: '孩子三年级，旧书包坏了', category: 'study', valueFen: 12000, wantedOn: WANTED_ON }),
  );
  expect(revised).toMatchObject({ status: 'submitted', rejectionReason: null, item: '书包' });
  expect(expectOk(await call(c.staff2, 'close', { wishId: w._id, reason: '已由学校解决' }))).toMatchObject({ status: 'closed', closeReason: '已由学校解决' });
});

test('a donor holds at most 3 open claims, also when claiming at once', async () => {
  const donor = `${c.donor2}-lim`;
  const r1 = await plantRecipient(c);
  const r2 = await plantRecipient(c);
  const wishes = await Promise.all([r1, r1, r1, r2, r2].map((r) => plantWish(c, r, 'published')));
  const results = await Promise.all(wishes.map((w) => call(donor, 'claim', { wishId: w._id })));
  expect(results.filter((x) => x.ok)).toHaveLength(3);
  for (const x of results.filter((x) => !x.ok)) expect(x).toMatchObject({ error: { code: 'failed-precondition', details: { reason: 'wish.claim_limit' } } });
  // Cancelling one frees a place.
  const held = results.map((x, i) => (x.ok ? wishes[i]! : null)).filter((w) => w !== null);
  expectOk(await call(donor, 'cancelClaim', { wishId: held[0]!._id }));
  expect((await wishDoc(held[0]!._id)).claimedBy).toBeNull();
  const free = wishes.find((w) => !held.includes(w))!;
  expect(expectOk(await call(donor, 'claim', { wishId: free._id }))).toMatchObject({ status: 'claimed' });
});

test('the recipient confirms in WeChat, family confirms, staff witness with a note', async () => {
  const r = await plantRecipient(c);
  const [a, b, d] = await Promise.all([0, 1, 2].map(() => plantWish(c, r, 'delivered')));
  expect(await call(c.family, 'confirm', { wishId: a!._id, mode: 'recipient' })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  expect(expectOk(await call(c.resident, 'confirm', { wishId: a!._id, mode: 'recipient' }))).toMatchObject({ status: 'confirmed', confirmationMode: 'recipient' });
  expect(expectOk(await call(c.family, 'confirm', { wishId: b!._id, mode: 'family' }))).toMatchObject({ confirmationMode: 'family' });
  expect(await call(c.volunteer, 'confirm', { wishId: d!._id, mode: 'witnessed', note: '见证' })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  expect(expectOk(await call(c.staff, 'confirm', { wishId: d!._id, mode: 'witnessed', note: '网格员入户见证' }))).toMatchObject({ confirmationMode: 'witnessed' });
  // A thank-you photo needs staff and the recipient's photo consent.
  expect(await call(c.family, 'thank', { wishId: a!._id, message: '谢谢', photo: 'cloud://env.b/t.jpg' })).toMatchObject({ ok: false, error: { details: { reason: 'wish.photo_not_allowed' } } });
});

test('a retried request replays its answer and changes nothing twice', async () => {
  const r = await plantRecipient(c);
  const w = await plantWish(c, r, 'published');
  const rid = 'claim-retry-0001';
  const [x, y] = await Promise.all([call(c.donor2, 'claim', { wishId: w._id }, { requestId: rid }), call(c.donor2, 'claim', { wishId: w._id }, { requestId: rid })]);
  expect(x).toMatchObject({ ok: true });
  expect(y).toEqual(x);
  expect(await auditCount(`wishes/${w._id}`, 'wish.claim')).toBe(1);
});

test('pooled (拼好愿): donors pledge shares at once until the value is covered, then the pool holds the claim', async () => {
  const r = await plantRecipient(c, { openid: null, familyOpenids: [] });
  const w = await plantWish(c, r, 'verified', { valueFen: 30000 });
  expect(expectOk(await call(c.staff, 'publish', { wishId: w._id, pooled: true }))).toMatchObject({ pooled: true, pledgedFen: 0 });
  expect(await call(c.donor, 'claim', { wishId: w._id })).toMatchObject({ ok: false, error: { code: 'failed-precondition', details: { reason: 'wish.pooled' } } });
  const donors = [0, 1, 2, 3].map((i) => `${c.donor2}-pool${i}`);
  expect(await call(donors[0]!, 'pledge', { wishId: w._id, shareFen: 30001 })).toMatchObject({ ok: false, error: { details: { reason: 'wish.pledge_too_large' } } });
  // Four donors at once, 10000 each, for a 30000 wish: three fit, the fourth finds too little left.
  const results = await Promise.all(donors.map((d) => call(d, 'pledge', { wishId: w._id, shareFen: 10000 })));
  expect(results.filter((x) => x.ok)).toHaveLength(3);
  for (const x of results.filter((x) => !x.ok)) {
    expect(x).toMatchObject({ ok: false, error: { code: 'failed-precondition' } });
    expect(['wish.already_claimed', 'wish.pledge_too_large']).toContain((x as { error: { details: { reason: string } } }).error.details.reason);
  }
  const doc = await wishDoc(w._id);
  expect(doc).toMatchObject({ status: 'claimed', pledgedFen: 30000, claimedBy: `pool:${w._id}` });
  expect(doc.pledges).toHaveLength(3);
  expect(await auditCount(`wishes/${w._id}`, 'wish.claim')).toBe(1);
  // Nobody may cancel the pool's claim; staff receive it at the station; every pledger hears of the sign-off.
  const pledgers = doc.pledges!.map((p) => p.donor);
  expect(await call(pledgers[0]!, 'cancelClaim', { wishId: w._id })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  expectOk(await call(c.staff, 'deliver', { wishId: w._id, mode: 'station' }));
  expectOk(await call(c.staff, 'confirm', { wishId: w._id, mode: 'witnessed', note: '见证签收' }));
  for (const p of pledgers) expect((await messagesTo(p)).some((m) => m.params.template_id === 'dev-wish-confirmed')).toBe(true);
  // A second pledge by the same donor on another pooled wish: once per wish.
  const w2 = await plantWish(c, r, 'published', { pooled: true, pledgedFen: 0, pledges: [], valueFen: 20000 });
  expectOk(await call(donors[0]!, 'pledge', { wishId: w2._id, shareFen: 5000 }));
  expect(await call(donors[0]!, 'pledge', { wishId: w2._id, shareFen: 5000 })).toMatchObject({ ok: false, error: { code: 'already-exists', details: { reason: 'wish.already_pledged' } } });
  expect(expectOk(await call(donors[1]!, 'get', { wishId: w2._id }))).toMatchObject({ pooled: true, pledgedFen: 5000, status: 'published' });
});

test('disclosure: masked fulfilled list and figures by community and month', async () => {
  const d = await community('disc');
  const r = await plantRecipient(d);
  const nov = Date.UTC(2026, 10, 10, 4);
  await plantWish(d, r, 'thanked', { createdAt: nov - 4 * DAY, verifiedAt: nov - 3 * DAY, claimedAt: nov - 2 * DAY, confirmedAt: nov });
  await plantWish(d, r, 'confirmed', { createdAt: nov - 10 * DAY, verifiedAt: nov - 9 * DAY, claimedAt: nov - 8 * DAY, confirmedAt: nov + DAY });
  await plantWish(d, r, 'expired', { createdAt: nov, expiredAt: nov + 2 * DAY });
  await plantWish(d, r, 'submitted', { createdAt: Date.UTC(2026, 9, 30) });
  const out = expectOk(await call(d.stranger, 'disclosure', { communityId: d.id, month: '2026-11' }));
  expect(out.figures).toEqual({ posted: 2, verified: 2, claimed: 2, fulfilled: 2, expired: 1, averageDaysToFulfil: 7.5 });
  expect(out.fulfilled).toHaveLength(2);
  expect(JSON.stringify(out)).not.toMatch(/138|address|phone/);
});

test('recommend returns explainable parts that add up to the score', async () => {
  const d = await community('rec');
  const r = await plantRecipient(d);
  await plantWish(d, r, 'published', { category: 'study', valueFen: 10000, wantedOn: '2026-11-23', wantedBy: Date.UTC(2026, 10, 23, 16) });
  await plantWish(d, r, 'published', { category: 'health', valueFen: 40000 });
  const out = expectOk(await call(d.donor, 'recommend', { categories: ['study'], budgetFen: 20000, communityId: d.id }));
  expect(out.considered).toBe(2);
  expect(out.items[0].card.category).toBe('study');
  for (const it of out.items) {
    const sum = Object.values(it.parts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(it.score).toBeCloseTo(sum, 5);
  }
  expect(out.items[0].parts).toMatchObject({ category: 30, budget: 25 });
  expect(out.items[1].parts).toMatchObject({ category: 0 });
});

test('recommend with a donor location scores a nearby community above a far one (distance part)', async () => {
  const near = await community('near');
  const far = await community('far');
  const here = { lat: 23.1291, lng: 113.3245 };
  await db().collection('communities').add({ data: { _id: near.id, name: 'near', location: { type: 'Point', coordinates: [here.lng, here.lat] } } });
  await db().collection('communities').add({ data: { _id: far.id, name: 'far', location: { type: 'Point', coordinates: [here.lng, here.lat + 0.2] } } });
  for (const c of [near, far]) await plantWish(c, await plantRecipient(c), 'published', { category: 'study', valueFen: 10000 });
  const ask = async (location?: typeof here) => {
    const items = [];
    for (const c of [near, far]) items.push(...expectOk(await call(near.donor, 'recommend', { categories: ['study'], communityId: c.id, ...(location ? { location } : {}) })).items);
    return items as Array<{ card: { community: string }; parts: { distance: number } }>;
  };
  const [withNear, withFar] = await ask(here);
  expect(withNear!.parts.distance).toBe(15);
  expect(withFar!.parts.distance).toBe(0);
  for (const it of await ask()) expect(it.parts.distance).toBe(7.5);
});
