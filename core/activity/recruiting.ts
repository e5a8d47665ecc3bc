// The recruiting text (条例 §12: true, accurate, complete information and the possible risks).
import { formatChina } from '../time';

export interface RecruitingFacts {
  title: string;
  content: string;
  risks: string;
  placeName: string;
  startAt: number;
  endAt: number;
  capacity: number;
  waitlist: number;
  organizingUnit: string;
  leaderName: string;
  minAge: number;
  trainings: readonly string[];
  insuranceRequired: boolean;
  teamOnly: boolean;
}

export function recruitingText(a: RecruitingFacts): string {
  const lines = [
    `【${a.title}】`,
    a.content,
    `时间：${formatChina(a.startAt)} 至 ${formatChina(a.endAt)}`,
    `地点：${a.placeName}`,
    `名额：${a.capacity} 人${a.waitlist > 0 ? `（候补 ${a.waitlist} 人）` : ''}`,
    `条件：年满 ${a.minAge} 周岁${a.trainings.length ? `；需完成培训：${a.trainings.join('、')}` : ''}${a.insuranceRequired ? '；需有效的人身意外伤害保险' : ''}${a.teamOnly ? '；仅限本队队员' : ''}`,
    `组织单位：${a.organizingUnit}；负责人：${a.leaderName}`,
    `可能的风险：${a.risks}`,
  ];
  return lines.join('\n');
}

/** Whole years of age on `on` ('YYYY-MM-DD') for a birth date 'YYYY-MM-DD'; null when unreadable. */
export function ageOn(birthDate: string, on: string): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(on);
  if (!b || !d) return null;
  let age = Number(d[1]) - Number(b[1]);
  if (Number(d[2]) < Number(b[2]) || (Number(d[2]) === Number(b[2]) && Number(d[3]) < Number(b[3]))) age -= 1;
  return age;
}
