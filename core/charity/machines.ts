// The charity lifecycles as state machines (DESIGN §4). The server applies every event with
// applyTransition (compare-and-set on status and version, audited in the same transaction).
// Same-state events (offer.allocate, need.release…) change an offer's or need's quantities: they
// are still compare-and-sets on the status, so a withdrawn offer can never be allocated, and they
// write the document, so two transactions allocating one offer conflict and the retry re-checks.
import { defineMachine, StateOf } from '../state-machine';

/**
 * An offer is `open` while it has anything left to allocate or deliver; the donor edits or
 * withdraws it only while nothing of it is allocated. `closed` once everything allocated to it
 * was delivered and nothing is left.
 */
export const offerMachine = defineMachine({
  name: 'charity_offer',
  states: ['open', 'withdrawn', 'closed'],
  transitions: {
    edit: { from: ['open'], to: 'open' },
    withdraw: { from: ['open'], to: 'withdrawn' },
    allocate: { from: ['open'], to: 'open' },
    release: { from: ['open'], to: 'open' },
    deliver: { from: ['open'], to: 'open' },
    close: { from: ['open'], to: 'closed' },
  },
});
export type OfferStatus = StateOf<typeof offerMachine>;

/** A need is `open` until it is filled (everything delivered), closed by staff or cancelled. */
export const needMachine = defineMachine({
  name: 'charity_need',
  states: ['open', 'closed', 'cancelled'],
  transitions: {
    edit: { from: ['open'], to: 'open' },
    allocate: { from: ['open'], to: 'open' },
    release: { from: ['open'], to: 'open' },
    deliver: { from: ['open'], to: 'open' },
    fill: { from: ['open'], to: 'closed' },
    close: { from: ['open'], to: 'closed' },
    cancel: { from: ['open'], to: 'cancelled' },
  },
});
export type NeedStatus = StateOf<typeof needMachine>;

/**
 * An allocation of part of one offer to one need. The engine proposes; staff adjust, confirm
 * (which reserves the quantity on both sides) or reject; the donor accepts or declines; handovers
 * deliver it in one or several parts; staff may cancel what is not yet delivered.
 */
export const allocationMachine = defineMachine({
  name: 'charity_allocation',
  states: ['proposed', 'confirmed', 'accepted', 'delivering', 'delivered', 'rejected', 'declined', 'cancelled'],
  transitions: {
    adjust: { from: ['proposed'], to: 'proposed' },
    confirm: { from: ['proposed'], to: 'confirmed' },
    reject: { from: ['proposed'], to: 'rejected' },
    accept: { from: ['confirmed'], to: 'accepted' },
    decline: { from: ['confirmed'], to: 'declined' },
    deliverPart: { from: ['accepted', 'delivering'], to: 'delivering' },
    deliverAll: { from: ['accepted', 'delivering'], to: 'delivered' },
    cancel: { from: ['confirmed', 'accepted', 'delivering'], to: 'cancelled' },
  },
});
export type AllocationStatus = StateOf<typeof allocationMachine>;
/** Statuses whose quantity is reserved on the offer and the need. */
export const RESERVING_STATUSES: readonly AllocationStatus[] = ['confirmed', 'accepted', 'delivering', 'delivered'];

/** A correction of a stock balance: one staff member requests it, a second one approves it. */
export const stockCorrectionMachine = defineMachine({
  name: 'charity_stock_correction',
  states: ['pending', 'applied', 'rejected'],
  transitions: {
    approve: { from: ['pending'], to: 'applied' },
    reject: { from: ['pending'], to: 'rejected' },
  },
});
export type StockCorrectionStatus = StateOf<typeof stockCorrectionMachine>;

/**
 * A disbursement from the community fund counts only once two of its three named signers have
 * approved it (`approve` with a first signature keeps it pending: a same-state event).
 */
export const disbursementMachine = defineMachine({
  name: 'charity_disbursement',
  states: ['pending', 'approved', 'rejected'],
  transitions: {
    sign: { from: ['pending'], to: 'pending' },
    approve: { from: ['pending'], to: 'approved' },
    reject: { from: ['pending'], to: 'rejected' },
  },
});
export type DisbursementStatus = StateOf<typeof disbursementMachine>;
