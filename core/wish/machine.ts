// The micro-wish (微心愿) lifecycle and who may move it (PRODUCT.md "Wish"; issue 4).
//
//   submitted ─verify→ verified ─publish→ published ─claim→ claimed ─deliver→ delivered ─confirm→ confirmed ─thank→ thanked
//       │                 │                 │  ↑                 │
//       └reject→ rejected │                 │  └ cancelClaim / releaseClaim (timer) ┘
//                         │                 └expire (timer)→ expired ─republish→ published
//   close (staff, with a reason): submitted | verified | published | expired → closed
//   revise (the poster): rejected → submitted
//
// The machine says which status an event may leave from; WISH_EVENT_ACTORS says who may send it.
// The server computes the caller's relations to the wish (wishActorsOf) and checks both.
import { defineMachine, EventOf, StateOf } from '../state-machine';

export const wishMachine = defineMachine({
  name: 'wish',
  states: ['submitted', 'rejected', 'verified', 'published', 'claimed', 'delivered', 'confirmed', 'thanked', 'expired', 'closed'],
  transitions: {
    verify: { from: ['submitted'], to: 'verified' },
    reject: { from: ['submitted'], to: 'rejected' },
    revise: { from: ['rejected'], to: 'submitted' },
    publish: { from: ['verified'], to: 'published' },
    claim: { from: ['published'], to: 'claimed' },
    cancelClaim: { from: ['claimed'], to: 'published' },
    releaseClaim: { from: ['claimed'], to: 'published' },
    deliver: { from: ['claimed'], to: 'delivered' },
    confirm: { from: ['delivered'], to: 'confirmed' },
    thank: { from: ['confirmed'], to: 'thanked' },
    expire: { from: ['published'], to: 'expired' },
    republish: { from: ['expired'], to: 'published' },
    close: { from: ['submitted', 'verified', 'published', 'expired'], to: 'closed' },
  },
});

export type WishStatus = StateOf<typeof wishMachine>;
export type WishEvent = EventOf<typeof wishMachine>;
export const WishStatus = wishMachine.State;

/** Statuses in which a wish counts against its recipient's limit of open wishes. */
export const OPEN_WISH_STATUSES: readonly WishStatus[] = ['submitted', 'verified', 'published', 'claimed', 'delivered'];
/** Statuses in which a wish is "fulfilled" for disclosure. */
export const FULFILLED_WISH_STATUSES: readonly WishStatus[] = ['confirmed', 'thanked'];

/**
 * A caller's relation to one wish. One caller may hold several (a staff member who also posted).
 * - poster: posted the wish (for themselves, a parent, or as staff for a resident);
 * - recipient: the recipient's own WeChat account (bound on the recipient's profile);
 * - family: a family member bound to the recipient by staff;
 * - staff: staff or community admin of the wish's community;
 * - claimer: the donor holding the current claim;
 * - assigned-volunteer: the volunteer staff assigned to deliver the current claim;
 * - donor: any signed-in caller who is none of poster, recipient, family (may claim);
 * - timer: the wish function's own timer trigger (no user).
 */
export const WISH_ACTORS = ['poster', 'recipient', 'family', 'staff', 'claimer', 'assigned-volunteer', 'donor', 'timer'] as const;
export type WishActor = (typeof WISH_ACTORS)[number];

/** Who may send each event (besides the status allowing it). */
export const WISH_EVENT_ACTORS: { readonly [E in WishEvent]: readonly WishActor[] } = {
  verify: ['staff'],
  reject: ['staff'],
  revise: ['poster'],
  publish: ['staff'],
  claim: ['donor'],
  cancelClaim: ['claimer'],
  releaseClaim: ['timer'],
  // At the community station (staff record receipt) or by the volunteer staff assigned.
  deliver: ['staff', 'assigned-volunteer'],
  // The recipient in WeChat, a bound family member, or staff / the assigned volunteer by the
  // printed one-time code or (staff) witnessed with a note; which mode each may use: CONFIRM_MODE_ACTORS.
  confirm: ['recipient', 'family', 'staff', 'assigned-volunteer'],
  thank: ['recipient', 'family', 'staff'],
  expire: ['timer'],
  republish: ['staff'],
  close: ['staff'],
};

export const CONFIRM_MODES = ['recipient', 'family', 'code', 'witnessed'] as const;
export type ConfirmMode = (typeof CONFIRM_MODES)[number];

export const CONFIRM_MODE_ACTORS: { readonly [M in ConfirmMode]: readonly WishActor[] } = {
  recipient: ['recipient'],
  family: ['family'],
  code: ['staff', 'assigned-volunteer'],
  witnessed: ['staff'],
};

/** May a caller with these relations send `event`? (The status is the machine's question.) */
export function wishActorMay(event: WishEvent, actors: Iterable<WishActor>): boolean {
  const allowed = WISH_EVENT_ACTORS[event];
  for (const a of actors) if (allowed.includes(a)) return true;
  return false;
}

/** The events this caller could send now: for a page's buttons. */
export function wishEventsFor(status: WishStatus, actors: Iterable<WishActor>): WishEvent[] {
  const list = [...actors];
  return wishMachine.eventsFrom(status).filter((e) => wishActorMay(e, list));
}

export interface WishRelationFacts {
  caller: string;
  postedBy: string;
  recipientOpenid: string | null;
  familyOpenids: readonly string[];
  isStaff: boolean;
  claimedBy: string | null;
  volunteerOpenid: string | null;
}

/** The caller's relations to a wish, from facts the server read. Pure, so the rule is tested once. */
export function wishActorsOf(f: WishRelationFacts): Set<WishActor> {
  const out = new Set<WishActor>();
  if (f.caller === f.postedBy) out.add('poster');
  if (f.recipientOpenid !== null && f.caller === f.recipientOpenid) out.add('recipient');
  if (f.familyOpenids.includes(f.caller)) out.add('family');
  if (f.isStaff) out.add('staff');
  if (f.claimedBy !== null && f.caller === f.claimedBy) out.add('claimer');
  if (f.volunteerOpenid !== null && f.caller === f.volunteerOpenid) out.add('assigned-volunteer');
  // A party to the wish never claims it (no self-dealing); staff may donate to another community's wish.
  if (!out.has('poster') && !out.has('recipient') && !out.has('family')) out.add('donor');
  return out;
}
