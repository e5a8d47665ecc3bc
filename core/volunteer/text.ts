// Text fields of the volunteer domain's contracts. Everything a person types is shown again in
// WXML lists, printed on certificates and exported as CSV to the national system, so the contracts
// accept plain text only: no markup characters, no control characters, no emoji or other
// pictographs (which the national system's GBK-era columns and printed certificates cannot carry),
// trimmed, within a length. A violation is invalid-argument with the field's path.
import { z } from '../zod-setup';

// Control characters (C0, DEL, C1), the markup/template characters, and the pictographic ranges
// (surrogate pairs cover emoji and most pictographs; the BMP symbol blocks and the variation
// selectors / zero-width joiner cover the rest of what emoji are built from). No \p{…}: the
// mini-program's older JavaScriptCore does not support Unicode property escapes.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f<>{}`\\\u200b-\u200f\u2028-\u202e\u2060-\u206f\u2190-\u21ff\u2300-\u23ff\u2460-\u27bf\u2900-\u297f\u2b00-\u2bff\u3030\u303d\u3297\u3299\ufe00-\ufe0f\ufeff\ud800-\udfff]/;

export const PLAIN_TEXT_MESSAGE = 'plain text only: no markup (<>{}`\\), control characters or emoji';

export function isPlainText(value: string): boolean {
  return !FORBIDDEN.test(value);
}

/** Trimmed plain text of `min`..`max` characters (code units; no surrogates can pass anyway). */
export function plainText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `at least ${min} characters`)
    .max(max, `at most ${max} characters`)
    .refine(isPlainText, PLAIN_TEXT_MESSAGE);
}

/** A person's name as on an ID card: Han characters, letters, the middle dot and single spaces. */
export const PersonName = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(30, 'at most 30 characters')
  .regex(/^[\u4e00-\u9fa5\u3400-\u4dbfA-Za-z][\u4e00-\u9fa5\u3400-\u4dbfA-Za-z·• .'-]*$/, 'a name as written on the ID card (Han characters or letters)');

/** A mainland mobile number (11 digits starting with 1), half-width; separators are not accepted. */
export const MobilePhone = z.string().regex(/^1[3-9]\d{9}$/, 'an 11-digit mainland mobile number');

/** Ids the server made (documents, teams, organizations): short and from a safe alphabet. */
export const DocId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id: 1–64 characters of A–Z a–z 0–9 _ -');
