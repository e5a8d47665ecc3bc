// Hostile input for every action (fast-check): a template of a plausible input per action, then
// whole-input replacements, a field replaced by anything (wrong types, operator objects such as
// {$ne: null}, huge or control-character strings, nested junk), or a field removed. Every case the
// action's schema refuses must be answered invalid-argument with the offending path, and nothing
// may be written: no audit entry and no idempotency record carry the request's id.
import fc from 'fast-check';
import { charityContract } from '../../../core/charity/charity.contract';
import { defineCharity } from '../../../cloudfunctions/charity/function';
import { idempotencyKey } from '../../../server/idempotency';
import { db, uniq } from '../../server/fixtures/db';
import { cast, Cast, goodsOffer, need, simpleMatch, T0 } from './helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
jest.setTimeout(180_000);

const fn = defineCharity({ match: simpleMatch });
const ID = 'some_id_123';
const templates: Record<string, (c: Cast) => Record<string, unknown>> = {
  createOffer: () => ({ offer: goodsOffer() }),
  updateOffer: () => ({ offerId: ID, version: 0, offer: { kind: 'money', amountFen: 1000, donorType: 'company', donorName: '某公司', availableUntil: '2026-12-31' } }),
  withdrawOffer: () => ({ offerId: ID, version: 1 }),
  listMyOffers: () => ({ status: 'open', limit: 10 }),
  listOffers: (c) => ({ communityId: c.community, status: 'open', limit: 10 }),
  createNeed: (c) => ({ communityId: c.community, need: need({ linkedWishIds: ['w1'], projectId: 'p1' }) }),
  updateNeed: () => ({ needId: ID, version: 0, need: need() }),
  closeNeed: () => ({ needId: ID, note: '已满足' }),
  cancelNeed: () => ({ needId: ID, reason: '重复' }),
  listNeeds: (c) => ({ communityId: c.community, status: 'open' }),
  propose: (c) => ({ communityId: c.community }),
  adjustAllocation: () => ({ allocationId: ID, quantity: 2, note: '减少' }),
  confirmAllocation: () => ({ allocationId: ID, version: 0 }),
  rejectAllocation: () => ({ allocationId: ID, reason: '不合适' }),
  acceptAllocation: () => ({ allocationId: ID }),
  declineAllocation: () => ({ allocationId: ID }),
  recordHandover: () => ({ allocationId: ID, to: 'beneficiary', receivedBy: '张某', quantity: 1, handedOverAt: T0, photoFileId: 'cloud://env/a.jpg' }),
  cancelAllocation: () => ({ allocationId: ID, reason: '取消' }),
  listAllocations: (c) => ({ communityId: c.community, status: 'proposed' }),
  getAllocation: () => ({ allocationId: ID }),
  recordStockMovement: (c) => ({ communityId: c.community, item: '米', unit: '袋', direction: 'out', quantity: 1, counterpart: '王某' }),
  requestStockCorrection: (c) => ({ communityId: c.community, item: '米', unit: '袋', delta: -1, reason: '破损' }),
  approveStockCorrection: () => ({ correctionId: ID }),
  rejectStockCorrection: () => ({ correctionId: ID }),
  listStock: (c) => ({ communityId: c.community }),
  listStockMovements: (c) => ({ communityId: c.community, itemId: 'stk_x' }),
  listStockCorrections: (c) => ({ communityId: c.community, status: 'pending' }),
  createFund: (c) => ({ communityId: c.community, name: '基金', signers: { convener: 'a1', committeeMember: 'b2', residentRep: 'c3' } }),
  recordFundIncome: () => ({ fundId: ID, amountFen: 100, donorName: '李某', purpose: '助老', receivedOn: '2026-11-20', evidenceFileIds: ['cloud://env/r.jpg'] }),
  requestDisbursement: () => ({ fundId: ID, amountFen: 100, purpose: '助老', payee: '食堂' }),
  approveDisbursement: () => ({ entryId: ID }),
  rejectDisbursement: () => ({ entryId: ID, reason: '不符' }),
  getFund: () => ({ fundId: ID }),
  listFunds: (c) => ({ communityId: c.community }),
  listFundEntries: () => ({ fundId: ID }),
  publicLedger: (c) => ({ communityId: c.community, month: '2026-11' }),
  disclosuresDue: (c) => ({ communityId: c.community }),
  publishDisclosures: (c) => ({ communityId: c.community, entryIds: ['led_x'] }),
  registerProject: (c) => ({ communityId: c.community, name: '项目', startOn: '2026-01-01', endOn: '2026-12-31' }),
  reportProject: () => ({ projectId: ID, summary: '进展' }),
  listProjects: (c) => ({ communityId: c.community }),
};

/** Values that are wrong in many ways at once. */
const junk = fc.oneof(
  fc.anything(),
  fc.constantFrom({ $ne: null }, { $gt: '' }, [], {}, null, -1, 0, 1.5, 1e20, Number.MAX_SAFE_INTEGER + 2, NaN, '', ' ', 'x'.repeat(5000), '\u0000', '2026-02-30', '2026-13', 'cloud://', true),
  fc.string({ maxLength: 80 }),
  fc.integer(),
);

function hostile(template: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(template);
  const nested = keys.filter((k) => template[k] && typeof template[k] === 'object' && !Array.isArray(template[k]));
  const arbs: fc.Arbitrary<unknown>[] = [
    fc.anything(),
    fc.tuple(fc.constantFrom(...keys), junk).map(([k, v]) => ({ ...template, [k]: v })),
    fc.constantFrom(...keys).map((k) => {
      const { [k]: _removed, ...rest } = template;
      return rest;
    }),
  ];
  if (nested.length > 0) {
    arbs.push(
      fc.constantFrom(...nested).chain((k) => {
        const inner = template[k] as Record<string, unknown>;
        return fc.tuple(fc.constantFrom(...Object.keys(inner)), junk).map(([ik, v]) => ({ ...template, [k]: { ...inner, [ik]: v } }));
      }),
    );
  }
  return fc.oneof(...arbs);
}

let c: Cast;
beforeAll(async () => {
  c = await cast();
});

test('every action has a template', () => {
  expect(Object.keys(templates).sort()).toEqual(Object.keys(charityContract.actions).sort());
});

describe.each(Object.keys(charityContract.actions))('%s', (action) => {
  test('a template the schema accepts (so the mutations are what it refuses)', () => {
    const spec = (charityContract.actions as Record<string, { input: { safeParse(x: unknown): { success: boolean } } }>)[action]!;
    expect(spec.input.safeParse(templates[action]!(c)).success).toBe(true);
  });

  test('hostile input → invalid-argument naming the input, nothing written', async () => {
    const spec = (charityContract.actions as Record<string, { input: { safeParse(x: unknown): { success: boolean } }; mutates: boolean }>)[action]!;
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(hostile(templates[action]!(c)), fc.constantFrom(c.admin, c.staff, c.donor), async (input, openid) => {
        if (spec.input.safeParse(input === undefined ? {} : input).success) return; // not hostile after all
        checked += 1;
        const requestId = uniq('fz');
        const r = (await fn.invoke({ action, input, requestId }, { openid, now: () => T0 })) as any;
        expect(r.ok).toBe(false);
        expect(r.error.code).toBe('invalid-argument');
        expect(r.error.details.issues.length).toBeGreaterThan(0);
        for (const issue of r.error.details.issues) expect(issue.path[0]).toBe('input');
        if (spec.mutates) {
          expect((await db().collection('audit_log').where({ requestId }).count()).total).toBe(0);
          expect((await db().collection('idempotency').doc(idempotencyKey('charity', action, openid, requestId)).get()).data).toBeNull();
        }
      }),
      { numRuns: RUNS },
    );
    expect(checked).toBeGreaterThan(0);
  });
});

test('nothing reached the charity collections of the fuzzed community', async () => {
  for (const name of ['charity_needs', 'charity_stock_items', 'charity_stock_corrections', 'charity_funds', 'charity_ledger', 'charity_projects', 'charity_allocations']) {
    expect({ name, n: (await db().collection(name).where({ communityId: c.community }).count()).total }).toEqual({ name, n: 0 });
  }
  expect((await db().collection('charity_offers').where({ donorOpenid: c.donor }).count()).total).toBe(0);
});
