// Contract of the `activity` function: activities (create, review, publish, cancel), sign-up with
// waitlist, the leader's roster and check-in code, roll call and attendance fixes, and the
// service records (办法 §7, §10, §11, §13) with corrections, back-fill and rating.
// Who may call each action: docs/activities.md.
import { defineContract, PageCursor } from '../contract';
import { CommunityId } from '../roles';
import { OpenId } from '../user.contract';
import { CardCode } from '../volunteer/card';
import { WishMonth } from '../wish/rules';
import { z } from '../zod-setup';
import { LatLng } from '../geo';
import { HoursPolicyId } from './hours';
import {
  activityMachine,
  attendanceMachine,
  backfillMachine,
  correctionMachine,
  serviceRecordMachine,
  signupMachine,
} from './machines';
import { ActivityId } from './qr';
import { activityText } from './text';

/** Volunteer service categories: only these may become service records (办法 §19). */
export const VOLUNTEERING_CATEGORIES = [
  'elderly-care',
  'child-care',
  'disability-support',
  'environment',
  'education',
  'health',
  'community-service',
  'emergency',
  'culture-sports',
  'legal-aid',
] as const;
/** Activities the community also organizes that are not volunteer service (no record, no hours). */
export const NON_VOLUNTEERING_CATEGORIES = ['meeting', 'training', 'social-event'] as const;
export const ActivityCategory = z.enum([...VOLUNTEERING_CATEGORIES, ...NON_VOLUNTEERING_CATEGORIES]);
export type ActivityCategory = z.infer<typeof ActivityCategory>;

export function isVolunteeringCategory(category: string): boolean {
  return (VOLUNTEERING_CATEGORIES as readonly string[]).includes(category);
}

/** Instants the product accepts (epoch ms, 2020–2100): anything else is a client bug or an attack. */
export const ActivityInstant = z.number().int().min(Date.UTC(2020, 0, 1)).max(Date.UTC(2100, 0, 1));
/** Ids of documents this domain refers to (teams, records, corrections, back-fills). */
export const ActivityRefId = z.string().regex(/^[A-Za-z0-9_-]{1,96}$/, 'an id of 1–96 characters A–Z a–z 0–9 _ -');
export const TrainingCode = z.string().regex(/^[a-z0-9-]{2,32}$/, 'a training code: 2–32 lowercase letters, digits or dashes');

/** At most a week: a record carries at most 7 × 24 h (the time bank refuses more per record). */
export const MAX_ACTIVITY_DAYS = 7;

export const ActivityPlace = z.object({
  name: activityText(1, 60),
  lat: LatLng.shape.lat,
  lng: LatLng.shape.lng,
  /** The check-in geofence around the point, in metres. */
  radiusM: z.number().int().min(20).max(5000),
});
export type ActivityPlace = z.infer<typeof ActivityPlace>;

export const Eligibility = z.object({
  /** Age on the activity's day (China time); volunteers register from 14. */
  minAge: z.number().int().min(14).max(80).default(14),
  /** Training codes every participant must have completed (条例 §16). */
  trainings: z.array(TrainingCode).max(10).default([]),
  /** Risky work (条例 §17): a participant's insurance must cover the whole activity. */
  insuranceRequired: z.boolean().default(false),
  /** Only members of the activity's team may sign up. */
  teamOnly: z.boolean().default(false),
});
export type Eligibility = z.infer<typeof Eligibility>;

export const CheckinRules = z.object({
  /** Check-in opens this many minutes before the start. */
  opensBeforeMin: z.number().int().min(0).max(720).default(120),
  /** Check-in and check-out close this many minutes after the end. */
  closesAfterMin: z.number().int().min(0).max(720).default(120),
  /** People who did not sign up may check in (verified volunteers only). */
  walkIns: z.boolean().default(false),
  /** Check-in/out pairs per person per day (i志愿: at most 3). */
  maxPairsPerDay: z.number().int().min(1).max(3).default(1),
});
export type CheckinRules = z.infer<typeof CheckinRules>;

export const CreateActivityInput = z
  .object({
    communityId: CommunityId,
    /** The team that runs it; its leaders are the activity's leaders (roster, code, roll call). */
    teamId: ActivityRefId.optional(),
    title: activityText(2, 60),
    content: activityText(1, 2000, true),
    category: ActivityCategory,
    /** The risks the recruiting text must state (条例 §12); say 无特殊风险 explicitly when there are none. */
    risks: activityText(2, 500, true),
    place: ActivityPlace,
    startAt: ActivityInstant,
    endAt: ActivityInstant,
    capacity: z.number().int().min(1).max(1000),
    /** Places on the waitlist (0: none). */
    waitlist: z.number().int().min(0).max(1000).default(0),
    eligibility: Eligibility.default({ minAge: 14, trainings: [], insuranceRequired: false, teamOnly: false }),
    checkin: CheckinRules.default({ opensBeforeMin: 120, closesAfterMin: 120, walkIns: false, maxPairsPerDay: 1 }),
    /** 活动组织单位 and 活动负责人 as the service record states them (办法 §7). */
    organizingUnit: activityText(2, 60),
    leaderName: activityText(1, 30),
    /** Default: ACTIVITY_HOURS_POLICY. */
    hoursPolicy: HoursPolicyId.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.endAt <= a.startAt) ctx.addIssue({ code: 'custom', path: ['endAt'], message: 'the end must be after the start' });
    else if (a.endAt - a.startAt > MAX_ACTIVITY_DAYS * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['endAt'], message: `an activity lasts at most ${MAX_ACTIVITY_DAYS} days` });
    }
    if (a.eligibility.teamOnly && !a.teamId) ctx.addIssue({ code: 'custom', path: ['eligibility', 'teamOnly'], message: 'a team-only activity needs a team' });
  });
export type CreateActivityInput = z.input<typeof CreateActivityInput>;

export const ActivityRef = z.object({ activityId: ActivityId });
export const ActivityTransitionInput = z.object({
  activityId: ActivityId,
  /** The version the caller last saw; a stale one is refused (state.stale_version). */
  version: z.number().int().min(0).optional(),
});
export const RejectActivityInput = z.object({ activityId: ActivityId, note: activityText(2, 200) });
export const CancelActivityInput = z.object({ activityId: ActivityId, reason: activityText(2, 200) });

export const ActivityView = z.object({
  activityId: ActivityId,
  communityId: CommunityId,
  teamId: z.string().nullable(),
  title: z.string(),
  content: z.string(),
  category: ActivityCategory,
  /** Recordable as volunteer service (办法 §19). */
  volunteering: z.boolean(),
  risks: z.string(),
  /** The recruiting text with time, place, places, eligibility and the risks (条例 §12). */
  recruitingText: z.string(),
  place: ActivityPlace,
  startAt: z.number(),
  endAt: z.number(),
  capacity: z.number(),
  waitlist: z.number(),
  signedUp: z.number(),
  waitlisted: z.number(),
  eligibility: Eligibility,
  checkin: CheckinRules,
  organizingUnit: z.string(),
  leaderName: z.string(),
  hoursPolicy: HoursPolicyId,
  status: activityMachine.State,
  version: z.number(),
  reviewNote: z.string().nullable(),
  createdBy: OpenId,
  createdAt: z.number(),
  /** The caller's own sign-up, if any. */
  mySignup: signupMachine.State.nullable(),
});
export type ActivityView = z.infer<typeof ActivityView>;

export const ListActivitiesInput = z.object({
  communityId: CommunityId,
  /** Default: published. Other statuses are for the community's staff. */
  status: activityMachine.State.optional(),
  after: PageCursor.optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export const ActivitySummary = ActivityView.pick({
  activityId: true,
  title: true,
  category: true,
  startAt: true,
  endAt: true,
  capacity: true,
  signedUp: true,
  waitlisted: true,
  status: true,
}).extend({ placeName: z.string() });
export type ActivitySummary = z.infer<typeof ActivitySummary>;
export const ActivityPage = z.object({ items: z.array(ActivitySummary), next: PageCursor.nullable() });

export const SignupView = z.object({
  activityId: ActivityId,
  status: signupMachine.State,
  /** 1-based place on the waitlist, when waitlisted. */
  waitlistPosition: z.number().int().nullable(),
});
export type SignupView = z.infer<typeof SignupView>;
export const CancelSignupResult = z.object({ signup: SignupView, promoted: z.number().int() });

export const RosterInput = z.object({ activityId: ActivityId, after: PageCursor.optional(), limit: z.number().int().min(1).max(100).default(50) });
export const RosterEntry = z.object({
  volunteerNo: z.string(),
  /** 刘某: never the full name, never the ID number. */
  maskedName: z.string(),
  /** For roll call and fixes by the leader (the openid identifies, it reveals nothing). */
  openid: OpenId,
  signup: signupMachine.State,
  attendance: attendanceMachine.State.nullable(),
  checkedInAt: z.number().nullable(),
  checkedOutAt: z.number().nullable(),
  needsConfirmation: z.boolean(),
});
export const RosterPage = z.object({ items: z.array(RosterEntry), next: PageCursor.nullable() });

export const QrCodeInput = z.object({
  activityId: ActivityId,
  /** rotating: the leader's phone, renewed every slot; poster: printed, needs location + window. */
  kind: z.enum(['rotating', 'poster']).default('rotating'),
});
export const QrCodeView = z.object({
  scene: z.string(),
  page: z.string(),
  /** The mini-program code image, base64. */
  imageBase64: z.string(),
  contentType: z.string(),
  /** Until when a rotating code is accepted (null for a poster code). */
  validUntil: z.number().nullable(),
  /** When the leader's page should fetch the next one (null for a poster code). */
  refreshAt: z.number().nullable(),
});

export const RollCallInput = z.object({
  activityId: ActivityId,
  openid: OpenId,
  event: z.enum(['in', 'out']),
  /** Why the person could not scan (no smartphone, …): audited. */
  reason: activityText(2, 200),
});
export const ConfirmAttendanceInput = z.object({ activityId: ActivityId, openid: OpenId, accept: z.boolean(), note: activityText(2, 200).optional() });
export const FixCheckOutInput = z.object({ activityId: ActivityId, openid: OpenId, checkedOutAt: ActivityInstant, reason: activityText(2, 200) });
export const AttendanceView = z.object({
  attendanceId: z.string(),
  activityId: ActivityId,
  openid: OpenId,
  status: attendanceMachine.State,
  checkedInAt: z.number(),
  checkedOutAt: z.number().nullable(),
  pairs: z.number().int(),
  needsConfirmation: z.boolean(),
  flags: z.array(z.string()),
});
export type AttendanceView = z.infer<typeof AttendanceView>;

export const ServiceRecordView = z.object({
  recordId: z.string(),
  volunteerNo: z.string(),
  activityId: ActivityId,
  activityTitle: z.string(),
  category: ActivityCategory,
  date: z.string(),
  place: z.string(),
  content: z.string(),
  minutes: z.number().int(),
  organizingUnit: z.string(),
  leaderName: z.string(),
  policyVersion: z.string(),
  status: serviceRecordMachine.State,
  revision: z.number().int(),
  source: z.enum(['attendance', 'backfill']),
  rating: z.number().int().min(1).max(5).nullable(),
  ratedOn: z.string().nullable(),
  /** The 办法 §11 deadline (10 working days after the activity's last day). */
  dueOn: z.string(),
  overdue: z.boolean(),
  confirmedAt: z.number().nullable(),
});
export type ServiceRecordView = z.infer<typeof ServiceRecordView>;
export const RecordPage = z.object({ items: z.array(ServiceRecordView), next: PageCursor.nullable() });
export const ActivityRecordsInput = z.object({ activityId: ActivityId, after: PageCursor.optional(), limit: z.number().int().min(1).max(100).default(50) });
export const MyRecordsInput = z.object({ after: PageCursor.optional(), limit: z.number().int().min(1).max(100).default(20) });

export const FinishResult = z.object({ activity: ActivityView, records: z.number().int(), unconfirmedAttendance: z.number().int() });
export const ConfirmRecordsResult = z.object({ confirmed: z.number().int(), closed: z.boolean() });

export const RequestCorrectionInput = z.object({
  recordId: ActivityRefId,
  /** The minutes the volunteer believes are right. */
  minutes: z.number().int().min(0).max(MAX_ACTIVITY_DAYS * 24 * 60),
  note: activityText(2, 500, true),
});
export const ResolveCorrectionInput = z.object({
  correctionId: ActivityRefId,
  accept: z.boolean(),
  /** When accepting: the minutes to record (default: what the volunteer asked for). */
  minutes: z.number().int().min(0).max(MAX_ACTIVITY_DAYS * 24 * 60).optional(),
  note: activityText(2, 500, true),
});
export const CorrectionView = z.object({
  correctionId: z.string(),
  recordId: z.string(),
  status: correctionMachine.State,
  minutes: z.number().int(),
  previousMinutes: z.number().int(),
  note: z.string(),
  resolutionNote: z.string().nullable(),
});

export const RequestBackfillInput = z.object({
  activityId: ActivityId,
  openid: OpenId,
  minutes: z.number().int().min(1).max(MAX_ACTIVITY_DAYS * 24 * 60),
  /** What proves the service (sign-in sheet photo id, witness): required. */
  evidence: activityText(10, 500, true),
  note: activityText(2, 200),
});
export const BackfillRef = z.object({ backfillId: ActivityRefId, note: activityText(2, 200).optional() });
export const BackfillView = z.object({
  backfillId: z.string(),
  activityId: ActivityId,
  status: backfillMachine.State,
  minutes: z.number().int(),
  requestedBy: OpenId,
  approvedBy: OpenId.nullable(),
  recordId: z.string().nullable(),
});

/** A staff review queue of the caller's community, oldest first (a cursor page). */
export const ReviewQueueInput = z.object({
  communityId: CommunityId,
  after: PageCursor.optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
/** What a reviewer needs to decide on a correction: the record as it stands and the masked volunteer. */
export const CorrectionQueueItem = CorrectionView.extend({
  volunteerNo: z.string(),
  /** 刘某: never the full name. */
  maskedName: z.string(),
  activityId: ActivityId,
  activityTitle: z.string(),
  date: z.string(),
  place: z.string(),
  organizingUnit: z.string(),
  createdAt: z.number().int(),
});
export type CorrectionQueueItem = z.infer<typeof CorrectionQueueItem>;
export const CorrectionQueuePage = z.object({ items: z.array(CorrectionQueueItem), next: PageCursor.nullable() });

/** A community's volunteering figures for its staff: one China-time month, and what waits for them now. */
export const FiguresInput = z.object({ communityId: CommunityId, month: WishMonth });
export const ActivityFigures = z.object({
  communityId: z.string(),
  month: z.string(),
  /** Registered volunteers of the community now. */
  verifiedVolunteers: z.number().int(),
  /** Activities starting in the month that were published (running, ended or closed since). */
  activities: z.number().int(),
  /** Confirmed service records dated in the month (person-times) and their minutes. */
  serviceRecords: z.number().int(),
  serviceMinutes: z.number().int(),
  /** Waiting for staff now: registrations to verify, activities to publish, corrections, back-fills. */
  pendingVolunteers: z.number().int(),
  submittedActivities: z.number().int(),
  openCorrections: z.number().int(),
  pendingBackfills: z.number().int(),
});
export type ActivityFigures = z.infer<typeof ActivityFigures>;

/** A back-fill awaiting its second approver; the requester is the first and cannot approve it. */
export const BackfillQueueItem = BackfillView.extend({
  volunteerNo: z.string(),
  maskedName: z.string(),
  activityTitle: z.string(),
  activityDate: z.string(),
  /** The activity's length in minutes (a back-fill may not exceed it). */
  activityMinutes: z.number().int(),
  evidence: z.string(),
  note: z.string(),
  /** The first approver's masked name when they are a registered volunteer too, else null (then show 另一位工作人员). */
  requestedByName: z.string().nullable(),
  /** The caller requested it, so someone else must approve. */
  requestedByMe: z.boolean(),
  createdAt: z.number().int(),
});
export type BackfillQueueItem = z.infer<typeof BackfillQueueItem>;
export const BackfillQueuePage = z.object({ items: z.array(BackfillQueueItem), next: PageCursor.nullable() });

/**
 * Roll call by the volunteer's card code (the personal QR of the volunteer card, volunteer.cardCode):
 * the leader scans it; the server checks its signature and expiry and that the person signed up.
 */
export const RollCallByCardInput = z.object({
  activityId: ActivityId,
  card: CardCode,
  event: z.enum(['in', 'out']),
});

export const RateRecordInput = z.object({ recordId: ActivityRefId, rating: z.number().int().min(1).max(5), comment: activityText(2, 200).optional() });

export const activityContract = defineContract({
  name: 'activity',
  actions: {
    create: { input: CreateActivityInput, output: ActivityView, mutates: true },
    submit: { input: ActivityTransitionInput, output: ActivityView, mutates: true },
    publish: { input: ActivityTransitionInput, output: ActivityView, mutates: true },
    reject: { input: RejectActivityInput, output: ActivityView, mutates: true },
    cancel: { input: CancelActivityInput, output: ActivityView, mutates: true },
    get: { input: ActivityRef, output: ActivityView, mutates: false },
    list: { input: ListActivitiesInput, output: ActivityPage, mutates: false },
    signUp: { input: ActivityRef, output: SignupView, mutates: true },
    cancelSignUp: { input: ActivityRef, output: CancelSignupResult, mutates: true },
    roster: { input: RosterInput, output: RosterPage, mutates: false },
    qrCode: { input: QrCodeInput, output: QrCodeView, mutates: false },
    rollCall: { input: RollCallInput, output: AttendanceView, mutates: true },
    rollCallByCard: { input: RollCallByCardInput, output: AttendanceView, mutates: true },
    confirmAttendance: { input: ConfirmAttendanceInput, output: AttendanceView, mutates: true },
    fixCheckOut: { input: FixCheckOutInput, output: AttendanceView, mutates: true },
    finish: { input: ActivityTransitionInput, output: FinishResult, mutates: true },
    records: { input: ActivityRecordsInput, output: RecordPage, mutates: false },
    myRecords: { input: MyRecordsInput, output: RecordPage, mutates: false },
    confirmRecords: { input: ActivityRef, output: ConfirmRecordsResult, mutates: true },
    requestCorrection: { input: RequestCorrectionInput, output: CorrectionView, mutates: true },
    resolveCorrection: { input: ResolveCorrectionInput, output: CorrectionView, mutates: true },
    requestBackfill: { input: RequestBackfillInput, output: BackfillView, mutates: true },
    approveBackfill: { input: BackfillRef, output: BackfillView, mutates: true },
    refuseBackfill: { input: BackfillRef, output: BackfillView, mutates: true },
    rate: { input: RateRecordInput, output: ServiceRecordView, mutates: true },
    // staff of the community: the open correction requests and the back-fills awaiting a second approver
    pendingCorrections: { input: ReviewQueueInput, output: CorrectionQueuePage, mutates: false },
    pendingBackfills: { input: ReviewQueueInput, output: BackfillQueuePage, mutates: false },
    // staff and social workers of the community: the month's volunteering figures and the queues' sizes (counts, one aggregate)
    figures: { input: FiguresInput, output: ActivityFigures, mutates: false },
  },
});
export type ActivityContract = typeof activityContract;
