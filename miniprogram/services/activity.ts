// Client side of the `activity` and `checkin` functions (core/activity/*.contract.ts).
import { activityContract, checkinContract, type InputOf } from '../core/index';
import { callAction, type CallOptions } from './call';

type A = typeof activityContract;
type C = typeof checkinContract;


export const listActivities = (input: InputOf<A, 'list'>, opts?: CallOptions) => callAction(activityContract, 'list', input, opts);
export const getActivity = (activityId: string, opts?: CallOptions) => callAction(activityContract, 'get', { activityId }, opts);
export const signUp = (activityId: string, opts?: CallOptions) => callAction(activityContract, 'signUp', { activityId }, opts);
export const cancelSignUp = (activityId: string, opts?: CallOptions) => callAction(activityContract, 'cancelSignUp', { activityId }, opts);
export const myRecords = (input: InputOf<A, 'myRecords'>, opts?: CallOptions) => callAction(activityContract, 'myRecords', input, opts);
export const requestCorrection = (input: InputOf<A, 'requestCorrection'>, opts?: CallOptions) => callAction(activityContract, 'requestCorrection', input, opts);
export const roster = (input: InputOf<A, 'roster'>, opts?: CallOptions) => callAction(activityContract, 'roster', input, opts);
export const qrCode = (activityId: string, opts?: CallOptions) => callAction(activityContract, 'qrCode', { activityId, kind: 'rotating' }, opts);
export const rollCall = (input: InputOf<A, 'rollCall'>, opts?: CallOptions) => callAction(activityContract, 'rollCall', input, opts);
export const rollCallByCard = (input: InputOf<A, 'rollCallByCard'>, opts?: CallOptions) => callAction(activityContract, 'rollCallByCard', input, opts);
export const confirmAttendance = (input: InputOf<A, 'confirmAttendance'>, opts?: CallOptions) => callAction(activityContract, 'confirmAttendance', input, opts);
export const fixCheckOut = (input: InputOf<A, 'fixCheckOut'>, opts?: CallOptions) => callAction(activityContract, 'fixCheckOut', input, opts);
export const createActivity = (input: InputOf<A, 'create'>, opts?: CallOptions) => callAction(activityContract, 'create', input, opts);
export const publishActivity = (activityId: string, version?: number, opts?: CallOptions) => callAction(activityContract, 'publish', { activityId, version }, opts);
export const rejectActivity = (activityId: string, note: string, opts?: CallOptions) => callAction(activityContract, 'reject', { activityId, note }, opts);
export const pendingCorrections = (input: InputOf<A, 'pendingCorrections'>, opts?: CallOptions) => callAction(activityContract, 'pendingCorrections', input, opts);
export const resolveCorrection = (input: InputOf<A, 'resolveCorrection'>, opts?: CallOptions) => callAction(activityContract, 'resolveCorrection', input, opts);
export const pendingBackfills = (input: InputOf<A, 'pendingBackfills'>, opts?: CallOptions) => callAction(activityContract, 'pendingBackfills', input, opts);
export const approveBackfill = (input: InputOf<A, 'approveBackfill'>, opts?: CallOptions) => callAction(activityContract, 'approveBackfill', input, opts);
export const refuseBackfill = (input: InputOf<A, 'refuseBackfill'>, opts?: CallOptions) => callAction(activityContract, 'refuseBackfill', input, opts);
export const requestBackfill = (input: InputOf<A, 'requestBackfill'>, opts?: CallOptions) => callAction(activityContract, 'requestBackfill', input, opts);
export const finishActivity = (activityId: string, opts?: CallOptions) => callAction(activityContract, 'finish', { activityId }, opts);
export const activityRecords = (input: InputOf<A, 'records'>, opts?: CallOptions) => callAction(activityContract, 'records', input, opts);
export const confirmRecords = (activityId: string, opts?: CallOptions) => callAction(activityContract, 'confirmRecords', { activityId }, opts);
export const activityFigures = (input: InputOf<A, 'figures'>, opts?: CallOptions) => callAction(activityContract, 'figures', input, opts);

export const checkIn = (input: InputOf<C, 'checkIn'>, opts?: CallOptions) => callAction(checkinContract, 'checkIn', input, opts);
export const checkOut = (input: InputOf<C, 'checkOut'>, opts?: CallOptions) => callAction(checkinContract, 'checkOut', input, opts);
