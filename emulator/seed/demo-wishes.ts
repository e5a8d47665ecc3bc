// The micro-wish domain's demo data (issue 4).
import { DAY, DEMO_COMMUNITY_ID, DemoDocuments, DemoPerson } from './demo-common';

/** People the wish flows need beyond the base community's (none yet). */
export const WISH_DEMO_PEOPLE: DemoPerson[] = [];

export function wishDemoDocuments(now: number): DemoDocuments {
  return {
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
