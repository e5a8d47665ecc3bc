// Charity projects (公益项目) for the disclosure rules: a project longer than six months reports its
// progress every three months (rules-and-norms B8). Rows say when the next report is due and whether
// it is late; the register form checks its two days.
import { isDay, type CharityContract, type OutputOf } from '../core/index';
import { day } from './format';

export type ProjectView = OutputOf<CharityContract, 'registerProject'>;

export interface ProjectRow {
  id: string;
  name: string;
  period: string;
  due: string;
  overdue: boolean;
  /** The latest reports, newest first (at most three shown). */
  reports: string[];
  reportOpen: boolean;
  summary: string;
  busy: boolean;
  error: string;
}

export function projectRow(p: ProjectView, today: string): ProjectRow {
  const overdue = p.nextReportOn !== null && p.nextReportOn < today;
  const due = !p.long ? '不超过六个月，结束后公开即可' : p.nextReportOn ? `下次进展报告：${day(p.nextReportOn)}前${overdue ? '（已逾期）' : ''}` : '已结束，无需再报告';
  return {
    id: p.id,
    name: p.name,
    period: `${day(p.startOn)}–${day(p.endOn)}${p.long ? '，长期项目，每三个月报告进展' : ''}`,
    due,
    overdue,
    reports: [...p.reports].reverse().slice(0, 3).map((r) => `${day(r.on)}：${r.summary}`),
    reportOpen: false,
    summary: '',
    busy: false,
    error: '',
  };
}

export function buildProject(name: string, startOn: string, endOn: string) {
  const errors: Record<string, string> = {};
  if (!name.trim()) errors.name = '请填写项目名称';
  if (!isDay(startOn.trim())) errors.startOn = '请按 2026-12-01 的格式填写开始日期';
  if (!isDay(endOn.trim())) errors.endOn = '请按 2026-12-01 的格式填写结束日期';
  else if (!errors.startOn && endOn.trim() < startOn.trim()) errors.endOn = '结束日期不能早于开始日期';
  if (Object.keys(errors).length) return { errors };
  return { errors, project: { name: name.trim(), startOn: startOn.trim(), endOn: endOn.trim() } };
}
