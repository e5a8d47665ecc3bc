// Service records (办法 §7) from attendance: one per volunteer and activity (_id activityId_openid),
// minutes by the activity's hours policy (stamped as policyVersion), due within N working days of
// the activity's last day (办法 §11; holidays from configuration).
import {
  addWorkingDays,
  attendedMs,
  dayOf,
  HOURS_POLICIES,
  isVolunteeringCategory,
  policyVersion,
  serviceMinutes,
} from '../../core';
import type { TxCtx } from '../context';
import type { DocData } from '../db';
import { loadVolunteer } from './access';
import { ActivityCollections } from './collections';
import type { ActivityDoc, AttendanceDoc, ServiceRecordDoc } from './docs';
import { activitySettings } from './settings';

export function recordDueOn(ctx: Pick<TxCtx, 'config'>, activity: Pick<ActivityDoc, 'endAt'>): string {
  const s = activitySettings(ctx.config);
  return addWorkingDays(dayOf(activity.endAt), s.deadlineDays, s.holidays);
}

export function minutesFor(activity: ActivityDoc, attendance: Pick<AttendanceDoc, 'sessions'>): { minutes: number; policyVersion: string } {
  const policy = HOURS_POLICIES[activity.hoursPolicy];
  const attended = Math.floor(attendedMs(attendance.sessions, { from: activity.startAt, to: activity.endAt }) / 60_000);
  const length = Math.floor((activity.endAt - activity.startAt) / 60_000);
  return { minutes: serviceMinutes(policy, attended, length), policyVersion: policyVersion(policy) };
}

/** The record's fixed fields from the activity (办法 §7: 名称、日期、地点、服务内容、组织单位、负责人). */
export function recordBase(activity: ActivityDoc): Pick<
  ServiceRecordDoc,
  'communityId' | 'activityId' | 'activityTitle' | 'category' | 'date' | 'place' | 'content' | 'organizingUnit' | 'leaderName'
> {
  return {
    communityId: activity.communityId,
    activityId: activity._id,
    activityTitle: activity.title,
    category: activity.category,
    date: dayOf(activity.startAt),
    place: activity.place.name,
    content: activity.content,
    organizingUnit: activity.organizingUnit,
    leaderName: activity.leaderName,
  };
}

/**
 * Writes the draft record of one confirmed attendance unless one exists. Returns whether it wrote.
 * Non-volunteering activities get none (办法 §19).
 */
export async function draftRecordFor(ctx: TxCtx, activity: ActivityDoc, attendance: AttendanceDoc): Promise<boolean> {
  if (!isVolunteeringCategory(activity.category)) return false;
  const id = attendance._id;
  const ref = ctx.tx.collection(ActivityCollections.serviceRecords).doc(id);
  if ((await ref.get()).data) return false;
  const volunteer = await loadVolunteer(ctx, attendance.openid);
  const now = ctx.now();
  const { minutes, policyVersion: pv } = minutesFor(activity, attendance);
  const doc: ServiceRecordDoc = {
    _id: id,
    openid: attendance.openid,
    volunteerNo: volunteer?.volunteerNo ?? '',
    ...recordBase(activity),
    minutes,
    policyVersion: pv,
    status: 'draft',
    revision: 0,
    source: 'attendance',
    rating: null,
    ratedOn: null,
    dueOn: recordDueOn(ctx, activity),
    overdue: false,
    confirmedAt: null,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.tx.collection(ActivityCollections.serviceRecords).add({ data: doc as unknown as DocData });
  return true;
}
