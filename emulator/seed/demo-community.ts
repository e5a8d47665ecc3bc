// The demo community that `npm start` seeds into an empty database: enough people, teams,
// activities and wishes to click through every flow. Later issues extend it.
// Instants are epoch-ms relative to the seeding moment, so the demo always looks current.
// Each domain adds its people and documents in demo-<domain>.ts.
import { activityDemoDocuments, ACTIVITY_DEMO_PEOPLE } from './demo-activities';
import { charityDemoDocuments, CHARITY_DEMO_PEOPLE } from './demo-charity';
import { DAY, DEMO_ADMIN_OPENID, DEMO_COMMUNITY_ID, DemoDocuments, DemoPerson } from './demo-common';
import { VOLUNTEER_COMMUNITY_FIELDS, volunteerDemoDocuments, VOLUNTEER_DEMO_PEOPLE } from './demo-volunteers';
import { wishDemoDocuments, WISH_DEMO_PEOPLE } from './demo-wishes';

export { DEMO_ADMIN_OPENID, DEMO_COMMUNITY_ID } from './demo-common';
export type { DemoPerson } from './demo-common';

const BASE_PEOPLE: DemoPerson[] = [
  { openid: DEMO_ADMIN_OPENID, displayName: '王主任', roles: ['community-admin', 'staff'], note: '社区书记：管理角色、审核、发布' },
  { openid: 'demo-staff', displayName: '李网格员', roles: ['staff'], note: '第一网格网格员：核实心愿、代居民下单' },
  { openid: 'demo-social-worker', displayName: '陈社工', roles: ['social-worker'], note: '阳光社工服务中心的社工' },
  { openid: 'demo-leader', displayName: '赵队长', roles: ['volunteer', 'leader'], note: '助老服务队队长：签到码、点名' },
  { openid: 'demo-volunteer', displayName: '刘晓', roles: ['volunteer'], note: '已认证志愿者：报名、扫码签到' },
  { openid: 'demo-donor', displayName: '周先生', roles: ['donor'], note: '爱心人士：认领心愿、捐赠物资' },
  { openid: 'demo-resident', displayName: '张阿姨', roles: ['resident'], note: '独居老人：发布心愿、签收' },
  { openid: 'demo-family', displayName: '张阿姨的儿子', roles: ['resident'], note: '家属：代父母发布心愿' },
];

export const DEMO_PEOPLE: DemoPerson[] = [...BASE_PEOPLE, ...VOLUNTEER_DEMO_PEOPLE, ...ACTIVITY_DEMO_PEOPLE, ...WISH_DEMO_PEOPLE, ...CHARITY_DEMO_PEOPLE];

function baseDocuments(now: number): DemoDocuments {
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
        // volunteer-number code and counter, certificate recorder (demo-volunteers.ts)
        ...VOLUNTEER_COMMUNITY_FIELDS,
      },
    ],
  };
}

/** Every demo document by collection: the base community's, then each domain's. */
export function demoDocuments(now: number): DemoDocuments {
  const out: DemoDocuments = {};
  for (const part of [baseDocuments(now), volunteerDemoDocuments(now), activityDemoDocuments(now), wishDemoDocuments(now), charityDemoDocuments(now)]) {
    for (const [collection, docs] of Object.entries(part)) out[collection] = [...(out[collection] ?? []), ...docs];
  }
  return out;
}
