// The `charity` function's contract (issue 5): offers, needs, allocation and handover, the
// community station's stock, the community fund, the disclosure ledger. Who may call each action:
// docs/charity.md. Quantities: goods in their unit, money in fen, services in whole hours.
import { defineContract, PageInput, pageOf } from '../contract';
import { LatLng } from '../geo';
import { CommunityId } from '../roles';
import { Day } from '../time';
import { OpenId } from '../user.contract';
import { z } from '../zod-setup';
import { allocationMachine, disbursementMachine, needMachine, offerMachine, stockCorrectionMachine } from './machines';
import {
  CharityAmountFen,
  CharityBeneficiaryGroup,
  CharityCategory,
  CharityId,
  CharityDonorType,
  CharityFileId,
  GoodsCategory,
  CharityGoodsCondition,
  CharityMonth,
  CharityPurpose,
  CharityQuantity,
  CharityServiceSkill,
  CharityText,
  CharityUnit,
  CharityUrgency,
} from './model';

const DocVersion = z.number().int().min(0).max(1_000_000_000);
const Instant = z.number().int().min(0).max(8_640_000_000_000);

// ---------------------------------------------------------------------------------------------
// Offers

const DonorFields = {
  donorType: CharityDonorType,
  /** As the public ledger may show it (masked to the first character unless showName). */
  donorName: CharityText(30),
  /** The donor opts in to their name on the public ledger. */
  showName: z.boolean().default(false),
  description: CharityText(500).optional(),
  /** Only needs of this community may receive it. */
  restrictedCommunityId: CommunityId.optional(),
  /** The last day it can be handed over. */
  availableUntil: Day,
};

export const GoodsOfferInput = z.object({
  kind: z.literal('goods'),
  category: GoodsCategory,
  item: CharityText(40),
  quantity: CharityQuantity,
  unit: CharityUnit,
  condition: CharityGoodsCondition,
  pickupArea: CharityText(60),
  pickupLocation: LatLng.optional(),
  ...DonorFields,
});
export const MoneyOfferInput = z.object({
  kind: z.literal('money'),
  amountFen: CharityAmountFen,
  /** Only needs with this purpose may receive it. */
  restrictedPurpose: CharityPurpose.optional(),
  ...DonorFields,
});
export const ServiceOfferInput = z.object({
  kind: z.literal('service'),
  skill: CharityServiceSkill,
  hours: z.number().int().min(1).max(10_000),
  area: CharityText(60),
  location: LatLng.optional(),
  ...DonorFields,
});
export const OfferInput = z.discriminatedUnion('kind', [GoodsOfferInput, MoneyOfferInput, ServiceOfferInput]);
export type OfferInput = z.infer<typeof OfferInput>;

export const OfferView = z.object({
  id: CharityId,
  kind: z.enum(['goods', 'money', 'service']),
  category: CharityCategory,
  /** The item, '善款' for money, the skill for a service. */
  item: z.string(),
  /** In `unit`: pieces…, fen ('fen') or hours ('hour'). */
  quantity: z.number().int(),
  unit: z.string(),
  /** Reserved by confirmed allocations (including what was delivered). */
  allocatedQuantity: z.number().int(),
  deliveredQuantity: z.number().int(),
  status: offerMachine.State,
  version: z.number().int(),
  donorType: CharityDonorType,
  donorName: z.string(),
  showName: z.boolean(),
  condition: CharityGoodsCondition.nullable(),
  area: z.string().nullable(),
  location: LatLng.nullable(),
  skill: CharityServiceSkill.nullable(),
  restrictedCommunityId: z.string().nullable(),
  restrictedPurpose: CharityPurpose.nullable(),
  availableUntil: Day,
  description: z.string().nullable(),
  /** The caller made this offer. */
  mine: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type OfferView = z.infer<typeof OfferView>;

export const CreateOfferInput = z.object({ offer: OfferInput });
export const UpdateOfferInput = z.object({ offerId: CharityId, version: DocVersion, offer: OfferInput });
export const WithdrawOfferInput = z.object({ offerId: CharityId, version: DocVersion.optional() });
export const ListMyOffersInput = PageInput.extend({ status: offerMachine.State.optional() });
export const ListOffersInput = PageInput.extend({ communityId: CommunityId, status: offerMachine.State.default('open') });

// ---------------------------------------------------------------------------------------------
// Needs

export const NeedInput = z.object({
  category: CharityCategory,
  item: CharityText(40),
  /** In `unit`; for money in fen, for a service in hours (the unit is then ignored). */
  quantity: CharityQuantity,
  unit: CharityUnit,
  urgency: CharityUrgency,
  deadlineOn: Day,
  beneficiaryGroup: CharityBeneficiaryGroup,
  /** For money: what it is for (restricted pledges match only their purpose). */
  purpose: CharityPurpose.optional(),
  /** For a service: the skill asked for. */
  skill: CharityServiceSkill.optional(),
  linkedWishIds: z.array(CharityId).max(20).optional(),
  projectId: CharityId.optional(),
  description: CharityText(500).optional(),
});
export type NeedInput = z.infer<typeof NeedInput>;

export const NeedView = z.object({
  id: CharityId,
  communityId: z.string(),
  category: CharityCategory,
  item: z.string(),
  quantity: z.number().int(),
  unit: z.string(),
  allocatedQuantity: z.number().int(),
  deliveredQuantity: z.number().int(),
  urgency: CharityUrgency,
  deadlineOn: Day,
  beneficiaryGroup: CharityBeneficiaryGroup,
  purpose: CharityPurpose.nullable(),
  skill: CharityServiceSkill.nullable(),
  linkedWishIds: z.array(z.string()),
  projectId: z.string().nullable(),
  description: z.string().nullable(),
  status: needMachine.State,
  version: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type NeedView = z.infer<typeof NeedView>;

export const CreateNeedInput = z.object({ communityId: CommunityId, need: NeedInput });
export const UpdateNeedInput = z.object({ needId: CharityId, version: DocVersion, need: NeedInput });
export const CloseNeedInput = z.object({ needId: CharityId, version: DocVersion.optional(), note: CharityText(200).optional() });
export const CancelNeedInput = z.object({ needId: CharityId, version: DocVersion.optional(), reason: CharityText(200) });
export const ListNeedsInput = PageInput.extend({ communityId: CommunityId, status: needMachine.State.default('open') });

// ---------------------------------------------------------------------------------------------
// Allocations

/** Why the engine proposed an allocation: the parts of its score and the constraints that bound it. */
export const AllocationExplanation = z.object({
  score: z.number(),
  terms: z.array(z.object({ term: z.string(), value: z.number() })),
  binding: z.array(z.string()),
  text: z.string(),
});
export type AllocationExplanation = z.infer<typeof AllocationExplanation>;

export const HandoverView = z.object({
  id: CharityId,
  to: z.enum(['station', 'beneficiary']),
  /** Who received it: the station keeper, or the beneficiary (masked for the donor). */
  receivedBy: z.string(),
  quantity: z.number().int(),
  handedOverAt: z.number(),
  note: z.string().nullable(),
  photoFileId: z.string().nullable(),
  recordedBy: z.string(),
});
export type HandoverView = z.infer<typeof HandoverView>;

export const AllocationView = z.object({
  id: CharityId,
  offerId: CharityId,
  needId: CharityId,
  communityId: z.string(),
  category: CharityCategory,
  offerItem: z.string(),
  needItem: z.string(),
  unit: z.string(),
  quantity: z.number().int(),
  deliveredQuantity: z.number().int(),
  status: allocationMachine.State,
  version: z.number().int(),
  explanation: AllocationExplanation.nullable(),
  /** The donor as the public ledger shows them. */
  donorLabel: z.string(),
  /** The caller is this allocation's donor. */
  mine: z.boolean(),
  proposedAt: z.number(),
  note: z.string().nullable(),
  handovers: z.array(HandoverView),
  updatedAt: z.number(),
});
export type AllocationView = z.infer<typeof AllocationView>;

export const ProposeInput = z.object({ communityId: CommunityId });
export const ProposeOutput = z.object({
  /** The new proposals, best first; earlier proposals of the community still pending were superseded. */
  proposals: z.array(AllocationView),
  superseded: z.number().int(),
  objective: z.number(),
  offersConsidered: z.number().int(),
  needsConsidered: z.number().int(),
});
export const AllocationRef = z.object({ allocationId: CharityId, version: DocVersion.optional() });
export const AdjustAllocationInput = z.object({ allocationId: CharityId, version: DocVersion.optional(), quantity: CharityQuantity, note: CharityText(200).optional() });
export const RejectAllocationInput = z.object({ allocationId: CharityId, version: DocVersion.optional(), reason: CharityText(200) });
export const RecordHandoverInput = z.object({
  allocationId: CharityId,
  version: DocVersion.optional(),
  to: z.enum(['station', 'beneficiary']),
  receivedBy: CharityText(30),
  quantity: CharityQuantity,
  /** When it was handed over; not in the future. */
  handedOverAt: Instant,
  note: CharityText(200).optional(),
  photoFileId: CharityFileId.optional(),
});
export const ListAllocationsInput = PageInput.extend({
  /** Staff: a community's allocations. Without it: the caller's own, as a donor. */
  communityId: CommunityId.optional(),
  status: allocationMachine.State.optional(),
});
export const GetAllocationInput = z.object({ allocationId: CharityId });

// ---------------------------------------------------------------------------------------------
// Station stock (慈善超市 / 捐助接收点)

export const StockItemView = z.object({
  id: z.string(),
  communityId: z.string(),
  item: z.string(),
  unit: z.string(),
  balance: z.number().int(),
  receivedTotal: z.number().int(),
  givenTotal: z.number().int(),
  updatedAt: z.number(),
});
export type StockItemView = z.infer<typeof StockItemView>;

export const StockMovementView = z.object({
  id: z.string(),
  itemId: z.string(),
  item: z.string(),
  unit: z.string(),
  direction: z.enum(['in', 'out', 'correction']),
  quantity: z.number().int(),
  balanceAfter: z.number().int(),
  counterpart: z.string().nullable(),
  note: z.string().nullable(),
  allocationId: z.string().nullable(),
  at: z.number(),
  by: z.string(),
});
export type StockMovementView = z.infer<typeof StockMovementView>;

export const StockCorrectionView = z.object({
  id: CharityId,
  itemId: z.string(),
  item: z.string(),
  unit: z.string(),
  delta: z.number().int(),
  reason: z.string(),
  status: stockCorrectionMachine.State,
  version: z.number().int(),
  requestedBy: z.string(),
  decidedBy: z.string().nullable(),
  createdAt: z.number(),
});
export type StockCorrectionView = z.infer<typeof StockCorrectionView>;

export const RecordStockMovementInput = z.object({
  communityId: CommunityId,
  item: CharityText(40),
  unit: CharityUnit,
  direction: z.enum(['in', 'out']),
  quantity: CharityQuantity,
  /** For 'in': the donor; for 'out': the recipient (kept for staff; the public ledger masks it). */
  counterpart: CharityText(30),
  /** For 'in': the donor opts in to their name on the public ledger. */
  showName: z.boolean().default(false),
  note: CharityText(200).optional(),
});
export const RecordStockMovementOutput = z.object({ item: StockItemView, movement: StockMovementView });
export const RequestStockCorrectionInput = z.object({
  communityId: CommunityId,
  item: CharityText(40),
  unit: CharityUnit,
  delta: z.number().int().min(-100_000_000).max(100_000_000).refine((d) => d !== 0, 'a correction changes the balance'),
  reason: CharityText(200),
});
export const DecideStockCorrectionInput = z.object({ correctionId: CharityId, version: DocVersion.optional() });
export const ListStockInput = PageInput.extend({ communityId: CommunityId });
export const ListStockMovementsInput = PageInput.extend({ communityId: CommunityId, itemId: z.string().min(1).max(80).regex(/^[A-Za-z0-9_-]+$/).optional() });
export const ListStockCorrectionsInput = PageInput.extend({ communityId: CommunityId, status: stockCorrectionMachine.State.default('pending') });

// ---------------------------------------------------------------------------------------------
// Community fund (小区公益基金)

export const FundSignerRole = z.enum(['convener', 'committeeMember', 'residentRep']);
export type FundSignerRole = z.infer<typeof FundSignerRole>;

export const FundView = z.object({
  id: CharityId,
  communityId: z.string(),
  name: z.string(),
  signers: z.object({ convener: z.string(), committeeMember: z.string(), residentRep: z.string() }),
  /** Derived from the entries: income minus approved disbursements. */
  balanceFen: z.number().int(),
  incomeFen: z.number().int(),
  spentFen: z.number().int(),
  pendingFen: z.number().int(),
  createdAt: z.number(),
});
export type FundView = z.infer<typeof FundView>;

export const FundEntryView = z.object({
  id: CharityId,
  fundId: CharityId,
  kind: z.enum(['income', 'disbursement']),
  amountFen: z.number().int(),
  purpose: z.string(),
  /** Income: the donor; disbursement: the payee. */
  counterpart: z.string(),
  evidenceFileIds: z.array(z.string()),
  /** Income is `recorded`; a disbursement pending → approved (two signers) or rejected. */
  status: z.union([z.literal('recorded'), disbursementMachine.State]),
  approvals: z.array(z.object({ role: FundSignerRole, openid: z.string(), at: z.number() })),
  version: z.number().int(),
  on: Day,
  createdBy: z.string(),
  createdAt: z.number(),
});
export type FundEntryView = z.infer<typeof FundEntryView>;

export const CreateFundInput = z.object({
  communityId: CommunityId,
  name: CharityText(40),
  signers: z
    .object({ convener: OpenId, committeeMember: OpenId, residentRep: OpenId })
    .refine((s) => new Set([s.convener, s.committeeMember, s.residentRep]).size === 3, 'the three signers must be three different people'),
});
export const RecordFundIncomeInput = z.object({
  fundId: CharityId,
  amountFen: CharityAmountFen,
  donorName: CharityText(30),
  showName: z.boolean().default(false),
  purpose: CharityText(100),
  evidenceFileIds: z.array(CharityFileId).max(9).default([]),
  receivedOn: Day,
});
export const RequestDisbursementInput = z.object({
  fundId: CharityId,
  amountFen: CharityAmountFen,
  purpose: CharityText(100),
  payee: CharityText(40),
  evidenceFileIds: z.array(CharityFileId).max(9).default([]),
});
export const DisbursementRef = z.object({ entryId: CharityId, version: DocVersion.optional() });
export const RejectDisbursementInput = z.object({ entryId: CharityId, version: DocVersion.optional(), reason: CharityText(200) });
export const GetFundInput = z.object({ fundId: CharityId });
export const ListFundsInput = z.object({ communityId: CommunityId });
export const ListFundEntriesInput = PageInput.extend({ fundId: CharityId });

// ---------------------------------------------------------------------------------------------
// Disclosure ledger (两公开)

export const PublicLedgerEntry = z.object({
  id: z.string(),
  direction: z.enum(['received', 'given']),
  /** Received: the donor masked to the first character unless they opted in; given: the beneficiary group or purpose. */
  label: z.string(),
  item: z.string(),
  quantity: z.number().int().nullable(),
  unit: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  on: Day,
});
export type PublicLedgerEntry = z.infer<typeof PublicLedgerEntry>;

export const PublicLedgerInput = z.object({ communityId: CommunityId, month: CharityMonth });
export const PublicLedgerOutput = z.object({
  communityId: z.string(),
  month: CharityMonth,
  received: z.array(PublicLedgerEntry),
  given: z.array(PublicLedgerEntry),
  receivedFen: z.number().int(),
  givenFen: z.number().int(),
});

export const DueReceipt = z.object({ entryId: z.string(), direction: z.enum(['received', 'given']), label: z.string(), item: z.string(), on: Day, dueOn: Day, overdue: z.boolean() });
export const DueCharityProject = z.object({ projectId: z.string(), name: z.string(), dueOn: Day, overdue: z.boolean() });
export const DisclosuresDueInput = z.object({ communityId: CommunityId });
export const DisclosuresDueOutput = z.object({ today: Day, entries: z.array(DueReceipt), projects: z.array(DueCharityProject) });
export const PublishDisclosuresInput = z.object({ communityId: CommunityId, entryIds: z.array(z.string().min(1).max(80).regex(/^[A-Za-z0-9_-]+$/)).min(1).max(100) });
export const PublishDisclosuresOutput = z.object({ published: z.number().int(), alreadyPublished: z.number().int() });

export const CharityProjectView = z.object({
  id: CharityId,
  communityId: z.string(),
  name: z.string(),
  startOn: Day,
  endOn: Day,
  long: z.boolean(),
  lastReportOn: Day.nullable(),
  nextReportOn: Day.nullable(),
  reports: z.array(z.object({ on: Day, summary: z.string() })),
});
export const RegisterCharityProjectInput = z
  .object({ communityId: CommunityId, name: CharityText(40), startOn: Day, endOn: Day })
  .refine((p) => p.endOn >= p.startOn, { message: 'a project ends on or after its start', path: ['endOn'] });
export const ReportCharityProjectInput = z.object({ projectId: CharityId, summary: CharityText(500) });
export const ListCharityProjectsInput = z.object({ communityId: CommunityId });

// ---------------------------------------------------------------------------------------------

export const charityContract = defineContract({
  name: 'charity',
  actions: {
    // Offers: any signed-in person (the donor); edit/withdraw only their own, only while nothing is allocated.
    createOffer: { input: CreateOfferInput, output: OfferView, mutates: true },
    updateOffer: { input: UpdateOfferInput, output: OfferView, mutates: true },
    withdrawOffer: { input: WithdrawOfferInput, output: OfferView, mutates: true },
    listMyOffers: { input: ListMyOffersInput, output: pageOf(OfferView), mutates: false },
    // Staff of the community: open offers it may receive.
    listOffers: { input: ListOffersInput, output: pageOf(OfferView), mutates: false },
    // Needs: staff or social workers of the community post and manage; anyone lists open needs.
    createNeed: { input: CreateNeedInput, output: NeedView, mutates: true },
    updateNeed: { input: UpdateNeedInput, output: NeedView, mutates: true },
    closeNeed: { input: CloseNeedInput, output: NeedView, mutates: true },
    cancelNeed: { input: CancelNeedInput, output: NeedView, mutates: true },
    listNeeds: { input: ListNeedsInput, output: pageOf(NeedView), mutates: false },
    // Allocation: staff propose (engine), adjust, confirm, reject, cancel, record handovers; the donor accepts or declines.
    propose: { input: ProposeInput, output: ProposeOutput, mutates: true },
    adjustAllocation: { input: AdjustAllocationInput, output: AllocationView, mutates: true },
    confirmAllocation: { input: AllocationRef, output: AllocationView, mutates: true },
    rejectAllocation: { input: RejectAllocationInput, output: AllocationView, mutates: true },
    acceptAllocation: { input: AllocationRef, output: AllocationView, mutates: true },
    declineAllocation: { input: AllocationRef, output: AllocationView, mutates: true },
    recordHandover: { input: RecordHandoverInput, output: AllocationView, mutates: true },
    cancelAllocation: { input: RejectAllocationInput, output: AllocationView, mutates: true },
    listAllocations: { input: ListAllocationsInput, output: pageOf(AllocationView), mutates: false },
    getAllocation: { input: GetAllocationInput, output: AllocationView, mutates: false },
    // Station stock: staff of the community; a correction needs a second staff member.
    recordStockMovement: { input: RecordStockMovementInput, output: RecordStockMovementOutput, mutates: true },
    requestStockCorrection: { input: RequestStockCorrectionInput, output: StockCorrectionView, mutates: true },
    approveStockCorrection: { input: DecideStockCorrectionInput, output: StockCorrectionView, mutates: true },
    rejectStockCorrection: { input: DecideStockCorrectionInput, output: StockCorrectionView, mutates: true },
    listStock: { input: ListStockInput, output: pageOf(StockItemView), mutates: false },
    listStockMovements: { input: ListStockMovementsInput, output: pageOf(StockMovementView), mutates: false },
    listStockCorrections: { input: ListStockCorrectionsInput, output: pageOf(StockCorrectionView), mutates: false },
    // Community fund: a community admin creates it with three named signers; staff or signers record
    // income and request disbursements; only signers approve (two distinct) or reject.
    createFund: { input: CreateFundInput, output: FundView, mutates: true },
    recordFundIncome: { input: RecordFundIncomeInput, output: FundEntryView, mutates: true },
    requestDisbursement: { input: RequestDisbursementInput, output: FundEntryView, mutates: true },
    approveDisbursement: { input: DisbursementRef, output: FundEntryView, mutates: true },
    rejectDisbursement: { input: RejectDisbursementInput, output: FundEntryView, mutates: true },
    getFund: { input: GetFundInput, output: FundView, mutates: false },
    listFunds: { input: ListFundsInput, output: z.object({ items: z.array(FundView) }), mutates: false },
    listFundEntries: { input: ListFundEntriesInput, output: pageOf(FundEntryView), mutates: false },
    // Disclosure ledger: anyone reads the published, masked ledger; staff see what is due and publish.
    publicLedger: { input: PublicLedgerInput, output: PublicLedgerOutput, mutates: false },
    disclosuresDue: { input: DisclosuresDueInput, output: DisclosuresDueOutput, mutates: false },
    publishDisclosures: { input: PublishDisclosuresInput, output: PublishDisclosuresOutput, mutates: true },
    registerProject: { input: RegisterCharityProjectInput, output: CharityProjectView, mutates: true },
    reportProject: { input: ReportCharityProjectInput, output: CharityProjectView, mutates: true },
    listProjects: { input: ListCharityProjectsInput, output: z.object({ items: z.array(CharityProjectView) }), mutates: false },
  },
});
export type CharityContract = typeof charityContract;

