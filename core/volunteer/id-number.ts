// 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence
// (odd: male, even: female), 1 check character (ISO 7064 MOD 11-2: weights 2^(17-i) mod 11,
// check = (12 - Σ mod 11) mod 11, 10 written as X). Pure: used by the contract (fast feedback in
// the mini-program) and the server (birth date and gender are derived, never typed twice).
import { normalizeIdNumber } from '../mask';
import { isDay } from '../time';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'format' | 'birth_date' | 'check_digit';

/** The check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

/** Why a (normalised) 18-character ID number is invalid, or null when it is valid. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const id = normalizeIdNumber(raw);
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return 'format';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isDay(birth) || Number(id.slice(6, 10)) < 1900) return 'birth_date';
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return 'check_digit';
  return null;
}

export interface IdNumberFacts {
  /** The normal form: half-width, upper-case X. */
  normal: string;
  birthDate: string;
  gender: 'male' | 'female';
}

/** Birth date and gender of a valid number; throws RangeError for an invalid one. */
export function idNumberFacts(raw: string): IdNumberFacts {
  const problem = idNumberProblem(raw);
  if (problem) throw new RangeError(`invalid ID number (${problem})`);
  const id = normalizeIdNumber(raw);
  return {
    normal: id,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}
