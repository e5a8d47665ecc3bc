// The volunteer card's personal code (core/volunteer/card.ts): signed with an HMAC under the
// platform's PII_HMAC_KEY, separated from the blind indexes by its own domain label, so no extra
// secret has to be configured. Short-lived (VOLUNTEER_CARD_TTL_SECONDS): a screenshot stops working.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, cardCodeBody, parseCardCode } from '../../core';
import { ConfigError, type ServerConfig } from '../config';

const DOMAIN = 'volunteer-card/v1';
const MAC_CHARS = 10;

type KeyConfig = Pick<ServerConfig, 'PII_HMAC_KEY'>;

function mac(config: KeyConfig, body: string): string {
  if (!config.PII_HMAC_KEY) throw new ConfigError('PII_HMAC_KEY is not set: volunteer card codes cannot be signed or checked without it');
  return createHmac('sha256', config.PII_HMAC_KEY.key).update(`${DOMAIN}\0${body}`, 'utf8').digest('base64url').slice(0, MAC_CHARS);
}

/** A card code for this volunteer number valid until `expiresAt` (rounded up to the minute). */
export function signCardCode(config: KeyConfig, volunteerNo: string, expiresAt: number): { code: string; expiresAt: number } {
  const body = cardCodeBody(volunteerNo, expiresAt);
  const parts = parseCardCode(`${body}.${'0'.repeat(MAC_CHARS)}`);
  if (!parts) throw new Error(`signCardCode: '${volunteerNo}' is not a volunteer number`);
  return { code: `${body}.${mac(config, body)}`, expiresAt: parts.expiresAt };
}

/** The volunteer number of a genuine, unexpired card code; otherwise a reason the leader can read. */
export function checkCardCode(config: KeyConfig, code: string, now: number): string {
  const parts = parseCardCode(code);
  const expected = parts ? Buffer.from(mac(config, cardCodeBody(parts.volunteerNo, parts.expiresAt))) : null;
  if (!parts || !expected || !timingSafeEqual(expected, Buffer.from(parts.mac))) {
    throw new AppError('failed-precondition', '这不是有效的志愿者证二维码', { reason: 'card.invalid' });
  }
  if (now > parts.expiresAt) throw new AppError('failed-precondition', '志愿者证二维码已过期，请对方刷新后再扫', { reason: 'card.expired' });
  return parts.volunteerNo;
}
