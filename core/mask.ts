// Personal data for display (masked) and for comparison (normal forms). DESIGN §4 and the PIPL
// (rules-and-norms B7: minimisation, 去标识化, role-based masking): a phone is shown masked unless a
// role needs it, an ID number is never shown in full, a public card shows neither a full name nor
// an address. These are display rules for data a function may already return; what a role may see
// at all is the server's decision, not this file's.
//
// Pure and bundled into the mini-program (ES2018 target, old JavaScriptCore too): no regex
// lookbehind, no \p{…} escapes, no String.prototype.normalize. Every function accepts anything a
// record may hold for an optional field (undefined, null) and never throws on any string, lone
// surrogates included.

type Maybe = string | null | undefined;

const STAR = '*';

/** Full-width ASCII (０-９, Ａ-Ｚ, ｘ, ＋ …) and the ideographic space to their half-width forms: what a Chinese IME types. */
export function toHalfWidth(value: string): string {
  return value.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/**
 * The form an ID number (居民身份证号码) is compared, indexed and stored in: half-width, all
 * whitespace removed, upper case (the check character 'x' becomes 'X'). Not a validation: the
 * contract decides what a well-formed number is.
 */
export function normalizeIdNumber(value: Maybe): string {
  return toHalfWidth(value ?? '')
    .replace(/\s+/g, '')
    .toUpperCase();
}

/**
 * The form a phone number is compared in: half-width digits only (spaces, dashes, '+', brackets
 * dropped), and a mainland mobile number loses its country code (+86 / 0086 138… → 138…), so
 * '+86 138-1234-5678' and '13812345678' are the same phone. Landlines keep their area code.
 */
export function normalizePhone(value: Maybe): string {
  const digits = toHalfWidth(value ?? '').replace(/[^0-9]/g, '');
  const m = /^(?:0086|86)(1\d{10})$/.exec(digits);
  return m ? (m[1] as string) : digits;
}

/**
 * '13812345678' → '138****5678' (first 3 and last 4 of 11 or more digits); 7–10 digits (a local
 * landline) keep the last 4 only; fewer than 7 are all stars. Works on the normal form, so the
 * country code and separators are gone. '' when there are no digits.
 */
export function maskPhone(value: Maybe): string {
  const d = normalizePhone(value);
  const n = d.length;
  if (n >= 11) return d.slice(0, 3) + STAR.repeat(n - 7) + d.slice(-4);
  if (n >= 7) return STAR.repeat(n - 4) + d.slice(-4);
  return STAR.repeat(n);
}

/**
 * First and last character, stars between, on the normal form: '11010519491231002X' →
 * '1****************X' (16 stars; the length stays, so a 15-digit old number looks like one).
 * Four characters or fewer are all stars. The rules document names no pattern; this shows the
 * least of the common ones.
 */
export function maskIdNumber(value: Maybe): string {
  const cps = Array.from(normalizeIdNumber(value));
  const n = cps.length;
  if (n <= 4) return STAR.repeat(n);
  return (cps[0] as string) + STAR.repeat(n - 2) + (cps[n - 1] as string);
}

/**
 * A name as a public card shows it (PRODUCT: "given name's first character", read as the first
 * character of the name as written, which for a Chinese name is the surname): '王小明' → '王某',
 * '李明' → '李某'. A compound surname shows its first character only ('欧阳娜娜' → '欧某'), which hides
 * more, not less. A name in another script shows an initial: 'John Smith' → 'J.'. A one-character
 * name, or one with no Han character or letter to show, is '某' (a single character would be the
 * whole name). Leading marks, digits and symbols are skipped; '' stays ''.
 */
export function maskName(value: Maybe): string {
  const cps = Array.from((value ?? '').trim());
  if (cps.length === 0) return '';
  if (cps.length === 1) return '某';
  const first = cps.find((c) => isHan(c) || isCasedLetter(c));
  if (first === undefined) return '某';
  return isHan(first) ? `${first}某` : `${initial(first)}.`;
}

/** Upper case when that is one character ('é' → 'É'); 'ŉ' or 'ὒ' would grow into several, so they stay. */
function initial(c: string): string {
  const upper = c.toUpperCase();
  return Array.from(upper).length === 1 ? upper : c;
}

// The shortest prefix ending at a county-level division (区/县/旗), then a city (市/州/盟), then a
// province (省/自治区): within the first 12 characters, and never a housing estate's 小区.
const DIVISION_LEVELS = [/^[\s\S]{0,10}?[^小\s](?:区|县|旗)/, /^[\s\S]{0,10}?[^\s](?:市|州|盟)/, /^[\s\S]{0,10}?[^\s](?:省|自治区)/];
const HIDDEN = '****';

/**
 * Only the administrative prefix of an address, for lists where the district matters:
 * '北京市朝阳区建国路88号1号楼2单元301' → '北京市朝阳区****'; with no recognisable division, '****'.
 * Street, compound, building and door are never shown. A public card shows no address at all
 * (PRODUCT: "never the address"); do not use this there.
 */
export function maskAddress(value: Maybe): string {
  const text = (value ?? '').trim();
  if (text.length === 0) return '';
  for (const level of DIVISION_LEVELS) {
    const m = level.exec(text);
    // Something must remain hidden: an address that is only a district shows nothing.
    if (m && m[0].length < text.length) return m[0] + HIDDEN;
  }
  return HIDDEN;
}

function isHan(c: string): boolean {
  const cp = c.codePointAt(0) as number;
  return (
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // Unified Ideographs
    (cp >= 0xf900 && cp <= 0xfaff) || // Compatibility Ideographs
    (cp >= 0x20000 && cp <= 0x323af) // Extensions B–H and the compatibility supplement
  );
}

function isCasedLetter(c: string): boolean {
  return c.toUpperCase() !== c.toLowerCase();
}
