// The volunteer card's personal code (core/volunteer/card.ts): a signed code (server/signed-code.ts)
// under the platform's PII_HMAC_KEY with its own domain label, so no extra secret has to be
// configured. Short-lived (VOLUNTEER_CARD_TTL_SECONDS): a screenshot stops working.
import { AppError, parseCardCode } from '../../core';
import type { ServerConfig } from '../config';
import { checkCode, signCode, type CodePurpose } from '../signed-code';

const CARD: CodePurpose = { domain: 'volunteer-card/v1', macChars: 10 };

type KeyConfig = Pick<ServerConfig, 'PII_HMAC_KEY'>;

/** A card code for this volunteer number valid until `expiresAt` (rounded up to the minute). */
export function signCardCode(config: KeyConfig, volunteerNo: string, expiresAt: number): { code: string; expiresAt: number } {
  const signed = signCode(config, CARD, volunteerNo, expiresAt);
  if (!parseCardCode(signed.code)) throw new Error(`signCardCode: '${volunteerNo}' is not a volunteer number`);
  return signed;
}

/** The volunteer number of a genuine, unexpired card code; otherwise a reason the leader can read. */
export function checkCardCode(config: KeyConfig, code: string, now: number): string {
  const checked = parseCardCode(code) ? checkCode(config, CARD, code, now) : ({ ok: false, why: 'invalid' } as const);
  if (checked.ok) return checked.body;
  if (checked.why === 'expired') throw new AppError('failed-precondition', '志愿者证二维码已过期，请对方刷新后再扫', { reason: 'card.expired' });
  throw new AppError('failed-precondition', '这不是有效的志愿者证二维码', { reason: 'card.invalid' });
}
