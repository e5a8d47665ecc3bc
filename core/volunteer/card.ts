// The personal QR of the volunteer card: a short-lived code a leader scans to take roll call for
// the volunteer (activity.rollCallByCard). It is `<volunteerNo>.<expiry>.<mac>`: the public
// volunteer number (never the ID number, never the openid), the expiry in whole minutes since the
// epoch (base 36) and a truncated HMAC the server computes over both (server/signed-code.ts). It
// fits the 32 characters of a mini-program code's `scene`, so the card shows it as a mini-program
// code (wxacode.getUnlimited).
import { z } from '../zod-setup';

export const CARD_CODE_RE = /^([A-Z]{2,6}-\d{6,7})\.([0-9a-z]{1,8})\.([A-Za-z0-9_-]{10})$/;

export const CardCode = z.string().max(40).regex(CARD_CODE_RE, 'a volunteer card code as shown on the volunteer card');

export interface CardCodeParts {
  volunteerNo: string;
  /** Epoch ms when the code stops being accepted. */
  expiresAt: number;
  mac: string;
}

/** The parts of a card code (null when it is not one); the signature is the server's to check. */
export function parseCardCode(code: string): CardCodeParts | null {
  const m = CARD_CODE_RE.exec(code);
  if (!m) return null;
  const minutes = parseInt(m[2]!, 36);
  if (!Number.isSafeInteger(minutes)) return null;
  return { volunteerNo: m[1]!, expiresAt: minutes * 60_000, mac: m[3]! };
}
