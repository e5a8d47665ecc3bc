// Staff review queues: one row shape for volunteers, wishes, activities, record corrections and
// back-fills, so the page treats them alike (approve / reject with a reason chosen from big buttons /
// publish).
import type { ActivitySummary, BackfillQueueItem, CorrectionQueueItem, VolunteerCard, WishView } from '../core/index';
import { day, minutes, timeRange, yuan } from './format';
import { WISH_STATUS } from './wish-view';

export type ReviewKind = 'volunteers' | 'wishes' | 'activities' | 'corrections' | 'backfills';

export interface ReviewAction {
  key: 'verify' | 'verify-visit' | 'verify-call' | 'publish' | 'accept' | 'adjust' | 'approve' | 'reject';
  label: string;
  primary: boolean;
}

export interface ReviewRow {
  id: string;
  title: string;
  lines: string[];
  /** What this reviewer must know before deciding (e.g. they cannot approve their own back-fill). */
  notice: string;
  version: number;
  actions: ReviewAction[];
  rejectOpen: boolean;
  /** A correction accepted at other minutes than asked: the inline hours field is open. */
  adjustOpen: boolean;
  hoursInput: string;
  hoursError: string;
  busy: boolean;
  error: string;
  done: string;
}

const row = (id: string, title: string, lines: string[], version: number, actions: ReviewAction[], notice = ''): ReviewRow => ({
  id,
  title,
  lines,
  notice,
  version,
  actions,
  rejectOpen: false,
  adjustOpen: false,
  hoursInput: '',
  hoursError: '',
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

/** A correction request (办法 §13): the record as it stands and the minutes the volunteer asks for. */
export function correctionRow(c: CorrectionQueueItem): ReviewRow {
  return row(
    c.correctionId,
    `${c.maskedName}（${c.volunteerNo}）申请更正时长`,
    [`${c.activityTitle} · ${day(c.date)} · ${c.place}`, `记录 ${minutes(c.previousMinutes)} → 申请改为 ${minutes(c.minutes)}`, `理由：${c.note}`],
    0,
    [
      { key: 'accept', label: `同意，改为${minutes(c.minutes)}`, primary: true },
      // 办法 §13: staff record what they verified, which may differ from what was asked.
      { key: 'adjust', label: '核实后按其他时长更正', primary: false },
      { key: 'reject', label: '不同意', primary: false },
    ],
  );
}

/**
 * A back-fill (补录) awaiting its second approver. The requester was the first approver: the server
 * refuses their approval (backfill.same_approver), so they are told so and only offered to withdraw.
 */
export function backfillRow(b: BackfillQueueItem): ReviewRow {
  const lines = [
    `${b.activityTitle} · ${day(b.activityDate)}`,
    `补录 ${minutes(b.minutes)}（活动共 ${minutes(b.activityMinutes)}）`,
    `证明：${b.evidence}`,
    `说明：${b.note}`,
  ];
  if (b.requestedByMe) {
    return row(b.backfillId, `${b.maskedName}（${b.volunteerNo}）补录时长`, lines, 0, [{ key: 'reject', label: '撤回这条补录', primary: false }], '这条补录是您申请的，您已是第一位审批人，不能再批准；需要另一位工作人员批准。');
  }
  lines.push(`申请人（第一位审批人）：${b.requestedByName ?? '另一位工作人员'}`);
  return row(b.backfillId, `${b.maskedName}（${b.volunteerNo}）补录时长`, lines, 0, [
    { key: 'approve', label: '核对证明无误，批准补录', primary: true },
    { key: 'reject', label: '不批准', primary: false },
  ]);
}

export const REJECT_REASONS: Record<ReviewKind, string[]> = {
  volunteers: ['身份信息与本人不符', '不在本社区居住', '资料不完整，请补充'],
  wishes: ['经核实情况不符', '超出微心愿范围，已转其他帮扶渠道', '信息不完整，请补充后再提交'],
  activities: ['风险提示不完整', '时间或地点需要调整', '招募人数不合适'],
  corrections: ['与签到签退记录一致，维持原时长', '没有能证明的材料', '请与队长核对后再申请'],
  backfills: ['证明材料不足', '时长超出实际服务', '此人已有这次活动的记录'],
};

export const DONE_TEXT: Record<ReviewAction['key'], string> = {
  verify: '已通过',
  'verify-visit': '已核实',
  'verify-call': '已核实',
  publish: '已公开',
  accept: '已同意更正',
  adjust: '已按核实的时长更正',
  approve: '已批准补录',
  reject: '已退回',
};
