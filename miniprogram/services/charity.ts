// Client side of the `charity` function (core/charity/charity.contract.ts).
import { charityContract, type InputOf } from '../core/index';
import { callAction, type CallOptions } from './call';

type Ch = typeof charityContract;

export const publicLedger = (input: InputOf<Ch, 'publicLedger'>, opts?: CallOptions) => callAction(charityContract, 'publicLedger', input, opts);
export const disclosuresDue = (input: InputOf<Ch, 'disclosuresDue'>, opts?: CallOptions) => callAction(charityContract, 'disclosuresDue', input, opts);
export const listAllocations = (input: InputOf<Ch, 'listAllocations'>, opts?: CallOptions) => callAction(charityContract, 'listAllocations', input, opts);
export const confirmAllocation = (allocationId: string, opts?: CallOptions) => callAction(charityContract, 'confirmAllocation', { allocationId } as InputOf<Ch, 'confirmAllocation'>, opts);
export const rejectAllocation = (input: InputOf<Ch, 'rejectAllocation'>, opts?: CallOptions) => callAction(charityContract, 'rejectAllocation', input, opts);
