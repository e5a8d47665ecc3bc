// The volunteer domain's demo data (issue 3): organizations, teams, volunteers, the time bank.
// Seeded documents cannot hold sealed personal data (the seed runs outside the functions and has no
// PII keys), so the demo volunteers carry only masked values and no ID-number blind index; people
// who register through the mini-program get the real thing. Try: demo-applicant's registration
// waits for review by demo-admin or demo-staff; demo-volunteer has credits to transfer to
// demo-family (bound) or to donate; org-silver waits for approval; demo-helper waits on the
// activity act-tea-visit's waitlist (demo-volunteer cancelling promotes her, with a message);
// demo-mover of 和平里社区 asked to move into 幸福里社区 (demo-admin accepts or refuses: listMoves).
import { DAY, DEMO_ADMIN_OPENID, DEMO_COMMUNITY_ID, DemoDocuments, DemoPerson } from './demo-common';

/** People the volunteer flows need beyond the base community's. */
export const VOLUNTEER_DEMO_PEOPLE: DemoPerson[] = [
  { openid: 'demo-applicant', displayName: '孙同学', roles: ['resident'], note: '志愿者注册待审核（16 岁，监护人已同意）' },
  { openid: 'demo-helper', displayName: '钱阿姨', roles: ['volunteer'], note: '已认证志愿者：探访活动候补第 1 位' },
  // A volunteer of the second community (its grant is there, not in 幸福里社区: no role here yet).
  { openid: 'demo-mover', displayName: '吴先生', roles: [], note: '和平里社区志愿者：申请迁入幸福里社区，待审核' },
];

/** A second community, so a volunteer can move between the two. */
export const SECOND_COMMUNITY_ID = 'demo-community-2';

/** The community document's fields this domain adds (demo-community.ts spreads them in). */
export const VOLUNTEER_COMMUNITY_FIELDS = { code: 'XFL', volunteerSeq: 4, recorderName: '幸福里社区居民委员会' };

export function volunteerDemoDocuments(now: number): DemoDocuments {
  const c = DEMO_COMMUNITY_ID;
  const consents = (at: number, guardian = false) => [
    { kind: 'personal-info', version: '2026-12', at },
    { kind: 'sensitive-info', version: '2026-12', at },
    ...(guardian ? [{ kind: 'guardian', version: '2026-12', at }] : []),
  ];
  const volunteer = (fields: Record<string, unknown>) => ({
    communityId: c,
    version: 1,
    nameSealed: null,
    idSealed: null,
    idHash: null,
    phoneSealed: null,
    areaSealed: null,
    guardian: null,
    trainingLog: [],
    rejectReason: null,
    ...fields,
  });
  return {
    organizations: [
      { _id: 'org-sunshine', communityId: c, name: '阳光社工服务中心', kind: 'social-work', status: 'approved', version: 1, creditCode: null, maskedContactName: '陈某', maskedContactPhone: '138****0001', socialWorkers: ['demo-social-worker'], rejectReason: null, createdAt: now - 50 * DAY },
      { _id: 'org-silver', communityId: c, name: '银龄互助协会', kind: 'mutual-aid', status: 'pending', version: 0, creditCode: null, maskedContactName: '吴某', maskedContactPhone: '139****0002', socialWorkers: [], rejectReason: null, createdAt: now - 2 * DAY },
    ],
    teams: [
      { _id: 'team-elder-care', communityId: c, organizationId: 'org-sunshine', name: '助老服务队', tags: ['elderly-care', 'party-member'], leaders: ['demo-leader'], members: ['demo-leader', 'demo-volunteer'], createdAt: now - 45 * DAY },
      { _id: 'team-emergency', communityId: c, organizationId: null, name: '平战结合应急队', tags: ['emergency', 'environment'], leaders: [DEMO_ADMIN_OPENID], members: [DEMO_ADMIN_OPENID, 'demo-volunteer'], createdAt: now - 40 * DAY },
    ],
    volunteers: [
      volunteer({
        _id: 'vol-demo-leader',
        openid: 'demo-leader',
        volunteerNo: 'XFL-000001',
        status: 'verified',
        maskedName: '赵某',
        gender: 'male',
        birthDate: '1978-04-12',
        maskedIdNumber: '4****************6',
        maskedPhone: '137****2201',
        skills: ['急救', '组织协调'],
        serviceCategories: ['elderly-care', 'emergency'],
        trainings: ['first-aid', 'elder-care-basics'],
        insuranceUntil: now + 180 * DAY,
        totalMinutes: 320 * 60,
        consents: consents(now - 44 * DAY),
        createdAt: now - 44 * DAY,
      }),
      volunteer({
        _id: 'vol-demo-volunteer',
        openid: 'demo-volunteer',
        volunteerNo: 'XFL-000002',
        status: 'verified',
        maskedName: '刘某',
        gender: 'female',
        birthDate: '1996-09-30',
        maskedIdNumber: '4****************1',
        maskedPhone: '138****5678',
        skills: ['陪伴', '手机教学'],
        serviceCategories: ['elderly-care', 'environment'],
        trainings: ['elder-care-basics'],
        insuranceUntil: now + 90 * DAY,
        totalMinutes: 96 * 60,
        consents: consents(now - 20 * DAY),
        createdAt: now - 20 * DAY,
      }),
      volunteer({
        _id: 'vol-demo-applicant',
        openid: 'demo-applicant',
        volunteerNo: 'XFL-000003',
        status: 'pending',
        version: 0,
        maskedName: '孙某',
        gender: 'female',
        birthDate: '2010-05-20',
        maskedIdNumber: '4****************8',
        maskedPhone: '135****0203',
        skills: ['绘画'],
        serviceCategories: ['culture-education'],
        trainings: [],
        insuranceUntil: null,
        totalMinutes: 0,
        consents: consents(now - 1 * DAY, true),
        createdAt: now - 1 * DAY,
      }),
      volunteer({
        _id: 'vol-demo-helper',
        openid: 'demo-helper',
        volunteerNo: 'XFL-000004',
        status: 'verified',
        maskedName: '钱某',
        gender: 'female',
        birthDate: '1962-03-08',
        maskedIdNumber: '4****************5',
        maskedPhone: '139****4411',
        skills: ['陪伴', '包饺子'],
        serviceCategories: ['elderly-care'],
        trainings: [],
        insuranceUntil: null,
        totalMinutes: 0,
        consents: consents(now - 9 * DAY),
        createdAt: now - 9 * DAY,
      }),
      volunteer({
        _id: 'vol-demo-mover',
        openid: 'demo-mover',
        communityId: SECOND_COMMUNITY_ID,
        volunteerNo: 'HPL-000001',
        status: 'verified',
        maskedName: '吴某',
        gender: 'male',
        birthDate: '1985-07-15',
        maskedIdNumber: '4****************3',
        maskedPhone: '136****7788',
        skills: ['维修'],
        serviceCategories: ['community-service'],
        trainings: [],
        insuranceUntil: null,
        totalMinutes: 0,
        consents: consents(now - 30 * DAY),
        createdAt: now - 30 * DAY,
        openMoveId: 'move-demo-0001',
      }),
    ],
    communities: [
      {
        _id: SECOND_COMMUNITY_ID,
        name: '和平里社区',
        district: '示范市 示范区 和平街道',
        location: { type: 'Point', coordinates: [113.331, 23.1322] },
        grids: [],
        code: 'HPL',
        volunteerSeq: 1,
        recorderName: '和平里社区居民委员会',
        createdAt: now - 60 * DAY,
      },
    ],
    volunteer_moves: [
      {
        _id: 'move-demo-0001', openid: 'demo-mover', volunteerId: 'vol-demo-mover', volunteerNo: 'HPL-000001', maskedName: '吴某',
        fromCommunityId: SECOND_COMMUNITY_ID, toCommunityId: c, status: 'requested', note: '搬到幸福里 6 栋', refuseReason: null,
        createdAt: now - 1 * DAY, decidedAt: null, version: 0,
      },
    ],
    // Credits from service before the demo period (their service records are not part of the demo).
    time_bank_accounts: [
      { _id: 'demo-leader', openid: 'demo-leader', communityId: c, balanceMinutes: 320 * 60, earnedMinutes: 320 * 60, createdAt: now - 40 * DAY, updatedAt: now - 3 * DAY },
      { _id: 'demo-volunteer', openid: 'demo-volunteer', communityId: c, balanceMinutes: 96 * 60, earnedMinutes: 96 * 60, createdAt: now - 18 * DAY, updatedAt: now - 2 * DAY },
      { _id: `pool:${c}`, openid: '', communityId: c, balanceMinutes: 0, earnedMinutes: 0, createdAt: now - 60 * DAY, updatedAt: now - 60 * DAY },
    ],
    time_bank_ledger: [
      { _id: 'cr_seed-history-leader_r0', account: 'demo-leader', kind: 'credit', minutes: 320 * 60, serviceMinutes: 320 * 60, balanceAfter: 320 * 60, recordId: 'seed-history-leader', revision: 0, counterparty: null, note: null, at: now - 3 * DAY },
      { _id: 'cr_seed-history-volunteer_r0', account: 'demo-volunteer', kind: 'credit', minutes: 96 * 60 - 90, serviceMinutes: 96 * 60 - 90, balanceAfter: 96 * 60 - 90, recordId: 'seed-history-volunteer', revision: 0, counterparty: null, note: null, at: now - 19 * DAY },
      // The confirmed record of act-park-weed (demo-activities.ts), whose correction waits for staff.
      { _id: 'cr_act-park-weed_demo-volunteer_r0', account: 'demo-volunteer', kind: 'credit', minutes: 90, serviceMinutes: 90, balanceAfter: 96 * 60, recordId: 'act-park-weed_demo-volunteer', revision: 0, counterparty: null, note: null, at: now - 2 * DAY },
    ],
    time_bank_record_credits: [
      { _id: 'seed-history-leader', openid: 'demo-leader', communityId: c, revision: 0, minutes: 320 * 60, bankedMinutes: 320 * 60, entryId: 'cr_seed-history-leader_r0', updatedAt: now - 3 * DAY },
      { _id: 'seed-history-volunteer', openid: 'demo-volunteer', communityId: c, revision: 0, minutes: 96 * 60 - 90, bankedMinutes: 96 * 60 - 90, entryId: 'cr_seed-history-volunteer_r0', updatedAt: now - 19 * DAY },
      { _id: 'act-park-weed_demo-volunteer', openid: 'demo-volunteer', communityId: c, revision: 0, minutes: 90, bankedMinutes: 90, entryId: 'cr_act-park-weed_demo-volunteer_r0', updatedAt: now - 2 * DAY },
    ],
    family_bindings: [{ _id: ['demo-family', 'demo-volunteer'].sort().join('~'), members: ['demo-family', 'demo-volunteer'], inviter: 'demo-volunteer', relation: 'parent', createdAt: now - 10 * DAY }],
  };
}
