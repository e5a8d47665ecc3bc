// Hostile input for every action of the wish function (fast-check): a valid input with one field
// replaced by a value no field accepts, or no object at all, is invalid-argument, never internal,
// and nothing is written (no wish, recipient, audit entry or idempotency record by the caller),
// even for a caller (staff) who could otherwise change everything. FUZZ_RUNS sets the run count.
import fc from 'fast-check';
import { wishContract } from '../../../core';
import { db } from '../../server/fixtures/db';
import { call, community, Community, plantRecipient, plantWish, WANTED_ON } from './helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
jest.setTimeout(120_000);

let c: Community;
let templates: Record<keyof typeof wishContract.actions, Record<string, unknown>>;
let caller: string;

beforeAll(async () => {
  c = await community('fuzz');
  caller = c.staff;
  const r = await plantRecipient(c);
  const w = await plantWish(c, r, 'claimed');
  const wishId = w._id;
  const recipientId = r._id;
  templates = {
    registerRecipient: { communityId: c.id, self: false, name: '王秀英', phone: '13812345678', address: '3栋501', ageBand: '80+', group: 'elderly', showGroup: true, sensitiveStatus: '低保' },
    recipients: { as: 'staff', communityId: c.id, limit: 5 },
    issueFamilyCode: {},
    familyCode: {},
    bindFamily: { recipientId, code: 'ABCD-2345' },
    recordGuardianConsent: { recipientId, guardianName: '陈建国', relation: 'parent', method: 'paper-form', note: '同意' },
    issueConfirmCode: { recipientId },
    printConfirmCode: { recipientId },
    post: { recipientId, item: '书包', description: '旧书包坏了', category: 'study', valueFen: 100, wantedOn: WANTED_ON, photos: [], photoConsent: false },
    revise: { wishId, version: 1, item: '书包', description: '旧书包坏了', category: 'study', valueFen: 100, wantedOn: WANTED_ON },
    verify: { wishId, version: 1, method: 'home-visit', note: '核实' },
    reject: { wishId, version: 1, reason: '原因' },
    publish: { wishId, version: 1, pooled: true },
    republish: { wishId, version: 1, wantedOn: WANTED_ON },
    close: { wishId, version: 1, reason: '原因' },
    claim: { wishId, version: 1 },
    cancelClaim: { wishId, version: 1 },
    pledge: { wishId, shareFen: 100 },
    assignVolunteer: { wishId, volunteerOpenid: c.volunteer },
    deliver: { wishId, version: 1, mode: 'station', photo: 'cloud://env.b/p.jpg', note: '签收' },
    confirm: { wishId, mode: 'code', code: 'ABCDE-23456' },
    thank: { wishId, message: '谢谢', photo: 'cloud://env.b/p.jpg' },
    get: { wishId },
    deliveryAddress: { wishId },
    browse: { category: 'study', communityId: c.id, minFen: 1, maxFen: 2, urgent: true, sort: 'newest', limit: 5 },
    recommend: { categories: ['study'], budgetFen: 100, communityId: c.id, limit: 3 },
    mine: { as: 'posted', limit: 5 },
    queue: { communityId: c.id, status: 'submitted', limit: 5 },
    disclosure: { communityId: c.id, month: '2026-11' },
  };
});

/** Values no field of any wish input accepts (strings have control characters or are too long). */
const hostileValue = fc.oneof(
  fc.constant(null),
  fc.constant({ $ne: null }),
  fc.constant([{}]),
  fc.constant('x'.repeat(5000)),
  fc.constant(Number.NaN),
  fc.constant(-1.5),
  fc.constant(Infinity),
  fc.string({ maxLength: 8 }).map((s) => `\u0000${s}`),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.anything(), { maxKeys: 3 }).map((o) => ({ ...o, $where: 'sleep(1)' })),
);
/** Not an object at all. */
const notAnObject = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }), fc.constant(null));

test('every action has a hostile-input template', () => {
  expect(Object.keys(templates).sort()).toEqual(Object.keys(wishContract.actions).sort());
});

test.each(Object.keys(wishContract.actions))('%s: hostile input is invalid-argument and writes nothing', async (action) => {
  const template = templates[action as keyof typeof templates];
  const keys = Object.keys(template);
  const before = await writtenBy(caller);
  await fc.assert(
    fc.asyncProperty(
      // An action without input fields (issueFamilyCode, familyCode) has only not-an-object to refuse.
      keys.length ? fc.oneof(fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => ({ ...template, [k]: v })), notAnObject) : notAnObject,
      async (input) => {
        const res = await call(caller, action, input);
        expect(res.ok).toBe(false);
        if (!res.ok) {
          expect(res.error.code).toBe('invalid-argument');
          expect(JSON.stringify(res).length).toBeLessThan(10_000);
        }
      },
    ),
    { numRuns: RUNS },
  );
  expect(await writtenBy(caller)).toEqual(before);
});

async function writtenBy(openid: string) {
  const [audit, idem, wishes, recipients] = await Promise.all([
    db().collection('audit_log').where({ actor: openid }).count(),
    db().collection('idempotency').where({ openid }).count(),
    db().collection('wishes').where({ communityId: c.id }).count(),
    db().collection('wish_recipients').where({ communityId: c.id }).count(),
  ]);
  return { audit: audit.total, idem: idem.total, wishes: wishes.total, recipients: recipients.total };
}
