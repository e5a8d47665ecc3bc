// The volunteer domain's demo data (issue 3): teams, volunteers, organizations, teams, volunteers.
import { DAY, DEMO_ADMIN_OPENID, DEMO_COMMUNITY_ID, DemoDocuments, DemoPerson } from './demo-common';

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
  };
}
