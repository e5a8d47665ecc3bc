// Lifecycles of the volunteer domain (DESIGN §4): registration of a volunteer, registration of a
// social organization. Applied on the server with applyTransition (compare-and-set + audit).
import { defineMachine } from '../state-machine';

/**
 * A volunteer's registration: staff verify it (or reject it with a reason, after which the
 * volunteer may correct and resubmit: 办法 §6 "应当要求志愿者修改、补充"); the account can be erased
 * from any state (the law's records stay, de-identified: docs/volunteers.md).
 */
export const volunteerMachine = defineMachine({
  name: 'volunteer',
  states: ['pending', 'verified', 'rejected', 'erased'],
  transitions: {
    verify: { from: ['pending'], to: 'verified' },
    reject: { from: ['pending'], to: 'rejected' },
    resubmit: { from: ['rejected'], to: 'pending' },
    erase: { from: ['pending', 'verified', 'rejected'], to: 'erased' },
  },
});

/** A social organization registered in a community: staff approve or reject it (with a reason). */
export const organizationMachine = defineMachine({
  name: 'organization',
  states: ['pending', 'approved', 'rejected'],
  transitions: {
    approve: { from: ['pending'], to: 'approved' },
    reject: { from: ['pending'], to: 'rejected' },
  },
});

/**
 * A volunteer's request to move to another community: staff of the destination accept or refuse
 * it (with a reason); the volunteer may withdraw it while it is open. One open request at a time.
 */
export const moveMachine = defineMachine({
  name: 'volunteer_move',
  states: ['requested', 'accepted', 'refused', 'withdrawn'],
  transitions: {
    accept: { from: ['requested'], to: 'accepted' },
    refuse: { from: ['requested'], to: 'refused' },
    withdraw: { from: ['requested'], to: 'withdrawn' },
  },
});
