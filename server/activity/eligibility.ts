// Whether a volunteer may join an activity (sign-up and walk-in check-in): age on the activity's
// day, trainings (条例 §16), insurance for risky work (条例 §17), team-only activities.
import { ageOn, AppError, dayOf } from '../../core';
import type { VolunteerDoc } from './access';
import type { ActivityDoc } from './docs';

const refuse = (reason: string, message: string) => new AppError('failed-precondition', message, { reason });

/** Why this volunteer may not join this activity, or null. */
export function ineligibility(activity: ActivityDoc, v: VolunteerDoc, teamMembers: readonly string[] | null): AppError | null {
  const e = activity.eligibility;
  const age = v.birthDate ? ageOn(v.birthDate, dayOf(activity.startAt)) : null;
  if (age === null || age < e.minAge) return refuse('activity.too_young', `本活动要求年满 ${e.minAge} 周岁`);
  const done = new Set(v.trainings ?? []);
  const missing = e.trainings.filter((t) => !done.has(t));
  if (missing.length) return refuse('activity.training_required', `本活动要求先完成培训：${missing.join('、')}`);
  if (e.insuranceRequired && !(typeof v.insuranceUntil === 'number' && v.insuranceUntil >= activity.endAt)) {
    return refuse('activity.insurance_required', '本活动有一定风险，需要覆盖活动时间的人身意外伤害保险');
  }
  if (e.teamOnly && !(teamMembers ?? []).includes(v.openid)) return refuse('activity.team_only', '本活动仅限服务队队员报名');
  return null;
}
