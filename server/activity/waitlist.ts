// The waitlist: when a confirmed place frees up (a cancellation, a volunteer moving away), the first
// person on the waitlist is promoted in the same transaction and told so by a subscribe message
// after the commit (once, never on a retry or a replay; ACTIVITY_PROMOTION_TEMPLATE_ID).
import { signupMachine } from '../../core';
import type { TxCtx } from '../context';
import type { DocData, StoredDoc } from '../db';
import { sendSubscribeMessage } from '../openapi';
import { applyTransition } from '../transition';
import { ActivityCollections } from './collections';
import type { ActivityDoc, SignupDoc } from './docs';
import { activitySettings } from './settings';

/** The page the promotion message opens. */
export const ACTIVITY_PAGE = 'pages/volunteer/activity/index';

/** Promotes the first waitlisted person of the activity, if any; returns their openid. */
export async function promoteNext(ctx: TxCtx, activity: Pick<ActivityDoc, '_id' | 'title' | 'startAt' | 'place'>): Promise<string | null> {
  const next = (
    await ctx.tx.collection(ActivityCollections.signups).where({ activityId: activity._id, status: 'waitlisted' }).orderBy('seq', 'asc').limit(1).get()
  ).data[0];
  if (!next) return null;
  await applyTransition(ctx, signupMachine, { collection: ActivityCollections.signups, id: next._id, event: 'promote', set: { updatedAt: ctx.now() } });
  const openid = String(next.openid);
  const templateId = activitySettings(ctx.config).promotionTemplateId;
  ctx.afterCommit('notify.waitlistPromoted', () =>
    sendSubscribeMessage(
      {
        touser: openid,
        templateId,
        page: `${ACTIVITY_PAGE}?activityId=${activity._id}`,
        data: { thing1: activity.title, time2: activity.startAt, thing3: activity.place.name, thing4: '候补成功，您已获得参加名额' },
      },
      ctx,
    ),
  );
  return openid;
}

/**
 * Withdraws one sign-up (confirmed or waitlisted) and keeps the activity's counts: a freed confirmed
 * place goes to the first on the waitlist. Returns the withdrawn sign-up and whether someone moved up.
 */
export async function withdrawSignup(ctx: TxCtx, activity: ActivityDoc, signup: Pick<SignupDoc, '_id' | 'status'>, set: DocData = {}): Promise<{ doc: StoredDoc; promoted: boolean }> {
  const now = ctx.now();
  const { doc } = await applyTransition(ctx, signupMachine, { collection: ActivityCollections.signups, id: signup._id, event: 'withdraw', set: { ...set, updatedAt: now } });
  let { signedUp, waitlisted } = activity;
  let promoted = false;
  if (signup.status === 'waitlisted') waitlisted -= 1;
  else {
    signedUp -= 1;
    if (await promoteNext(ctx, activity)) {
      signedUp += 1;
      waitlisted -= 1;
      promoted = true;
    }
  }
  await ctx.tx.collection(ActivityCollections.activities).doc(activity._id).update({ data: { signedUp, waitlisted, updatedAt: now } });
  return { doc, promoted };
}

/**
 * Ends the person's sign-ups (confirmed or waitlisted) for activities of the community that have
 * not started yet (they moved to another community): each is withdrawn, the activity's counts
 * follow, and a freed place goes to the next on the waitlist. Returns how many ended.
 */
export async function endFutureSignups(ctx: TxCtx, openid: string, communityId: string): Promise<number> {
  const _ = ctx.db.command;
  const open = (await ctx.tx.collection(ActivityCollections.signups).where({ openid, communityId, status: _.in(['confirmed', 'waitlisted']) }).limit(1000).get()).data;
  let ended = 0;
  for (const s of open) {
    const activity = (await ctx.tx.collection(ActivityCollections.activities).doc(String(s.activityId)).get()).data as unknown as ActivityDoc | null;
    if (!activity || activity.startAt <= ctx.now() || !['draft', 'submitted', 'published'].includes(activity.status)) continue;
    await withdrawSignup(ctx, activity, s as unknown as SignupDoc, { endedBy: 'moved' });
    ended += 1;
  }
  return ended;
}
