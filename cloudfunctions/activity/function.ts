// The activity function: its contract bound to its handlers. Tests import this module (not index,
// which would resolve to the generated index.js bundle when one exists).
import { activityContract } from '../../core';
import type { CreditServiceRecord } from '../../server/activity/credit';
import { defineFunction, DefinedFunction } from '../../server/define-function';
import { confirmAttendance, fixCheckOut, qrCode, rollCall, rollCallByCard } from './actions/attendance';
import { cancel, create, get, list, publish, reject, submit } from './actions/lifecycle';
import {
  approveBackfill,
  confirmRecords,
  finish,
  myRecords,
  records,
  refuseBackfill,
  rate,
  requestBackfill,
  requestCorrection,
  resolveCorrection,
} from './actions/records';
import { figures } from './actions/figures';
import { pendingBackfills, pendingCorrections } from './actions/queues';
import { cancelSignUp, roster, signUp } from './actions/signup';
import { flagOverdueRecords } from './timers/flag-overdue';
import { creditServiceRecord } from './time-bank';

export function defineActivity(credit: CreditServiceRecord): DefinedFunction {
  return defineFunction(
    activityContract,
    {
      create,
      submit,
      publish,
      reject,
      cancel,
      get,
      list,
      signUp,
      cancelSignUp,
      roster,
      qrCode,
      rollCall,
      rollCallByCard,
      confirmAttendance,
      fixCheckOut,
      finish,
      records,
      myRecords,
      confirmRecords: confirmRecords(credit),
      requestCorrection,
      resolveCorrection: resolveCorrection(credit),
      requestBackfill,
      approveBackfill: approveBackfill(credit),
      refuseBackfill,
      rate,
      pendingCorrections,
      pendingBackfills,
      figures,
    },
    { timers: { flagOverdueRecords } },
  );
}

export const activity = defineActivity(creditServiceRecord);
