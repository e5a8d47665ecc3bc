// Client side of the `volunteer` function (core/volunteer/volunteer.contract.ts).
import { volunteerContract, type InputOf } from '../core/index';
import { callAction, type CallOptions } from './call';

type V = typeof volunteerContract;

export const register = (input: InputOf<V, 'register'>, opts?: CallOptions) => callAction(volunteerContract, 'register', input, opts);
export const resubmit = (input: InputOf<V, 'resubmit'>, opts?: CallOptions) => callAction(volunteerContract, 'resubmit', input, opts);
export const volunteerMe = (opts?: CallOptions) => callAction(volunteerContract, 'me', {}, opts);
export const timeBank = (input: InputOf<V, 'timeBank'>, opts?: CallOptions) => callAction(volunteerContract, 'timeBank', input, opts);
export const transfer = (input: InputOf<V, 'transfer'>, opts?: CallOptions) => callAction(volunteerContract, 'transfer', input, opts);
export const donate = (input: InputOf<V, 'donate'>, opts?: CallOptions) => callAction(volunteerContract, 'donate', input, opts);
export const listCertificates = (opts?: CallOptions) => callAction(volunteerContract, 'listCertificates', {}, opts);
export const requestCertificate = (input: InputOf<V, 'requestCertificate'>, opts?: CallOptions) => callAction(volunteerContract, 'requestCertificate', input, opts);
export const listVolunteers = (input: InputOf<V, 'list'>, opts?: CallOptions) => callAction(volunteerContract, 'list', input, opts);
export const reviewVolunteer = (input: InputOf<V, 'review'>, opts?: CallOptions) => callAction(volunteerContract, 'review', input, opts);
export const createFamilyInvite = (input: InputOf<V, 'createFamilyInvite'>, opts?: CallOptions) => callAction(volunteerContract, 'createFamilyInvite', input, opts);
export const acceptFamilyInvite = (code: string, opts?: CallOptions) => callAction(volunteerContract, 'acceptFamilyInvite', { code }, opts);
export const verifyCertificate = (input: InputOf<V, 'verifyCertificate'>, opts?: CallOptions) => callAction(volunteerContract, 'verifyCertificate', input, opts);
export const revokeCertificate = (input: InputOf<V, 'revokeCertificate'>, opts?: CallOptions) => callAction(volunteerContract, 'revokeCertificate', input, opts);
export const cardCode = (opts?: CallOptions) => callAction(volunteerContract, 'cardCode', {}, opts);
export const requestMove = (input: InputOf<V, 'requestMove'>, opts?: CallOptions) => callAction(volunteerContract, 'requestMove', input, opts);
export const withdrawMove = (moveId: string, opts?: CallOptions) => callAction(volunteerContract, 'withdrawMove', { moveId }, opts);
export const listMoves = (input: InputOf<V, 'listMoves'>, opts?: CallOptions) => callAction(volunteerContract, 'listMoves', input, opts);
export const decideMove = (input: InputOf<V, 'decideMove'>, opts?: CallOptions) => callAction(volunteerContract, 'decideMove', input, opts);
