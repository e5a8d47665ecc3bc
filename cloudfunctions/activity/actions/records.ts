// Service records: drafted when the activity is finished, confirmed by staff (crediting the time
// bank in the same transaction), corrected on the volunteer's request (办法 §13), back-filled only
// with evidence and a second, different approver, rated by staff (办法 §10).
import {
  activityMachine,
  AppError,
  backfillMachine,
  correctionMachine,
  dayOf,
  isVolunteeringCategory,
  serviceRecordMachine,
} from '../../../core';
import { isStaffOf, loadActivity, loadVolunteer, requireOrganizer, requireStaff } from '../../../server/activity/access';
import { ActivityCollections } from '../../../server/activity/collections';
import { creditServiceRecord } from '../../../server/volunteer/time-bank-credit';
import {
  ActivityDoc,
  activityView,
  as,
  AttendanceDoc,
  BackfillDoc,
  backfillView,
  CorrectionDoc,
  correctionView,
  pairId,
  recordView,
  ServiceRecordDoc,
} from '../../../server/activity/docs';
import { newRandomId } from '../../../server/activity/qr-mac';
import { draftRecordFor, recordBase, recordDueOn } from '../../../server/activity/records';
import { Collections } from '../../../server/collections';
import type { Ctx, TxCtx } from '../../../server/context';
import type { DocData, StoredDoc, Tx } from '../../../server/db';
import { paginate } from '../../../server/paginate';
import { guardRead } from '../../../server/transaction';
import { applyTransition } from '../../../server/transition';
import { revokeCertificatesCounting } from '../../../server/volunteer/certificates';
import type { In, Out } from '../types';

const refuse = (reason: string, message: string) => new AppError('failed-precondition', message, { reason });
const PAGE = 200;

/** Every document of `collection` matching `where`, read in the transaction page by page (by _id). */
async function readAll(ctx: TxCtx, collection: string, where: DocData): Promise<StoredDoc[]> {
  const _ = ctx.db.command;
  const out: StoredDoc[] = [];
  let after: string | null = null;
  for (;;) {
    const cond: DocData = after === null ? where : { ...where, _id: _.gt(after) };
    const page = (await ctx.tx.collection(collection).where(cond).orderBy('_id', 'asc').limit(PAGE).get()).data;
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!._id;
  }
}

export async function finish(input: In<'finish'>, ctx: TxCtx): Promise<Out<'finish'>> {
  const activity = await loadActivity(ctx, input.activityId);
  await requireOrganizer(ctx, activity);
  if (ctx.now() < activity.endAt) throw refuse('activity.not_over', '活动还没有结束');
  const { doc } = await applyTransition(ctx, activityMachine, {
    collection: ActivityCollections.activities,
    id: activity._id,
    event: 'finish',
    ...(input.version !== undefined ? { version: input.version } : {}),
    set: { updatedAt: ctx.now() },
  });
  const ended = as<ActivityDoc>(doc);
  const _ = ctx.db.command;
  const attendance = (await readAll(ctx, ActivityCollections.attendance, { activityId: activity._id, status: _.in(['checked_in', 'checked_out', 'confirmed']) })).map(
    (d) => as<AttendanceDoc>(d),
  );
  let records = 0;
  let unconfirmed = 0;
  for (const att of attendance) {
    // A clean check-out counts as confirmed; flagged or still open attendance waits for the leader.
    const ready = att.status === 'confirmed' || (att.status === 'checked_out' && !att.needsConfirmation);
    if (!ready) unconfirmed += 1;
    else if (await draftRecordFor(ctx, ended, att)) records += 1;
  }
  await ctx.audit({ action: 'activity.records_drafted', subject: `${ActivityCollections.activities}/${activity._id}`, after: { records, unconfirmed } });
  return { activity: activityView(ended, null), records, unconfirmedAttendance: unconfirmed };
}

export async function records(input: In<'records'>, ctx: Ctx): Promise<Out<'records'>> {
  const activity = await loadActivity(ctx, input.activityId);
  await requireOrganizer(ctx, activity);
  const page = await paginate(ctx.db, ActivityCollections.serviceRecords, { where: { activityId: activity._id }, sort: [], after: input.after ?? null, limit: input.limit });
  const today = dayOf(ctx.now());
  return { items: page.items.map((d) => recordView(as<ServiceRecordDoc>(d), today)), next: page.next };
}

export async function myRecords(input: In<'myRecords'>, ctx: Ctx): Promise<Out<'myRecords'>> {
  const page = await paginate(ctx.db, ActivityCollections.serviceRecords, {
    where: { openid: ctx.openid },
    sort: [{ field: 'date', order: 'desc' }],
    after: input.after ?? null,
    limit: input.limit,
  });
  const today = dayOf(ctx.now());
  return { items: page.items.map((d) => recordView(as<ServiceRecordDoc>(d), today)), next: page.next };
}

export async function confirmRecords(input: In<'confirmRecords'>, ctx: TxCtx): Promise<Out<'confirmRecords'>> {
  const activity = await loadActivity(ctx, input.activityId);
  await requireStaff(ctx, activity);
  if (activity.status !== 'ended') throw refuse('activity.not_ended', '活动结束（负责人完成考勤）后才能确认服务记录');
  const now = ctx.now();
  const drafts = (await readAll(ctx, ActivityCollections.serviceRecords, { activityId: activity._id, status: 'draft' })).map((d) => as<ServiceRecordDoc>(d));
  for (const r of drafts) {
    await applyTransition(ctx, serviceRecordMachine, {
      collection: ActivityCollections.serviceRecords,
      id: r._id,
      event: 'confirm',
      set: { confirmedAt: now, confirmedBy: ctx.openid, updatedAt: now },
    });
    await creditServiceRecord(ctx.tx, { recordId: r._id, revision: r.revision, openid: r.openid, communityId: r.communityId, minutes: r.minutes, at: now });
  }
  // Closed when no attendance waits for the leader any more: the records are complete.
  const _ = ctx.db.command;
  const waiting = (await readAll(ctx, ActivityCollections.attendance, { activityId: activity._id, status: _.in(['checked_in', 'checked_out']) })).filter(
    (d) => d.status === 'checked_in' || d.needsConfirmation === true,
  );
  let closed = false;
  if (waiting.length === 0) {
    await applyTransition(ctx, activityMachine, { collection: ActivityCollections.activities, id: activity._id, event: 'close', set: { updatedAt: now } });
    closed = true;
  }
  return { confirmed: drafts.length, closed };
}

async function loadRecord(tx: Tx, recordId: string): Promise<ServiceRecordDoc | null> {
  const d = (await tx.collection(ActivityCollections.serviceRecords).doc(recordId).get()).data;
  return d ? as<ServiceRecordDoc>(d) : null;
}

async function requireStaffOf(ctx: TxCtx, communityId: string): Promise<void> {
  if (!isStaffOf(await ctx.user(), communityId)) {
    throw new AppError('permission-denied', '只有本社区的工作人员可以这样做', { reason: 'activity.staff_only' });
  }
  await guardRead(ctx.tx, Collections.users, ctx.openid);
}

export async function requestCorrection(input: In<'requestCorrection'>, ctx: TxCtx): Promise<Out<'requestCorrection'>> {
  const record = await loadRecord(ctx.tx, input.recordId);
  // Someone else's record is "not found": a volunteer can never act on another's record.
  if (!record || record.openid !== ctx.openid) throw new AppError('not-found', '服务记录不存在', { reason: 'record.not_found' });
  if (record.status !== 'confirmed') throw refuse('record.not_confirmed', '服务记录确认后才能申请更正');
  if ((record as unknown as { openCorrectionId?: string | null }).openCorrectionId) {
    throw new AppError('already-exists', '这条记录已有一个待处理的更正申请', { reason: 'correction.already_open' });
  }
  if (input.minutes === record.minutes) throw refuse('correction.no_change', '申请的时长与记录相同');
  const now = ctx.now();
  const doc: CorrectionDoc = {
    _id: newRandomId('cr'),
    recordId: record._id,
    recordRevision: record.revision,
    openid: ctx.openid,
    communityId: record.communityId,
    status: 'open',
    minutes: input.minutes,
    previousMinutes: record.minutes,
    note: input.note,
    resolutionNote: null,
    version: 0,
    createdAt: now,
  };
  await ctx.tx.collection(ActivityCollections.recordCorrections).add({ data: doc as unknown as DocData });
  await ctx.tx.collection(ActivityCollections.serviceRecords).doc(record._id).update({ data: { openCorrectionId: doc._id, updatedAt: now } });
  await ctx.audit({ action: 'record_correction.request', subject: `${ActivityCollections.recordCorrections}/${doc._id}`, after: { recordId: record._id, minutes: input.minutes } });
  return correctionView(doc);
}

export async function resolveCorrection(input: In<'resolveCorrection'>, ctx: TxCtx): Promise<Out<'resolveCorrection'>> {
  const found = (await ctx.tx.collection(ActivityCollections.recordCorrections).doc(input.correctionId).get()).data;
  if (!found) throw new AppError('not-found', '更正申请不存在', { reason: 'correction.not_found' });
  const corr = as<CorrectionDoc>(found);
  await requireStaffOf(ctx, corr.communityId);
  if (corr.openid === ctx.openid) throw new AppError('permission-denied', '不能处理自己的更正申请', { reason: 'correction.own_record' });
  const record = await loadRecord(ctx.tx, corr.recordId);
  if (!record) throw new AppError('not-found', '服务记录不存在', { reason: 'record.not_found' });
  const now = ctx.now();
  const minutes = input.minutes ?? corr.minutes;
  const { doc } = await applyTransition(ctx, correctionMachine, {
    collection: ActivityCollections.recordCorrections,
    id: corr._id,
    event: input.accept ? 'accept' : 'refuse',
    set: { resolutionNote: input.note, resolvedBy: ctx.openid, resolvedAt: now, ...(input.accept ? { minutes } : {}) },
  });
  if (record.revision !== corr.recordRevision) throw refuse('correction.stale', '这条记录在申请之后已被修改，请重新申请');
  if (input.accept) {
    const revision = record.revision + 1;
    await applyTransition(ctx, serviceRecordMachine, {
      collection: ActivityCollections.serviceRecords,
      id: record._id,
      event: 'correct',
      set: { minutes, revision, openCorrectionId: null, updatedAt: now },
    });
    await creditServiceRecord(ctx.tx, { recordId: record._id, revision, openid: record.openid, communityId: record.communityId, minutes, at: now });
    // A certificate that counted the old minutes no longer states the truth: revoke it (the volunteer requests a new one).
    await revokeCertificatesCounting(ctx, record.openid, record._id, record.revision);
  } else {
    await ctx.tx.collection(ActivityCollections.serviceRecords).doc(record._id).update({ data: { openCorrectionId: null, updatedAt: now } });
  }
  return correctionView(as<CorrectionDoc>(doc));
}

async function existingRecord(ctx: TxCtx, id: string): Promise<ServiceRecordDoc | null> {
  const r = await loadRecord(ctx.tx, id);
  return r && r.status !== 'void' ? r : null;
}

export async function requestBackfill(input: In<'requestBackfill'>, ctx: TxCtx): Promise<Out<'requestBackfill'>> {
  const activity = await loadActivity(ctx, input.activityId);
  await requireStaff(ctx, activity);
  if (!isVolunteeringCategory(activity.category)) throw refuse('record.not_volunteering', '该活动不属于志愿服务，不能记录服务时长（办法第十九条）');
  if (!['ended', 'closed'].includes(activity.status)) throw refuse('activity.not_ended', '活动结束后才能补录');
  const length = Math.floor((activity.endAt - activity.startAt) / 60_000);
  if (input.minutes > length) {
    throw new AppError('invalid-argument', `补录时长不能超过活动时长 ${length} 分钟`, {
      reason: 'backfill.exceeds_activity',
      issues: [{ path: ['input', 'minutes'], code: 'custom', message: `at most the activity's length (${length} min)` }],
    });
  }
  const volunteer = await loadVolunteer(ctx, input.openid);
  if (!volunteer) throw new AppError('not-found', '该志愿者不存在', { reason: 'volunteer.not_found' });
  if (await existingRecord(ctx, pairId(activity._id, input.openid))) throw new AppError('already-exists', '此人在该活动已有服务记录，请走更正流程', { reason: 'record.exists' });
  const doc: BackfillDoc = {
    _id: newRandomId('bf'),
    activityId: activity._id,
    openid: input.openid,
    communityId: activity.communityId,
    minutes: input.minutes,
    evidence: input.evidence,
    note: input.note,
    status: 'requested',
    requestedBy: ctx.openid,
    approvedBy: null,
    recordId: null,
    version: 0,
    createdAt: ctx.now(),
  };
  await ctx.tx.collection(ActivityCollections.recordBackfills).add({ data: doc as unknown as DocData });
  await ctx.audit({
    action: 'backfill.request',
    subject: `${ActivityCollections.recordBackfills}/${doc._id}`,
    after: { activityId: doc.activityId, openid: doc.openid, minutes: doc.minutes, evidence: doc.evidence },
  });
  return backfillView(doc);
}

async function loadBackfill(ctx: TxCtx, id: string): Promise<BackfillDoc> {
  const d = (await ctx.tx.collection(ActivityCollections.recordBackfills).doc(id).get()).data;
  if (!d) throw new AppError('not-found', '补录申请不存在', { reason: 'backfill.not_found' });
  return as<BackfillDoc>(d);
}

export async function approveBackfill(input: In<'approveBackfill'>, ctx: TxCtx): Promise<Out<'approveBackfill'>> {
  const bf = await loadBackfill(ctx, input.backfillId);
  const activity = await loadActivity(ctx, bf.activityId);
  await requireStaff(ctx, activity);
  // No single admin can add hours: the approver must be another staff member.
  if (bf.requestedBy === ctx.openid) {
    throw new AppError('permission-denied', '补录需要另一位工作人员审批，申请人不能自己批准', { reason: 'backfill.same_approver' });
  }
  const recordId = pairId(activity._id, bf.openid);
  const now = ctx.now();
  const { doc } = await applyTransition(ctx, backfillMachine, {
    collection: ActivityCollections.recordBackfills,
    id: bf._id,
    event: 'approve',
    set: { approvedBy: ctx.openid, approvedAt: now, recordId, approvalNote: input.note ?? null },
  });
  // A record written meanwhile (attendance confirmed late, another back-fill) wins: correct it instead.
  const prior = await loadRecord(ctx.tx, recordId);
  if (prior && prior.status !== 'void') throw new AppError('already-exists', '此人在该活动已有服务记录，请走更正流程', { reason: 'record.exists' });
  const volunteer = await loadVolunteer(ctx, bf.openid);
  const record: ServiceRecordDoc = {
    _id: recordId,
    openid: bf.openid,
    volunteerNo: volunteer?.volunteerNo ?? '',
    ...recordBase(activity),
    minutes: bf.minutes,
    policyVersion: 'backfill@1',
    status: 'confirmed',
    revision: 0,
    source: 'backfill',
    rating: null,
    ratedOn: null,
    dueOn: recordDueOn(ctx, activity),
    overdue: false,
    confirmedAt: now,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
  const { _id, ...body } = record;
  if (prior) await ctx.tx.collection(ActivityCollections.serviceRecords).doc(recordId).set({ data: body as unknown as DocData });
  else await ctx.tx.collection(ActivityCollections.serviceRecords).add({ data: record as unknown as DocData });
  await ctx.audit({
    action: 'service_record.backfill',
    subject: `${ActivityCollections.serviceRecords}/${recordId}`,
    after: { minutes: bf.minutes, backfillId: bf._id, requestedBy: bf.requestedBy, approvedBy: ctx.openid },
  });
  await creditServiceRecord(ctx.tx, { recordId, revision: 0, openid: bf.openid, communityId: bf.communityId, minutes: bf.minutes, at: now });
  return backfillView(as<BackfillDoc>(doc));
}

export async function refuseBackfill(input: In<'refuseBackfill'>, ctx: TxCtx): Promise<Out<'refuseBackfill'>> {
  const bf = await loadBackfill(ctx, input.backfillId);
  const activity = await loadActivity(ctx, bf.activityId);
  await requireStaff(ctx, activity);
  const { doc } = await applyTransition(ctx, backfillMachine, {
    collection: ActivityCollections.recordBackfills,
    id: bf._id,
    event: 'refuse',
    set: { refusedBy: ctx.openid, refusedAt: ctx.now(), approvalNote: input.note ?? null },
  });
  return backfillView(as<BackfillDoc>(doc));
}

export async function rate(input: In<'rate'>, ctx: TxCtx): Promise<Out<'rate'>> {
  const record = await loadRecord(ctx.tx, input.recordId);
  if (!record) throw new AppError('not-found', '服务记录不存在', { reason: 'record.not_found' });
  await requireStaffOf(ctx, record.communityId);
  if (record.openid === ctx.openid) throw new AppError('permission-denied', '不能评价自己的服务', { reason: 'record.own_record' });
  if (record.status !== 'confirmed') throw refuse('record.not_confirmed', '服务记录确认后才能评价');
  const now = ctx.now();
  const set = { rating: input.rating, ratedOn: dayOf(now), ratedBy: ctx.openid, ratingComment: input.comment ?? null, updatedAt: now };
  await ctx.tx.collection(ActivityCollections.serviceRecords).doc(record._id).update({ data: set });
  await ctx.audit({
    action: 'service_record.rate',
    subject: `${ActivityCollections.serviceRecords}/${record._id}`,
    before: { rating: record.rating ?? null },
    after: { rating: input.rating, comment: input.comment ?? null },
  });
  return recordView({ ...record, ...set }, dayOf(now));
}
