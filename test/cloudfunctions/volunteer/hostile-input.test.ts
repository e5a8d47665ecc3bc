// Hostile input to every action of the volunteer and org functions: each field of a valid input
// replaced by a wrong type, a huge or empty string, markup, emoji, a bad date or an out-of-range
// number (fixed cases and fast-check), and whole random inputs. Every such call is invalid-argument
// with issues naming the field, never internal, and writes nothing (no audit entry, no
// idempotency record by the caller, no document).
import fc from 'fast-check';
import { orgContract, volunteerContract } from '../../../core';
import { db, uniq } from '../../server/fixtures/db';
import { Fixture, matrixFixture } from './matrix-fixture';
import { ensureServiceRecords, Envelope, orgCall, registration, vol, writesBy } from './support';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
jest.setTimeout(300_000);

type Fn = 'volunteer' | 'org';
const contracts = { volunteer: volunteerContract, org: orgContract } as const;
const DAY_KEYS = new Set(['from', 'to', 'completedOn', 'until']);

/** A valid input of every action (the permission matrix shows they pass validation). */
function validInputs(f: Fixture): Array<{ fn: Fn; action: string; input: Record<string, unknown> }> {
  const { communityId: _c, ...resubmit } = registration(f.A);
  const v = (action: string, input: Record<string, unknown>) => ({ fn: 'volunteer' as const, action, input });
  const o = (action: string, input: Record<string, unknown>) => ({ fn: 'org' as const, action, input });
  return [
    v('register', registration(f.A, { guardian: null })),
    v('resubmit', resubmit),
    v('updateProfile', { phone: '13800001111', residentialArea: '3栋', skills: ['陪伴'], serviceCategories: ['health'], version: 1 }),
    v('list', { communityId: f.A, status: 'pending', after: null, limit: 10 }),
    v('get', { volunteerId: f.target.volunteerId }),
    v('review', { volunteerId: f.target.volunteerId, decision: 'reject', reason: '材料不全', version: 0 }),
    v('recordTraining', { volunteerId: f.target.volunteerId, training: 'first-aid', completedOn: '2026-11-01' }),
    v('setInsurance', { volunteerId: f.target.volunteerId, until: '2027-01-31' }),
    v('timeBank', { after: null, limit: 10 }),
    v('createFamilyInvite', { relation: 'child' }),
    v('acceptFamilyInvite', { code: 'ABCDEFGH' }),
    v('transfer', { bindingId: f.bindingId, minutes: 10, note: '给妈妈' }),
    v('donate', { communityId: f.A, minutes: 10 }),
    v('redeem', { minutes: 10, purpose: '助浴服务' }),
    v('communityPool', { communityId: f.A, after: null, limit: 10 }),
    v('requestCertificate', { from: '2026-01-01', to: '2026-11-30' }),
    v('verifyCertificate', { certificateNo: 'ZYZM-20261202-ABCDEF', checkCode: 'ABCDEFGH' }),
    v('revokeCertificate', { certificateNo: 'ZYZM-20261202-ABCDEF', reason: '信息有误' }),
    v('requestMove', { toCommunityId: f.B, note: '搬到新小区' }),
    v('withdrawMove', { moveId: 'move-x' }),
    v('listMoves', { communityId: f.A, after: null, limit: 10 }),
    v('decideMove', { moveId: 'move-x', decision: 'refuse', reason: '不在本社区居住' }),
    v('exportServiceRecords', { communityId: f.A, from: '2026-11-01', to: '2026-11-30', includeIdNumbers: false, after: null, limit: 10 }),
    v('deleteAccount', { confirm: true }),
    o('getCommunity', { communityId: f.A }),
    o('saveCommunity', { communityId: f.A, name: '矩阵社区', district: '示范区', code: f.code }),
    o('saveGrid', { communityId: f.A, grid: { id: 'g-1', name: '网格', staffOpenid: f.who.staff, buildings: ['1栋'] } }),
    o('removeGrid', { communityId: f.A, gridId: 'g-1' }),
    o('registerOrganization', { communityId: f.A, name: '互助会', kind: 'mutual-aid', creditCode: '91110000MA01ABCD1X', contactName: '陈明', contactPhone: '13800001111' }),
    o('reviewOrganization', { organizationId: 'org-x', decision: 'reject', reason: '材料不全', version: 0 }),
    o('linkSocialWorker', { organizationId: 'org-x', openid: f.who.staff, linked: true }),
    o('listOrganizations', { communityId: f.A, status: 'approved', after: null, limit: 10 }),
    o('createTeam', { communityId: f.A, organizationId: null, name: '新队伍', tags: ['emergency'], leaders: [f.teamLeader] }),
    o('updateTeam', { teamId: f.team, name: '新名字', tags: ['health'], leaders: [f.teamLeader] }),
    o('dissolveTeam', { teamId: f.team, reason: '队伍合并' }),
    o('joinTeam', { teamId: f.team, join: true }),
    o('setTeamMember', { teamId: f.team, openid: f.who.volunteer, member: true }),
    o('listTeams', { communityId: f.A, tag: 'emergency', after: null, limit: 10 }),
  ];
}

/** Dot paths of the fields of an input: top level, and one level into nested objects. */
function fieldPaths(input: Record<string, unknown>): string[][] {
  const out: string[][] = [];
  for (const [k, val] of Object.entries(input)) {
    out.push([k]);
    if (val && typeof val === 'object' && !Array.isArray(val)) for (const k2 of Object.keys(val)) out.push([k, k2]);
  }
  return out;
}

function withValue(input: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(input)) as Record<string, any>;
  if (path.length === 1) copy[path[0] as string] = value;
  else copy[path[0] as string][path[1] as string] = value;
  return copy;
}

/** Values no field of these contracts accepts. */
const HOSTILE: Array<[string, unknown]> = [
  ['object', { $ne: null }],
  ['huge string', 'x'.repeat(100_000)],
  ['markup', '<script>alert(1)</script>'],
  ['emoji', '志愿😀'],
  ['empty string', ''],
  ['negative', -1],
  ['fraction', 1.5],
  ['array of markup', ['<b>']],
];
const BAD_DATES = ['2026-02-30', '2026-13-01', '20261201', '2026-1-1'];

let f: Fixture;
let staff: string;
beforeAll(async () => {
  await ensureServiceRecords();
  f = await matrixFixture();
  staff = f.who.staff;
});

const call = (fn: Fn, action: string, input: unknown, openid: string): Promise<Envelope> => (fn === 'volunteer' ? vol : orgCall)(openid, action, input);

function expectInvalid(res: Envelope, path: string[], where: string): void {
  if (res.ok || res.error.code !== 'invalid-argument') throw new Error(`${where}: expected invalid-argument, got ${JSON.stringify(res).slice(0, 300)}`);
  const issues = res.error.details?.issues ?? [];
  if (issues.length === 0) throw new Error(`${where}: no issues`);
  // The issue names the field (or, for an object/union-level rule, the input itself).
  const named = issues.some((i) => i.path[0] === 'input' && (i.path.length === 1 || i.path[1] === path[0]));
  if (!named) throw new Error(`${where}: issues ${JSON.stringify(issues)} do not name ${path.join('.')}`);
  if (JSON.stringify(res).length > 10_000) throw new Error(`${where}: the answer echoes too much`);
}

test('every field of every action, replaced by each hostile value: invalid-argument naming it, nothing written', async () => {
  const before = await writesBy(staff);
  let cases = 0;
  for (const { fn, action, input } of validInputs(f)) {
    expect(contracts[fn].actions[action as keyof (typeof contracts)[typeof fn]['actions']]).toBeDefined();
    for (const path of fieldPaths(input)) {
      const values: Array<[string, unknown]> = [...HOSTILE, ...(DAY_KEYS.has(path[path.length - 1] as string) ? BAD_DATES.map((d) => ['bad date', d] as [string, unknown]) : [])];
      for (const [label, value] of values) {
        const res = await call(fn, action, withValue(input, path, value), staff);
        expectInvalid(res, path, `${fn}.${action} ${path.join('.')} = ${label}`);
        cases += 1;
      }
    }
  }
  expect(cases).toBeGreaterThan(500);
  expect(await writesBy(staff)).toBe(before);
});

test('a period that ends before it starts is invalid', async () => {
  expectInvalid(await call('volunteer', 'exportServiceRecords', { communityId: f.A, from: '2026-11-30', to: '2026-11-01' }, staff), ['to'], 'export');
  expectInvalid(await call('volunteer', 'requestCertificate', { from: '2026-11-30', to: '2026-11-01' }, f.who.volunteer), ['to'], 'certificate');
});

test('every action covered by the hostile cases', () => {
  const covered = new Set(validInputs(f).map((x) => `${x.fn}.${x.action}`));
  const withFields = [...Object.entries(volunteerContract.actions).map(([a]) => `volunteer.${a}`), ...Object.entries(orgContract.actions).map(([a]) => `org.${a}`)];
  // Actions whose input has no fields (me, listCertificates, exportMyData, cardCode) are covered by the random-input property below.
  expect(withFields.filter((a) => !covered.has(a)).sort()).toEqual(['volunteer.cardCode', 'volunteer.exportMyData', 'volunteer.listCertificates', 'volunteer.me']);
});

describe('fast-check', () => {
  const inputs = () => validInputs(f);
  const markup = fc.string({ maxLength: 20 }).map((s) => `${s}<${s}>`);
  const emoji = fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('😀', '👨‍👩‍👧', '🙂', '🇨🇳', '❤️', '⭐')).map(([s, e]) => `${s}${e}`);
  const huge = fc.string({ minLength: 2600, maxLength: 4000 });
  const wrongType = fc.oneof(fc.object({ maxDepth: 1 }).map((o) => ({ ...o, $where: 1 })), fc.array(fc.object({ maxDepth: 0 }), { minLength: 1, maxLength: 3 }).map((a) => [...a, { x: 1 }]));
  const outOfRange = fc.oneof(fc.double({ max: -0.0001, noNaN: true }), fc.double({ min: 0.01, max: 1e6, noNaN: true }).filter((x) => !Number.isInteger(x)));
  const hostile = fc.oneof(markup, emoji, huge, wrongType, outOfRange);

  test('one field hostile: invalid-argument naming the field, never internal, nothing written', async () => {
    const caller = uniq('fuzz');
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), hostile, async (i, j, value) => {
        const all = inputs();
        const { fn, action, input } = all[i % all.length] as (typeof all)[number];
        const paths = fieldPaths(input);
        const path = paths[j % paths.length] as string[];
        const res = await call(fn, action, withValue(input, path, value), caller);
        expectInvalid(res, path, `${fn}.${action} ${path.join('.')} = ${fc.stringify(value).slice(0, 100)}`);
      }),
      { numRuns: RUNS },
    );
    expect(await writesBy(caller)).toBe(0);
    expect((await db().collection('volunteers').where({ openid: caller }).count()).total).toBe(0);
  });

  test('whole random inputs: invalid-argument when the contract refuses them, never internal', async () => {
    const actions = [...Object.keys(volunteerContract.actions).map((a) => ['volunteer', a] as const), ...Object.keys(orgContract.actions).map((a) => ['org', a] as const)];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...actions), fc.anything({ maxDepth: 2 }), async ([fn, action], input) => {
        const caller = uniq('rnd');
        const res = await call(fn, action, input, caller);
        const spec = (contracts[fn].actions as Record<string, { input: { safeParse(x: unknown): { success: boolean } } }>)[action];
        const valid = spec?.input.safeParse(input === undefined ? {} : input).success;
        if (!res.ok && res.error.code === 'internal') throw new Error(`internal for ${fn}.${action} ${fc.stringify(input).slice(0, 200)}`);
        if (!valid) {
          if (res.ok || res.error.code !== 'invalid-argument') throw new Error(`${fn}.${action}: expected invalid-argument for ${fc.stringify(input).slice(0, 200)}`);
          expect(await writesBy(caller)).toBe(0);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
