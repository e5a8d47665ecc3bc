// The activity function: its contract bound to its handlers. Tests import this module (not index,
// which would resolve to the generated index.js bundle when one exists).
import { activityContract } from '../../core';
import { defineFunction } from '../../server/define-function';
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

export const activity = defineFunction(
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
    confirmRecords,
    requestCorrection,
    resolveCorrection,
    requestBackfill,
    approveBackfill,
    refuseBackfill,
    rate,
    pendingCorrections,
    pendingBackfills,
    figures,
  },
  { timers: { flagOverdueRecords } },
);
