// Stored shapes of the charity collections and their views (the contract's outputs). Outputs are
// allow-lists: a view names every field it shows (the kernel also strips unknown ones).
import {
  AllocationExplanation,
  AllocationView,
  CharityCategory,
  FundEntryView,
  FundView,
  HandoverView,
  maskName,
  NeedInput,
  NeedView,
  OfferInput,
  OfferView,
  publicDonorLabel,
  StockCorrectionView,
  StockItemView,
  StockMovementView,
} from '../../core';
import type { StoredDoc } from '../db';

export interface OfferDoc {
  _id: string;
  kind: 'goods' | 'money' | 'service';
  category: CharityCategory;
  item: string;
  quantity: number;
  unit: string;
  allocatedQuantity: number;
  deliveredQuantity: number;
  status: 'open' | 'withdrawn' | 'closed';
  version: number;
  donorOpenid: string;
  donorType: OfferView['donorType'];
  donorName: string;
  showName: boolean;
  condition: OfferView['condition'];
  area: string | null;
  location: OfferView['location'];
  skill: OfferView['skill'];
  restrictedCommunityId: string | null;
  restrictedPurpose: OfferView['restrictedPurpose'];
  availableUntil: string;
  description: string | null;
  createdAt: number;
  updatedAt: number;
}

/** The offer's fields an input decides (create and edit). */
export function offerFields(o: OfferInput): Omit<OfferDoc, '_id' | 'allocatedQuantity' | 'deliveredQuantity' | 'status' | 'version' | 'donorOpenid' | 'createdAt' | 'updatedAt'> {
  const common = {
    kind: o.kind,
    donorType: o.donorType,
    donorName: o.donorName,
    showName: o.showName,
    restrictedCommunityId: o.restrictedCommunityId ?? null,
    availableUntil: o.availableUntil,
    description: o.description ?? null,
  };
  switch (o.kind) {
    case 'goods':
      return { ...common, category: o.category, item: o.item, quantity: o.quantity, unit: o.unit, condition: o.condition, area: o.pickupArea, location: o.pickupLocation ?? null, skill: null, restrictedPurpose: null };
    case 'money':
      return { ...common, category: 'money', item: '善款', quantity: o.amountFen, unit: 'fen', condition: null, area: null, location: null, skill: null, restrictedPurpose: o.restrictedPurpose ?? null };
    case 'service':
      return { ...common, category: 'service', item: o.skill, quantity: o.hours, unit: 'hour', condition: null, area: o.area, location: o.location ?? null, skill: o.skill, restrictedPurpose: null };
  }
}

export function offerView(d: OfferDoc, openid: string): OfferView {
  return {
    id: d._id,
    kind: d.kind,
    category: d.category,
    item: d.item,
    quantity: d.quantity,
    unit: d.unit,
    allocatedQuantity: d.allocatedQuantity,
    deliveredQuantity: d.deliveredQuantity,
    status: d.status,
    version: d.version,
    donorType: d.donorType,
    donorName: d.donorName,
    showName: d.showName,
    condition: d.condition,
    area: d.area,
    location: d.location,
    skill: d.skill,
    restrictedCommunityId: d.restrictedCommunityId,
    restrictedPurpose: d.restrictedPurpose,
    availableUntil: d.availableUntil,
    description: d.description,
    mine: d.donorOpenid === openid,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export interface NeedDoc {
  _id: string;
  communityId: string;
  category: CharityCategory;
  item: string;
  quantity: number;
  unit: string;
  allocatedQuantity: number;
  deliveredQuantity: number;
  urgency: NeedView['urgency'];
  deadlineOn: string;
  beneficiaryGroup: NeedView['beneficiaryGroup'];
  purpose: NeedView['purpose'];
  skill: NeedView['skill'];
  linkedWishIds: string[];
  projectId: string | null;
  description: string | null;
  status: NeedView['status'];
  version: number;
  postedBy: string;
  createdAt: number;
  updatedAt: number;
}

/** Money needs are counted in fen and services in hours, whatever unit the form sent. */
export function needFields(n: NeedInput): Pick<NeedDoc, 'category' | 'item' | 'quantity' | 'unit' | 'urgency' | 'deadlineOn' | 'beneficiaryGroup' | 'purpose' | 'skill' | 'linkedWishIds' | 'projectId' | 'description'> {
  const unit = n.category === 'money' ? 'fen' : n.category === 'service' ? 'hour' : n.unit;
  return {
    category: n.category,
    item: n.item,
    quantity: n.quantity,
    unit,
    urgency: n.urgency,
    deadlineOn: n.deadlineOn,
    beneficiaryGroup: n.beneficiaryGroup,
    purpose: n.purpose ?? null,
    skill: n.category === 'service' ? (n.skill ?? 'other') : null,
    linkedWishIds: [...new Set(n.linkedWishIds ?? [])],
    projectId: n.projectId ?? null,
    description: n.description ?? null,
  };
}

export function needView(d: NeedDoc): NeedView {
  return {
    id: d._id,
    communityId: d.communityId,
    category: d.category,
    item: d.item,
    quantity: d.quantity,
    unit: d.unit,
    allocatedQuantity: d.allocatedQuantity,
    deliveredQuantity: d.deliveredQuantity,
    urgency: d.urgency,
    deadlineOn: d.deadlineOn,
    beneficiaryGroup: d.beneficiaryGroup,
    purpose: d.purpose,
    skill: d.skill,
    linkedWishIds: d.linkedWishIds,
    projectId: d.projectId,
    description: d.description,
    status: d.status,
    version: d.version,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export interface HandoverDoc {
  id: string;
  to: 'station' | 'beneficiary';
  receivedBy: string;
  quantity: number;
  handedOverAt: number;
  note: string | null;
  photoFileId: string | null;
  recordedBy: string;
}

export interface AllocationDoc {
  _id: string;
  offerId: string;
  needId: string;
  communityId: string;
  donorOpenid: string;
  category: CharityCategory;
  offerItem: string;
  needItem: string;
  unit: string;
  quantity: number;
  deliveredQuantity: number;
  status: AllocationView['status'];
  version: number;
  explanation: AllocationExplanation | null;
  donorLabel: string;
  batchId: string | null;
  proposedAt: number;
  proposedBy: string;
  note: string | null;
  handovers: HandoverDoc[];
  updatedAt: number;
}

/**
 * The donor sees who received a direct handover masked (王某): the beneficiary's name is the
 * community's to know. Staff see what they recorded.
 */
export function allocationView(d: AllocationDoc, openid: string, staff: boolean): AllocationView {
  return {
    id: d._id,
    offerId: d.offerId,
    needId: d.needId,
    communityId: d.communityId,
    category: d.category,
    offerItem: d.offerItem,
    needItem: d.needItem,
    unit: d.unit,
    quantity: d.quantity,
    deliveredQuantity: d.deliveredQuantity,
    status: d.status,
    version: d.version,
    explanation: d.explanation,
    donorLabel: d.donorLabel,
    mine: d.donorOpenid === openid,
    proposedAt: d.proposedAt,
    note: d.note,
    handovers: d.handovers.map((h): HandoverView => ({
      ...h,
      receivedBy: staff || h.to === 'station' ? h.receivedBy : maskName(h.receivedBy),
      recordedBy: staff ? h.recordedBy : '',
    })),
    updatedAt: d.updatedAt,
  };
}

export function donorLabelOf(offer: Pick<OfferDoc, 'donorName' | 'showName'>): string {
  return publicDonorLabel(offer.donorName, offer.showName);
}

export interface StockItemDoc {
  _id: string;
  communityId: string;
  item: string;
  unit: string;
  balance: number;
  receivedTotal: number;
  givenTotal: number;
  version: number;
  updatedAt: number;
}

export function stockItemView(d: StockItemDoc): StockItemView {
  return { id: d._id, communityId: d.communityId, item: d.item, unit: d.unit, balance: d.balance, receivedTotal: d.receivedTotal, givenTotal: d.givenTotal, updatedAt: d.updatedAt };
}

export interface StockMovementDoc {
  _id: string;
  communityId: string;
  itemId: string;
  item: string;
  unit: string;
  direction: 'in' | 'out' | 'correction';
  quantity: number;
  balanceAfter: number;
  counterpart: string | null;
  note: string | null;
  allocationId: string | null;
  at: number;
  by: string;
}

export function stockMovementView(d: StockMovementDoc): StockMovementView {
  const { _id, communityId: _c, ...rest } = d;
  return { id: _id, ...rest };
}

export interface StockCorrectionDoc {
  _id: string;
  communityId: string;
  itemId: string;
  item: string;
  unit: string;
  delta: number;
  reason: string;
  status: StockCorrectionView['status'];
  version: number;
  requestedBy: string;
  decidedBy: string | null;
  createdAt: number;
}

export function stockCorrectionView(d: StockCorrectionDoc): StockCorrectionView {
  const { _id, communityId: _c, ...rest } = d;
  return { id: _id, ...rest };
}

export interface FundDoc {
  _id: string;
  communityId: string;
  name: string;
  signers: FundView['signers'];
  createdBy: string;
  createdAt: number;
}

export interface FundTotals {
  incomeFen: number;
  spentFen: number;
  pendingFen: number;
}

export function fundView(d: FundDoc, totals: FundTotals): FundView {
  return {
    id: d._id,
    communityId: d.communityId,
    name: d.name,
    signers: d.signers,
    balanceFen: totals.incomeFen - totals.spentFen,
    incomeFen: totals.incomeFen,
    spentFen: totals.spentFen,
    pendingFen: totals.pendingFen,
    createdAt: d.createdAt,
  };
}

export interface FundEntryDoc {
  _id: string;
  fundId: string;
  communityId: string;
  kind: 'income' | 'disbursement';
  amountFen: number;
  purpose: string;
  counterpart: string;
  showName: boolean;
  evidenceFileIds: string[];
  status: FundEntryView['status'];
  approvals: FundEntryView['approvals'];
  version: number;
  on: string;
  note: string | null;
  createdBy: string;
  createdAt: number;
}

export function fundEntryView(d: FundEntryDoc): FundEntryView {
  return {
    id: d._id,
    fundId: d.fundId,
    kind: d.kind,
    amountFen: d.amountFen,
    purpose: d.purpose,
    counterpart: d.counterpart,
    evidenceFileIds: d.evidenceFileIds,
    status: d.status,
    approvals: d.approvals,
    version: d.version,
    on: d.on,
    createdBy: d.createdBy,
    createdAt: d.createdAt,
  };
}

/** Adds the totals of fund entries: income counts when recorded, a disbursement only when approved. */
export function addTotals(totals: FundTotals, entries: readonly FundEntryDoc[]): FundTotals {
  const t = { ...totals };
  for (const e of entries) {
    if (e.kind === 'income' && e.status === 'recorded') t.incomeFen += e.amountFen;
    else if (e.kind === 'disbursement' && e.status === 'approved') t.spentFen += e.amountFen;
    else if (e.kind === 'disbursement' && e.status === 'pending') t.pendingFen += e.amountFen;
  }
  return t;
}

export const asDoc = <T>(d: StoredDoc | null): T | null => d as unknown as T | null;
