// Activities: create, review (submit / reject / publish), cancel, read and list.
import { activityMachine, AppError, hasRole, HOURS_POLICIES, SignupStatus, toGeoJsonPoint } from '../../../core';
import { ActivityCollections } from '../../../server/activity/collections';
import { ActivityDoc, activityView, as, pairId, SignupDoc } from '../../../server/activity/docs';
import { isStaffOf, loadActivity, loadTeam, requireOrganizer, requireStaff, standingOf } from '../../../server/activity/access';
import { newActivityId, newQrSecret } from '../../../server/activity/qr-mac';
import { activitySettings } from '../../../server/activity/settings';
import { Collections } from '../../../server/collections';
import type { Ctx, TxCtx } from '../../../server/context';
import { checkText } from '../../../server/openapi';
import { paginate } from '../../../server/paginate';
import { guardRead } from '../../../server/transaction';
import { applyTransition } from '../../../server/transition';
import type { In, Out } from '../types';

export async function create(input: In<'create'>, ctx: TxCtx): Promise<Out<'create'>> {
  const user = await ctx.user();
  const c = input.communityId;
  const staffOrSw = isStaffOf(user, c) || (!!user && hasRole(user.roles, 'social-worker', c));
  if (input.teamId) {
    const team = await loadTeam(ctx, input.teamId);
    if (!team) throw new AppError('not-found', '服务队不存在', { reason: 'team.not_found' });
    if (team.communityId !== c) throw new AppError('invalid-argument', '服务队不属于该社区', { reason: 'activity.team_not_in_community', issues: [{ path: ['input', 'teamId'], code: 'custom', message: 'the team belongs to another community' }] });
    if (!staffOrSw && !team.leaders.includes(ctx.openid)) {
      throw new AppError('permission-denied', '只有社区工作人员、社工或该服务队队长可以发起活动', { reason: 'activity.cannot_create' });
    }
    if (!staffOrSw) await guardRead(ctx.tx, 'teams', team._id);
  } else if (!staffOrSw) {
    throw new AppError('permission-denied', '只有社区工作人员、社工或服务队队长可以发起活动', { reason: 'activity.cannot_create' });
  }
  if (staffOrSw) await guardRead(ctx.tx, Collections.users, ctx.openid);
  const now = ctx.now();
  if (input.startAt <= now) {
    throw new AppError('invalid-argument', '活动开始时间必须晚于现在', {
      reason: 'activity.starts_in_past',
      issues: [{ path: ['input', 'startAt'], code: 'custom', message: 'the start must be in the future' }],
    });
  }
  // Screened like any user text (title, content and risks appear in public recruiting pages).
  for (const [field, text] of [['title', input.title], ['content', input.content], ['risks', input.risks]] as const) {
    await checkText(ctx, text, { scene: 'forum', field });
  }
  const doc: ActivityDoc = {
    _id: newActivityId(),
    communityId: c,
    teamId: input.teamId ?? null,
    title: input.title,
    content: input.content,
    category: input.category,
    risks: input.risks,
    place: input.place,
    location: toGeoJsonPoint(input.place),
    startAt: input.startAt,
    endAt: input.endAt,
    capacity: input.capacity,
    waitlist: input.waitlist,
    signedUp: 0,
    waitlisted: 0,
    signupSeq: 0,
    eligibility: input.eligibility,
    checkin: input.checkin,
    organizingUnit: input.organizingUnit,
    leaderName: input.leaderName,
    hoursPolicy: input.hoursPolicy ?? activitySettings(ctx.config).defaultHoursPolicy,
    status: 'draft',
    version: 0,
    reviewNote: null,
    qrSecret: newQrSecret(),
    createdBy: ctx.openid,
    createdAt: now,
    updatedAt: now,
  };
  if (!(doc.hoursPolicy in HOURS_POLICIES)) throw new Error(`unknown hours policy ${doc.hoursPolicy}`);
  await ctx.tx.collection(ActivityCollections.activities).add({ data: doc as unknown as Record<string, unknown> });
  await ctx.audit({ action: 'activity.create', subject: `${ActivityCollections.activities}/${doc._id}`, after: { title: doc.title, status: 'draft' } });
  return activityView(doc, null);
}

export async function submit(input: In<'submit'>, ctx: TxCtx): Promise<Out<'submit'>> {
  const activity = await loadActivity(ctx, input.activityId);
  await requireOrganizer(ctx, activity);
  return transition(ctx, activity, 'submit', input.version);
}

export async function publish(input: In<'publish'>, ctx: TxCtx): Promise<Out<'publish'>> {
  const activity = await loadActivity(ctx, input.activityId);
  await requireStaff(ctx, activity);
  if (activity.endAt <= ctx.now()) throw new AppError('failed-precondition', '活动已经结束，不能发布', { reason: 'activity.already_over' });
  return transition(ctx, activity, 'publish', input.version, { reviewNote: null });
}

export async function reject(input: In<'reject'>, ctx: TxCtx): Promise<Out<'reject'>> {
  const activity = await loadActivity(ctx, input.activityId);
  await requireStaff(ctx, activity);
  return transition(ctx, activity, 'reject', undefined, { reviewNote: input.note });
}

export async function cancel(input: In<'cancel'>, ctx: TxCtx): Promise<Out<'cancel'>> {
  const activity = await loadActivity(ctx, input.activityId);
  await requireOrganizer(ctx, activity);
  return transition(ctx, activity, 'cancel', undefined, { reviewNote: input.reason });
}

async function transition(
  ctx: TxCtx,
  activity: ActivityDoc,
  event: 'submit' | 'publish' | 'reject' | 'cancel',
  version: number | undefined,
  set: Record<string, unknown> = {},
) {
  const result = await applyTransition(ctx, activityMachine, {
    collection: ActivityCollections.activities,
    id: activity._id,
    event,
    ...(version !== undefined ? { version } : {}),
    set: { ...set, updatedAt: ctx.now() },
  });
  return activityView(as<ActivityDoc>(result.doc), null);
}

/** Published (and later) activities are public to signed-in users; drafts only to their organizers. */
export async function get(input: In<'get'>, ctx: Ctx): Promise<Out<'get'>> {
  const activity = await loadActivity(ctx, input.activityId);
  if (activity.status === 'draft' || activity.status === 'submitted') {
    const s = await standingOf(ctx, activity);
    if (!s.staff && !s.teamLeader && !s.creator) throw new AppError('not-found', '活动不存在', { reason: 'activity.not_found' });
  }
  const mine = (await ctx.db.collection(ActivityCollections.signups).doc(pairId(activity._id, ctx.openid)).get()).data;
  return activityView(activity, mine ? ((mine as unknown as SignupDoc).status as SignupStatus) : null);
}

const PUBLIC_STATUSES = new Set(['published', 'ended', 'closed']);

export async function list(input: In<'list'>, ctx: Ctx): Promise<Out<'list'>> {
  const status = input.status ?? 'published';
  if (!PUBLIC_STATUSES.has(status) && !isStaffOf(await ctx.user(), input.communityId)) {
    throw new AppError('permission-denied', '只有本社区的工作人员可以查看未发布的活动', { reason: 'activity.staff_only' });
  }
  const page = await paginate(ctx.db, ActivityCollections.activities, {
    where: { communityId: input.communityId, status },
    sort: [{ field: 'startAt', order: status === 'published' ? 'asc' : 'desc' }],
    after: input.after ?? null,
    limit: input.limit,
  });
  return {
    items: page.items.map((d) => {
      const a = as<ActivityDoc>(d);
      return {
        activityId: a._id,
        title: a.title,
        category: a.category,
        startAt: a.startAt,
        endAt: a.endAt,
        capacity: a.capacity,
        signedUp: a.signedUp,
        waitlisted: a.waitlisted,
        status: a.status,
        placeName: a.place.name,
      };
    }),
    next: page.next,
  };
}
