// Client side of the `wish` function (core/wish/wish.contract.ts).
import { wishContract, type InputOf } from '../core/index';
import { callAction, type CallOptions } from './call';

type W = typeof wishContract;

export const browseWishes = (input: InputOf<W, 'browse'>, opts?: CallOptions) => callAction(wishContract, 'browse', input, opts);
export const recommendWishes = (input: InputOf<W, 'recommend'>, opts?: CallOptions) => callAction(wishContract, 'recommend', input, opts);
export const getWish = (wishId: string, opts?: CallOptions) => callAction(wishContract, 'get', { wishId }, opts);
export const claimWish = (wishId: string, version?: number, opts?: CallOptions) => callAction(wishContract, 'claim', { wishId, version }, opts);
export const pledgeWish = (wishId: string, shareFen: number, opts?: CallOptions) => callAction(wishContract, 'pledge', { wishId, shareFen }, opts);
export const cancelClaim = (wishId: string, version?: number, opts?: CallOptions) => callAction(wishContract, 'cancelClaim', { wishId, version }, opts);
export const myWishes = (input: InputOf<W, 'mine'>, opts?: CallOptions) => callAction(wishContract, 'mine', input, opts);
export const registerRecipient = (input: InputOf<W, 'registerRecipient'>, opts?: CallOptions) => callAction(wishContract, 'registerRecipient', input, opts);
export const postWish = (input: InputOf<W, 'post'>, opts?: CallOptions) => callAction(wishContract, 'post', input, opts);
export const confirmWish = (input: InputOf<W, 'confirm'>, opts?: CallOptions) => callAction(wishContract, 'confirm', input, opts);
export const thankDonor = (input: InputOf<W, 'thank'>, opts?: CallOptions) => callAction(wishContract, 'thank', input, opts);
export const wishQueue = (input: InputOf<W, 'queue'>, opts?: CallOptions) => callAction(wishContract, 'queue', input, opts);
export const verifyWish = (input: InputOf<W, 'verify'>, opts?: CallOptions) => callAction(wishContract, 'verify', input, opts);
export const rejectWish = (input: InputOf<W, 'reject'>, opts?: CallOptions) => callAction(wishContract, 'reject', input, opts);
export const reviseWish = (input: InputOf<W, 'revise'>, opts?: CallOptions) => callAction(wishContract, 'revise', input, opts);
export const republishWish = (input: InputOf<W, 'republish'>, opts?: CallOptions) => callAction(wishContract, 'republish', input, opts);
export const closeWish = (input: InputOf<W, 'close'>, opts?: CallOptions) => callAction(wishContract, 'close', input, opts);
export const publishWish = (wishId: string, version?: number, opts?: CallOptions) => callAction(wishContract, 'publish', { wishId, version }, opts);
export const deliverWish = (input: InputOf<W, 'deliver'>, opts?: CallOptions) => callAction(wishContract, 'deliver', input, opts);
export const wishDisclosure = (input: InputOf<W, 'disclosure'>, opts?: CallOptions) => callAction(wishContract, 'disclosure', input, opts);
export const listRecipients = (input: InputOf<W, 'recipients'>, opts?: CallOptions) => callAction(wishContract, 'recipients', input, opts);
/** A new family binding code (the last one stops working); familyCode shows it. */
export const issueFamilyCode = (opts?: CallOptions) => callAction(wishContract, 'issueFamilyCode', {}, opts);
export const familyCode = (opts?: CallOptions) => callAction(wishContract, 'familyCode', {}, opts);
export const bindFamily = (input: InputOf<W, 'bindFamily'>, opts?: CallOptions) => callAction(wishContract, 'bindFamily', input, opts);
export const recordGuardianConsent = (input: InputOf<W, 'recordGuardianConsent'>, opts?: CallOptions) => callAction(wishContract, 'recordGuardianConsent', input, opts);
export const issueConfirmCode = (recipientId: string, opts?: CallOptions) => callAction(wishContract, 'issueConfirmCode', { recipientId }, opts);
export const printConfirmCode = (recipientId: string, opts?: CallOptions) => callAction(wishContract, 'printConfirmCode', { recipientId }, opts);
export const assignVolunteer = (input: InputOf<W, 'assignVolunteer'>, opts?: CallOptions) => callAction(wishContract, 'assignVolunteer', input, opts);
/** The recipient's door address, for the assigned volunteer: shown on screen only, never stored on the phone. */
export const deliveryAddress = (wishId: string, opts?: CallOptions) => callAction(wishContract, 'deliveryAddress', { wishId }, opts);
