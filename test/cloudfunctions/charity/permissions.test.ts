// The permission matrix: every action of the charity function, called by every kind of person,
// each time on a fresh fixture. An allowed caller succeeds; anyone else gets permission-denied.
import { charityContract } from '../../../core/charity/charity.contract';
import { defineCharity } from '../../../cloudfunctions/charity/function';
import { db, uniq } from '../../server/fixtures/db';
import { cast, Cast, goodsOffer, need, ok, person, simpleMatch, T0 } from './helpers';

jest.setTimeout(120_000);

const fn = defineCharity({ match: simpleMatch });
type Persona = 'admin' | 'staff' | 'socialWorker' | 'donor' | 'resident' | 'outsider' | 'signer';
const EVERYONE: Persona[] = ['admin', 'staff', 'socialWorker', 'donor', 'resident', 'outsider', 'signer'];
const STAFF: Persona[] = ['admin', 'staff'];
const NEEDS: Persona[] = ['admin', 'staff', 'socialWorker'];

interface World extends Cast {
  signer: string;
  fundId: string;
}

let counter = 0;
const unit = () => `U${++counter}${Math.random().toString(36).slice(2, 5)}`;

async function run(_w: World, openid: string, action: string, input: unknown) {
  return (await fn.invoke({ action, input, requestId: uniq('rid') }, { openid, now: () => T0 })) as { ok: boolean; data?: any; error?: any };
}
async function as(w: World, openid: string, action: string, input: unknown) {
  const r = await run(w, openid, action, input);
  if (!r.ok) throw new Error(`fixture ${action}: ${JSON.stringify(r.error)}`);
  return r.data;
}

// Fixtures, each fresh (its own unit, so a proposal pairs exactly this offer and this need).
const offer = (w: World) => as(w, w.donor, 'createOffer', { offer: goodsOffer({ unit: unit(), restrictedCommunityId: w.community }) });
const openNeed = (w: World) => as(w, w.staff2, 'createNeed', { communityId: w.community, need: need() });
async function allocation(w: World, stage: 'proposed' | 'confirmed' | 'accepted'): Promise<string> {
  const u = unit();
  const o = await as(w, w.donor, 'createOffer', { offer: goodsOffer({ unit: u, restrictedCommunityId: w.community }) });
  await as(w, w.staff2, 'createNeed', { communityId: w.community, need: need({ unit: u, quantity: 5 }) });
  const proposed = await as(w, w.staff2, 'propose', { communityId: w.community });
  const id = proposed.proposals.find((p: any) => p.offerId === o.id).id as string;
  if (stage !== 'proposed') await as(w, w.staff2, 'confirmAllocation', { allocationId: id });
  if (stage === 'accepted') await as(w, w.donor, 'acceptAllocation', { allocationId: id });
  return id;
}
const stockIn = (w: World) => as(w, w.staff2, 'recordStockMovement', { communityId: w.community, item: '面粉', unit: '袋', direction: 'in', quantity: 5, counterpart: '赵某' });
const correction = (w: World) => as(w, w.staff2, 'requestStockCorrection', { communityId: w.community, item: '面粉', unit: '袋', delta: 1, reason: '盘点多出一袋' });
const disbursement = (w: World) => as(w, w.staff2, 'requestDisbursement', { fundId: w.fundId, amountFen: 100, purpose: '购买灯泡', payee: '五金店' });

type Row = [action: string, allowed: Persona[], input: (w: World) => Promise<unknown>];
const rows: Row[] = [
  ['createOffer', EVERYONE, async () => ({ offer: goodsOffer() })],
  ['updateOffer', ['donor'], async (w) => ({ offerId: (await offer(w)).id, version: 0, offer: goodsOffer({ quantity: 3 }) })],
  ['withdrawOffer', ['donor'], async (w) => ({ offerId: (await offer(w)).id })],
  ['listMyOffers', EVERYONE, async () => ({})],
  ['listOffers', STAFF, async (w) => ({ communityId: w.community })],
  ['createNeed', NEEDS, async (w) => ({ communityId: w.community, need: need() })],
  ['updateNeed', NEEDS, async (w) => ({ needId: (await openNeed(w)).id, version: 0, need: need({ quantity: 9 }) })],
  ['closeNeed', NEEDS, async (w) => ({ needId: (await openNeed(w)).id })],
  ['cancelNeed', NEEDS, async (w) => ({ needId: (await openNeed(w)).id, reason: '重复登记' })],
  ['listNeeds', EVERYONE, async (w) => ({ communityId: w.community })],
  ['propose', STAFF, async (w) => ({ communityId: w.community })],
  ['adjustAllocation', STAFF, async (w) => ({ allocationId: await allocation(w, 'proposed'), quantity: 3 })],
  ['confirmAllocation', STAFF, async (w) => ({ allocationId: await allocation(w, 'proposed') })],
  ['rejectAllocation', STAFF, async (w) => ({ allocationId: await allocation(w, 'proposed'), reason: '距离太远' })],
  ['acceptAllocation', ['donor'], async (w) => ({ allocationId: await allocation(w, 'confirmed') })],
  ['declineAllocation', ['donor'], async (w) => ({ allocationId: await allocation(w, 'confirmed') })],
  ['recordHandover', STAFF, async (w) => ({ allocationId: await allocation(w, 'accepted'), to: 'station', receivedBy: '站长', quantity: 2, handedOverAt: T0 })],
  ['cancelAllocation', STAFF, async (w) => ({ allocationId: await allocation(w, 'confirmed'), reason: '捐赠人联系不上' })],
  ['listAllocations', NEEDS, async (w) => ({ communityId: w.community })],
  ['getAllocation', [...NEEDS, 'donor'], async (w) => ({ allocationId: await allocation(w, 'proposed') })],
  ['recordStockMovement', STAFF, async (w) => ({ communityId: w.community, item: '大米', unit: '袋', direction: 'in', quantity: 2, counterpart: '钱某' })],
  ['requestStockCorrection', STAFF, async (w) => ({ communityId: w.community, item: '大米', unit: '袋', delta: 1, reason: '盘点' })],
  ['approveStockCorrection', STAFF, async (w) => ({ correctionId: (await correction(w)).id })],
  ['rejectStockCorrection', STAFF, async (w) => ({ correctionId: (await correction(w)).id })],
  ['listStock', STAFF, async (w) => ({ communityId: w.community })],
  ['listStockMovements', STAFF, async (w) => ({ communityId: w.community })],
  ['listStockCorrections', STAFF, async (w) => ({ communityId: w.community })],
  ['createFund', ['admin'], async (w) => ({ communityId: w.community, name: '新基金', signers: { convener: w.signer, committeeMember: w.staff, residentRep: w.resident } })],
  ['recordFundIncome', [...STAFF, 'signer'], async (w) => ({ fundId: w.fundId, amountFen: 500, donorName: '孙某', purpose: '助学', receivedOn: '2026-11-20' })],
  ['requestDisbursement', [...STAFF, 'signer'], async (w) => ({ fundId: w.fundId, amountFen: 100, purpose: '购买灯泡', payee: '五金店' })],
  ['approveDisbursement', ['signer'], async (w) => ({ entryId: (await disbursement(w)).id })],
  ['rejectDisbursement', ['signer'], async (w) => ({ entryId: (await disbursement(w)).id, reason: '预算不符' })],
  ['getFund', [...STAFF, 'signer'], async (w) => ({ fundId: w.fundId })],
  ['listFunds', [...STAFF, 'signer'], async (w) => ({ communityId: w.community })],
  ['listFundEntries', [...STAFF, 'signer'], async (w) => ({ fundId: w.fundId })],
  ['publicLedger', EVERYONE, async (w) => ({ communityId: w.community, month: '2026-11' })],
  ['disclosuresDue', STAFF, async (w) => ({ communityId: w.community })],
  [
    'publishDisclosures',
    STAFF,
    async (w) => {
      const moved = await stockIn(w);
      const entry = (await db().collection('charity_ledger').where({ source: `charity_stock_movements/${moved.movement.id}` }).get()).data[0]!;
      return { communityId: w.community, entryIds: [entry._id] };
    },
  ],
  ['registerProject', STAFF, async (w) => ({ communityId: w.community, name: '冬日暖心', startOn: '2026-01-01', endOn: '2026-12-31' })],
  ['reportProject', STAFF, async (w) => ({ projectId: (await as(w, w.staff2, 'registerProject', { communityId: w.community, name: '助学', startOn: '2026-01-01', endOn: '2026-12-31' })).id, summary: '第三季度进展' })],
  ['listProjects', STAFF, async (w) => ({ communityId: w.community })],
];

test('the matrix covers every action of the contract', () => {
  expect(rows.map((r) => r[0]).sort()).toEqual(Object.keys(charityContract.actions).sort());
});

describe.each(rows)('%s', (action, allowed, input) => {
  let w: World;
  beforeAll(async () => {
    const c = await cast();
    const signer = await person('sig', []);
    const [x, y] = await Promise.all([person('sx', []), person('sy', [])]);
    const fund = await ok(c.admin, 'createFund', { communityId: c.community, name: '公益基金', signers: { convener: signer, committeeMember: x, residentRep: y } });
    w = { ...c, signer, fundId: fund.id };
  });

  test.each(EVERYONE)('as %s', async (persona) => {
    const r = await run(w, w[persona], action, await input(w));
    if (allowed.includes(persona)) {
      expect({ persona, ok: r.ok, error: r.error }).toEqual({ persona, ok: true, error: undefined });
    } else {
      expect({ persona, code: r.error?.code }).toEqual({ persona, code: 'permission-denied' });
    }
  });
});
