// The volunteer function: its contract bound to its handlers. Tests import this module (not index,
// which would resolve to the generated index.js bundle when one exists).
import { volunteerContract } from '../../core/volunteer/volunteer.contract';
import { defineFunction } from '../../server/define-function';
import { deleteAccount, exportMyData } from './actions/account';
import { cardCode } from './actions/card';
import { listCertificates, requestCertificate, revokeCertificate, verifyCertificate } from './actions/certificates';
import { exportServiceRecords } from './actions/export';
import { decideMove, latestMove, listMoves, requestMove, withdrawMove } from './actions/moves';
import { register, resubmit, updateProfile } from './actions/registration';
import { get, list, recordTraining, review, setInsurance } from './actions/staff';
import { acceptFamilyInvite, communityPool, createFamilyInvite, donate, redeem, timeBank, transfer } from './actions/time-bank';
import { self } from './views';
import { volunteerByOpenid } from '../../server/volunteer/store';

export const volunteer = defineFunction(volunteerContract, {
  register,
  resubmit,
  me: async (_input, ctx) => {
    const v = await volunteerByOpenid(ctx.db, ctx.openid);
    return { volunteer: v ? self(ctx.config, v) : null, move: v ? await latestMove(ctx, ctx.openid) : null };
  },
  updateProfile,
  list,
  get,
  review,
  recordTraining,
  setInsurance,
  timeBank,
  createFamilyInvite,
  acceptFamilyInvite,
  transfer,
  donate,
  redeem,
  communityPool,
  requestCertificate,
  listCertificates,
  verifyCertificate,
  revokeCertificate,
  requestMove,
  withdrawMove,
  listMoves,
  decideMove,
  cardCode,
  exportServiceRecords,
  exportMyData,
  deleteAccount,
});
