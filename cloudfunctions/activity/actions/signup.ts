// Sign-up with a waitlist, cancellation with automatic promotion, and the leader's roster.
// Capacity is never exceeded: the counters live on the activity document, which every sign-up and
// cancellation writes in its transaction, so two racing sign-ups for the last place conflict and
// the retry sees the place taken (test/cloudfunctions/activity/signup.test.ts races them).
import { AppError, signupMachine } from '../../../core';
import { ineligibility } from '../../../server/activity/eligibility';
import { withdrawSignup } from '../../../server/activity/waitlist';
import { docsById, loadActivity, loadTeam, loadVolunteer, requireOrganizer, volunteersByOpenid } from '../../../server/activity/access';
import { ActivityCollections, VolunteerReads } from '../../../server/activity/collections';
import { as, AttendanceDoc, pairId, SignupDoc } from '../../../server/activity/docs';
import type { Ctx, TxCtx } from '../../../server/context';
import { paginate } from '../../../server/paginate';
import { guardRead } from '../../../server/transaction';
import { applyTransition } from '../../../server/transition';
import type { In, Out } from '../types';

const refuse = (reason: string, message: string) => new AppError('failed-precondition', message, { reason });

export async function signUp(input: In<'signUp'>, ctx: TxCtx): Promise<Out<'signUp'>> {
  const activity = await loadActivity(ctx, input.activityId);
  const volunteer = await loadVolunteer(ctx, ctx.openid);
  if (!volunteer) throw new AppError('permission-denied', '请先注册成为志愿者', { reason: 'volunteer.not_registered' });
  if (volunteer.status !== 'verified') throw refuse('volunteer.not_verified', '志愿者身份审核通过后才能报名');
  const now = ctx.now();
  if (activity.status !== 'published') throw refuse('activity.not_recruiting', '该活动不在招募中');
  if (now >= activity.startAt) throw refuse('activity.started', '活动已经开始，报名已截止');
  let members: string[] | null = null;
  if (activity.eligibility.teamOnly && activity.teamId) {
    members = (await loadTeam(ctx, activity.teamId))?.members ?? [];
    await guardRead(ctx.tx, VolunteerReads.teams, activity.teamId);
  }
  const problem = ineligibility(activity, volunteer, members);
  if (problem) throw problem;
  // The verified status and eligibility facts were only read: guard them against a concurrent change.
  await guardRead(ctx.tx, VolunteerReads.volunteers, volunteer._id);

  const id = pairId(activity._id, ctx.openid);
  const ref = ctx.tx.collection(ActivityCollections.signups).doc(id);
  const existing = (await ref.get()).data as unknown as SignupDoc | null;
  if (existing && existing.status !== 'cancelled') return signupView(ctx, existing);

  const confirmed = activity.signedUp < activity.capacity;
  if (!confirmed && activity.waitlisted >= activity.waitlist) {
    throw new AppError('resource-exhausted', activity.waitlist > 0 ? '名额和候补都已满' : '名额已满', { reason: 'activity.full' });
  }
  const status = confirmed ? 'confirmed' : 'waitlisted';
  const seq = activity.signupSeq + 1;
  const doc: SignupDoc = {
    _id: id,
    activityId: activity._id,
    openid: ctx.openid,
    communityId: activity.communityId,
    status,
    seq,
    version: (existing?.version ?? 0) + 1,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  if (existing) {
    await applyTransition(ctx, signupMachine, {
      collection: ActivityCollections.signups,
      id,
      event: confirmed ? 'rejoin' : 'rejoinWaitlist',
      set: { seq, updatedAt: now },
    });
  } else {
    await ctx.tx.collection(ActivityCollections.signups).add({ data: doc as unknown as Record<string, unknown> });
    await ctx.audit({ action: 'signup.create', subject: `${ActivityCollections.signups}/${id}`, after: { status } });
  }
  await ctx.tx.collection(ActivityCollections.activities).doc(activity._id).update({
    data: {
      signupSeq: seq,
      signedUp: activity.signedUp + (confirmed ? 1 : 0),
      waitlisted: activity.waitlisted + (confirmed ? 0 : 1),
      updatedAt: now,
    },
  });
  return {
    activityId: activity._id,
    status,
    waitlistPosition: confirmed ? null : activity.waitlisted + 1,
  };
}

async function signupView(ctx: TxCtx | Ctx, s: SignupDoc) {
  let position: number | null = null;
  if (s.status === 'waitlisted') {
    const _ = ctx.db.command;
    const ahead = await ctx.db.collection(ActivityCollections.signups).where({ activityId: s.activityId, status: 'waitlisted', seq: _.lt(s.seq) }).count();
    position = ahead.total + 1;
  }
  return { activityId: s.activityId, status: s.status, waitlistPosition: position };
}

export async function cancelSignUp(input: In<'cancelSignUp'>, ctx: TxCtx): Promise<Out<'cancelSignUp'>> {
  const activity = await loadActivity(ctx, input.activityId);
  const id = pairId(activity._id, ctx.openid);
  const existing = (await ctx.tx.collection(ActivityCollections.signups).doc(id).get()).data as unknown as SignupDoc | null;
  if (!existing) throw new AppError('not-found', '你没有报名这个活动', { reason: 'signup.not_found' });
  if (activity.status !== 'published' || ctx.now() >= activity.startAt) {
    throw refuse('activity.signup_closed', '活动已经开始或结束，不能再取消报名；如不能参加请告知负责人');
  }
  // A freed place goes to the first on the waitlist, in the same transaction.
  const { doc, promoted } = await withdrawSignup(ctx, activity, existing);
  return { signup: { activityId: activity._id, status: (doc as unknown as SignupDoc).status, waitlistPosition: null }, promoted: promoted ? 1 : 0 };
}

export async function roster(input: In<'roster'>, ctx: Ctx): Promise<Out<'roster'>> {
  const activity = await loadActivity(ctx, input.activityId);
  await requireOrganizer(ctx, activity);
  const page = await paginate(ctx.db, ActivityCollections.signups, {
    where: { activityId: activity._id },
    sort: [{ field: 'seq', order: 'asc' }],
    after: input.after ?? null,
    limit: input.limit,
  });
  const signups = page.items.map((d) => as<SignupDoc>(d));
  const openids = signups.map((s) => s.openid);
  const [volBy, attById] = await Promise.all([
    volunteersByOpenid(ctx, openids),
    docsById<AttendanceDoc>(ctx, ActivityCollections.attendance, openids.map((o) => pairId(activity._id, o))),
  ]);
  return {
    items: signups.map((s) => {
      const v = volBy.get(s.openid);
      const a = attById.get(pairId(activity._id, s.openid));
      return {
        volunteerNo: v?.volunteerNo ?? '',
        maskedName: v?.maskedName ?? '某',
        openid: s.openid,
        signup: s.status,
        attendance: a?.status ?? null,
        checkedInAt: a?.checkedInAt ?? null,
        checkedOutAt: a?.checkedOutAt ?? null,
        needsConfirmation: a?.needsConfirmation ?? false,
      };
    }),
    next: page.next,
  };
}
