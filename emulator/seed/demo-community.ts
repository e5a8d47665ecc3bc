// The demo community that `npm start` seeds into an empty database: enough people, teams,
// activities and wishes to click through every flow. Later issues extend it.
// Instants are epoch-ms relative to the seeding moment, so the demo always looks current.

export const DEMO_COMMUNITY_ID = 'demo-community';
export const DEMO_ADMIN_OPENID = 'demo-admin';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface DemoPerson {
  openid: string;
  displayName: string;
  roles: string[];
  note: string;
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { openid: DEMO_ADMIN_OPENID, displayName: '王主任', roles: ['community-admin', 'staff'], note: '社区书记：管理角色、审核、发布' },
  { openid: 'demo-staff', displayName: '李网格员', roles: ['staff'], note: '第一网格网格员：核实心愿、代居民下单' },
  { openid: 'demo-social-worker', displayName: '陈社工', roles: ['social-worker'], note: '阳光社工服务中心的社工' },
  { openid: 'demo-leader', displayName: '赵队长', roles: ['volunteer', 'leader'], note: '助老服务队队长：签到码、点名' },
  { openid: 'demo-volunteer', displayName: '刘晓', roles: ['volunteer'], note: '已认证志愿者：报名、扫码签到' },
  { openid: 'demo-donor', displayName: '周先生', roles: ['donor'], note: '爱心人士：认领心愿、捐赠物资' },
  { openid: 'demo-resident', displayName: '张阿姨', roles: ['resident'], note: '独居老人：发布心愿、签收' },
  { openid: 'demo-family', displayName: '张阿姨的儿子', roles: ['resident'], note: '家属：代父母发布心愿' },
];

export function demoDocuments(now: number): Record<string, Array<Record<string, unknown>>> {
  const c = DEMO_COMMUNITY_ID;
  const users = DEMO_PEOPLE.map((p) => ({
    _id: p.openid,
    openid: p.openid,
    displayName: p.displayName,
    roles: p.roles.map((role) => ({ role, communityId: c })),
    roleCommunityIds: [c],
    createdAt: now - 30 * DAY,
    updatedAt: now - 30 * DAY,
    seeded: true,
  }));
  return {
    users,
    communities: [
      {
        _id: c,
        name: '幸福里社区',
        district: '示范市 示范区 和平街道',
        location: { type: 'Point', coordinates: [113.3245, 23.1291] },
        grids: [
          { id: 'grid-1', name: '第一网格', staffOpenid: 'demo-staff', buildings: ['1栋', '2栋', '3栋'] },
          { id: 'grid-2', name: '第二网格', staffOpenid: DEMO_ADMIN_OPENID, buildings: ['4栋', '5栋'] },
        ],
        createdAt: now - 60 * DAY,
      },
    ],
    organizations: [
      { _id: 'org-sunshine', communityId: c, name: '阳光社工服务中心', kind: 'social-work', status: 'approved', socialWorkers: ['demo-social-worker'], createdAt: now - 50 * DAY },
      { _id: 'org-silver', communityId: c, name: '银龄互助协会', kind: 'mutual-aid', status: 'pending', socialWorkers: [], createdAt: now - 2 * DAY },
    ],
    teams: [
      { _id: 'team-elder-care', communityId: c, organizationId: 'org-sunshine', name: '助老服务队', tags: ['elderly-care', 'party-member'], leaders: ['demo-leader'], members: ['demo-leader', 'demo-volunteer'], createdAt: now - 45 * DAY },
      { _id: 'team-emergency', communityId: c, name: '平战结合应急队', tags: ['emergency', 'environment'], leaders: [DEMO_ADMIN_OPENID], members: ['demo-volunteer'], createdAt: now - 40 * DAY },
    ],
    volunteers: [
      { _id: 'vol-demo-leader', openid: 'demo-leader', communityId: c, volunteerNo: 'XFL-000001', name: '赵*', status: 'verified', skills: ['急救', '组织协调'], serviceCategories: ['elderly-care'], createdAt: now - 44 * DAY },
      { _id: 'vol-demo-volunteer', openid: 'demo-volunteer', communityId: c, volunteerNo: 'XFL-000002', name: '刘*', status: 'verified', skills: ['陪伴', '手机教学'], serviceCategories: ['elderly-care', 'environment'], createdAt: now - 20 * DAY },
    ],
    activities: [
      {
        _id: 'act-tea-visit', communityId: c, teamId: 'team-elder-care', title: '重阳节探访独居老人', category: 'elderly-care', status: 'published',
        place: { name: '幸福里社区党群服务中心', location: { type: 'Point', coordinates: [113.3245, 23.1291] }, radiusM: 300 },
        startAt: now + 2 * DAY, endAt: now + 2 * DAY + 3 * HOUR, capacity: 10, waitlist: 5, minAge: 16,
        risks: '入户探访需两人同行，注意上下楼梯安全。', createdBy: DEMO_ADMIN_OPENID, createdAt: now - 5 * DAY,
      },
      {
        _id: 'act-clean-up', communityId: c, teamId: 'team-emergency', title: '小区环境清洁日', category: 'environment', status: 'running',
        place: { name: '幸福里中心花园', location: { type: 'Point', coordinates: [113.3251, 23.1287] }, radiusM: 200 },
        startAt: now - 1 * HOUR, endAt: now + 2 * HOUR, capacity: 20, waitlist: 0, minAge: 14,
        risks: '使用清洁工具注意防护，请自备手套。', createdBy: DEMO_ADMIN_OPENID, createdAt: now - 7 * DAY,
      },
      {
        _id: 'act-phone-class', communityId: c, teamId: 'team-elder-care', title: '老年人智能手机课堂', category: 'education', status: 'ended',
        place: { name: '社区活动室', location: { type: 'Point', coordinates: [113.3240, 23.1295] }, radiusM: 150 },
        startAt: now - 3 * DAY, endAt: now - 3 * DAY + 2 * HOUR, capacity: 8, waitlist: 0, minAge: 16,
        risks: '无特殊风险。', createdBy: 'demo-social-worker', createdAt: now - 12 * DAY,
      },
    ],
    signups: [
      { _id: 'act-tea-visit_demo-volunteer', activityId: 'act-tea-visit', openid: 'demo-volunteer', status: 'confirmed', createdAt: now - 4 * DAY },
      { _id: 'act-clean-up_demo-volunteer', activityId: 'act-clean-up', openid: 'demo-volunteer', status: 'confirmed', createdAt: now - 6 * DAY },
      { _id: 'act-clean-up_demo-leader', activityId: 'act-clean-up', openid: 'demo-leader', status: 'confirmed', createdAt: now - 6 * DAY },
    ],
    wishes: [
      wish('wish-schoolbag', '新书包', 'study', 15000, 'published', '小学三年级学生想要一个新书包', now, 8, { ageBand: '6-12', group: 'child' }),
      wish('wish-wheelchair', '轮椅维修', 'health', 30000, 'published', '轮椅刹车失灵，需要维修', now, 5, { ageBand: '80+', group: 'elderly-alone' }),
      wish('wish-radio', '收音机', 'companionship', 8000, 'verified', '想要一台能听戏曲的收音机', now, 2, { ageBand: '70-79', group: 'elderly-alone' }),
      wish('wish-rice-cooker', '电饭煲', 'daily-living', 20000, 'submitted', '家里电饭煲坏了', now, 1, { ageBand: '70-79', group: 'elderly-alone' }),
      { ...wish('wish-reading-lamp', '护眼台灯', 'study', 12000, 'claimed', '晚上写作业光线不好', now, 10, { ageBand: '6-12', group: 'child' }), claimedBy: 'demo-donor', claimedAt: now - 1 * DAY },
      { ...wish('wish-blanket', '冬季棉被', 'daily-living', 25000, 'thanked', '冬天到了需要厚棉被', now, 25, { ageBand: '80+', group: 'elderly-alone' }), claimedBy: 'demo-donor', fulfilledAt: now - 10 * DAY },
    ],
  };
}

function wish(
  _id: string, item: string, category: string, valueFen: number, status: string, description: string,
  now: number, ageDays: number, recipient: { ageBand: string; group: string },
): Record<string, unknown> {
  return {
    _id, communityId: DEMO_COMMUNITY_ID, item, category, valueFen, status, description,
    recipient: { ...recipient, maskedName: '张某', consentToShowGroup: true },
    postedBy: 'demo-staff', postedFor: 'demo-resident', wantedBy: now + 20 * DAY,
    createdAt: now - ageDays * DAY, updatedAt: now - ageDays * DAY,
  };
}
