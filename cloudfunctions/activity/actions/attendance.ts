// The leader's side of attendance: the check-in code, roll call for people without smartphones,
// confirming flagged attendance and fixing a forgotten check-out. Each change is a transition of
// the attendance machine (or, for roll call, an insert) audited in the same transaction.
import { AppError, attendanceMachine, AttendanceView, dayOf, slotOf } from '../../../core';
import { loadActivity, requireOrganizer } from '../../../server/activity/access';
import { ActivityCollections, VolunteerReads } from '../../../server/activity/collections';
import { ActivityDoc, as, AttendanceDoc, attendanceView, pairId, SessionDoc, SignupDoc } from '../../../server/activity/docs';
import { signScene } from '../../../server/activity/qr-mac';
import { draftRecordFor } from '../../../server/activity/records';
import { activitySettings } from '../../../server/activity/settings';
import type { Ctx, TxCtx } from '../../../server/context';
import type { DocData } from '../../../server/db';
import { miniProgramCode } from '../../../server/openapi';
import { checkCardCode } from '../../../server/volunteer/card';
import { applyTransition } from '../../../server/transition';
import type { In, Out } from '../types';

const refuse = (reason: string, message: string) => new AppError('failed-precondition', message, { reason });

export async function qrCode(input: In<'qrCode'>, ctx: Ctx): Promise<Out<'qrCode'>> {
  const activity = await loadActivity(ctx, input.activityId);
  await requireOrganizer(ctx, activity);
  if (activity.status !== 'published') throw refuse('activity.not_published', '活动发布后才能生成签到码');
  const s = activitySettings(ctx.config);
  const now = ctx.now();
  const slotMs = s.slotSeconds * 1000;
  const slot = input.kind === 'poster' ? 'p' : slotOf(now, s.slotSeconds);
  const scene = signScene(activity.qrSecret, activity._id, slot);
  const code = await miniProgramCode({ page: s.checkinPage, scene });
  return {
    scene,
    page: s.checkinPage,
    imageBase64: code.buffer.toString('base64'),
    contentType: code.contentType,
    validUntil: slot === 'p' ? null : (slot + s.slotsValid) * slotMs,
    refreshAt: slot === 'p' ? null : (slot + 1) * slotMs,
  };
}

async function attendanceOf(ctx: TxCtx, activityId: string, openid: string): Promise<AttendanceDoc | null> {
  const doc = (await ctx.tx.collection(ActivityCollections.attendance).doc(pairId(activityId, openid)).get()).data;
  return doc ? as<AttendanceDoc>(doc) : null;
}

export async function rollCall(input: In<'rollCall'>, ctx: TxCtx): Promise<Out<'rollCall'>> {
  const activity = await loadActivity(ctx, input.activityId);
  await requireOrganizer(ctx, activity);
  return takeRollCall(ctx, activity, { openid: input.openid, event: input.event, reason: input.reason, flag: 'roll_call' });
}

/**
 * Roll call by the volunteer's card code (volunteer.cardCode): the code's signature and expiry
 * identify the volunteer, who must have signed up (or the activity allows walk-ins).
 */
export async function rollCallByCard(input: In<'rollCallByCard'>, ctx: TxCtx): Promise<Out<'rollCallByCard'>> {
  const activity = await loadActivity(ctx, input.activityId);
  await requireOrganizer(ctx, activity);
  const volunteerNo = checkCardCode(ctx.config, input.card, ctx.now());
  const found = (await ctx.tx.collection(VolunteerReads.volunteers).where({ volunteerNo }).limit(1).get()).data[0];
  if (!found || found.status !== 'verified') throw refuse('card.not_a_volunteer', '这张志愿者证对应的志愿者不存在或未通过审核');
  return takeRollCall(ctx, activity, { openid: String(found.openid), event: input.event, reason: `志愿者证 ${volunteerNo}`, flag: 'roll_call_card' });
}

interface RollCall {
  openid: string;
  event: 'in' | 'out';
  /** Why (typed by the leader) or how (the card): audited. */
  reason: string;
  flag: 'roll_call' | 'roll_call_card';
}

async function takeRollCall(ctx: TxCtx, activity: ActivityDoc, input: RollCall): Promise<AttendanceView> {
  if (activity.status !== 'published') throw refuse('activity.not_open', '活动不在进行中，不能点名');
  const now = ctx.now();
  if (now < activity.startAt - activity.checkin.opensBeforeMin * 60_000 || now > activity.endAt + activity.checkin.closesAfterMin * 60_000) {
    throw refuse('checkin.outside_window', '不在活动的签到时间内，不能点名；请在活动结束后用"补签退"或补录');
  }
  const id = pairId(activity._id, input.openid);
  const signup = (await ctx.tx.collection(ActivityCollections.signups).doc(id).get()).data as unknown as SignupDoc | null;
  if (signup?.status !== 'confirmed' && !activity.checkin.walkIns) {
    throw refuse('checkin.not_signed_up', '此人没有报名这个活动');
  }
  const existing = await attendanceOf(ctx, activity._id, input.openid);
  const subject = `${ActivityCollections.attendance}/${id}`;
  if (input.event === 'in') {
    const session: SessionDoc = { inAt: now, outAt: null, inOn: dayOf(now), inBy: 'roll_call', outBy: null };
    if (!existing) {
      const doc: AttendanceDoc = {
        _id: id,
        activityId: activity._id,
        openid: input.openid,
        communityId: activity.communityId,
        status: 'checked_in',
        sessions: [session],
        pairs: 1,
        checkedInAt: now,
        checkedOutAt: null,
        lastSlot: null,
        needsConfirmation: false,
        flags: [input.flag],
        version: 0,
        createdAt: now,
        updatedAt: now,
      };
      await ctx.tx.collection(ActivityCollections.attendance).add({ data: doc as unknown as DocData });
      await ctx.audit({ action: 'attendance.rollCall', subject, after: { status: 'checked_in', reason: input.reason, by: input.flag } });
      return attendanceView(doc);
    }
    if (existing.status === 'checked_in') throw refuse('checkin.already_checked_in', '此人已经签到');
    const today = dayOf(now);
    if (existing.sessions.filter((s) => s.inOn === today).length >= activity.checkin.maxPairsPerDay) {
      throw refuse('checkin.pair_limit', `本活动每人每天最多签到 ${activity.checkin.maxPairsPerDay} 次`);
    }
    const { doc } = await applyTransition(ctx, attendanceMachine, {
      collection: ActivityCollections.attendance,
      id,
      event: 'checkInAgain',
      set: {
        sessions: [...existing.sessions, session],
        pairs: existing.pairs + 1,
        checkedInAt: now,
        checkedOutAt: null,
        flags: [...new Set([...existing.flags, input.flag])],
        rollCallReason: input.reason,
        updatedAt: now,
      },
    });
    return attendanceView(as<AttendanceDoc>(doc));
  }
  if (!existing) throw refuse('checkin.not_checked_in', '此人还没有签到');
  const sessions = closeLast(existing.sessions, now, 'roll_call');
  const { doc } = await applyTransition(ctx, attendanceMachine, {
    collection: ActivityCollections.attendance,
    id,
    event: 'checkOut',
    set: { sessions, checkedOutAt: now, flags: [...new Set([...existing.flags, input.flag])], rollCallReason: input.reason, updatedAt: now },
  });
  return attendanceView(as<AttendanceDoc>(doc));
}

function closeLast(sessions: SessionDoc[], at: number, by: SessionDoc['outBy']): SessionDoc[] {
  return sessions.map((s, i) => (i === sessions.length - 1 ? { ...s, outAt: at, outBy: by } : s));
}

/** When the activity has already ended, a newly confirmed attendance gets its draft record at once. */
async function recordIfEnded(ctx: TxCtx, activity: ActivityDoc, attendance: AttendanceDoc): Promise<void> {
  if (activity.status === 'ended') await draftRecordFor(ctx, activity, attendance);
}

export async function confirmAttendance(input: In<'confirmAttendance'>, ctx: TxCtx): Promise<Out<'confirmAttendance'>> {
  const activity = await loadActivity(ctx, input.activityId);
  await requireOrganizer(ctx, activity);
  const existing = await attendanceOf(ctx, activity._id, input.openid);
  if (!existing) throw new AppError('not-found', '此人没有考勤记录', { reason: 'attendance.not_found' });
  const { doc } = await applyTransition(ctx, attendanceMachine, {
    collection: ActivityCollections.attendance,
    id: existing._id,
    event: input.accept ? 'confirm' : 'reject',
    set: { needsConfirmation: false, confirmedBy: ctx.openid, confirmNote: input.note ?? null, updatedAt: ctx.now() },
  });
  const att = as<AttendanceDoc>(doc);
  if (input.accept) await recordIfEnded(ctx, activity, att);
  return attendanceView(att);
}

export async function fixCheckOut(input: In<'fixCheckOut'>, ctx: TxCtx): Promise<Out<'fixCheckOut'>> {
  const activity = await loadActivity(ctx, input.activityId);
  await requireOrganizer(ctx, activity);
  if (activity.status !== 'published' && activity.status !== 'ended') throw refuse('activity.not_open', '活动不在进行中或刚结束，不能补签退');
  const existing = await attendanceOf(ctx, activity._id, input.openid);
  if (!existing) throw new AppError('not-found', '此人没有考勤记录', { reason: 'attendance.not_found' });
  const last = existing.sessions[existing.sessions.length - 1] as SessionDoc;
  const latest = activity.endAt + activity.checkin.closesAfterMin * 60_000;
  if (input.checkedOutAt <= last.inAt || input.checkedOutAt > latest || input.checkedOutAt > ctx.now()) {
    throw new AppError('invalid-argument', '签退时间必须在签到之后、活动签退截止之前', {
      reason: 'attendance.bad_check_out',
      issues: [{ path: ['input', 'checkedOutAt'], code: 'custom', message: 'after the check-in, not after the check-out deadline or now' }],
    });
  }
  const sessions = closeLast(existing.sessions, input.checkedOutAt, 'leader_fix');
  const { doc } = await applyTransition(ctx, attendanceMachine, {
    collection: ActivityCollections.attendance,
    id: existing._id,
    event: 'fixCheckOut',
    set: {
      sessions,
      checkedOutAt: input.checkedOutAt,
      needsConfirmation: false,
      confirmedBy: ctx.openid,
      confirmNote: input.reason,
      flags: [...new Set([...existing.flags, 'leader_fix'])],
      updatedAt: ctx.now(),
    },
  });
  const att = as<AttendanceDoc>(doc);
  await recordIfEnded(ctx, activity, att);
  return attendanceView(att);
}
