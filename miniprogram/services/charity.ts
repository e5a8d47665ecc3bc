// Client side of the `charity` function (core/charity/charity.contract.ts).
import { charityContract, type InputOf } from '../core/index';
import { callAction, type CallOptions } from './call';

type Ch = typeof charityContract;

export const publicLedger = (input: InputOf<Ch, 'publicLedger'>, opts?: CallOptions) => callAction(charityContract, 'publicLedger', input, opts);
export const disclosuresDue = (input: InputOf<Ch, 'disclosuresDue'>, opts?: CallOptions) => callAction(charityContract, 'disclosuresDue', input, opts);
export const listAllocations = (input: InputOf<Ch, 'listAllocations'>, opts?: CallOptions) => callAction(charityContract, 'listAllocations', input, opts);
export const confirmAllocation = (allocationId: string, version?: number, opts?: CallOptions) => callAction(charityContract, 'confirmAllocation', { allocationId, version }, opts);
export const adjustAllocation = (input: InputOf<Ch, 'adjustAllocation'>, opts?: CallOptions) => callAction(charityContract, 'adjustAllocation', input, opts);
export const acceptAllocation = (allocationId: string, version?: number, opts?: CallOptions) => callAction(charityContract, 'acceptAllocation', { allocationId, version }, opts);
export const declineAllocation = (allocationId: string, version?: number, opts?: CallOptions) => callAction(charityContract, 'declineAllocation', { allocationId, version }, opts);
export const proposeAllocations = (communityId: string, opts?: CallOptions) => callAction(charityContract, 'propose', { communityId }, opts);
export const rejectAllocation = (input: InputOf<Ch, 'rejectAllocation'>, opts?: CallOptions) => callAction(charityContract, 'rejectAllocation', input, opts);
export const createOffer = (input: InputOf<Ch, 'createOffer'>, opts?: CallOptions) => callAction(charityContract, 'createOffer', input, opts);
export const listMyOffers = (input: InputOf<Ch, 'listMyOffers'>, opts?: CallOptions) => callAction(charityContract, 'listMyOffers', input, opts);
export const listStock = (input: InputOf<Ch, 'listStock'>, opts?: CallOptions) => callAction(charityContract, 'listStock', input, opts);
export const recordStockMovement = (input: InputOf<Ch, 'recordStockMovement'>, opts?: CallOptions) => callAction(charityContract, 'recordStockMovement', input, opts);
export const listFunds = (input: InputOf<Ch, 'listFunds'>, opts?: CallOptions) => callAction(charityContract, 'listFunds', input, opts);
export const listFundEntries = (input: InputOf<Ch, 'listFundEntries'>, opts?: CallOptions) => callAction(charityContract, 'listFundEntries', input, opts);
export const approveDisbursement = (entryId: string, version?: number, opts?: CallOptions) => callAction(charityContract, 'approveDisbursement', { entryId, version }, opts);
export const rejectDisbursement = (input: InputOf<Ch, 'rejectDisbursement'>, opts?: CallOptions) => callAction(charityContract, 'rejectDisbursement', input, opts);
