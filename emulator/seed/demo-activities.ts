// The activity domain's demo data (issue 3): activities, sign-ups, attendance, service records.
import { DAY, DEMO_ADMIN_OPENID, DEMO_COMMUNITY_ID, DemoDocuments, DemoPerson, HOUR } from './demo-common';

/** People the activity flows need beyond the base community's (none yet). */
export const ACTIVITY_DEMO_PEOPLE: DemoPerson[] = [];

export function activityDemoDocuments(now: number): DemoDocuments {
  const c = DEMO_COMMUNITY_ID;
  return {
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
