// The wish lifecycle and who may move it, pinned as tables written out here (not derived from the
// implementation): every event from every status, every relation for every event.
import { CONFIRM_MODE_ACTORS, WISH_ACTORS, WISH_EVENT_ACTORS, wishActorMay, wishActorsOf, WishEvent, wishEventsFor, wishMachine, WishStatus } from '../../../core';

const ALLOWED: Record<WishEvent, [WishStatus[], WishStatus]> = {
  verify: [['submitted'], 'verified'],
  reject: [['submitted'], 'rejected'],
  revise: [['rejected'], 'submitted'],
  publish: [['verified'], 'published'],
  claim: [['published'], 'claimed'],
  cancelClaim: [['claimed'], 'published'],
  releaseClaim: [['claimed'], 'published'],
  deliver: [['claimed'], 'delivered'],
  confirm: [['delivered'], 'confirmed'],
  thank: [['confirmed'], 'thanked'],
  expire: [['published'], 'expired'],
  republish: [['expired'], 'published'],
  close: [['submitted', 'verified', 'published', 'expired'], 'closed'],
};

const WHO: Record<WishEvent, string[]> = {
  verify: ['staff'],
  reject: ['staff'],
  revise: ['poster'],
  publish: ['staff'],
  claim: ['donor'],
  cancelClaim: ['claimer'],
  releaseClaim: ['timer'],
  deliver: ['staff', 'assigned-volunteer'],
  confirm: ['recipient', 'family', 'staff', 'assigned-volunteer'],
  thank: ['recipient', 'family', 'staff'],
  expire: ['timer'],
  republish: ['staff'],
  close: ['staff'],
};

test('the states and the terminal ones', () => {
  expect([...wishMachine.states].sort()).toEqual(['claimed', 'closed', 'confirmed', 'delivered', 'expired', 'published', 'rejected', 'submitted', 'thanked', 'verified']);
  expect([...wishMachine.terminal].sort()).toEqual(['closed', 'thanked']);
  expect([...wishMachine.events].sort()).toEqual(Object.keys(ALLOWED).sort());
});

describe.each(Object.keys(ALLOWED) as WishEvent[])('%s', (event) => {
  test.each([...wishMachine.states])('from %s', (state) => {
    const [from, to] = ALLOWED[event];
    if (from.includes(state)) {
      expect(wishMachine.can(state, event)).toBe(true);
      expect(wishMachine.next(state, event)).toBe(to);
    } else {
      expect(wishMachine.can(state, event)).toBe(false);
      expect(() => wishMachine.next(state, event)).toThrow(expect.objectContaining({ code: 'failed-precondition', details: { reason: wishMachine.reasonFor(event) } }));
    }
  });

  test('by each relation', () => {
    for (const actor of WISH_ACTORS) expect({ actor, may: wishActorMay(event, [actor]) }).toEqual({ actor, may: WHO[event].includes(actor) });
    expect(WISH_EVENT_ACTORS[event]).toEqual(WHO[event]);
  });
});

test('reasons name the event in snake case', () => {
  expect(wishMachine.reasonFor('cancelClaim')).toBe('wish.cannot_cancel_claim');
  expect(wishMachine.reasonFor('releaseClaim')).toBe('wish.cannot_release_claim');
});

test('sign-off modes and who may use each', () => {
  expect(CONFIRM_MODE_ACTORS).toEqual({ recipient: ['recipient'], family: ['family'], code: ['staff', 'assigned-volunteer'], witnessed: ['staff'] });
});

describe('wishActorsOf', () => {
  const base = { caller: 'x', postedBy: 'p', recipientOpenid: 'r', familyOpenids: ['f'], isStaff: false, claimedBy: null, volunteerOpenid: null };
  test('a stranger is only a donor', () => expect([...wishActorsOf(base)]).toEqual(['donor']));
  test('parties are never donors', () => {
    for (const caller of ['p', 'r', 'f']) expect(wishActorsOf({ ...base, caller }).has('donor')).toBe(false);
  });
  test('staff who are no party may also donate', () => expect([...wishActorsOf({ ...base, isStaff: true })].sort()).toEqual(['donor', 'staff']));
  test('the claimer and the assigned volunteer', () => {
    expect([...wishActorsOf({ ...base, caller: 'd', claimedBy: 'd' })].sort()).toEqual(['claimer', 'donor']);
    expect(wishActorsOf({ ...base, caller: 'v', volunteerOpenid: 'v' }).has('assigned-volunteer')).toBe(true);
  });
  test('no recipient WeChat: nobody is the recipient', () => expect(wishActorsOf({ ...base, caller: 'r', recipientOpenid: null }).has('recipient')).toBe(false));
  test('buttons: what each may do now', () => {
    expect(wishEventsFor('submitted', ['staff'])).toEqual(['verify', 'reject', 'close']);
    expect(wishEventsFor('published', ['donor'])).toEqual(['claim']);
    expect(wishEventsFor('claimed', ['claimer', 'donor'])).toEqual(['cancelClaim']);
    expect(wishEventsFor('delivered', ['family'])).toEqual(['confirm']);
  });
});
