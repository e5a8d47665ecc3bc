// Every action of the activity function against every kind of caller: unregistered, resident,
// volunteer, another team's leader, another community's staff, this community's staff (and the
// activity's own team leader). Only the allowed combinations succeed; a refused call changes
// nothing; no input lets a volunteer act for someone else.
import { db } from '../../server/fixtures/db';
import {
  act,
  activityDoc,
  activityInput,
  cardCodeOf,
  confirmedRecordOf,
  END,
  endedWith,
  HERE,
  HOUR,
  makeWorld,
  MIN,
  ok,
  publishedActivity,
  rotatingScene,
  scan,
  START,
  T0,
  withSignupOf,
  World,
} from './fixtures';

type Who = 'unregistered' | 'resident' | 'volunteer' | 'otherLeader' | 'otherStaff' | 'staff' | 'leader';
const EVERYONE: Who[] = ['unregistered', 'resident', 'volunteer', 'otherLeader', 'otherStaff', 'staff', 'leader'];
const ORGANIZERS: Who[] = ['staff', 'leader'];
const STAFF: Who[] = ['staff'];


jest.setTimeout(60_000);

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
const openidOf = (who: Who) => (who === 'leader' ? w.leader : w.persona[who]);

interface Case {
  input: unknown;
  now?: number;
  /** Documents whose state must not change when the call is refused. */
  watch: Array<[string, string]>;
}

async function draft(by = w.staff): Promise<string> {
  return ok(await act(by, 'create', activityInput(w))).activityId;
}
async function submitted(): Promise<string> {
  const id = await draft();
  ok(await act(w.staff, 'submit', { activityId: id }));
  return id;
}
async function withSignup(): Promise<string> {
  return withSignupOf(w, w.volunteer);
}
async function checkedIn(): Promise<string> {
  const id = await withSignup();
  ok(await scan(w.volunteer, 'checkIn', { scene: await rotatingScene(id, START), location: HERE }, START));
  return id;
}
async function checkedOutFlagged(): Promise<string> {
  const id = await withSignup();
  ok(await scan(w.volunteer, 'checkIn', { scene: await rotatingScene(id, START) }, START));
  ok(await scan(w.volunteer, 'checkOut', { scene: await rotatingScene(id, START + 2 * HOUR) }, START + 2 * HOUR));
  return id;
}
/** Ended, with the volunteer's draft record. */
const ended = () => endedWith(w, [w.volunteer]);
const confirmedRecord = () => confirmedRecordOf(w, w.volunteer);
const rec = (activityId: string) => `${activityId}_${w.volunteer}`;

const CASES: Record<string, { allowed: Who[]; setup: () => Promise<Case> }> = {
  create: { allowed: ['staff', 'leader'], setup: async () => ({ input: activityInput(w), watch: [] }) },
  submit: { allowed: ORGANIZERS, setup: async () => { const id = await draft(); return { input: { activityId: id }, watch: [['activities', id]] }; } },
  publish: { allowed: STAFF, setup: async () => { const id = await submitted(); return { input: { activityId: id }, watch: [['activities', id]] }; } },
  reject: { allowed: STAFF, setup: async () => { const id = await submitted(); return { input: { activityId: id, note: '请补充风险说明' }, watch: [['activities', id]] }; } },
  cancel: { allowed: ORGANIZERS, setup: async () => { const id = await publishedActivity(w); return { input: { activityId: id, reason: '天气原因' }, watch: [['activities', id]] }; } },
  get: { allowed: ORGANIZERS, setup: async () => ({ input: { activityId: await draft() }, watch: [] }) },
  list: { allowed: STAFF, setup: async () => ({ input: { communityId: w.community, status: 'draft' }, watch: [] }) },
  signUp: {
    allowed: ['volunteer', 'leader', 'otherLeader'],
    setup: async () => ({ input: { activityId: await publishedActivity(w) }, watch: [] }),
  },
  cancelSignUp: {
    allowed: ['volunteer'],
    setup: async () => { const id = await withSignup(); return { input: { activityId: id }, watch: [['signups', `${id}_${w.volunteer}`], ['activities', id]] }; },
  },
  roster: { allowed: ORGANIZERS, setup: async () => ({ input: { activityId: await withSignup() }, watch: [] }) },
  qrCode: { allowed: ORGANIZERS, setup: async () => ({ input: { activityId: await publishedActivity(w) }, watch: [] }) },
  rollCall: {
    allowed: ORGANIZERS,
    setup: async () => { const id = await withSignup(); return { input: { activityId: id, openid: w.volunteer, event: 'in', reason: '老人没有智能手机' }, now: START, watch: [['attendance', rec(id)]] }; },
  },
  confirmAttendance: {
    allowed: ORGANIZERS,
    setup: async () => { const id = await checkedOutFlagged(); return { input: { activityId: id, openid: w.volunteer, accept: true }, now: END, watch: [['attendance', rec(id)]] }; },
  },
  fixCheckOut: {
    allowed: ORGANIZERS,
    setup: async () => { const id = await checkedIn(); return { input: { activityId: id, openid: w.volunteer, checkedOutAt: END, reason: '忘记签退' }, now: END + 10 * MIN, watch: [['attendance', rec(id)]] }; },
  },
  finish: {
    allowed: ORGANIZERS,
    setup: async () => { const id = await checkedIn(); return { input: { activityId: id }, now: END + MIN, watch: [['activities', id]] }; },
  },
  records: { allowed: ORGANIZERS, setup: async () => ({ input: { activityId: await ended() }, now: END + 5 * MIN, watch: [] }) },
  requestCorrection: {
    allowed: ['volunteer'],
    setup: async () => { const r = await confirmedRecord(); return { input: { recordId: r, minutes: 150, note: '签退晚了半小时' }, now: END + HOUR, watch: [['service_records', r]] }; },
  },
  resolveCorrection: {
    allowed: STAFF,
    setup: async () => {
      const r = await confirmedRecord();
      const c = ok(await act(w.volunteer, 'requestCorrection', { recordId: r, minutes: 150, note: '签退晚了半小时' }, END + HOUR));
      return { input: { correctionId: c.correctionId, accept: false, note: '以签到记录为准' }, now: END + 2 * HOUR, watch: [['record_corrections', c.correctionId], ['service_records', r]] };
    },
  },
  requestBackfill: {
    allowed: STAFF,
    setup: async () => ({ input: { activityId: await ended(), openid: w.leader, minutes: 60, evidence: '纸质签到表第三行，社工见证', note: '手机没电' }, now: END + HOUR, watch: [] }),
  },
  approveBackfill: {
    // The requester is staff2 (community-admin): any other staff may approve.
    allowed: STAFF,
    setup: async () => {
      const id = await ended();
      const b = ok(await act(w.staff2, 'requestBackfill', { activityId: id, openid: w.leader, minutes: 60, evidence: '纸质签到表第三行，社工见证', note: '手机没电' }, END + HOUR));
      return { input: { backfillId: b.backfillId }, now: END + 2 * HOUR, watch: [['record_backfills', b.backfillId]] };
    },
  },
  refuseBackfill: {
    allowed: STAFF,
    setup: async () => {
      const id = await ended();
      const b = ok(await act(w.staff2, 'requestBackfill', { activityId: id, openid: w.leader, minutes: 60, evidence: '纸质签到表第三行，社工见证', note: '手机没电' }, END + HOUR));
      return { input: { backfillId: b.backfillId, note: '证据不足' }, now: END + 2 * HOUR, watch: [['record_backfills', b.backfillId]] };
    },
  },
  rollCallByCard: {
    allowed: ORGANIZERS,
    setup: async () => {
      const id = await withSignup();
      return { input: { activityId: id, card: await cardCodeOf(w.volunteer, START + 5 * MIN), event: 'in' }, now: START, watch: [['attendance', rec(id)]] };
    },
  },
  pendingCorrections: {
    allowed: STAFF,
    setup: async () => {
      ok(await act(w.volunteer, 'requestCorrection', { recordId: await confirmedRecord(), minutes: 150, note: '签退晚了半小时' }, END + HOUR));
      return { input: { communityId: w.community }, watch: [] };
    },
  },
  pendingBackfills: {
    allowed: STAFF,
    setup: async () => {
      ok(await act(w.staff2, 'requestBackfill', { activityId: await ended(), openid: w.leader, minutes: 60, evidence: '纸质签到表第三行，社工见证', note: '手机没电' }, END + HOUR));
      return { input: { communityId: w.community }, watch: [] };
    },
  },
  rate: {
    allowed: STAFF,
    setup: async () => { const r = await confirmedRecord(); return { input: { recordId: r, rating: 5 }, now: END + HOUR, watch: [['service_records', r]] }; },
  },
};

async function snapshot(watch: Array<[string, string]>): Promise<unknown[]> {
  return Promise.all(watch.map(async ([c, id]) => (await db().collection(c).doc(id).get()).data));
}

describe.each(Object.entries(CASES))('%s', (action, spec) => {
  test.each(EVERYONE)('as %s', async (who) => {
    const c = await spec.setup();
    const before = await snapshot(c.watch);
    const r = await act(openidOf(who), action, c.input, c.now ?? T0);
    if (spec.allowed.includes(who)) {
      expect(r).toMatchObject({ ok: true });
    } else {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['permission-denied', 'not-found']).toContain(r.error.code);
      expect(await snapshot(c.watch)).toEqual(before);
    }
  });
});

describe('no one acts for someone else', () => {
  test('get, myRecords and cancelSignUp only ever concern the caller', async () => {
    const id = await withSignup();
    // Another volunteer sees their own (absent) sign-up, never the volunteer's.
    expect(ok(await act(w.otherLeader, 'get', { activityId: id })).mySignup).toBeNull();
    expect(ok(await act(w.volunteer, 'get', { activityId: id })).mySignup).toBe('confirmed');
    // An openid in the input is not a parameter of these actions: it is ignored, never obeyed.
    expect(await act(w.otherLeader, 'cancelSignUp', { activityId: id, openid: w.volunteer })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await db().collection('signups').doc(`${id}_${w.volunteer}`).get()).data).toMatchObject({ status: 'confirmed' });
    const recordId = await confirmedRecord();
    expect(ok(await act(w.otherLeader, 'myRecords', { openid: w.volunteer })).items.map((r: { recordId: string }) => r.recordId)).not.toContain(recordId);
    expect(ok(await act(w.volunteer, 'myRecords', { limit: 100 })).items.map((r: { recordId: string }) => r.recordId)).toContain(recordId);
  });

  test('a volunteer cannot take roll call, even for themselves', async () => {
    const id = await withSignup();
    expect(await act(w.volunteer, 'rollCall', { activityId: id, openid: w.volunteer, event: 'in', reason: '我自己点' }, START)).toMatchObject({
      ok: false,
      error: { code: 'permission-denied' },
    });
    expect((await db().collection('attendance').doc(`${id}_${w.volunteer}`).get()).data).toBeNull();
  });

  test('published activities are readable by any signed-in caller, drafts only by organizers', async () => {
    const id = await publishedActivity(w);
    for (const who of EVERYONE) expect(await act(openidOf(who), 'get', { activityId: id })).toMatchObject({ ok: true, data: { status: 'published' } });
    expect((await activityDoc(id)).qrSecret).toBeTruthy();
    const view = ok(await act(w.volunteer, 'get', { activityId: id }));
    expect(JSON.stringify(view)).not.toContain((await activityDoc(id)).qrSecret);
  });
});
