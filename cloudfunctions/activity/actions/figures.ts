// The community's volunteering figures for its staff: the month's published activities and confirmed
// service hours, the registered volunteers, and how much waits in each review queue. A few indexed
// counts and one indexed aggregate (service_records community_status_date), never a scan.
import { AppError, dayOf, hasRole, wishMonthRange } from '../../../core';
import { isStaffOf } from '../../../server/activity/access';
import { ActivityCollections, VolunteerReads } from '../../../server/activity/collections';
import type { Ctx } from '../../../server/context';
import type { In, Out } from '../types';

/** The activity states that were published at some point (a cancelled one did not take place). */
const HELD = ['published', 'ended', 'closed'];

export async function figures(input: In<'figures'>, ctx: Ctx): Promise<Out<'figures'>> {
  // Counts only, no person: the community's staff and its social workers (issue 6: "staff and social
  // workers … the community figures").
  const user = await ctx.user();
  if (!isStaffOf(user, input.communityId) && !hasRole(user?.roles ?? [], 'social-worker', input.communityId)) {
    throw new AppError('permission-denied', '只有本社区的工作人员和社工可以查看', { reason: 'activity.staff_only' });
  }
  const _ = ctx.db.command;
  const communityId = input.communityId;
  const [start, end] = wishMonthRange(input.month);
  const count = async (collection: string, where: Record<string, unknown>) => (await ctx.db.collection(collection).where(where).count()).total;
  const [verifiedVolunteers, pendingVolunteers, activities, submittedActivities, openCorrections, pendingBackfills, served] = await Promise.all([
    count(VolunteerReads.volunteers, { communityId, status: 'verified' }),
    count(VolunteerReads.volunteers, { communityId, status: 'pending' }),
    count(ActivityCollections.activities, _.and([{ communityId }, { status: _.in(HELD) }, { startAt: _.gte(start) }, { startAt: _.lt(end) }])),
    count(ActivityCollections.activities, { communityId, status: 'submitted' }),
    count(ActivityCollections.recordCorrections, { communityId, status: 'open' }),
    count(ActivityCollections.recordBackfills, { communityId, status: 'requested' }),
    ctx.db
      .collection(ActivityCollections.serviceRecords)
      .aggregate()
      .match(_.and([{ communityId }, { status: 'confirmed' }, { date: _.gte(dayOf(start)) }, { date: _.lt(dayOf(end)) }]))
      .group({ _id: null, minutes: _.aggregate.sum('$minutes'), records: _.aggregate.sum(1) })
      .limit(1)
      .end(),
  ]);
  const sums = served.list[0] ?? { minutes: 0, records: 0 };
  return {
    communityId,
    month: input.month,
    verifiedVolunteers,
    activities,
    serviceRecords: Number(sums.records),
    serviceMinutes: Number(sums.minutes),
    pendingVolunteers,
    submittedActivities,
    openCorrections,
    pendingBackfills,
  };
}
