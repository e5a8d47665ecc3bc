// Hostile input for every action of the activity and checkin functions (fast-check): one field of
// a valid input replaced by a wrong type, a huge or empty string, markup, emoji, a negative or
// out-of-range number, or the whole input replaced by a non-object. Whenever the contract refuses
// the input, the function must answer invalid-argument with issues, and write nothing: no
// idempotency record, no audit entry, no activity in the test's community.
import fc from 'fast-check';
import { activityContract, checkinContract } from '../../../core';
import { idempotencyKey } from '../../../server/idempotency';
import { db, uniq } from '../../server/fixtures/db';
import { activityInput, count, HOUR, makeWorld, T0, World } from './fixtures';
import { activity as activityFn } from '../../../cloudfunctions/activity/function';
import { checkin as checkinFn } from '../../../cloudfunctions/checkin/function';

const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
jest.setTimeout(300_000);

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const SCENE = 'act-tea-visit.hq3ft.Zk3_9aQw-1';
const OPENID = 'o-someone';

/** A valid input for every action (ids well-formed; they need not exist: a refused input never reaches the handler). */
function templates(): Record<string, Record<string, unknown>> {
  return {
    create: activityInput(w),
    submit: { activityId: 'act-tea-visit', version: 1 },
    publish: { activityId: 'act-tea-visit' },
    reject: { activityId: 'act-tea-visit', note: '请补充' },
    cancel: { activityId: 'act-tea-visit', reason: '天气原因' },
    get: { activityId: 'act-tea-visit' },
    list: { communityId: w.community, status: 'published', limit: 10 },
    figures: { communityId: w.community, month: '2026-12' },
    signUp: { activityId: 'act-tea-visit' },
    cancelSignUp: { activityId: 'act-tea-visit' },
    roster: { activityId: 'act-tea-visit', limit: 10 },
    qrCode: { activityId: 'act-tea-visit', kind: 'rotating' },
    rollCall: { activityId: 'act-tea-visit', openid: OPENID, event: 'in', reason: '没有手机' },
    confirmAttendance: { activityId: 'act-tea-visit', openid: OPENID, accept: true, note: '本人在场' },
    fixCheckOut: { activityId: 'act-tea-visit', openid: OPENID, checkedOutAt: T0 + HOUR, reason: '忘记签退' },
    finish: { activityId: 'act-tea-visit' },
    records: { activityId: 'act-tea-visit', limit: 10 },
    myRecords: { limit: 10 },
    confirmRecords: { activityId: 'act-tea-visit' },
    requestCorrection: { recordId: 'act-tea-visit_o-someone', minutes: 60, note: '少记了' },
    resolveCorrection: { correctionId: 'cr-0123', accept: true, minutes: 60, note: '核实无误' },
    requestBackfill: { activityId: 'act-tea-visit', openid: OPENID, minutes: 60, evidence: '纸质签到表第二行，社工见证', note: '补录' },
    approveBackfill: { backfillId: 'bf-0123', note: '同意' },
    refuseBackfill: { backfillId: 'bf-0123', note: '证据不足' },
    rate: { recordId: 'act-tea-visit_o-someone', rating: 4, comment: '认真负责' },
    rollCallByCard: { activityId: 'act-tea-visit', card: 'XFL-000001.hkz9x.AbCdEfGh_-', event: 'in' },
    pendingCorrections: { communityId: w.community, limit: 20 },
    pendingBackfills: { communityId: w.community, limit: 20 },
    'checkin.checkIn': { scene: SCENE, location: { lat: 23.1, lng: 113.3, accuracyM: 10 } },
    'checkin.checkOut': { scene: SCENE, location: { lat: 23.1, lng: 113.3 } },
  };
}

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const out: string[][] = prefix.length ? [prefix] : [];
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
    return out;
  }
  return [prefix];
}

function setAt(obj: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(obj);
  let cur: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  cur[path[path.length - 1]!] = value;
  return copy;
}

const hostileValue = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    -1e12,
    1e300,
    Number.MAX_SAFE_INTEGER,
    0.5,
    '',
    '   ',
    'x'.repeat(5000),
    '<script>alert(1)</script>',
    '<b>粗体</b>',
    '清洁日😀',
    '🧹🧹🧹',
    '\u0000\u0007',
    [],
    ['a'],
    {},
    { $ne: null },
    { $gt: '' },
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

const hostileInput = (template: Record<string, unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...paths(template)), hostileValue).map(([p, v]) => setAt(template, p, v)) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('input', 42, null, [], [template], 'x'.repeat(100_000)) },
  );

const NAMED_CASES: Array<[string, Record<string, unknown>]> = [
  ['end before start', { endAt: T0 + 23 * HOUR }],
  ['negative capacity', { capacity: -5 }],
  ['latitude out of range', { place: { name: '花园', lat: -91, lng: 113, radiusM: 200 } }],
  ['longitude out of range', { place: { name: '花园', lat: 23, lng: 181, radiusM: 200 } }],
  ['markup in content', { content: '<iframe src=x>' }],
  ['emoji in the place name', { place: { name: '花园🌸', lat: 23, lng: 113, radiusM: 200 } }],
  ['huge title', { title: '长'.repeat(10_000) }],
  ['empty title', { title: '' }],
];

async function expectRefusedAndNothingWritten(fnName: 'activity' | 'checkin', action: string, input: unknown): Promise<void> {
  const requestId = uniq('fz').replace(/[^A-Za-z0-9_-]/g, '');
  const fn = fnName === 'activity' ? activityFn : checkinFn;
  const before = await count('activities', { communityId: w.community });
  const r = await fn.invoke({ action, input, requestId }, { openid: w.staff, now: () => T0 });
  const where = `${fnName}.${action} ${JSON.stringify(input)?.slice(0, 300)} → ${JSON.stringify(r).slice(0, 300)}`;
  if (r.ok || r.error.code !== 'invalid-argument' || !Array.isArray(r.error.details?.issues) || r.error.details.issues.length === 0) {
    throw new Error(`expected invalid-argument with issues: ${where}`);
  }
  const key = idempotencyKey(fnName, action, w.staff, requestId);
  expect((await db().collection('idempotency').doc(key).get()).data).toBeNull();
  expect(await count('audit_log', { requestId })).toBe(0);
  expect(await count('activities', { communityId: w.community })).toBe(before);
}

describe('activity.create: the named hostile cases', () => {
  test.each(NAMED_CASES)('%s → invalid-argument, nothing written', async (_name, patch) => {
    await expectRefusedAndNothingWritten('activity', 'create', { ...activityInput(w), ...patch });
  });
});

const ACTIONS = [...Object.keys(activityContract.actions), ...Object.keys(checkinContract.actions).map((a) => `checkin.${a}`)];

describe.each(ACTIONS)('%s', (name) => {
  test('any input the contract refuses is invalid-argument with issues, and nothing is written', async () => {
    const template = templates()[name]!;
    const [fnName, action] = name.startsWith('checkin.') ? (['checkin', name.slice(8)] as const) : (['activity', name] as const);
    const schema = fnName === 'checkin' ? checkinContract.actions[action as 'checkIn'].input : activityContract.actions[action as keyof typeof activityContract.actions].input;
    // The template itself is valid, so every refusal below is caused by the hostile part.
    expect(schema.safeParse(template).success).toBe(true);
    await fc.assert(
      fc.asyncProperty(hostileInput(template), async (input) => {
        fc.pre(!schema.safeParse(input).success);
        await expectRefusedAndNothingWritten(fnName, action, input);
      }),
      { numRuns: RUNS },
    );
  });
});
