// The volunteer domain's demo data (issue 3): teams, volunteers, organizations, teams, volunteers, activities, sign-ups.
import { DAY, DEMO_ADMIN_OPENID, DEMO_COMMUNITY_ID, DemoDocuments, DemoPerson, HOUR } from './demo-common';

/** People the volunteer flows need beyond the base community's (none yet). */
export const VOLUNTEER_DEMO_PEOPLE: DemoPerson[] = [];

export function volunteerDemoDocuments(now: number): DemoDocuments {
  const c = DEMO_COMMUNITY_ID;
  return {
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
  };
}
