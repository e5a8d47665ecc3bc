// The checkin function: a volunteer's scan of an activity's code. Tests import this module (not
// index, which would resolve to the generated bundle).
//
// The burst path, so it is lean (../shared/reference/runner-throughput.md): no kernel transaction,
// no idempotency record, no audit append (the attendance document itself records who scanned
// what, when and where; leader-side changes to attendance are audited in the activity function).
// Exactly-once comes from the attendance's deterministic _id (activityId_openid) and a unique
// insert; later pairs and check-out are conditional updates on (status, pairs), so of two racing
// scans exactly one changes the document. The activity and the set of its confirmed sign-ups come
// from a per-instance cache (server/activity/activity-cache.ts, CHECKIN_ACTIVITY_CACHE_SECONDS and
// CHECKIN_SIGNUP_CACHE_SECONDS). Database requests while an activity is being scanned: a first
// check-in is the insert: 1; a duplicate 2 (the insert fails, the attendance is read for the
// reason); a check-out 2; plus, per instance and TTL, the activity and its confirmed sign-ups.
// A first scan in an instance, or someone not in the set, reads the sign-up by its id (+1).
import { AppError, checkinContract, dayOf, ScanInput, ScanResult } from '../../core';
import { loadTeam, loadVolunteer, storedOf } from '../../server/activity/access';
import { ActivityCollections } from '../../server/activity/collections';
import { ActivityDoc, AttendanceDoc, attendanceView, pairId, SessionDoc } from '../../server/activity/docs';
import { checkedActivity, signupStatus } from '../../server/activity/activity-cache';
import { refuseScan, sceneOf } from '../../server/activity/scan';
import type { Ctx } from '../../server/context';
import { DocData, isDuplicateKeyError } from '../../server/db';
import { defineFunction } from '../../server/define-function';
import { ineligibility } from '../../server/activity/eligibility';

const result = (a: ActivityDoc, d: AttendanceDoc): ScanResult => ({ ...attendanceView(d), activityTitle: a.title });

export async function checkIn(input: ScanInput, ctx: Ctx): Promise<ScanResult> {
  const scene = sceneOf(input.scene);
  const now = ctx.now();
  const { activity: a, verdict, fromCache } = await checkedActivity(ctx, scene, input.location, now, 'in');
  const id = pairId(a._id, ctx.openid);
  const attendance = ctx.db.collection(ActivityCollections.attendance);

  const signup = await signupStatus(ctx, a, id, now, fromCache);
  const flags = [...verdict.flags];
  if (signup !== 'confirmed') {
    if (!a.checkin.walkIns) {
      throw new AppError('permission-denied', signup === 'waitlisted' ? '你还在候补名单中，不能签到' : '你没有报名这个活动', {
        reason: 'checkin.not_signed_up',
      });
    }
    // A walk-in must be a verified volunteer who meets the activity's conditions.
    const v = await loadVolunteer(ctx, ctx.openid);
    if (!v || v.status !== 'verified') throw new AppError('permission-denied', '只有审核通过的志愿者可以签到', { reason: 'volunteer.not_verified' });
    const members = a.eligibility.teamOnly && a.teamId ? ((await loadTeam(ctx, a.teamId))?.members ?? []) : null;
    const problem = ineligibility(a, v, members);
    if (problem) throw problem;
    flags.push('walk_in');
  }

  const session: SessionDoc = { inAt: now, outAt: null, inOn: dayOf(now), inBy: 'scan', outBy: null };
  const doc: AttendanceDoc = {
    _id: id,
    activityId: a._id,
    openid: ctx.openid,
    communityId: a.communityId,
    status: 'checked_in',
    sessions: [session],
    pairs: 1,
    checkedInAt: now,
    checkedOutAt: null,
    lastSlot: verdict.slot,
    needsConfirmation: verdict.needsConfirmation,
    flags,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await attendance.add({ data: doc as unknown as DocData });
    return result(a, doc);
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e;
  }

  // The document exists: this person is checked in already (a double or concurrent scan), or
  // checked out and starting a further pair.
  const existing = storedOf<AttendanceDoc>((await attendance.doc(id).get()).data);
  if (!existing || existing.status === 'checked_in') throw refuseScan('checkin.already_checked_in', '你已经签到了，活动结束时记得签退');
  if (existing.status !== 'checked_out') throw refuseScan('checkin.attendance_closed', '你在本活动的考勤已由负责人确认，不能再签到');
  if (verdict.slot !== null && existing.lastSlot !== null && verdict.slot <= existing.lastSlot) {
    throw refuseScan('checkin.code_replayed', '这个签到码已经用过了，请扫描负责人手机上刷新后的二维码');
  }
  const today = dayOf(now);
  if (existing.sessions.filter((s) => s.inOn === today).length >= a.checkin.maxPairsPerDay) {
    throw refuseScan('checkin.pair_limit', `本活动每人每天最多签到 ${a.checkin.maxPairsPerDay} 次`);
  }
  const _ = ctx.db.command;
  const next: Partial<AttendanceDoc> = {
    status: 'checked_in',
    pairs: existing.pairs + 1,
    checkedInAt: now,
    checkedOutAt: null,
    lastSlot: verdict.slot ?? existing.lastSlot,
    needsConfirmation: existing.needsConfirmation || verdict.needsConfirmation,
    flags: [...new Set([...existing.flags, ...flags])],
    updatedAt: now,
  };
  const res = await attendance
    .where({ _id: id, status: 'checked_out', pairs: existing.pairs })
    .update({ data: { ...(next as DocData), sessions: _.push([session]) } });
  if (res.stats.updated !== 1) throw refuseScan('checkin.already_checked_in', '你已经签到了，活动结束时记得签退');
  return result(a, { ...existing, ...next, sessions: [...existing.sessions, session] } as AttendanceDoc);
}

export async function checkOut(input: ScanInput, ctx: Ctx): Promise<ScanResult> {
  const scene = sceneOf(input.scene);
  const now = ctx.now();
  const { activity: a, verdict } = await checkedActivity(ctx, scene, input.location, now, 'out');
  const id = pairId(a._id, ctx.openid);
  const attendance = ctx.db.collection(ActivityCollections.attendance);
  const existing = storedOf<AttendanceDoc>((await attendance.doc(id).get()).data);
  if (!existing) throw refuseScan('checkin.not_checked_in', '你还没有签到，不能签退');
  if (existing.status === 'checked_out') throw refuseScan('checkin.already_checked_out', '你已经签退了');
  if (existing.status !== 'checked_in') throw refuseScan('checkin.attendance_closed', '你在本活动的考勤已由负责人确认');
  if (verdict.slot !== null && existing.lastSlot !== null && verdict.slot <= existing.lastSlot) {
    throw refuseScan('checkin.code_replayed', '签到用过的二维码不能用来签退，请扫描负责人手机上刷新后的二维码');
  }
  const sessions = existing.sessions.map((s, i) => (i === existing.sessions.length - 1 ? { ...s, outAt: now, outBy: 'scan' as const } : s));
  const _ = ctx.db.command;
  const next: Partial<AttendanceDoc> = {
    status: 'checked_out',
    checkedOutAt: now,
    lastSlot: verdict.slot ?? existing.lastSlot,
    needsConfirmation: existing.needsConfirmation || verdict.needsConfirmation,
    flags: [...new Set([...existing.flags, ...verdict.flags])],
    updatedAt: now,
  };
  const res = await attendance
    .where({ _id: id, status: 'checked_in', pairs: existing.pairs })
    .update({ data: { ...(next as DocData), sessions: _.set(sessions) } });
  if (res.stats.updated !== 1) throw refuseScan('checkin.already_checked_out', '你已经签退了');
  return result(a, { ...existing, ...next, sessions } as AttendanceDoc);
}

export const checkin = defineFunction(checkinContract, { checkIn, checkOut });
