// The charity function: its contract bound to its handlers and its timer. Tests import this
// module (not index, which would resolve to the generated index.js bundle when one exists).
import { charityContract } from '../../core/charity/charity.contract';
import { defineFunction, DefinedFunction, FunctionOptions } from '../../server/define-function';
import { acceptAllocation, adjustAllocation, cancelAllocation, confirmAllocation, declineAllocation, getAllocation, listAllocations, recordHandover, rejectAllocation } from './actions/allocations';
import { disclosuresDue, listProjects, publicLedger, publishDisclosures, registerProject, reportProject } from './actions/disclosure';
import { approveDisbursement, createFund, getFund, listFundEntries, listFunds, recordFundIncome, rejectDisbursement, requestDisbursement } from './actions/fund';
import { cancelNeed, closeNeed, createNeed, listNeeds, updateNeed } from './actions/needs';
import { createOffer, listMyOffers, listOffers, updateOffer, withdrawOffer } from './actions/offers';
import { Matcher, proposeWith } from './actions/propose';
import { match } from './engine';
import { approveStockCorrection, listStock, listStockCorrections, listStockMovements, recordStockMovement, rejectStockCorrection, requestStockCorrection } from './actions/stock';
import { remindDisclosures } from './timers/remind-disclosures';

/** config.json `timeout` (60 s) in ms: see cloudfunctions/maintenance for why the lease matches it. */
export const CHARITY_LEASE_MS = 60_000;

export interface CharityOptions extends Omit<FunctionOptions, 'timers'> {
  /** The matching engine propose uses (default: core/charity/matching). */
  match?: Matcher;
}

export function defineCharity(options: CharityOptions = {}): DefinedFunction {
  const { match: matcher = match, ...rest } = options;
  const propose = proposeWith(matcher);
  return defineFunction(
    charityContract,
    {
      createOffer, updateOffer, withdrawOffer, listMyOffers, listOffers,
      createNeed, updateNeed, closeNeed, cancelNeed, listNeeds,
      propose, adjustAllocation, confirmAllocation, rejectAllocation, acceptAllocation, declineAllocation, recordHandover, cancelAllocation, listAllocations, getAllocation,
      recordStockMovement, requestStockCorrection, approveStockCorrection, rejectStockCorrection, listStock, listStockMovements, listStockCorrections,
      createFund, recordFundIncome, requestDisbursement, approveDisbursement, rejectDisbursement, getFund, listFunds, listFundEntries,
      publicLedger, disclosuresDue, publishDisclosures, registerProject, reportProject, listProjects,
    },
    { timerLeaseMs: CHARITY_LEASE_MS, ...rest, timers: { remindDisclosures: remindDisclosures() } },
  );
}

export const charity = defineCharity();
