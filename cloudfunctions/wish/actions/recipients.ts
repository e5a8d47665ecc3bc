// Recipients: who wishes are for. Staff register residents without a smartphone (proxy); a
// resident registers themselves (their WeChat then signs off). Name, phone, address and the exact
// sensitive status are sealed (server/pii.ts); only the masked name, age band and broad group are
// plain, and the group reaches a card only with the recipient's consent.
import {
  AppError,
  cardName,
  confirmCodeFromBytes,
  formatConfirmCode,
  isUnder14Band,
  maskPhone,
  RecipientView,
  wishContract,
} from '../../../core';
import type { ParsedInputOf } from '../../../core';
import type { Ctx, TxCtx } from '../../../server/context';
import { paginate } from '../../../server/paginate';
import { open, seal } from '../../../server/pii';
import { secureRandomBytes, sha256Hex } from '../../../server/wish/ids';
import { useFamilyCode } from './family-code';
import { isStaffOf, loadRecipient, newId, R, RecipientDoc, requireStaff } from '../store';

type In<K extends keyof typeof wishContract.actions> = ParsedInputOf<typeof wishContract, K>;

export const aad = (id: string, field: string) => `wish_recipients/${id}/${field}`;

/** The hash stored for a printed code: bound to its recipient, so a code opens no other card. */
export function codeHash(recipientId: string, code: string): string {
  return sha256Hex(`wish-confirm-code/v1\u0000${recipientId}\u0000${code}`);
}

export function recipientView(r: RecipientDoc, staff: boolean, caller: string): RecipientView {
  return {
    id: r._id,
    communityId: r.communityId,
    maskedName: r.maskedName,
    ageBand: r.ageBand,
    group: r.group,
    showGroup: r.showGroup,
    under14: r.under14,
    guardianConsent: r.guardianConsent !== null,
    hasOwnWeChat: r.openid !== null,
    you: r.openid !== null && r.openid === caller,
    familyCount: r.familyOpenids.length,
    phoneMasked: staff ? r.phoneMasked : null,
    hasConfirmCode: r.codeHash !== null,
  };
}

/** A resident's own recipient id is derived from their openid, so registering twice cannot make two. */
function selfRecipientId(openid: string): string {
  return `r_${sha256Hex(`wish-self/${openid}`).slice(0, 20)}`;
}

export async function registerRecipient(input: In<'registerRecipient'>, ctx: TxCtx): Promise<RecipientView> {
  const staff = await isStaffOf(ctx, input.communityId);
  let id: string;
  if (input.self) {
    id = selfRecipientId(ctx.openid);
    if ((await ctx.tx.collection(R).doc(id).get()).data) {
      throw new AppError('already-exists', 'you are already registered as a recipient', { reason: 'wish.recipient_exists' });
    }
  } else {
    await requireStaff(ctx, input.communityId);
    id = newId('r');
  }
  const now = ctx.now();
  const doc: RecipientDoc = {
    _id: id,
    communityId: input.communityId,
    maskedName: cardName(input.name),
    nameSealed: seal(input.name, aad(id, 'name')),
    phoneSealed: input.phone ? seal(input.phone, aad(id, 'phone')) : null,
    phoneMasked: input.phone ? maskPhone(input.phone) : null,
    addressSealed: input.address ? seal(input.address, aad(id, 'address')) : null,
    sensitiveStatusSealed: input.sensitiveStatus ? seal(input.sensitiveStatus, aad(id, 'sensitiveStatus')) : null,
    ageBand: input.ageBand,
    under14: isUnder14Band(input.ageBand),
    group: input.group,
    showGroup: input.showGroup,
    openid: input.self ? ctx.openid : null,
    familyOpenids: [],
    guardianConsent: null,
    codeHash: null,
    codeSealed: null,
    codeIssuedAt: null,
    createdBy: ctx.openid,
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
  await ctx.tx.collection(R).add({ data: doc });
  await ctx.audit({ action: 'wish.registerRecipient', subject: `${R}/${id}`, after: { communityId: doc.communityId, ageBand: doc.ageBand, group: doc.group, self: input.self } });
  return recipientView(doc, staff, ctx.openid);
}

/** At most this many recipients one person is, or is bound family of. */
const MINE_LIMIT = 20;

/** The recipients the caller is (their own WeChat) or is bound family of. */
export async function ownRecipients(ctx: Ctx): Promise<RecipientDoc[]> {
  const [self, family] = await Promise.all([
    ctx.db.collection(R).where({ openid: ctx.openid }).limit(MINE_LIMIT).get(),
    ctx.db.collection(R).where({ familyOpenids: ctx.openid }).limit(MINE_LIMIT).get(),
  ]);
  const byId = new Map(([...self.data, ...family.data] as RecipientDoc[]).map((r) => [r._id, r]));
  return [...byId.values()].slice(0, MINE_LIMIT);
}

/**
 * `mine`: the recipients the caller is or is bound family of (whom they may post for), without
 * staff-only fields. `staff`: the community's recipients, newest first, in cursor pages.
 */
export async function recipients(input: In<'recipients'>, ctx: Ctx): Promise<{ items: RecipientView[]; next: string | null }> {
  if (input.as === 'mine') return { items: (await ownRecipients(ctx)).map((r) => recipientView(r, false, ctx.openid)), next: null };
  const communityId = input.communityId as string; // the contract requires it with as: 'staff'
  await requireStaff(ctx, communityId);
  const page = await paginate(ctx.db, R, { where: { communityId }, sort: [{ field: 'createdAt', order: 'desc' }], after: input.after ?? null, limit: input.limit });
  return { items: (page.items as RecipientDoc[]).map((r) => recipientView(r, true, ctx.openid)), next: page.next };
}

async function staffRecipient(ctx: TxCtx, recipientId: string): Promise<RecipientDoc> {
  const r = await loadRecipient(ctx.tx, recipientId);
  await requireStaff(ctx, r.communityId);
  return r;
}

/** Staff bind the person a family binding code names (actions/family-code.ts) to a recipient; the code is used up. */
export async function bindFamily(input: In<'bindFamily'>, ctx: TxCtx): Promise<RecipientView> {
  const r = await staffRecipient(ctx, input.recipientId);
  const familyOpenid = await useFamilyCode(ctx, input.code, r._id);
  if (r.openid === familyOpenid) throw new AppError('failed-precondition', 'that is the recipient themselves', { reason: 'wish.family_is_recipient' });
  const familyOpenids = r.familyOpenids.includes(familyOpenid) ? r.familyOpenids : [...r.familyOpenids, familyOpenid];
  const now = ctx.now();
  await ctx.tx.collection(R).doc(r._id).update({ data: { familyOpenids, updatedAt: now, version: r.version + 1 } });
  await ctx.audit({ action: 'wish.bindFamily', subject: `${R}/${r._id}`, before: { familyOpenids: r.familyOpenids }, after: { familyOpenids } });
  return recipientView({ ...r, familyOpenids }, true, ctx.openid);
}

export async function recordGuardianConsent(input: In<'recordGuardianConsent'>, ctx: TxCtx): Promise<RecipientView> {
  const r = await staffRecipient(ctx, input.recipientId);
  if (!r.under14) throw new AppError('failed-precondition', 'guardian consent is recorded for recipients under 14 only', { reason: 'wish.not_a_minor' });
  const now = ctx.now();
  const guardianConsent = {
    guardianNameSealed: seal(input.guardianName, aad(r._id, 'guardianName')),
    relation: input.relation,
    method: input.method,
    note: input.note ?? null,
    by: ctx.openid,
    at: now,
  };
  await ctx.tx.collection(R).doc(r._id).update({ data: { guardianConsent: ctx.db.command.set(guardianConsent), updatedAt: now, version: r.version + 1 } });
  await ctx.audit({ action: 'wish.recordGuardianConsent', subject: `${R}/${r._id}`, after: { relation: input.relation, method: input.method } });
  return recipientView({ ...r, guardianConsent }, true, ctx.openid);
}

/**
 * A new printable one-time code; any earlier code stops working. Sign-off compares its hash; the
 * code is also kept sealed so staff can print the card again (printConfirmCode).
 */
export async function issueConfirmCode(input: In<'issueConfirmCode'>, ctx: TxCtx): Promise<{ recipientId: string; issuedAt: number }> {
  const r = await staffRecipient(ctx, input.recipientId);
  const code = confirmCodeFromBytes(secureRandomBytes(16));
  const now = ctx.now();
  await ctx.tx.collection(R).doc(r._id).update({
    data: { codeHash: codeHash(r._id, code), codeSealed: seal(code, aad(r._id, 'code')), codeIssuedAt: now, updatedAt: now, version: r.version + 1 },
  });
  await ctx.audit({ action: 'wish.issueConfirmCode', subject: `${R}/${r._id}`, after: { codeIssuedAt: now } });
  return { recipientId: r._id, issuedAt: now };
}

export async function printConfirmCode(input: In<'printConfirmCode'>, ctx: Ctx): Promise<{ recipientId: string; code: string; issuedAt: number; maskedName: string }> {
  const r = await loadRecipient(ctx.db, input.recipientId);
  await requireStaff(ctx, r.communityId);
  if (!r.codeSealed || r.codeIssuedAt === null) {
    throw new AppError('failed-precondition', 'no valid confirmation code: issue one first', { reason: 'wish.no_confirm_code' });
  }
  return { recipientId: r._id, code: formatConfirmCode(open(r.codeSealed, aad(r._id, 'code'))), issuedAt: r.codeIssuedAt, maskedName: r.maskedName };
}
