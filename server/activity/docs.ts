// Stored shapes of the activity domain's documents and their views. Documents are written only by
// this domain's functions (and the seed), so a document that does not match is a data bug.
import {
  ActivityCategory,
  ActivityStatus,
  ActivityView,
  AttendanceStatus,
  AttendanceView,
  BackfillStatus,
  CheckinRules,
  CorrectionStatus,
  Eligibility,
  HoursPolicyId,
  isVolunteeringCategory,
  recruitingText,
  ServiceRecordStatus,
  ServiceRecordView,
  SignupStatus,
} from '../../core';
import type { StoredDoc } from '../db';

export interface ActivityDoc {
  _id: string;
  communityId: string;
  teamId: string | null;
  title: string;
  content: string;
  category: ActivityCategory;
  risks: string;
  place: { name: string; lat: number; lng: number; radiusM: number };
  /** GeoJSON of the place, for "near me" queries. */
  location: { type: 'Point'; coordinates: [number, number] };
  startAt: number;
  endAt: number;
  capacity: number;
  waitlist: number;
  signedUp: number;
  waitlisted: number;
  /** Last sign-up sequence number handed out (orders the waitlist). */
  signupSeq: number;
  eligibility: Eligibility;
  checkin: CheckinRules;
  organizingUnit: string;
  leaderName: string;
  hoursPolicy: HoursPolicyId;
  status: ActivityStatus;
  version: number;
  reviewNote: string | null;
  /** HMAC key of the check-in codes (never leaves the server). */
  qrSecret: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export interface SignupDoc {
  _id: string;
  activityId: string;
  openid: string;
  communityId: string;
  status: SignupStatus;
  seq: number;
  version?: number;
  createdAt: number;
  updatedAt: number;
}

export interface SessionDoc {
  inAt: number;
  outAt: number | null;
  /** China day of the check-in (pairs per day). */
  inOn: string;
  inBy: 'scan' | 'roll_call';
  outBy: 'scan' | 'roll_call' | 'leader_fix' | null;
}

export interface AttendanceDoc {
  _id: string;
  activityId: string;
  openid: string;
  communityId: string;
  status: AttendanceStatus;
  sessions: SessionDoc[];
  /** Number of sessions (check-in/out pairs); the conditional updates compare it. */
  pairs: number;
  checkedInAt: number;
  checkedOutAt: number | null;
  /** Slot of the last rotating code used (a code is not accepted twice for two scans). */
  lastSlot: number | null;
  needsConfirmation: boolean;
  flags: string[];
  version?: number;
  createdAt: number;
  updatedAt: number;
}

export interface ServiceRecordDoc {
  _id: string;
  openid: string;
  volunteerNo: string;
  communityId: string;
  activityId: string;
  activityTitle: string;
  category: ActivityCategory;
  date: string;
  place: string;
  content: string;
  minutes: number;
  organizingUnit: string;
  leaderName: string;
  policyVersion: string;
  status: ServiceRecordStatus;
  revision: number;
  source: 'attendance' | 'backfill';
  rating: number | null;
  ratedOn: string | null;
  dueOn: string;
  overdue: boolean;
  confirmedAt: number | null;
  version?: number;
  createdAt: number;
  updatedAt: number;
}

/** A volunteer's request to correct a record's minutes (办法 §13). */
export interface CorrectionDoc {
  _id: string;
  recordId: string;
  recordRevision: number;
  openid: string;
  communityId: string;
  status: CorrectionStatus;
  minutes: number;
  previousMinutes: number;
  note: string;
  resolutionNote: string | null;
  version?: number;
  createdAt: number;
}

export const correctionView = (c: CorrectionDoc) => ({
  correctionId: c._id,
  recordId: c.recordId,
  status: c.status,
  minutes: c.minutes,
  previousMinutes: c.previousMinutes,
  note: c.note,
  resolutionNote: c.resolutionNote ?? null,
});

/** A back-fill (补录): the requester is the first approver, a different staff member the second. */
export interface BackfillDoc {
  _id: string;
  activityId: string;
  openid: string;
  communityId: string;
  minutes: number;
  evidence: string;
  note: string;
  status: BackfillStatus;
  requestedBy: string;
  approvedBy: string | null;
  recordId: string | null;
  version?: number;
  createdAt: number;
}

export const backfillView = (b: BackfillDoc) => ({
  backfillId: b._id,
  activityId: b.activityId,
  status: b.status,
  minutes: b.minutes,
  requestedBy: b.requestedBy,
  approvedBy: b.approvedBy ?? null,
  recordId: b.recordId ?? null,
});

export const as = <T>(doc: StoredDoc): T => doc as unknown as T;

export function activityView(a: ActivityDoc, mySignup: SignupStatus | null): ActivityView {
  return {
    activityId: a._id,
    communityId: a.communityId,
    teamId: a.teamId ?? null,
    title: a.title,
    content: a.content,
    category: a.category,
    volunteering: isVolunteeringCategory(a.category),
    risks: a.risks,
    recruitingText: recruitingText({
      title: a.title,
      content: a.content,
      risks: a.risks,
      placeName: a.place.name,
      startAt: a.startAt,
      endAt: a.endAt,
      capacity: a.capacity,
      waitlist: a.waitlist,
      organizingUnit: a.organizingUnit,
      leaderName: a.leaderName,
      minAge: a.eligibility.minAge,
      trainings: a.eligibility.trainings,
      insuranceRequired: a.eligibility.insuranceRequired,
      teamOnly: a.eligibility.teamOnly,
    }),
    place: a.place,
    startAt: a.startAt,
    endAt: a.endAt,
    capacity: a.capacity,
    waitlist: a.waitlist,
    signedUp: a.signedUp,
    waitlisted: a.waitlisted,
    eligibility: a.eligibility,
    checkin: a.checkin,
    organizingUnit: a.organizingUnit,
    leaderName: a.leaderName,
    hoursPolicy: a.hoursPolicy,
    status: a.status,
    version: a.version ?? 0,
    reviewNote: a.reviewNote ?? null,
    createdBy: a.createdBy,
    createdAt: a.createdAt,
    mySignup,
  };
}

export function attendanceView(d: AttendanceDoc): AttendanceView {
  return {
    attendanceId: d._id,
    activityId: d.activityId,
    openid: d.openid,
    status: d.status,
    checkedInAt: d.checkedInAt,
    checkedOutAt: d.checkedOutAt,
    pairs: d.pairs,
    needsConfirmation: d.needsConfirmation,
    flags: d.flags,
  };
}

export function recordView(r: ServiceRecordDoc, today: string): ServiceRecordView {
  return {
    recordId: r._id,
    volunteerNo: r.volunteerNo,
    activityId: r.activityId,
    activityTitle: r.activityTitle,
    category: r.category,
    date: r.date,
    place: r.place,
    content: r.content,
    minutes: r.minutes,
    organizingUnit: r.organizingUnit,
    leaderName: r.leaderName,
    policyVersion: r.policyVersion,
    status: r.status,
    revision: r.revision,
    source: r.source,
    rating: r.rating ?? null,
    ratedOn: r.ratedOn ?? null,
    dueOn: r.dueOn,
    overdue: r.status === 'draft' && (r.overdue || today > r.dueOn),
    confirmedAt: r.confirmedAt ?? null,
  };
}

export const pairId = (activityId: string, openid: string) => `${activityId}_${openid}`;
