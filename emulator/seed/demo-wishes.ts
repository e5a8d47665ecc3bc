// The micro-wish domain's demo data (issue 4): recipients and a wish in every status, shaped as the
// wish function writes them (cloudfunctions/wish/store.ts). Demo recipients carry no personal data
// (no sealed name, phone or address: the seed runs without the functions' keys); register one in
// the app to see sealing, the volunteer's address view and a printed confirmation code.
import { unstartedWishLifecycle } from '../../core';
import { DAY, DEMO_COMMUNITY_ID, DemoDocuments, DemoPerson } from './demo-common';

/** People the wish flows need beyond the base community's (demo-donor, demo-resident, demo-family, demo-volunteer, demo-staff). */
export const WISH_DEMO_PEOPLE: DemoPerson[] = [];

const COMMUNITY_NAME = '幸福里社区';
export const DEMO_RECIPIENT_ZHANG = 'r_00000000000000000001';
export const DEMO_RECIPIENT_CHILD = 'r_00000000000000000002';
export const DEMO_RECIPIENT_LI = 'r_00000000000000000003';

type Doc = Record<string, unknown>;

function recipient(_id: string, now: number, fields: Doc): Doc {
  return {
    _id,
    communityId: DEMO_COMMUNITY_ID,
    nameSealed: null,
    phoneSealed: null,
    phoneMasked: null,
    addressSealed: null,
    sensitiveStatusSealed: null,
    openid: null,
    familyOpenids: [],
    guardianConsent: null,
    codeHash: null,
    codeSealed: null,
    codeIssuedAt: null,
    createdBy: 'demo-staff',
    createdAt: now - 40 * DAY,
    updatedAt: now - 40 * DAY,
    version: 0,
    ...fields,
  };
}

const dayOfChina = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
const endOfChinaDay = (at: number) => Date.parse(`${dayOfChina(at)}T00:00:00Z`) - 8 * 3_600_000 + DAY;

export function wishDemoDocuments(now: number): DemoDocuments {
  const recipients = [
    recipient(DEMO_RECIPIENT_ZHANG, now, { maskedName: '张某', ageBand: '80+', under14: false, group: 'elderly-alone', showGroup: true, openid: 'demo-resident', familyOpenids: ['demo-family'], createdBy: 'demo-resident' }),
    recipient(DEMO_RECIPIENT_CHILD, now, {
      maskedName: '陈某',
      ageBand: '6-13',
      under14: true,
      group: 'child',
      showGroup: false,
      guardianConsent: { guardianNameSealed: null, relation: 'parent', method: 'paper-form', note: '家长签署同意书', by: 'demo-staff', at: now - 30 * DAY },
    }),
    recipient(DEMO_RECIPIENT_LI, now, { maskedName: '李某', ageBand: '70-79', under14: false, group: 'elderly', showGroup: true }),
  ];
  const card = (r: Doc) => ({ maskedName: r.maskedName, ageBand: r.ageBand, group: r.showGroup ? r.group : null });
  const [zhang, child, li] = recipients as [Doc, Doc, Doc];
  let n = 0;
  const wish = (r: Doc, item: string, category: string, valueFen: number, description: string, ageDays: number, wantedInDays: number, status: string, extra: Doc = {}): Doc => {
    const createdAt = now - ageDays * DAY;
    const wantedAt = now + wantedInDays * DAY;
    n++;
    return {
      _id: `w_${String(n).padStart(20, '0')}`,
      communityId: DEMO_COMMUNITY_ID,
      communityName: COMMUNITY_NAME,
      recipientId: r._id,
      postedBy: r === zhang ? 'demo-family' : 'demo-staff',
      postedAs: r === zhang ? 'family' : 'staff',
      item,
      description,
      category,
      valueFen,
      wantedOn: dayOfChina(wantedAt),
      wantedBy: endOfChinaDay(wantedAt),
      photos: [],
      photoConsent: false,
      ...card(r),
      status,
      version: 1,
      nearDuplicates: [],
      ...unstartedWishLifecycle(),
      createdAt,
      updatedAt: createdAt,
      ...extra,
    };
  };
  const verified = (ageDays: number) => ({ verification: { method: 'home-visit', note: '入户核实，情况属实', by: 'demo-staff', at: now - (ageDays - 1) * DAY }, verifiedAt: now - (ageDays - 1) * DAY });
  const published = (ageDays: number) => ({ ...verified(ageDays), publishedAt: now - (ageDays - 2) * DAY });
  const claimed = (ageDays: number, claimedDaysAgo: number) => ({
    ...published(ageDays),
    claimedBy: 'demo-donor',
    claimedAt: now - claimedDaysAgo * DAY,
    claimDueAt: now + (7 - claimedDaysAgo) * DAY,
    claimRemindAt: now + (5 - claimedDaysAgo) * DAY,
  });
  const delivered = (ageDays: number) => ({
    ...claimed(ageDays, 4),
    delivery: { mode: 'station', volunteerOpenid: null, by: 'demo-staff', photo: null, note: '社区服务站签收', at: now - 2 * DAY },
    deliveredAt: now - 2 * DAY,
  });
  const confirmed = (ageDays: number) => ({ ...delivered(ageDays), confirmation: { mode: 'witnessed', by: 'demo-staff', note: '网格员见证签收', at: now - 1 * DAY }, confirmedAt: now - 1 * DAY });

  return {
    wish_recipients: recipients,
    wishes: [
      wish(zhang, '电饭煲', 'daily-living', 20000, '家里电饭煲坏了，想要一个小的电饭煲', 1, 20, 'submitted'),
      wish(li, '智能手机', 'other', 120000, '想要一部新手机', 3, 20, 'rejected', { rejection: { reason: '超过心愿金额上限（500元），建议改为老年手机', by: 'demo-staff', at: now - 2 * DAY } }),
      wish(li, '收音机', 'companionship', 8000, '想要一台能听戏曲的收音机', 4, 25, 'verified', verified(4)),
      wish(child, '新书包', 'study', 15000, '小学三年级学生想要一个新书包', 8, 12, 'published', published(8)),
      wish(zhang, '轮椅维修', 'health', 30000, '轮椅刹车失灵，需要维修', 6, 5, 'published', published(6)),
      wish(li, '老花镜', 'health', 6000, '看报纸看不清，想配一副老花镜', 5, 30, 'published', published(5)),
      // Pooled (拼好愿): ¥100 of ¥400 pledged so far.
      wish(child, '儿童自行车', 'other', 40000, '想要一辆上学骑的自行车', 7, 25, 'published', {
        ...published(7),
        pooled: true,
        pledgedFen: 10000,
        pledges: [{ donor: 'demo-donor', fen: 10000, at: now - DAY }],
      }),
      wish(child, '护眼台灯', 'study', 12000, '晚上写作业光线不好', 10, 15, 'claimed', claimed(10, 1)),
      wish(li, '保温水壶', 'daily-living', 9000, '冬天想喝热水', 12, 10, 'delivered', delivered(12)),
      wish(child, '绘本一套', 'study', 10000, '想要一套儿童绘本', 15, 3, 'confirmed', confirmed(15)),
      wish(zhang, '冬季棉被', 'daily-living', 25000, '冬天到了需要厚棉被', 25, -5, 'thanked', {
        ...confirmed(25),
        thanks: { message: '谢谢好心人，被子很暖和！', photo: null, by: 'demo-family', at: now - DAY / 2 },
        thankedAt: now - DAY / 2,
      }),
      wish(li, '血压计', 'health', 15000, '想在家量血压', 40, -3, 'expired', { ...published(40), expiredAt: now - 2 * DAY }),
      wish(zhang, '助行器', 'health', 18000, '走路不稳', 9, 20, 'closed', { ...verified(9), closure: { reason: '已由街道辅具中心免费配发', by: 'demo-admin', at: now - 3 * DAY } }),
    ],
  };
}
