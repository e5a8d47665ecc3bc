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
export const createNeed = (input: InputOf<Ch, 'createNeed'>, opts?: CallOptions) => callAction(charityContract, 'createNeed', input, opts);
export const updateNeed = (input: InputOf<Ch, 'updateNeed'>, opts?: CallOptions) => callAction(charityContract, 'updateNeed', input, opts);
export const closeNeed = (input: InputOf<Ch, 'closeNeed'>, opts?: CallOptions) => callAction(charityContract, 'closeNeed', input, opts);
export const cancelNeed = (input: InputOf<Ch, 'cancelNeed'>, opts?: CallOptions) => callAction(charityContract, 'cancelNeed', input, opts);
export const listNeeds = (input: InputOf<Ch, 'listNeeds'>, opts?: CallOptions) => callAction(charityContract, 'listNeeds', input, opts);
export const requestStockCorrection = (input: InputOf<Ch, 'requestStockCorrection'>, opts?: CallOptions) => callAction(charityContract, 'requestStockCorrection', input, opts);
export const approveStockCorrection = (correctionId: string, version?: number, opts?: CallOptions) => callAction(charityContract, 'approveStockCorrection', { correctionId, version }, opts);
export const rejectStockCorrection = (correctionId: string, version?: number, opts?: CallOptions) => callAction(charityContract, 'rejectStockCorrection', { correctionId, version }, opts);
export const listStockMovements = (input: InputOf<Ch, 'listStockMovements'>, opts?: CallOptions) => callAction(charityContract, 'listStockMovements', input, opts);
export const listStockCorrections = (input: InputOf<Ch, 'listStockCorrections'>, opts?: CallOptions) => callAction(charityContract, 'listStockCorrections', input, opts);
export const recordFundIncome = (input: InputOf<Ch, 'recordFundIncome'>, opts?: CallOptions) => callAction(charityContract, 'recordFundIncome', input, opts);
export const requestDisbursement = (input: InputOf<Ch, 'requestDisbursement'>, opts?: CallOptions) => callAction(charityContract, 'requestDisbursement', input, opts);
export const getFund = (fundId: string, opts?: CallOptions) => callAction(charityContract, 'getFund', { fundId }, opts);
export const registerProject = (input: InputOf<Ch, 'registerProject'>, opts?: CallOptions) => callAction(charityContract, 'registerProject', input, opts);
export const reportProject = (input: InputOf<Ch, 'reportProject'>, opts?: CallOptions) => callAction(charityContract, 'reportProject', input, opts);
export const listProjects = (communityId: string, opts?: CallOptions) => callAction(charityContract, 'listProjects', { communityId }, opts);
