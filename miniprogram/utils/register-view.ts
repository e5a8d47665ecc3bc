// Volunteer registration: who must consent to what, decided from the ID number before submitting
// (the server decides again). 14–17: a guardian consents too; under 14: not accepted (办法 / PIPL §31).
import { idNumberFacts, idNumberProblem } from '../core/index';

export type AgeBand = 'unknown' | 'child' | 'minor' | 'adult';

/** Whole years between two 'YYYY-MM-DD' days. */
export function yearsBetween(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

export function ageBand(idNumber: string, today: string): AgeBand {
  if (!idNumber || idNumberProblem(idNumber)) return 'unknown';
  const age = yearsBetween(idNumberFacts(idNumber).birthDate, today);
  if (age < 14) return 'child';
  if (age < 18) return 'minor';
  return 'adult';
}

export const CATEGORY_CHOICES = [
  { key: 'elderly-care', label: '助老' },
  { key: 'child-care', label: '关爱儿童' },
  { key: 'disability-support', label: '助残' },
  { key: 'environment', label: '环保' },
  { key: 'community-governance', label: '社区治理' },
  { key: 'culture-education', label: '文化教育' },
  { key: 'health', label: '健康' },
  { key: 'emergency', label: '应急' },
];

export const GUARDIAN_RELATIONS = [
  { key: 'father', label: '父亲' },
  { key: 'mother', label: '母亲' },
  { key: 'guardian', label: '其他监护人' },
];

/** Client-side checks in plain words; the contract checks again before the round trip. */
export function formProblems(f: { name: string; idNumber: string; phone: string; area: string; categories: string[] }): Record<string, string> {
  const p: Record<string, string> = {};
  if (f.name.trim().length < 2) p.name = '请填写身份证上的姓名';
  if (!f.idNumber || idNumberProblem(f.idNumber)) p.idNumber = '身份证号码不正确，请核对';
  if (!/^1[3-9]\d{9}$/.test(f.phone)) p.phone = '请填写11位手机号';
  if (f.area.trim().length < 2) p.area = '请填写居住的小区或网格';
  if (!f.categories.length) p.categories = '请至少选择一类服务';
  return p;
}
