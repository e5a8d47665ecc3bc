// The staff review queues: open correction requests and back-fills awaiting their second approver,
// per community, oldest first, in cursor pages, with what a reviewer needs to decide (masked names
// only) and, on a back-fill, who requested it (so someone else approves).
import { db, uniq } from '../../server/fixtures/db';
import { act, confirmedRecordOf, END, endedWith, HOUR, makeWorld, MIN, ok, putUser, putVolunteer, World } from './fixtures';

jest.setTimeout(120_000);

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const EVIDENCE = '纸质签到表第三行，社工见证';

async function openCorrection(openid: string, minutes: number, at: number): Promise<{ correctionId: string; recordId: string }> {
  const recordId = await confirmedRecordOf(w, openid);
  const c = ok(await act(openid, 'requestCorrection', { recordId, minutes, note: '签退晚了，实际服务更久' }, at));
  return { correctionId: c.correctionId, recordId };
}

async function allPages(openid: string, action: string, communityId: string, limit: number): Promise<any[]> {
  const items: any[] = [];
  let after: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = ok(await act(openid, action, { communityId, limit, ...(after ? { after } : {}) }));
    items.push(...page.items);
    if (!page.next) return items;
    after = page.next;
  }
  throw new Error('too many pages');
}

describe('pendingCorrections', () => {
  test('lists the open requests of the community oldest first, with the record and the masked volunteer; resolved ones leave the queue', async () => {
    const vs = [uniq('cq1'), uniq('cq2'), uniq('cq3')];
    for (const v of vs) await putVolunteer(v, w.community);
    const opened: Array<{ correctionId: string; recordId: string }> = [];
    for (const [i, v] of vs.entries()) opened.push(await openCorrection(v, 150 + i, END + (i + 1) * HOUR));

    const items = (await allPages(w.staff, 'pendingCorrections', w.community, 2)).filter((c) => opened.some((o) => o.correctionId === c.correctionId));
    expect(items.map((c) => c.correctionId)).toEqual(opened.map((o) => o.correctionId));
    const record = (await db().collection('service_records').doc(opened[0]!.recordId).get()).data!;
    expect(items[0]).toEqual({
      correctionId: opened[0]!.correctionId,
      recordId: opened[0]!.recordId,
      status: 'open',
      minutes: 150,
      previousMinutes: record.minutes,
      note: '签退晚了，实际服务更久',
      resolutionNote: null,
      volunteerNo: record.volunteerNo,
      maskedName: '刘某',
      activityId: record.activityId,
      activityTitle: record.activityTitle,
      date: record.date,
      place: record.place,
      organizingUnit: record.organizingUnit,
      createdAt: END + HOUR,
    });

    ok(await act(w.staff, 'resolveCorrection', { correctionId: opened[1]!.correctionId, accept: false, note: '与签到表不符' }, END + 5 * HOUR));
    const after = (await allPages(w.staff2, 'pendingCorrections', w.community, 50)).map((c) => c.correctionId);
    expect(after).toEqual(expect.arrayContaining([opened[0]!.correctionId, opened[2]!.correctionId]));
    expect(after).not.toContain(opened[1]!.correctionId);
  });

  test('staff of another community see nothing of it, in their own queue or by asking for it', async () => {
    const v = uniq('cqx');
    await putVolunteer(v, w.community);
    const { correctionId } = await openCorrection(v, 170, END + HOUR);
    expect(await act(w.otherStaff, 'pendingCorrections', { communityId: w.community })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    const theirs = await allPages(w.otherStaff, 'pendingCorrections', w.otherCommunity, 50);
    expect(theirs.map((c) => c.correctionId)).not.toContain(correctionId);
  });

  test('a forged cursor is invalid-argument page.bad_cursor', async () => {
    expect(await act(w.staff, 'pendingCorrections', { communityId: w.community, after: 'AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', details: { reason: 'page.bad_cursor' } },
    });
  });
});

describe('pendingBackfills', () => {
  test('lists back-fills awaiting a second approver with the evidence, the activity and who requested them', async () => {
    const staffVolunteer = uniq('sv');
    // A staff member who is also a registered volunteer: their masked name is shown as the requester.
    await putVolunteer(staffVolunteer, w.community);
    await db().collection('users').doc(staffVolunteer).update({ data: { roles: [{ role: 'staff', communityId: w.community }, { role: 'volunteer', communityId: w.community }] } });
    const id = await endedWith(w, [w.volunteer]);
    const a = uniq('bfa');
    const b = uniq('bfb');
    await putVolunteer(a, w.community);
    await putVolunteer(b, w.community);
    const first = ok(await act(w.staff, 'requestBackfill', { activityId: id, openid: a, minutes: 60, evidence: EVIDENCE, note: '手机没电' }, END + HOUR));
    const second = ok(await act(staffVolunteer, 'requestBackfill', { activityId: id, openid: b, minutes: 90, evidence: EVIDENCE, note: '忘记签到' }, END + 2 * HOUR));

    const seenByStaff = (await allPages(w.staff, 'pendingBackfills', w.community, 1)).filter((x) => [first.backfillId, second.backfillId].includes(x.backfillId));
    expect(seenByStaff.map((x) => x.backfillId)).toEqual([first.backfillId, second.backfillId]);
    const activity = (await db().collection('activities').doc(id).get()).data!;
    expect(seenByStaff[0]).toEqual({
      backfillId: first.backfillId,
      activityId: id,
      status: 'requested',
      minutes: 60,
      requestedBy: w.staff,
      approvedBy: null,
      recordId: null,
      volunteerNo: expect.any(String),
      maskedName: '刘某',
      activityTitle: activity.title,
      activityDate: '2026-12-08',
      activityMinutes: 180,
      evidence: EVIDENCE,
      note: '手机没电',
      requestedByName: null,
      requestedByMe: true,
      createdAt: END + HOUR,
    });
    expect(seenByStaff[1]).toMatchObject({ requestedBy: staffVolunteer, requestedByName: '刘某', requestedByMe: false });

    // The page's promise holds: the requester cannot approve, someone else can, and it leaves the queue.
    expect(await act(w.staff, 'approveBackfill', { backfillId: first.backfillId }, END + 3 * HOUR)).toMatchObject({ ok: false, error: { details: { reason: 'backfill.same_approver' } } });
    ok(await act(w.staff2, 'approveBackfill', { backfillId: first.backfillId }, END + 3 * HOUR));
    ok(await act(w.staff2, 'refuseBackfill', { backfillId: second.backfillId, note: '证据不足' }, END + 3 * HOUR + MIN));
    const left = (await allPages(w.staff2, 'pendingBackfills', w.community, 50)).map((x) => x.backfillId);
    expect(left).not.toContain(first.backfillId);
    expect(left).not.toContain(second.backfillId);
  });

  test('staff of another community are refused, and their own queue holds none of it', async () => {
    const id = await endedWith(w, [w.volunteer]);
    const v = uniq('bfx');
    await putVolunteer(v, w.community);
    const bf = ok(await act(w.staff, 'requestBackfill', { activityId: id, openid: v, minutes: 30, evidence: EVIDENCE, note: '手机没电' }, END + HOUR));
    expect(await act(w.otherStaff, 'pendingBackfills', { communityId: w.community })).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    const other = uniq('ostaff2');
    await putUser(other, [['staff', w.otherCommunity]]);
    expect((await allPages(other, 'pendingBackfills', w.otherCommunity, 50)).map((x) => x.backfillId)).not.toContain(bf.backfillId);
  });
});
