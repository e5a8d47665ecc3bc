// The staff review queues of a community, oldest first: correction requests awaiting a decision
// (办法 §13) and back-fills awaiting their second approver. Each item carries what a reviewer needs
// to decide — the record or activity it concerns, the masked volunteer — and, on a back-fill, who
// requested it (the first approver), so the page can say that someone else must approve.
import { dayOf } from '../../../core';
import { docsById, requireStaffOfCommunity, volunteersByOpenid } from '../../../server/activity/access';
import { ActivityCollections } from '../../../server/activity/collections';
import { ActivityDoc, as, BackfillDoc, backfillView, CorrectionDoc, correctionView, ServiceRecordDoc } from '../../../server/activity/docs';
import type { Ctx } from '../../../server/context';
import { paginate } from '../../../server/paginate';
import type { In, Out } from '../types';

/** One page of the community's queue: the documents of `collection` in `status`, oldest first. */
async function queuePage<T>(ctx: Ctx, collection: string, status: string, input: In<'pendingCorrections'>): Promise<{ docs: T[]; next: string | null }> {
  await requireStaffOfCommunity(ctx, input.communityId);
  const page = await paginate(ctx.db, collection, {
    where: { communityId: input.communityId, status },
    sort: [{ field: 'createdAt', order: 'asc' }],
    after: input.after ?? null,
    limit: input.limit,
  });
  return { docs: page.items.map((d) => as<T>(d)), next: page.next };
}

export async function pendingCorrections(input: In<'pendingCorrections'>, ctx: Ctx): Promise<Out<'pendingCorrections'>> {
  const page = await queuePage<CorrectionDoc>(ctx, ActivityCollections.recordCorrections, 'open', input);
  const corrections = page.docs;
  const [records, volunteers] = await Promise.all([
    docsById<ServiceRecordDoc>(ctx, ActivityCollections.serviceRecords, corrections.map((c) => c.recordId)),
    volunteersByOpenid(ctx, corrections.map((c) => c.openid)),
  ]);
  return {
    items: corrections.map((c) => {
      const r = records.get(c.recordId);
      const v = volunteers.get(c.openid);
      return {
        ...correctionView(c),
        volunteerNo: v?.volunteerNo ?? r?.volunteerNo ?? '',
        maskedName: v?.maskedName ?? '某',
        activityId: r?.activityId ?? '',
        activityTitle: r?.activityTitle ?? '',
        date: r?.date ?? '',
        place: r?.place ?? '',
        organizingUnit: r?.organizingUnit ?? '',
        createdAt: c.createdAt,
      };
    }),
    next: page.next,
  };
}

export async function pendingBackfills(input: In<'pendingBackfills'>, ctx: Ctx): Promise<Out<'pendingBackfills'>> {
  const page = await queuePage<BackfillDoc>(ctx, ActivityCollections.recordBackfills, 'requested', input);
  const backfills = page.docs;
  const [activities, volunteers] = await Promise.all([
    docsById<ActivityDoc>(ctx, ActivityCollections.activities, backfills.map((b) => b.activityId)),
    volunteersByOpenid(ctx, backfills.flatMap((b) => [b.openid, b.requestedBy])),
  ]);
  return {
    items: backfills.map((b) => {
      const a = activities.get(b.activityId);
      const v = volunteers.get(b.openid);
      return {
        ...backfillView(b),
        volunteerNo: v?.volunteerNo ?? '',
        maskedName: v?.maskedName ?? '某',
        activityTitle: a?.title ?? '',
        activityDate: a ? dayOf(a.startAt) : '',
        activityMinutes: a ? Math.floor((a.endAt - a.startAt) / 60_000) : 0,
        evidence: b.evidence,
        note: b.note,
        requestedByName: volunteers.get(b.requestedBy)?.maskedName ?? null,
        requestedByMe: b.requestedBy === ctx.openid,
        createdAt: b.createdAt,
      };
    }),
    next: page.next,
  };
}
