// The staff figures page: the month's volunteering, what waits in each review queue (each opens its
// tab), the funds and the disclosures due, read from four actions and shown as label/value lines.
import type { ActivityFigures, FundView } from '../core/index';
import { minutes, yuan } from './format';

export interface FigureLine {
  key: string;
  label: string;
  value: string;
}

/** A figure that is also a way to the work behind it. */
export interface WorkLine extends FigureLine {
  url: string;
  /** Something waits: shown stronger. */
  waiting: boolean;
}

export function volunteeringLines(f: ActivityFigures): FigureLine[] {
  return [
    { key: 'activities', label: '开展的志愿活动', value: `${f.activities}场` },
    { key: 'records', label: '确认的服务记录', value: `${f.serviceRecords}人次` },
    { key: 'hours', label: '确认的服务时长', value: minutes(f.serviceMinutes) },
    { key: 'volunteers', label: '在册志愿者（已审核）', value: `${f.verifiedVolunteers}人` },
  ];
}

const REVIEW = '/pages/staff/review/index?tab=';

export function queueLines(f: ActivityFigures, disclosuresDue: number | null): WorkLine[] {
  const line = (key: string, label: string, n: number, url: string): WorkLine => ({ key, label, value: `${n}项`, url, waiting: n > 0 });
  const lines = [
    line('volunteers', '志愿者注册待审核', f.pendingVolunteers, `${REVIEW}volunteers`),
    line('activities', '活动待发布', f.submittedActivities, `${REVIEW}activities`),
    line('corrections', '时长更正待处理', f.openCorrections, `${REVIEW}corrections`),
    line('backfills', '补录待第二人审批', f.pendingBackfills, `${REVIEW}backfills`),
  ];
  if (disclosuresDue !== null) lines.push(line('disclosures', '待公开事项', disclosuresDue, '/pages/staff/disclosures/index'));
  return lines;
}

export function dueCount(d: { entries: unknown[]; projects: unknown[] }): number {
  return d.entries.length + d.projects.length;
}

export function fundLines(funds: FundView[]): FigureLine[] {
  return funds.map((f) => ({
    key: f.id,
    label: f.name,
    value: `余额${yuan(f.balanceFen)}${f.pendingFen ? `，待审批支出${yuan(f.pendingFen)}` : ''}`,
  }));
}
