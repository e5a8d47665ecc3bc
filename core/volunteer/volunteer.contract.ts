// Contract of the `volunteer` function: real-name registration (办法 §5) with recorded consents
// (PIPL §29 separate consent for sensitive data; guardian consent for ages 14–17; under 14
// refused), staff verification, profile, trainings and insurance, stars and the time bank, service
// certificates (办法 §14–15) and their public verification, the CSV export for the national system,
// and a person's own data export and account erasure. Who may call what: docs/volunteers.md.
import { z } from '../zod-setup';
import { defineContract, PageCursor } from '../contract';
import { CommunityId } from '../roles';
import { Day } from '../time';
import { OpenId } from '../user.contract';
import { CONSENT_VERSION, FamilyRelation, Gender, ServiceCategory } from './enums';
import { idNumberProblem } from './id-number';
import { moveMachine, volunteerMachine } from './machines';
import { DocId, MobilePhone, PersonName, plainText } from './text';

const ID_PROBLEM_MESSAGES = {
  format: '18 characters: 17 digits and a digit or X',
  birth_date: 'the birth date inside the ID number is not a real date',
  check_digit: 'the check character does not match (GB 11643): please check the number',
} as const;

/** A 居民身份证号码, checked with its GB 11643 check character. Full-width digits and a lower-case x are accepted. */
export const IdNumber = z
  .string()
  .max(40, 'at most 40 characters')
  .superRefine((value, ctx) => {
    const problem = idNumberProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: ID_PROBLEM_MESSAGES[problem], params: { reason: `id_number.${problem}` } });
  });

const Skills = z.array(plainText(1, 20)).max(10).refine((a) => new Set(a).size === a.length, 'each skill once');
const Categories = z.array(ServiceCategory).min(1).max(6).refine((a) => new Set(a).size === a.length, 'each category once');

export const RegisterInput = z.object({
  communityId: CommunityId,
  name: PersonName,
  idNumber: IdNumber,
  phone: MobilePhone,
  /** 居住区域: the grid, building or estate, not the door number. */
  residentialArea: plainText(2, 60),
  skills: Skills,
  serviceCategories: Categories,
  /**
   * Both consents, each its own tick box on the page: the processing rules (个人信息处理规则) and
   * the separate consent to process the ID number (sensitive, PIPL §28/§29). The version must be
   * the current CONSENT_VERSION.
   */
  consent: z.object({
    version: z.literal(CONSENT_VERSION),
    personalInfo: z.literal(true),
    sensitiveInfo: z.literal(true),
  }),
  /** Required for ages 14–17 on the day of registration; refused for adults (nothing to consent for). */
  guardian: z
    .object({
      name: PersonName,
      phone: MobilePhone,
      relation: z.enum(['father', 'mother', 'guardian']),
      consent: z.literal(true),
    })
    .nullable()
    .default(null),
});
export type RegisterInput = z.infer<typeof RegisterInput>;

const Stars = { stars: z.number().int().min(0), hoursToNext: z.number().nullable() };

/** What the volunteer sees of their own registration. */
export const VolunteerSelf = z.object({
  volunteerId: DocId,
  volunteerNo: z.string(),
  communityId: CommunityId,
  status: volunteerMachine.State,
  name: z.string(),
  maskedName: z.string(),
  gender: Gender,
  birthDate: Day,
  maskedIdNumber: z.string(),
  maskedPhone: z.string(),
  residentialArea: z.string(),
  skills: z.array(z.string()),
  serviceCategories: z.array(ServiceCategory),
  trainings: z.array(z.string()),
  insuranceUntil: z.number().int().nullable(),
  totalMinutes: z.number().int(),
  ...Stars,
  guardianConsent: z.boolean(),
  rejectReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.number().int(),
});
export type VolunteerSelf = z.infer<typeof VolunteerSelf>;

/** What staff of the volunteer's community see: the name (to check against the ID card in person), the rest masked. */
export const VolunteerCard = VolunteerSelf.omit({ residentialArea: true }).extend({
  openid: OpenId,
  age: z.number().int(),
  residentialArea: z.string(),
});
export type VolunteerCard = z.infer<typeof VolunteerCard>;

/**
 * What a state-changing action answers about a registration. The kernel stores a mutating action's
 * answer for replays (the idempotency record, kept IDEMPOTENCY_RETENTION_DAYS), so these answers carry
 * no personal data in clear: masked values only. The full view is the query `me` (or `get` for staff).
 */
export const VolunteerSummary = z.object({
  volunteerId: DocId,
  volunteerNo: z.string(),
  communityId: CommunityId,
  status: volunteerMachine.State,
  maskedName: z.string(),
  maskedPhone: z.string(),
  maskedIdNumber: z.string(),
  trainings: z.array(z.string()),
  insuranceUntil: z.number().int().nullable(),
  rejectReason: z.string().nullable(),
  version: z.number().int(),
});
export type VolunteerSummary = z.infer<typeof VolunteerSummary>;

// ---- moving to another community ----

/** A request to move to another community (what the volunteer and the destination's staff see). */
export const MoveView = z.object({
  moveId: DocId,
  volunteerNo: z.string(),
  maskedName: z.string(),
  fromCommunityId: CommunityId,
  toCommunityId: CommunityId,
  status: moveMachine.State,
  note: z.string().nullable(),
  /** Why the destination refused (shown to the volunteer). */
  refuseReason: z.string().nullable(),
  createdAt: z.number().int(),
  decidedAt: z.number().int().nullable(),
});
export type MoveView = z.infer<typeof MoveView>;

export const RequestMoveInput = z.object({ toCommunityId: CommunityId, note: plainText(2, 200).nullable().default(null) });
export type RequestMoveInput = z.infer<typeof RequestMoveInput>;
export const MoveRef = z.object({ moveId: DocId });
export type MoveRef = z.infer<typeof MoveRef>;
export const DecideMoveInput = z.discriminatedUnion('decision', [
  z.object({ moveId: DocId, decision: z.literal('accept') }),
  z.object({ moveId: DocId, decision: z.literal('refuse'), reason: plainText(2, 200) }),
]);
export type DecideMoveInput = z.infer<typeof DecideMoveInput>;
/** Staff of the destination: the open requests to move into their community, oldest first. */
export const ListMovesInput = z.object({ communityId: CommunityId, after: PageCursor.nullable().default(null), limit: z.number().int().min(1).max(50).default(20) });
export type ListMovesInput = z.infer<typeof ListMovesInput>;
export const MovePage = z.object({ items: z.array(MoveView), next: PageCursor.nullable() });

export const VolunteerMeInput = z.object({});
/** The caller's registration, and their latest request to move to another community (if any). */
export const VolunteerMeOutput = z.object({ volunteer: VolunteerSelf.nullable(), move: MoveView.nullable().default(null) });

// ---- the personal QR of the volunteer card ----

export const CardCodeInput = z.object({});
export const CardCodeView = z.object({
  /** Signed, short-lived: volunteerNo.expiry.mac (core/volunteer/card.ts); the mini-program code's scene. */
  code: z.string(),
  /** The page the code opens when scanned with WeChat. */
  page: z.string(),
  /** The mini-program code image, base64. */
  imageBase64: z.string(),
  contentType: z.string(),
  expiresAt: z.number().int(),
  /** When the card page should fetch the next code. */
  refreshAt: z.number().int(),
});
export type CardCodeView = z.infer<typeof CardCodeView>;

export const UpdateProfileInput = z
  .object({
    phone: MobilePhone.optional(),
    residentialArea: plainText(2, 60).optional(),
    skills: Skills.optional(),
    serviceCategories: Categories.optional(),
    version: z.number().int().min(0).optional(),
  })
  .refine((v) => v.phone !== undefined || v.residentialArea !== undefined || v.skills !== undefined || v.serviceCategories !== undefined, 'change at least one field');
export type UpdateProfileInput = z.infer<typeof UpdateProfileInput>;

export const ListVolunteersInput = z.object({
  communityId: CommunityId,
  status: volunteerMachine.State.optional(),
  after: PageCursor.nullable().default(null),
  limit: z.number().int().min(1).max(50).default(20),
});
export type ListVolunteersInput = z.infer<typeof ListVolunteersInput>;
export const VolunteerPage = z.object({ items: z.array(VolunteerCard), next: PageCursor.nullable() });

export const GetVolunteerInput = z.object({ volunteerId: DocId });
export type GetVolunteerInput = z.infer<typeof GetVolunteerInput>;

export const ReviewVolunteerInput = z.discriminatedUnion('decision', [
  z.object({ volunteerId: DocId, decision: z.literal('verify'), version: z.number().int().min(0).optional() }),
  z.object({ volunteerId: DocId, decision: z.literal('reject'), reason: plainText(2, 200), version: z.number().int().min(0).optional() }),
]);
export type ReviewVolunteerInput = z.infer<typeof ReviewVolunteerInput>;

/** A rejected volunteer corrects the registration (same fields as register) and submits it again. */
export const ResubmitInput = RegisterInput.omit({ communityId: true });
export type ResubmitInput = z.infer<typeof ResubmitInput>;

const TrainingCode = z.string().regex(/^[a-z0-9][a-z0-9-]{1,31}$/, 'training code: 2–32 lowercase letters, digits or dashes');

export const RecordTrainingInput = z.object({ volunteerId: DocId, training: TrainingCode, completedOn: Day });
export type RecordTrainingInput = z.infer<typeof RecordTrainingInput>;

/** Staff record the accident insurance (条例 §17) covering the volunteer until a day (inclusive), or none. */
export const SetInsuranceInput = z.object({ volunteerId: DocId, until: Day.nullable() });
export type SetInsuranceInput = z.infer<typeof SetInsuranceInput>;

// ---- time bank ----

export const LedgerKind = z.enum(['credit', 'transfer-out', 'transfer-in', 'donation', 'redemption']);
export type LedgerKind = z.infer<typeof LedgerKind>;

export const LedgerEntry = z.object({
  entryId: z.string(),
  kind: LedgerKind,
  /** Signed change of the time-bank balance, in minutes (60 = one credit by default). */
  minutes: z.number().int(),
  /** Signed change of the service time (credit entries only; 0 otherwise). */
  serviceMinutes: z.number().int(),
  at: z.number().int(),
  recordId: z.string().nullable(),
  note: z.string().nullable(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const FamilyBinding = z.object({ bindingId: z.string(), relation: FamilyRelation, counterpartName: z.string(), since: z.number().int() });
export type FamilyBinding = z.infer<typeof FamilyBinding>;

export const TimeBankInput = z.object({ after: PageCursor.nullable().default(null), limit: z.number().int().min(1).max(50).default(20) });
export type TimeBankInput = z.infer<typeof TimeBankInput>;
export const TimeBankOutput = z.object({
  balanceMinutes: z.number().int(),
  earnedMinutes: z.number().int(),
  totalMinutes: z.number().int(),
  ...Stars,
  capMinutes: z.number().int().nullable(),
  bindings: z.array(FamilyBinding),
  ledger: z.array(LedgerEntry),
  next: PageCursor.nullable(),
});
export type TimeBankOutput = z.infer<typeof TimeBankOutput>;

const Minutes = z.number().int('whole minutes').min(1).max(100_000);

export const CreateFamilyInviteInput = z.object({ relation: FamilyRelation });
export type CreateFamilyInviteInput = z.infer<typeof CreateFamilyInviteInput>;
export const FamilyInvite = z.object({ code: z.string(), expiresAt: z.number().int() });

/** The family member accepts with the code (8 characters) shown on the inviter's phone. */
export const AcceptFamilyInviteInput = z.object({ code: z.string().regex(/^[A-HJ-NP-Z2-9]{8}$/, 'an 8-character invitation code') });
export type AcceptFamilyInviteInput = z.infer<typeof AcceptFamilyInviteInput>;

export const TransferInput = z.object({ bindingId: z.string().regex(/^[A-Za-z0-9_~-]{3,260}$/, 'a binding id'), minutes: Minutes, note: plainText(1, 60).nullable().default(null) });
export type TransferInput = z.infer<typeof TransferInput>;

export const DonateInput = z.object({ communityId: CommunityId, minutes: Minutes });
export type DonateInput = z.infer<typeof DonateInput>;

/** A redemption request; the service-orders issue turns a pending one into an order. */
export const RedeemInput = z.object({ minutes: Minutes, purpose: plainText(2, 100) });
export type RedeemInput = z.infer<typeof RedeemInput>;
export const Redemption = z.object({ redemptionId: z.string(), minutes: z.number().int(), purpose: z.string(), status: z.enum(['pending']), createdAt: z.number().int() });

/** Staff of the community: the community pool's balance and its entries (donations in, and later what it pays out). */
export const CommunityPoolInput = z.object({ communityId: CommunityId, after: PageCursor.nullable().default(null), limit: z.number().int().min(1).max(50).default(20) });
export type CommunityPoolInput = z.infer<typeof CommunityPoolInput>;
export const CommunityPoolOutput = z.object({ balanceMinutes: z.number().int(), ledger: z.array(LedgerEntry), next: PageCursor.nullable() });

export const BalanceOutput = z.object({ balanceMinutes: z.number().int(), entryId: z.string() });

// ---- certificates ----

export const CertificateLine = z.object({ category: z.string(), activities: z.number().int(), minutes: z.number().int() });

/** What a certificate states (办法 §15: 服务时间、服务内容、记录单位; 民发〔2015〕149号: identity, number, date). */
export const CertificateStatement = z.object({
  certificateNo: z.string(),
  issuedOn: Day,
  name: z.string(),
  maskedIdNumber: z.string(),
  volunteerNo: z.string(),
  periodFrom: Day.nullable(),
  periodTo: Day,
  totalMinutes: z.number().int(),
  /** Hours with up to two decimals, as printed. */
  hours: z.string(),
  records: z.number().int(),
  contents: z.array(CertificateLine),
  recordingOrganization: z.string(),
});
export type CertificateStatement = z.infer<typeof CertificateStatement>;

export const RequestCertificateInput = z
  .object({ from: Day.nullable().default(null), to: Day.nullable().default(null) })
  .refine((v) => v.from === null || v.to === null || v.from <= v.to, { message: 'from must not be after to', path: ['to'] });
export type RequestCertificateInput = z.infer<typeof RequestCertificateInput>;
/** Why a certificate stopped being valid: staff revoked it, or a record it counted was corrected afterwards. */
export const CertificateRevocation = z.object({
  at: z.number().int(),
  kind: z.enum(['staff', 'record_corrected']),
  reason: z.string(),
});
export type CertificateRevocation = z.infer<typeof CertificateRevocation>;
/** The check code is shown to the volunteer in their list (stored sealed; verification compares a hash). */
export const IssuedCertificate = CertificateStatement.extend({ checkCode: z.string(), revocation: CertificateRevocation.nullable() });
/** requestCertificate's answer (stored for replays, so without the name): the full statement is in listCertificates. */
export const CertificateReceipt = z.object({ certificateNo: z.string(), checkCode: z.string(), issuedOn: Day, totalMinutes: z.number().int(), hours: z.string(), records: z.number().int() });

export const ListCertificatesInput = z.object({});
export const CertificateList = z.object({ items: z.array(IssuedCertificate) });

export const VerifyCertificateInput = z.object({
  certificateNo: z.string().regex(/^ZYZM-\d{8}-[A-Z0-9]{6}$/, 'a certificate number like ZYZM-20261202-7KQ2M9'),
  checkCode: z.string().regex(/^[A-HJ-NP-Z2-9]{8}$/, 'the 8-character check code'),
});
export type VerifyCertificateInput = z.infer<typeof VerifyCertificateInput>;
/** Unknown number or wrong code: {valid: false, revokedOn: null}. Revoked: the day only, nothing it stated. */
export const VerifyCertificateOutput = z.discriminatedUnion('valid', [
  z.object({ valid: z.literal(false), revokedOn: Day.nullable() }),
  z.object({ valid: z.literal(true), certificate: CertificateStatement }),
]);

/** Staff of the community that issued it revoke a certificate, with a reason (audited). */
export const RevokeCertificateInput = z.object({ certificateNo: VerifyCertificateInput.shape.certificateNo, reason: plainText(2, 200) });
export type RevokeCertificateInput = z.infer<typeof RevokeCertificateInput>;
export const RevokeCertificateOutput = z.object({ certificateNo: z.string(), revocation: CertificateRevocation });

// ---- export ----

export const ExportServiceRecordsInput = z
  .object({
    communityId: CommunityId,
    from: Day,
    to: Day,
    /** Full ID numbers (the national system matches volunteers by them); masked otherwise. Audited either way. */
    includeIdNumbers: z.boolean().default(false),
    after: PageCursor.nullable().default(null),
    limit: z.number().int().min(1).max(100).default(100),
  })
  .refine((v) => v.from <= v.to, { message: 'from must not be after to', path: ['to'] });
export type ExportServiceRecordsInput = z.infer<typeof ExportServiceRecordsInput>;
export const ExportServiceRecordsOutput = z.object({ csv: z.string(), rows: z.number().int(), next: PageCursor.nullable() });

export const ExportMyDataInput = z.object({});
export const MyData = z.object({
  exportedAt: z.number().int(),
  volunteer: VolunteerSelf.extend({ idNumber: z.string(), phone: z.string() }).nullable(),
  consents: z.array(z.object({ kind: z.string(), version: z.string(), at: z.number().int() })),
  guardian: z.object({ name: z.string(), phone: z.string(), relation: z.string(), at: z.number().int() }).nullable(),
  timeBank: z.object({ balanceMinutes: z.number().int(), earnedMinutes: z.number().int(), ledger: z.array(LedgerEntry) }),
  certificates: z.array(IssuedCertificate),
  serviceRecords: z.array(
    z.object({ recordId: z.string(), activityTitle: z.string(), date: z.string(), place: z.string(), content: z.string(), minutes: z.number(), organizingUnit: z.string(), leaderName: z.string(), status: z.string() }),
  ),
  teams: z.array(z.object({ teamId: z.string(), name: z.string(), leader: z.boolean() })),
});
export type MyData = z.infer<typeof MyData>;

export const DeleteAccountInput = z.object({ confirm: z.literal(true) });
export const DeleteAccountOutput = z.object({ erased: z.literal(true), retained: z.array(z.string()) });

export const volunteerContract = defineContract({
  name: 'volunteer',
  actions: {
    // The caller registers themselves; staff of the community review.
    register: { input: RegisterInput, output: VolunteerSummary, mutates: true },
    resubmit: { input: ResubmitInput, output: VolunteerSummary, mutates: true },
    me: { input: VolunteerMeInput, output: VolunteerMeOutput, mutates: false },
    updateProfile: { input: UpdateProfileInput, output: VolunteerSummary, mutates: true },
    // staff of the volunteer's community
    list: { input: ListVolunteersInput, output: VolunteerPage, mutates: false },
    get: { input: GetVolunteerInput, output: VolunteerCard, mutates: false },
    review: { input: ReviewVolunteerInput, output: VolunteerSummary, mutates: true },
    recordTraining: { input: RecordTrainingInput, output: VolunteerSummary, mutates: true },
    setInsurance: { input: SetInsuranceInput, output: VolunteerSummary, mutates: true },
    // the time bank (the caller's own account)
    timeBank: { input: TimeBankInput, output: TimeBankOutput, mutates: false },
    createFamilyInvite: { input: CreateFamilyInviteInput, output: FamilyInvite, mutates: true },
    acceptFamilyInvite: { input: AcceptFamilyInviteInput, output: FamilyBinding, mutates: true },
    transfer: { input: TransferInput, output: BalanceOutput, mutates: true },
    donate: { input: DonateInput, output: BalanceOutput, mutates: true },
    redeem: { input: RedeemInput, output: Redemption, mutates: true },
    // staff of the community
    communityPool: { input: CommunityPoolInput, output: CommunityPoolOutput, mutates: false },
    // certificates: the volunteer requests and lists their own; anyone verifies with number + check code
    requestCertificate: { input: RequestCertificateInput, output: CertificateReceipt, mutates: true },
    listCertificates: { input: ListCertificatesInput, output: CertificateList, mutates: false },
    verifyCertificate: { input: VerifyCertificateInput, output: VerifyCertificateOutput, mutates: false },
    // staff of the issuing community
    revokeCertificate: { input: RevokeCertificateInput, output: RevokeCertificateOutput, mutates: true },
    // moving to another community: the volunteer requests or withdraws; staff of the destination list and decide
    requestMove: { input: RequestMoveInput, output: MoveView, mutates: true },
    withdrawMove: { input: MoveRef, output: MoveView, mutates: true },
    listMoves: { input: ListMovesInput, output: MovePage, mutates: false },
    decideMove: { input: DecideMoveInput, output: MoveView, mutates: true },
    // the volunteer's own card code (a verified volunteer); a leader scans it for activity.rollCallByCard
    cardCode: { input: CardCodeInput, output: CardCodeView, mutates: false },
    // staff of the community: confirmed service records of a period as CSV. A query, so the CSV is
    // never stored in an idempotency record; each page is audited (who, community, period, rows).
    exportServiceRecords: { input: ExportServiceRecordsInput, output: ExportServiceRecordsOutput, mutates: false },
    // the caller's own data, and erasure of their account
    exportMyData: { input: ExportMyDataInput, output: MyData, mutates: false },
    deleteAccount: { input: DeleteAccountInput, output: DeleteAccountOutput, mutates: true },
  },
});
export type VolunteerContract = typeof volunteerContract;
