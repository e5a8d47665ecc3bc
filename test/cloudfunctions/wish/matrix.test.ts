// Every user event of the wish machine, from every status, by every relation a caller can have:
// allowed exactly when the status allows it (core machine) and the relation may send it
// (WISH_EVENT_ACTORS); otherwise permission-denied (wrong person, judged first) or
// failed-precondition wish.cannot_<event> (wrong status), and nothing written. Through invoke(),
// against wishes planted in each status. The tables themselves are pinned in test/core/wish.
import { WishActor, wishActorMay, wishActorsOf, WishEvent, wishMachine, WishStatus } from '../../../core';
import { codeHash } from '../../../cloudfunctions/wish/actions/recipients';
import { db, uniq } from '../../server/fixtures/db';
import { auditCount, call, community, Community, plantRecipient, plantWish, wishDoc, WANTED_ON } from './helpers';

const USER_EVENTS: WishEvent[] = ['verify', 'reject', 'revise', 'publish', 'claim', 'cancelClaim', 'deliver', 'confirm', 'thank', 'republish', 'close'];
const CODE = 'ABCDE23456';

type Person = 'poster' | 'recipient' | 'family' | 'staff' | 'claimerDonor' | 'volunteer' | 'otherDonor';
const PEOPLE: Person[] = ['poster', 'recipient', 'family', 'staff', 'claimerDonor', 'volunteer', 'otherDonor'];

let c: Community;
let poster: string;
const openidOf = (p: Person): string =>
  ({ poster, recipient: c.resident, family: c.family, staff: c.staff, claimerDonor: c.donor, volunteer: c.volunteer, otherDonor: c.donor2 })[p];

beforeAll(async () => {
  c = await community('mx');
  poster = uniq('poster');
});

function inputFor(event: WishEvent, who: Person, wishId: string): Record<string, unknown> {
  switch (event) {
    case 'verify':
      return { wishId, method: 'home-visit', note: '入户核实' };
    case 'reject':
    case 'close':
      return { wishId, reason: '测试原因' };
    case 'revise':
      return { wishId, item: '书包', description: '旧书包坏了', category: 'study', valueFen: 12000, wantedOn: WANTED_ON };
    case 'republish':
      return { wishId, wantedOn: WANTED_ON };
    case 'deliver':
      return { wishId, mode: who === 'volunteer' ? 'volunteer' : 'station' };
    case 'confirm':
      if (who === 'volunteer') return { wishId, mode: 'code', code: CODE };
      if (who === 'staff') return { wishId, mode: 'witnessed', note: '见证' };
      if (who === 'family') return { wishId, mode: 'family' };
      return { wishId, mode: 'recipient' };
    case 'thank':
      return { wishId, message: '谢谢' };
    default:
      return { wishId };
  }
}

/** The relations the server should find, from the planted facts (core's rule, tested on its own in test/core). */
function relations(who: Person, status: WishStatus): Set<WishActor> {
  const claimed = ['claimed', 'delivered', 'confirmed', 'thanked'].includes(status);
  return wishActorsOf({
    caller: openidOf(who),
    postedBy: poster,
    recipientOpenid: c.resident,
    familyOpenids: [c.family],
    isStaff: who === 'staff',
    claimedBy: claimed ? c.donor : null,
    volunteerOpenid: claimed ? c.volunteer : null,
  });
}

/** The confirm mode a person uses must also be theirs (CONFIRM_MODE_ACTORS). */
function expectedAllowed(event: WishEvent, who: Person, status: WishStatus): 'ok' | 'permission-denied' | 'failed-precondition' {
  const rel = relations(who, status);
  let may = wishActorMay(event, rel);
  if (event === 'deliver') may = who === 'staff' ? rel.has('staff') : rel.has('assigned-volunteer');
  // A claim is judged on the status first (a published wish's status is public), then the person.
  if (event === 'claim') return !wishMachine.can(status, 'claim') ? 'failed-precondition' : rel.has('donor') ? 'ok' : 'permission-denied';
  if (event === 'confirm') {
    const mode = inputFor('confirm', who, 'w').mode as string;
    const need: Record<string, WishActor> = { code: 'assigned-volunteer', witnessed: 'staff', family: 'family', recipient: 'recipient' };
    may = rel.has(need[mode]!);
  }
  if (!may) return 'permission-denied';
  return wishMachine.can(status, event) ? 'ok' : 'failed-precondition';
}

const cases: Array<[WishEvent, WishStatus]> = USER_EVENTS.flatMap((e) => wishMachine.states.map((s): [WishEvent, WishStatus] => [e, s]));

describe.each(cases)('%s from %s', (event, status) => {
  test('by each relation', async () => {
    const outcomes: Record<string, string> = {};
    const expected: Record<string, string> = {};
    await Promise.all(
      PEOPLE.map(async (who) => {
        expected[who] = expectedAllowed(event, who, status);
        // A fresh recipient and wish per attempt (the code card only where the volunteer scans it).
        const r = await plantRecipient(c, { codeHash: null, openid: c.resident, familyOpenids: [c.family] });
        if (who === 'volunteer') await db().collection('wish_recipients').doc(r._id).update({ data: { codeHash: codeHash(r._id, CODE) } });
        // The claiming donor is fresh per attempt, so the open-claims limit never interferes.
        const claimer = uniq('claimer');
        const claimedish = ['claimed', 'delivered', 'confirmed', 'thanked'].includes(status);
        const w = await plantWish(c, r, status, { postedBy: poster, postedAs: 'family', claimedBy: claimedish ? claimer : null });
        const res = await call(who === 'claimerDonor' ? claimer : openidOf(who), event, inputFor(event, who, w._id));
        const after = await wishDoc(w._id);
        if (res.ok) {
          outcomes[who] = 'ok';
          expect(after.status).toBe(wishMachine.next(status, event));
          expect(after.version).toBe(w.version + 1);
          expect(await auditCount(`wishes/${w._id}`, `wish.${event}`)).toBe(1);
        } else {
          outcomes[who] = res.error.code;
          // Refused: nothing written, nothing audited.
          expect({ who, status: after.status, version: after.version }).toEqual({ who, status, version: w.version });
          expect(await auditCount(`wishes/${w._id}`)).toBe(0);
          if (res.error.code === 'failed-precondition') {
            const reason = event === 'claim' && ['claimed', 'delivered', 'confirmed', 'thanked'].includes(status) ? 'wish.already_claimed' : wishMachine.reasonFor(event);
            expect({ who, reason: res.error.details?.reason }).toEqual({ who, reason });
          }
        }
      }),
    );
    expect(outcomes).toEqual(expected);
  });
});

