// What each role can do from the home screen: a few big buttons, the most used first. Every url must
// be a page in app.json (test/miniprogram/app-json.test.ts checks), so a button never leads nowhere.
import type { RoleName } from '../services/types';

export interface QuickAction {
  key: string;
  label: string;
  url: string;
}

const RESIDENT: QuickAction[] = [
  { key: 'community', label: '社区公开：本月做了什么', url: '/pages/resident/community/index' },
  { key: 'wish-new', label: '发布微心愿', url: '/pages/resident/wish-new/index' },
  { key: 'my-wishes', label: '我的心愿（签收、感谢）', url: '/pages/resident/my-wishes/index' },
  { key: 'family', label: '家人：为家人发布心愿', url: '/pages/resident/family/index' },
  { key: 'join', label: '成为志愿者', url: '/pages/volunteer/register/index' },
  { key: 'verify', label: '核验志愿服务证明', url: '/pages/volunteer/verify/index' },
];
// A fund's co-signers (业委会委员, 居民代表) are usually residents: user.me names the communities whose
// fund they sign, and only they get this way to the approvals, whatever role they act in.
const FUND_SIGNER: QuickAction = { key: 'fund', label: '小区公益基金（签字人审批）', url: '/pages/staff/fund/index' };
const VOLUNTEER: QuickAction[] = [
  { key: 'checkin', label: '扫码签到 / 签退', url: '/pages/volunteer/checkin/index' },
  { key: 'activities', label: '志愿活动', url: '/pages/volunteer/activities/index' },
  { key: 'card', label: '我的志愿者证', url: '/pages/volunteer/card/index' },
  { key: 'records', label: '服务记录', url: '/pages/volunteer/records/index' },
  { key: 'certificates', label: '志愿服务证明', url: '/pages/volunteer/certificates/index' },
  { key: 'delivery', label: '心愿送达任务', url: '/pages/volunteer/delivery/index' },
];
const LEADER: QuickAction[] = [{ key: 'lead', label: '带队活动：签到码和点名', url: '/pages/volunteer/activities/index' }];
const DONOR: QuickAction[] = [
  { key: 'wishes', label: '看看微心愿', url: '/pages/donor/wishes/index' },
  { key: 'claims', label: '我的认领', url: '/pages/donor/claims/index' },
  { key: 'offers', label: '捐物资、捐款、提供服务', url: '/pages/donor/offers/index' },
  { key: 'allocations', label: '我的捐赠分配', url: '/pages/staff/allocations/index?as=donor' },
];
const STAFF: QuickAction[] = [
  { key: 'review', label: '审核：心愿、志愿者、活动、时长更正、补录', url: '/pages/staff/review/index' },
  { key: 'activity-new', label: '发布志愿活动', url: '/pages/staff/activity-new/index' },
  { key: 'activity-close', label: '活动收尾：结束考勤、确认服务记录', url: '/pages/staff/activity-close/index' },
  { key: 'handover', label: '心愿送达与签收', url: '/pages/staff/handover/index' },
  { key: 'needs', label: '社区需求：发布与管理', url: '/pages/staff/needs/index' },
  { key: 'wish-assign', label: '指派志愿者送心愿到家', url: '/pages/staff/wish-assign/index' },
  { key: 'wish-recipients', label: '心愿对象：签收卡、家属、监护人同意', url: '/pages/staff/wish-recipients/index' },
  { key: 'wish-manage', label: '心愿管理：过期重发、关闭', url: '/pages/staff/wish-manage/index' },
  { key: 'allocations', label: '物资匹配', url: '/pages/staff/allocations/index' },
  { key: 'disclosures', label: '待公开事项', url: '/pages/staff/disclosures/index' },
  { key: 'projects', label: '公益项目：登记与进展', url: '/pages/staff/projects/index' },
  { key: 'stock', label: '服务站库存：入库、出库、更正', url: '/pages/staff/stock/index' },
  { key: 'fund', label: '公益基金：收支与审批', url: '/pages/staff/fund/index' },
  { key: 'proxy-wish', label: '代居民登记心愿', url: '/pages/resident/wish-new/index' },
  { key: 'figures', label: '社区数据：本月与待处理', url: '/pages/staff/figures/index' },
  { key: 'volunteer-requests', label: '志愿者转入申请、撤销证明', url: '/pages/staff/volunteer-requests/index' },
];

const ACTIONS: Record<RoleName, QuickAction[]> = {
  resident: RESIDENT,
  volunteer: VOLUNTEER,
  leader: [...LEADER, ...VOLUNTEER],
  donor: DONOR,
  'social-worker': STAFF,
  staff: STAFF,
  'community-admin': STAFF,
};

/** The role's buttons; a fund signer also gets the fund approvals (staff have them already). */
export function quickActions(role: RoleName, opts: { fundSigner?: boolean } = {}): QuickAction[] {
  const actions = ACTIONS[role] ?? [];
  return opts.fundSigner && !actions.some((a) => a.key === FUND_SIGNER.key) ? [...actions, FUND_SIGNER] : actions;
}

export function allActions(): QuickAction[] {
  return [...(Object.keys(ACTIONS) as RoleName[]).flatMap((r) => ACTIONS[r]), FUND_SIGNER];
}
