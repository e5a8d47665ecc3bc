// Staff review queues: one row shape for volunteers, wishes and activities, so the page treats
// them alike (approve / reject with a reason chosen from big buttons / publish).
import type { ActivitySummary, VolunteerCard, WishView } from '../core/index';
import { timeRange, yuan } from './format';
import { WISH_STATUS } from './wish-view';

export type ReviewKind = 'volunteers' | 'wishes' | 'activities';

export interface ReviewAction {
  key: 'verify' | 'verify-visit' | 'verify-call' | 'publish' | 'reject';
  label: string;
  primary: boolean;
}

export interface ReviewRow {
  id: string;
  title: string;
  lines: string[];
  version: number;
  actions: ReviewAction[];
  rejectOpen: boolean;
  busy: boolean;
  error: string;
  done: string;
}

const row = (id: string, title: string, lines: string[], version: number, actions: ReviewAction[]): ReviewRow => ({
  id,
  title,
  lines,
  version,
  actions,
  rejectOpen: false,
  busy: false,
  error: '',
  done: '',
});

export function volunteerRow(v: VolunteerCard): ReviewRow {
  return row(
    v.volunteerId,
    `${v.name}（${v.age}岁）`,
    [`身份证 ${v.maskedIdNumber}，手机 ${v.maskedPhone}`, `居住：${v.residentialArea}`, v.guardianConsent ? '未成年，已有监护人同意' : ''].filter(Boolean),
    v.version,
    [
      { key: 'verify', label: '核对无误，通过', primary: true },
      { key: 'reject', label: '不通过', primary: false },
    ],
  );
}

export function wishReviewRow(w: WishView): ReviewRow {
  const actions: ReviewAction[] =
    w.status === 'submitted'
      ? [
          { key: 'verify-visit', label: '已上门核实，通过', primary: true },
          { key: 'verify-call', label: '已电话核实，通过', primary: false },
          { key: 'reject', label: '不通过', primary: false },
        ]
      : w.status === 'verified'
        ? [{ key: 'publish', label: '公开，等待认领', primary: true }]
        : [];
  const lines = [`${w.maskedName} · ${yuan(w.valueFen)} · 希望${w.wantedOn}前`, w.description, WISH_STATUS[w.status] ?? w.status];
  if (w.nearDuplicates.length) lines.push(`注意：这位居民还有${w.nearDuplicates.length}个相似的心愿`);
  if (w.recipientPhoneMasked) lines.push(`联系电话 ${w.recipientPhoneMasked}`);
  return row(w.id, w.item, lines, w.version, actions);
}

export function activityReviewRow(a: ActivitySummary): ReviewRow {
  return row(a.activityId, a.title, [timeRange(a.startAt, a.endAt), `${a.placeName}，招募${a.capacity}人`], 0, [
    { key: 'publish', label: '发布', primary: true },
    { key: 'reject', label: '退回修改', primary: false },
  ]);
}

export const REJECT_REASONS: Record<ReviewKind, string[]> = {
  volunteers: ['身份信息与本人不符', '不在本社区居住', '资料不完整，请补充'],
  wishes: ['经核实情况不符', '超出微心愿范围，已转其他帮扶渠道', '信息不完整，请补充后再提交'],
  activities: ['风险提示不完整', '时间或地点需要调整', '招募人数不合适'],
};

export const DONE_TEXT: Record<ReviewAction['key'], string> = {
  verify: '已通过',
  'verify-visit': '已核实',
  'verify-call': '已核实',
  publish: '已公开',
  reject: '已退回',
};
