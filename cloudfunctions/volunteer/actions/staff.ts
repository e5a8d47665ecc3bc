// What staff of the volunteer's community do: list and look at registrations, verify or reject
// them (with a reason), record trainings and insurance (the activity half checks both for
// eligibility). Staff of another community get permission-denied for every one of these.
import {
  AppError,
  endOfDay,
  GetVolunteerInput,
  ListVolunteersInput,
  RecordTrainingInput,
  ReviewVolunteerInput,
  SetInsuranceInput,
  volunteerMachine,
  VolunteerCard,
  VolunteerSummary,
  withGrant,
} from '../../../core';
import type { Ctx, TxCtx } from '../../../server/context';
import { paginate } from '../../../server/paginate';
import { applyTransition } from '../../../server/transition';
import { requireStaff } from '../../../server/volunteer/access';
import { VolunteerCollections as C } from '../../../server/volunteer/collections';
import { changeRoles } from '../../../server/volunteer/membership';
import { parseVolunteer, volunteerById, VolunteerDoc } from '../../../server/volunteer/store';
import { card, summary } from '../views';

export async function list(input: ListVolunteersInput, ctx: Ctx): Promise<{ items: VolunteerCard[]; next: string | null }> {
  await requireStaff(ctx, input.communityId);
  const _ = ctx.db.command;
  const page = await paginate(ctx.db, C.volunteers, {
    where: { communityId: input.communityId, status: input.status ?? _.neq('erased') },
    sort: [{ field: 'createdAt', order: 'asc' }],
    after: input.after,
    limit: input.limit,
  });
  return { items: page.items.map((d) => card(ctx.config, parseVolunteer(d), ctx.now())), next: page.next };
}

export async function get(input: GetVolunteerInput, ctx: Ctx): Promise<VolunteerCard> {
  const v = await volunteerById(ctx.db, input.volunteerId);
  await requireStaff(ctx, v.communityId);
  return card(ctx.config, v, ctx.now());
}

async function staffTarget(ctx: TxCtx, volunteerId: string): Promise<VolunteerDoc> {
  const v = await volunteerById(ctx.tx, volunteerId);
  await requireStaff(ctx, v.communityId);
  return v;
}

export async function review(input: ReviewVolunteerInput, ctx: TxCtx): Promise<VolunteerSummary> {
  const v = await staffTarget(ctx, input.volunteerId);
  // Nobody verifies their own registration.
  if (v.openid === ctx.openid) throw new AppError('permission-denied', 'you cannot review your own registration', { reason: 'volunteer.self_review' });
  const at = ctx.now();
  const result = await applyTransition(ctx, volunteerMachine, {
    collection: C.volunteers,
    id: v._id,
    event: input.decision === 'verify' ? 'verify' : 'reject',
    ...(input.version !== undefined ? { version: input.version } : {}),
    set: { rejectReason: input.decision === 'reject' ? input.reason : null, reviewedBy: ctx.openid, reviewedAt: at, updatedAt: at },
  });
  if (input.decision === 'verify') {
    // The volunteer role in the community follows from a verified registration.
    await changeRoles(ctx, v.openid, (roles) => withGrant(roles, { role: 'volunteer', communityId: v.communityId }));
  }
  return summary(parseVolunteer(result.doc));
}

export async function recordTraining(input: RecordTrainingInput, ctx: TxCtx): Promise<VolunteerSummary> {
  const v = await staffTarget(ctx, input.volunteerId);
  const at = ctx.now();
  const trainings = v.trainings.includes(input.training) ? v.trainings : [...v.trainings, input.training];
  const ref = ctx.tx.collection(C.volunteers).doc(v._id);
  const stored = (await ref.get()).data;
  const log = Array.isArray(stored?.trainingLog) ? stored.trainingLog : [];
  await ref.update({ data: { trainings, trainingLog: [...log, { training: input.training, completedOn: input.completedOn, by: ctx.openid, at }], version: v.version + 1, updatedAt: at } });
  await ctx.audit({ action: 'volunteer.recordTraining', subject: `${C.volunteers}/${v._id}`, before: { trainings: v.trainings }, after: { trainings, completedOn: input.completedOn } });
  return summary({ ...v, trainings, version: v.version + 1 });
}

export async function setInsurance(input: SetInsuranceInput, ctx: TxCtx): Promise<VolunteerSummary> {
  const v = await staffTarget(ctx, input.volunteerId);
  // Covered until the end of that day, China time.
  const insuranceUntil = input.until === null ? null : endOfDay(input.until) - 1;
  await ctx.tx.collection(C.volunteers).doc(v._id).update({ data: { insuranceUntil, version: v.version + 1, updatedAt: ctx.now() } });
  await ctx.audit({ action: 'volunteer.setInsurance', subject: `${C.volunteers}/${v._id}`, before: { insuranceUntil: v.insuranceUntil }, after: { insuranceUntil } });
  return summary({ ...v, insuranceUntil, version: v.version + 1 });
}
