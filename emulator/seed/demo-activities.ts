// The activity domain's demo data (issue 3): activities in each stage, sign-ups with a waitlist
// (demo-helper waits on act-tea-visit), attendance, draft service records, a back-fill awaiting its
// second approver (requested by demo-admin: demo-staff approves) and a correction awaiting staff
// (demo-volunteer's record of act-park-weed), so every flow can be tried from `npm start`
// (docs/activities.md, "Try it").
import { DAY, DEMO_ADMIN_OPENID, DEMO_COMMUNITY_ID, DemoDocuments, DemoPerson, HOUR } from './demo-common';

/** People the activity flows need beyond the base community's (none yet). */
export const ACTIVITY_DEMO_PEOPLE: DemoPerson[] = [];

const dayOfChina = (at: number) => new Date(at + 8 * HOUR).toISOString().slice(0, 10);

function activity(now: number, a: Record<string, unknown> & { _id: string; startAt: number; endAt: number; place: { name: string; lat: number; lng: number; radiusM: number } }) {
  return {
    communityId: DEMO_COMMUNITY_ID,
    teamId: null,
    capacity: 10,
    waitlist: 0,
    signedUp: 0,
    waitlisted: 0,
    signupSeq: 0,
    eligibility: { minAge: 14, trainings: [], insuranceRequired: false, teamOnly: false },
    checkin: { opensBeforeMin: 120, closesAfterMin: 120, walkIns: false, maxPairsPerDay: 1 },
    organizingUnit: '幸福里社区居民委员会',
    leaderName: '赵队长',
    hoursPolicy: 'cq-15-45',
    version: 1,
    reviewNote: null,
    // Demo only: a fixed secret so the printed demo poster code stays valid across resets.
    qrSecret: `demo-secret-${a._id}`,
    createdBy: DEMO_ADMIN_OPENID,
    createdAt: now - 7 * DAY,
    updatedAt: now - 7 * DAY,
    location: { type: 'Point', coordinates: [a.place.lng, a.place.lat] },
    ...a,
  };
}

export function activityDemoDocuments(now: number): DemoDocuments {
  const c = DEMO_COMMUNITY_ID;
  const phoneStart = now - 3 * DAY;
  const parkStart = now - 20 * DAY;
  return {
    activities: [
      activity(now, {
        _id: 'act-tea-visit', teamId: 'team-elder-care', title: '重阳节探访独居老人', category: 'elderly-care', status: 'published',
        content: '两人一组入户探访独居老人，陪同聊天、检查家中用电安全。',
        place: { name: '幸福里社区党群服务中心', lat: 23.1291, lng: 113.3245, radiusM: 300 },
        startAt: now + 2 * DAY, endAt: now + 2 * DAY + 3 * HOUR, capacity: 2, waitlist: 2, signedUp: 2, waitlisted: 1, signupSeq: 3,
        eligibility: { minAge: 16, trainings: [], insuranceRequired: false, teamOnly: false },
        risks: '入户探访需两人同行，注意上下楼梯安全。',
      }),
      activity(now, {
        _id: 'act-clean-up', teamId: 'team-emergency', title: '小区环境清洁日', category: 'environment', status: 'published',
        content: '清理中心花园和楼道的垃圾与小广告。',
        place: { name: '幸福里中心花园', lat: 23.1287, lng: 113.3251, radiusM: 200 },
        startAt: now - 1 * HOUR, endAt: now + 2 * HOUR, capacity: 20, signedUp: 2, signupSeq: 2,
        checkin: { opensBeforeMin: 120, closesAfterMin: 120, walkIns: true, maxPairsPerDay: 2 },
        risks: '使用清洁工具注意防护，请自备手套。', leaderName: '王主任',
      }),
      activity(now, {
        _id: 'act-phone-cls', teamId: 'team-elder-care', title: '老年人智能手机课堂', category: 'education', status: 'ended',
        content: '一对一教老人使用微信视频、健康码和打车软件。',
        place: { name: '社区活动室', lat: 23.1295, lng: 113.324, radiusM: 150 },
        startAt: phoneStart, endAt: phoneStart + 2 * HOUR, capacity: 8, signedUp: 2, signupSeq: 2,
        risks: '无特殊风险。', createdBy: 'demo-social-worker', createdAt: now - 12 * DAY,
      }),
      activity(now, {
        _id: 'act-park-weed', teamId: 'team-emergency', title: '口袋公园除草', category: 'environment', status: 'closed',
        content: '清除口袋公园步道两侧的杂草，补种草皮。',
        place: { name: '幸福里口袋公园', lat: 23.1279, lng: 113.3262, radiusM: 200 },
        startAt: parkStart, endAt: parkStart + 2 * HOUR, capacity: 10, signedUp: 1, signupSeq: 1,
        risks: '使用园艺工具注意防护，请穿长袖。', leaderName: '王主任', createdAt: now - 25 * DAY,
      }),
      activity(now, {
        _id: 'act-draft-run', title: '社区健步走（待审核）', category: 'culture-sports', status: 'submitted',
        content: '沿江边健步走 5 公里，结束后集体拉伸。',
        place: { name: '江边步道入口', lat: 23.1262, lng: 113.3301, radiusM: 300 },
        startAt: now + 6 * DAY, endAt: now + 6 * DAY + 2 * HOUR, capacity: 30, waitlist: 10,
        eligibility: { minAge: 14, trainings: [], insuranceRequired: true, teamOnly: false },
        risks: '户外运动有扭伤、中暑风险，需购买人身意外伤害保险。', createdBy: 'demo-leader', teamId: 'team-elder-care',
      }),
    ],
    signups: [
      { _id: 'act-tea-visit_demo-volunteer', activityId: 'act-tea-visit', openid: 'demo-volunteer', communityId: c, status: 'confirmed', seq: 1, version: 1, createdAt: now - 4 * DAY, updatedAt: now - 4 * DAY },
      { _id: 'act-tea-visit_demo-leader', activityId: 'act-tea-visit', openid: 'demo-leader', communityId: c, status: 'confirmed', seq: 2, version: 1, createdAt: now - 4 * DAY, updatedAt: now - 4 * DAY },
      { _id: 'act-clean-up_demo-volunteer', activityId: 'act-clean-up', openid: 'demo-volunteer', communityId: c, status: 'confirmed', seq: 1, version: 1, createdAt: now - 6 * DAY, updatedAt: now - 6 * DAY },
      { _id: 'act-clean-up_demo-leader', activityId: 'act-clean-up', openid: 'demo-leader', communityId: c, status: 'confirmed', seq: 2, version: 1, createdAt: now - 6 * DAY, updatedAt: now - 6 * DAY },
      { _id: 'act-tea-visit_demo-helper', activityId: 'act-tea-visit', openid: 'demo-helper', communityId: c, status: 'waitlisted', seq: 3, version: 0, createdAt: now - 2 * DAY, updatedAt: now - 2 * DAY },
      { _id: 'act-park-weed_demo-volunteer', activityId: 'act-park-weed', openid: 'demo-volunteer', communityId: c, status: 'confirmed', seq: 1, version: 1, createdAt: now - 24 * DAY, updatedAt: now - 24 * DAY },
      { _id: 'act-phone-cls_demo-volunteer', activityId: 'act-phone-cls', openid: 'demo-volunteer', communityId: c, status: 'confirmed', seq: 1, version: 1, createdAt: now - 10 * DAY, updatedAt: now - 10 * DAY },
      { _id: 'act-phone-cls_demo-leader', activityId: 'act-phone-cls', openid: 'demo-leader', communityId: c, status: 'confirmed', seq: 2, version: 1, createdAt: now - 10 * DAY, updatedAt: now - 10 * DAY },
    ],
    attendance: [
      {
        _id: 'act-clean-up_demo-leader', activityId: 'act-clean-up', openid: 'demo-leader', communityId: c, status: 'checked_in',
        sessions: [{ inAt: now - 50 * 60_000, outAt: null, inOn: dayOfChina(now - 50 * 60_000), inBy: 'scan', outBy: null }],
        pairs: 1, checkedInAt: now - 50 * 60_000, checkedOutAt: null, lastSlot: null, needsConfirmation: false, flags: [], version: 0,
        createdAt: now - 50 * 60_000, updatedAt: now - 50 * 60_000,
      },
      {
        _id: 'act-phone-cls_demo-volunteer', activityId: 'act-phone-cls', openid: 'demo-volunteer', communityId: c, status: 'checked_out',
        sessions: [{ inAt: phoneStart - 10 * 60_000, outAt: phoneStart + 115 * 60_000, inOn: dayOfChina(phoneStart), inBy: 'scan', outBy: 'scan' }],
        pairs: 1, checkedInAt: phoneStart - 10 * 60_000, checkedOutAt: phoneStart + 115 * 60_000, lastSlot: null, needsConfirmation: false, flags: [], version: 0,
        createdAt: phoneStart, updatedAt: phoneStart + 115 * 60_000,
      },
      {
        _id: 'act-phone-cls_demo-leader', activityId: 'act-phone-cls', openid: 'demo-leader', communityId: c, status: 'checked_in',
        sessions: [{ inAt: phoneStart - 5 * 60_000, outAt: null, inOn: dayOfChina(phoneStart), inBy: 'scan', outBy: null }],
        pairs: 1, checkedInAt: phoneStart - 5 * 60_000, checkedOutAt: null, lastSlot: null, needsConfirmation: false, flags: [], version: 0,
        createdAt: phoneStart, updatedAt: phoneStart,
      },
    ],
    service_records: [
      {
        _id: 'act-phone-cls_demo-volunteer', openid: 'demo-volunteer', volunteerNo: 'XFL-000002', communityId: c, activityId: 'act-phone-cls',
        activityTitle: '老年人智能手机课堂', category: 'education', date: dayOfChina(phoneStart), place: '社区活动室',
        content: '一对一教老人使用微信视频、健康码和打车软件。', minutes: 120, organizingUnit: '幸福里社区居民委员会', leaderName: '赵队长',
        policyVersion: 'cq-15-45@1', status: 'draft', revision: 0, source: 'attendance', rating: null, ratedOn: null,
        dueOn: dayOfChina(now + 11 * DAY), overdue: false, confirmedAt: null, version: 0, createdAt: now - 3 * DAY + 3 * HOUR, updatedAt: now - 3 * DAY + 3 * HOUR,
      },
      {
        _id: 'act-park-weed_demo-volunteer', openid: 'demo-volunteer', volunteerNo: 'XFL-000002', communityId: c, activityId: 'act-park-weed',
        activityTitle: '口袋公园除草', category: 'environment', date: dayOfChina(parkStart), place: '幸福里口袋公园',
        content: '清除口袋公园步道两侧的杂草，补种草皮。', minutes: 90, organizingUnit: '幸福里社区居民委员会', leaderName: '王主任',
        policyVersion: 'cq-15-45@1', status: 'confirmed', revision: 0, source: 'attendance', rating: null, ratedOn: null,
        dueOn: dayOfChina(parkStart + 14 * DAY), overdue: false, confirmedAt: now - 2 * DAY, openCorrectionId: 'cr-demo-0001', version: 1,
        createdAt: parkStart + 3 * HOUR, updatedAt: now - 1 * DAY,
      },
    ],
    record_corrections: [
      {
        _id: 'cr-demo-0001', recordId: 'act-park-weed_demo-volunteer', recordRevision: 0, openid: 'demo-volunteer', communityId: c, status: 'open',
        minutes: 120, previousMinutes: 90, note: '活动结束后留下来补种草皮，实际服务 2 小时，王主任可以证明', resolutionNote: null, version: 0,
        createdAt: now - 1 * DAY,
      },
    ],
    record_backfills: [
      {
        _id: 'bf-demo-0001', activityId: 'act-phone-cls', openid: 'demo-leader', communityId: c, minutes: 120,
        evidence: '纸质签到表第 2 行，陈社工现场见证', note: '队长手机没电未能签退', status: 'requested',
        requestedBy: DEMO_ADMIN_OPENID, approvedBy: null, recordId: null, version: 0, createdAt: now - 1 * DAY,
      },
    ],
  };
}
