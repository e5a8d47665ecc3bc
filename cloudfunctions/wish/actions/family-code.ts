// The family binding code (core/wish/rules.ts FamilyCode): how a person is bound as family of a
// recipient without anyone handling their openid. They issue a short-lived one-time code
// (issueFamilyCode) and show it (familyCode: a mini-program code and the 8 characters); staff scan
// or type it into bindFamily (actions/recipients.ts), which uses it up (useFamilyCode). One live
// code per person: issuing again replaces the last. Stored as a keyed hash (PII_HMAC_KEY: the
// 8 characters cannot be brute-forced from the database) to find it, and sealed to show it again.
import { AppError, confirmCodeFromBytes, FAMILY_CODE_LENGTH, formatFamilyCode, type FamilyCodeView } from '../../../core';
import { Collections } from '../../../server/collections';
import type { Ctx, TxCtx } from '../../../server/context';
import type { StoredDoc } from '../../../server/db';
import { miniProgramCode } from '../../../server/openapi';
import { keyedDigest, open, seal } from '../../../server/pii';
import { wishSettings } from '../../../server/wish/config';
import { secureRandomBytes, sha256Hex } from '../../../server/wish/ids';

const C = Collections.wishFamilyCodes;
export const FAMILY_PAGE = 'pages/resident/family/index';

interface FamilyCodeFields {
  openid: string;
  codeHash: string;
  /** Sealed with aad `wish_family_codes/<id>/code`. */
  codeSealed: string;
  issuedAt: number;
  expiresAt: number;
  /** When staff bound with it (and to which recipient); a used code binds nobody again. */
  usedAt: number | null;
  usedFor: string | null;
}

type FamilyCodeDoc = StoredDoc & FamilyCodeFields;

const docId = (openid: string) => `fc_${sha256Hex(`wish-family-code/${openid}`).slice(0, 24)}`;
const aad = (id: string) => `${C}/${id}/code`;
const hashOf = (ctx: Pick<Ctx, 'config'>, code: string) => keyedDigest(ctx.config, 'wish-family-code/v1', code);

const REFUSALS = {
  invalid: ['no such binding code', 'wish.family_code_invalid'],
  expired: ['the binding code has expired', 'wish.family_code_expired'],
  used: ['the binding code has been used', 'wish.family_code_used'],
} as const;

function refuse(why: keyof typeof REFUSALS): never {
  const [message, reason] = REFUSALS[why];
  throw new AppError('failed-precondition', message, { reason });
}

export async function issueFamilyCode(_input: Record<string, never>, ctx: TxCtx): Promise<{ expiresAt: number }> {
  const id = docId(ctx.openid);
  const code = confirmCodeFromBytes(secureRandomBytes(FAMILY_CODE_LENGTH), FAMILY_CODE_LENGTH);
  const now = ctx.now();
  const doc: FamilyCodeFields = {
    openid: ctx.openid,
    codeHash: hashOf(ctx, code),
    codeSealed: seal(code, aad(id)),
    issuedAt: now,
    expiresAt: now + wishSettings(ctx.config).familyCodeMs,
    usedAt: null,
    usedFor: null,
  };
  await ctx.tx.collection(C).doc(id).set({ data: { ...doc } });
  await ctx.audit({ action: 'wish.issueFamilyCode', subject: `${C}/${id}`, after: { expiresAt: doc.expiresAt } });
  return { expiresAt: doc.expiresAt };
}

/** The caller's live code, to show; failed-precondition wish.no_family_code when there is none. */
export async function familyCode(_input: Record<string, never>, ctx: Ctx): Promise<FamilyCodeView> {
  const id = docId(ctx.openid);
  const doc = (await ctx.db.collection(C).doc(id).get()).data as FamilyCodeDoc | null;
  if (!doc || doc.usedAt !== null || ctx.now() > doc.expiresAt) {
    throw new AppError('failed-precondition', 'no valid binding code: issue one', { reason: 'wish.no_family_code' });
  }
  const code = open(doc.codeSealed, aad(id));
  const image = await miniProgramCode({ page: FAMILY_PAGE, scene: code });
  return { code: formatFamilyCode(code), page: FAMILY_PAGE, imageBase64: image.buffer.toString('base64'), contentType: image.contentType, expiresAt: doc.expiresAt };
}

/**
 * Uses up a binding code for `recipientId` in this transaction: the openid it names, or
 * failed-precondition wish.family_code_invalid / _expired / _used.
 */
export async function useFamilyCode(ctx: TxCtx, code: string, recipientId: string): Promise<string> {
  const found = await ctx.db.collection(C).where({ codeHash: hashOf(ctx, code) }).limit(1).get();
  const id = (found.data[0] as FamilyCodeDoc | undefined)?._id;
  // Read again inside the transaction: a concurrent use or re-issue conflicts with our write.
  const doc = id ? ((await ctx.tx.collection(C).doc(id).get()).data as FamilyCodeDoc | null) : null;
  if (!doc || doc.codeHash !== hashOf(ctx, code)) refuse('invalid');
  if (doc.usedAt !== null) refuse('used');
  const now = ctx.now();
  if (now > doc.expiresAt) refuse('expired');
  await ctx.tx.collection(C).doc(doc._id).update({ data: { usedAt: now, usedFor: recipientId } });
  return doc.openid;
}
