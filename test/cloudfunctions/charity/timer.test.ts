// The remindDisclosures timer, in-process as the platform's timer: staff are reminded of
// disclosures due within a working day, once per community and day, even when the firing is
// delivered again or fired twice the same day; a client cannot fire it.
import { db, uniq } from '../../server/fixtures/db';
import { charity, ok, person, T0 } from './helpers';

jest.setTimeout(60_000);
const TEMPLATE = 'tmpl-charity-disclosure';

const fire = (at: number) =>
  charity.invoke({ Type: 'Timer', TriggerName: 'remindDisclosures', Time: new Date(at).toISOString().replace('.000Z', 'Z'), Message: '' }, { openid: '', trigger: 'timer', now: () => at + 5_000 }) as Promise<any>;

async function outboxTo(openid: string): Promise<any[]> {
  const res = await fetch(`${process.env.EMULATOR_URL}/dev/outbox`);
  const body = (await res.json()) as { data: Array<{ api: string; params: { touser?: string } }> };
  return body.data.filter((e) => e.api === 'subscribeMessage.send' && e.params.touser === openid);
}

beforeAll(() => {
  process.env.CHARITY_DISCLOSURE_TEMPLATE_ID = TEMPLATE;
});
afterAll(() => {
  delete process.env.CHARITY_DISCLOSURE_TEMPLATE_ID;
});

test('reminds the community staff once per day of receipts due within a working day', async () => {
  const community = uniq('rem').toLowerCase();
  const [staff, admin, resident] = await Promise.all([person('stf', [['staff', community]]), person('adm', [['community-admin', community]]), person('res', [['resident', community]])]);
  // Received Monday 2026-11-23: due in 7 working days, Wednesday 2026-12-02.
  await ok(staff, 'recordStockMovement', { communityId: community, item: '棉衣', unit: '件', direction: 'in', quantity: 3, counterpart: '钱多多' });

  // The Friday before, nothing is due yet for this community.
  const friday = Date.UTC(2026, 10, 27, 1, 0, 0); // 09:00 Beijing
  const early = await fire(friday);
  expect(early).toMatchObject({ ok: true });
  expect((await db().collection('charity_reminders').doc(`${community}_2026-11-27`).get()).data).toBeNull();

  // Tuesday 2026-12-01: due tomorrow (within one working day).
  const tuesday = Date.UTC(2026, 11, 1, 1, 0, 0);
  const first = await fire(tuesday);
  expect(first).toMatchObject({ ok: true, data: { result: expect.objectContaining({ reminded: expect.any(Number) }) } });
  const marker = (await db().collection('charity_reminders').doc(`${community}_2026-12-01`).get()).data;
  expect(marker).toMatchObject({ communityId: community, entries: 1, firstDue: '2026-12-02' });
  expect((await db().collection('audit_log').where({ action: 'charity.remindDisclosures', subject: `charity_reminders/${community}_2026-12-01` }).count()).total).toBe(1);
  for (const who of [staff, admin]) {
    const sent = await outboxTo(who);
    expect(sent).toHaveLength(1);
    expect(sent[0].params).toMatchObject({ page: `pages/staff/disclosures/index?communityId=${community}` });
    expect(JSON.stringify(sent[0].params)).toContain(TEMPLATE);
  }
  expect(await outboxTo(resident)).toHaveLength(0);

  // The same firing delivered again replays; another firing the same day reminds no one again.
  expect(await fire(tuesday)).toMatchObject({ ok: true, data: { replayed: true } });
  const later = await fire(tuesday + 3600_000);
  expect(later).toMatchObject({ ok: true });
  expect((await outboxTo(staff)).length).toBe(1);

  // Published: nothing is due any more, the next day brings no reminder for it.
  const due = await ok(staff, 'disclosuresDue', { communityId: community }, { at: tuesday });
  expect(due.entries).toEqual([expect.objectContaining({ dueOn: '2026-12-02', overdue: false })]);
  await ok(staff, 'publishDisclosures', { communityId: community, entryIds: due.entries.map((e: any) => e.entryId) }, { at: tuesday });
  await fire(Date.UTC(2026, 11, 2, 1, 0, 0));
  expect((await db().collection('charity_reminders').doc(`${community}_2026-12-02`).get()).data).toBeNull();
  expect((await outboxTo(staff)).length).toBe(1);
});

test('long projects are due every three months; a report moves the next one', async () => {
  const community = uniq('prj').toLowerCase();
  const staff = await person('stf', [['staff', community]]);
  const long = await ok(staff, 'registerProject', { communityId: community, name: '冬日暖心', startOn: '2026-06-01', endOn: '2027-05-31' });
  const short = await ok(staff, 'registerProject', { communityId: community, name: '国庆慰问', startOn: '2026-09-20', endOn: '2026-10-10' });
  expect(long).toMatchObject({ long: true, nextReportOn: '2026-09-01' });
  expect(short).toMatchObject({ long: false, nextReportOn: null });
  const due = await ok(staff, 'disclosuresDue', { communityId: community });
  expect(due.projects).toEqual([{ projectId: long.id, name: '冬日暖心', dueOn: '2026-09-01', overdue: true }]);
  const reported = await ok(staff, 'reportProject', { projectId: long.id, summary: '已发放棉被 120 床' });
  expect(reported).toMatchObject({ lastReportOn: '2026-11-23', nextReportOn: '2027-02-23' });
  expect((await ok(staff, 'disclosuresDue', { communityId: community })).projects).toEqual([]);
  const listed = await ok(staff, 'listProjects', { communityId: community });
  expect(listed.items.map((p: any) => [p.name, p.nextReportOn])).toEqual([['国庆慰问', null], ['冬日暖心', '2027-02-23']]);
});

test('a client cannot fire the timer', async () => {
  const r = await charity.invoke({ Type: 'Timer', TriggerName: 'remindDisclosures', Time: '2026-12-01T01:00:00Z', Message: '' }, { openid: 'some-user', now: () => T0 });
  expect(r).toMatchObject({ ok: false, error: { code: 'permission-denied', details: { reason: 'timer.not_a_timer_call' } } });
});
