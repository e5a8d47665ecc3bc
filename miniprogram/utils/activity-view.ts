// Activity data → what the volunteer pages show. Pure, so it is tested without rendering.
import type { ActivitySummary, ActivityView, SignupView } from '../core/index';
import { dateTime, timeRange } from './format';

const CATEGORY: Record<string, string> = {
  'elderly-care': '助老',
  'child-care': '关爱儿童',
  'disability-support': '助残',
  environment: '环保',
  education: '教育',
  health: '健康',
  'community-service': '社区服务',
  emergency: '应急',
  'culture-sports': '文体',
  'legal-aid': '法律援助',
  meeting: '会议',
  training: '培训',
  'social-event': '联谊活动',
};

export function categoryLabel(category: string): string {
  return CATEGORY[category] ?? '其他';
}

export const ACTIVITY_FILTERS = [
  { key: 'all', label: '全部' },
  { key: 'open', label: '还有名额' },
  { key: 'elderly-care', label: '助老' },
  { key: 'environment', label: '环保' },
  { key: 'community-service', label: '社区服务' },
];

export interface ActivityRow {
  activityId: string;
  title: string;
  category: string;
  categoryLabel: string;
  time: string;
  placeName: string;
  places: string;
  open: boolean;
  ariaLabel: string;
}

export function activityRow(a: ActivitySummary): ActivityRow {
  const left = Math.max(0, a.capacity - a.signedUp);
  const places = left > 0 ? `还剩${left}个名额` : a.waitlisted > 0 ? `已满，${a.waitlisted}人候补` : '已满';
  const time = timeRange(a.startAt, a.endAt);
  return {
    activityId: a.activityId,
    title: a.title,
    category: a.category,
    categoryLabel: categoryLabel(a.category),
    time,
    placeName: a.placeName,
    places,
    open: left > 0,
    ariaLabel: `${a.title}，${time}，${a.placeName}，${places}`,
  };
}

/** Whether a row shows under a filter: 'all', 'open' (places left) or a category. */
export function rowVisible(row: ActivityRow, filter: string): boolean {
  if (filter === 'all') return true;
  if (filter === 'open') return row.open;
  return row.category === filter;
}

export type SignupAction = 'signUp' | 'cancel' | 'none';

export interface ActivityDetailView {
  title: string;
  categoryLabel: string;
  time: string;
  place: string;
  content: string;
  risks: string;
  recruitingText: string;
  organizer: string;
  places: string;
  eligibility: string[];
  volunteering: boolean;
  status: string;
  statusText: string;
  signupText: string;
  action: SignupAction;
  version: number;
}

const STATUS: Record<string, string> = {
  draft: '草稿',
  submitted: '待审核',
  published: '报名中',
  ended: '已结束',
  closed: '已结束',
  cancelled: '已取消',
};

export function eligibilityLines(a: Pick<ActivityView, 'eligibility'>): string[] {
  const e = a.eligibility;
  const lines = [`年满${e.minAge}周岁`];
  if (e.trainings.length) lines.push(`需完成培训：${e.trainings.join('、')}`);
  if (e.insuranceRequired) lines.push('有风险的服务：需有覆盖活动全程的志愿者保险');
  if (e.teamOnly) lines.push('仅限本服务队队员');
  return lines;
}

export function signupText(status: string | null, waitlistPosition: number | null): string {
  if (status === 'confirmed') return '您已报名成功';
  if (status === 'waitlisted') return waitlistPosition ? `您在候补名单第${waitlistPosition}位，有人取消时会自动补上` : '您在候补名单中，有人取消时会自动补上';
  return '';
}

export function activityDetail(a: ActivityView, signup?: SignupView | null, now = Date.now()): ActivityDetailView {
  const mine = signup && signup.activityId === a.activityId ? signup.status : a.mySignup;
  const position = signup && signup.activityId === a.activityId ? signup.waitlistPosition : null;
  const left = Math.max(0, a.capacity - a.signedUp);
  const waitLeft = Math.max(0, a.waitlist - a.waitlisted);
  const recruiting = a.status === 'published' && a.startAt > now;
  let action: SignupAction = 'none';
  if (recruiting && (mine === 'confirmed' || mine === 'waitlisted')) action = 'cancel';
  else if (recruiting && (left > 0 || waitLeft > 0)) action = 'signUp';
  return {
    title: a.title,
    categoryLabel: categoryLabel(a.category),
    time: timeRange(a.startAt, a.endAt),
    place: a.place.name,
    content: a.content,
    risks: a.risks,
    recruitingText: a.recruitingText,
    organizer: `${a.organizingUnit}（负责人：${a.leaderName}）`,
    places: left > 0 ? `共${a.capacity}个名额，还剩${left}个` : waitLeft > 0 ? `名额已满，还可候补${waitLeft}人` : '名额和候补都已满',
    eligibility: eligibilityLines(a),
    volunteering: a.volunteering,
    status: a.status,
    statusText: a.status === 'published' && a.startAt <= now ? '进行中' : STATUS[a.status] ?? a.status,
    signupText: signupText(mine, position),
    action,
    version: a.version,
  };
}

export { dateTime };
