// The wish function: its contract bound to its handlers and its timer. Tests import this module
// (not index, which would resolve to the generated index.js bundle when one exists).
import { wishContract } from '../../core/wish/wish.contract';
import { defineFunction, DefinedFunction, FunctionOptions } from '../../server/define-function';
import { familyCode, issueFamilyCode } from './actions/family-code';
import { bindFamily, issueConfirmCode, printConfirmCode, recipients, recordGuardianConsent, registerRecipient } from './actions/recipients';
import {
  assignVolunteer,
  cancelClaim,
  pledge,
  claim,
  close,
  confirm,
  deliver,
  deliveryAddress,
  post,
  publish,
  reject,
  republish,
  revise,
  thank,
  verify,
} from './actions/lifecycle';
import { browse, disclosure, get, mine, queue, recommend } from './actions/lists';
import { sweep } from './timers/sweep';

/** config.json `timeout` (60 s) in ms: a killed firing's claim is taken over by the next delivery after this. */
export const WISH_TIMER_LEASE_MS = 60_000;

export function defineWish(options: Omit<FunctionOptions, 'timers'> = {}): DefinedFunction {
  return defineFunction(
    wishContract,
    {
      registerRecipient,
      recipients,
      issueFamilyCode,
      familyCode,
      bindFamily,
      recordGuardianConsent,
      issueConfirmCode,
      printConfirmCode,
      post,
      revise,
      verify,
      reject,
      publish,
      republish,
      close,
      claim,
      cancelClaim,
      pledge,
      assignVolunteer,
      deliver,
      confirm,
      thank,
      get,
      deliveryAddress,
      browse,
      recommend,
      mine,
      queue,
      disclosure,
    },
    { timerLeaseMs: WISH_TIMER_LEASE_MS, ...options, timers: { sweep } },
  );
}

export const wish = defineWish();
