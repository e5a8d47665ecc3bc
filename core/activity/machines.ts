// The lifecycles of the activity domain (DESIGN §4): activity, attendance, service record,
// correction and back-fill. The server applies them with applyTransition (compare-and-set +
// audit in one transaction); the check-in hot path changes attendance with a conditional update on
// the same `status` values (see cloudfunctions/checkin).
import { defineMachine, StateOf } from '../state-machine';

export const activityMachine = defineMachine({
  name: 'activity',
  states: ['draft', 'submitted', 'published', 'ended', 'closed', 'cancelled'],
  transitions: {
    // The organizer sends a draft to community staff for review.
    submit: { from: ['draft'], to: 'submitted' },
    // Staff send it back with a note (it can be edited and submitted again).
    reject: { from: ['submitted'], to: 'draft' },
    // Staff publish: recruiting starts (staff may publish their own draft directly).
    publish: { from: ['draft', 'submitted'], to: 'published' },
    // After its end the leader or staff close attendance; draft service records are written.
    finish: { from: ['published'], to: 'ended' },
    // Every record confirmed (or void): the 办法 §11 deadline is met.
    close: { from: ['ended'], to: 'closed' },
    cancel: { from: ['draft', 'submitted', 'published'], to: 'cancelled' },
  },
});
export type ActivityStatus = StateOf<typeof activityMachine>;

export const signupMachine = defineMachine({
  name: 'signup',
  states: ['confirmed', 'waitlisted', 'cancelled'],
  transitions: {
    promote: { from: ['waitlisted'], to: 'confirmed' },
    withdraw: { from: ['confirmed', 'waitlisted'], to: 'cancelled' },
    // Signing up again after cancelling reuses the same document (_id activityId_openid).
    rejoin: { from: ['cancelled'], to: 'confirmed' },
    rejoinWaitlist: { from: ['cancelled'], to: 'waitlisted' },
  },
});
export type SignupStatus = StateOf<typeof signupMachine>;

export const attendanceMachine = defineMachine({
  name: 'attendance',
  states: ['checked_in', 'checked_out', 'confirmed', 'rejected'],
  transitions: {
    checkOut: { from: ['checked_in'], to: 'checked_out' },
    // A further check-in/out pair on the same activity (at most maxPairsPerDay a day).
    checkInAgain: { from: ['checked_out'], to: 'checked_in' },
    // The leader confirms attendance (needed for a flagged one: no location, roll call).
    confirm: { from: ['checked_out'], to: 'confirmed' },
    // The leader fixes a forgotten check-out (sets the time) and confirms in one step.
    fixCheckOut: { from: ['checked_in', 'checked_out'], to: 'confirmed' },
    reject: { from: ['checked_in', 'checked_out'], to: 'rejected' },
  },
});
export type AttendanceStatus = StateOf<typeof attendanceMachine>;

export const serviceRecordMachine = defineMachine({
  name: 'service_record',
  states: ['draft', 'confirmed', 'void'],
  transitions: {
    confirm: { from: ['draft'], to: 'confirmed' },
    // A resolved correction changes minutes (revision + 1) and stays confirmed.
    correct: { from: ['confirmed'], to: 'confirmed' },
    void: { from: ['draft'], to: 'void' },
  },
});
export type ServiceRecordStatus = StateOf<typeof serviceRecordMachine>;

export const correctionMachine = defineMachine({
  name: 'record_correction',
  states: ['open', 'accepted', 'refused'],
  transitions: {
    accept: { from: ['open'], to: 'accepted' },
    refuse: { from: ['open'], to: 'refused' },
  },
});
export type CorrectionStatus = StateOf<typeof correctionMachine>;

export const backfillMachine = defineMachine({
  name: 'backfill',
  states: ['requested', 'approved', 'refused'],
  transitions: {
    // Needs a second staff member, different from the requester (no single admin adds hours).
    approve: { from: ['requested'], to: 'approved' },
    refuse: { from: ['requested'], to: 'refused' },
  },
});
export type BackfillStatus = StateOf<typeof backfillMachine>;
