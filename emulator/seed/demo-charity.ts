// The charity-resources domain's demo data (issue 5): offers of every kind, community needs, an
// allocation half handed over and a fresh proposal, the station's stock, the community fund with
// its three signers and entries, the disclosure ledger and a long project. Quantities agree with
// each other the way the functions keep them (reserved = confirmed allocations; balance = moves).
import { addMonths, dayOf, monthOf, receiptDisclosureDue } from '../../core';
import { stockItemId } from '../../server/charity/ids';
import { DAY, DEMO_ADMIN_OPENID, DEMO_COMMUNITY_ID, DemoDocuments, DemoPerson, HOUR } from './demo-common';

/** The fund's other two signers and a company donor. */
export const CHARITY_DEMO_PEOPLE: DemoPerson[] = [
  { openid: 'demo-committee', displayName: '孙委员', roles: ['resident'], note: '业委会委员：小区公益基金共同签批人' },
  { openid: 'demo-resident-rep', displayName: '钱阿姨', roles: ['resident'], note: '居民代表：小区公益基金共同签批人' },
  { openid: 'demo-company', displayName: '和平超市', roles: ['donor'], note: '爱心企业：捐赠大米和助学善款' },
];

export function charityDemoDocuments(now: number): DemoDocuments {
  const c = DEMO_COMMUNITY_ID;
  const day = (daysAgo: number) => dayOf(now - daysAgo * DAY);
  const until = day(-30);
  const base = { showName: false, description: null, restrictedCommunityId: null, restrictedPurpose: null, condition: null, area: null, location: null, skill: null, availableUntil: until, version: 1 };
  const offers = [
    { ...base, _id: 'off-demo-quilts', kind: 'goods', category: 'bedding', item: '冬季棉被', quantity: 20, unit: '床', allocatedQuantity: 10, deliveredQuantity: 6, status: 'open', donorOpenid: 'demo-donor', donorType: 'individual', donorName: '周建国', condition: 'new', area: '和平街道', location: { lng: 113.33, lat: 23.13 }, createdAt: now - 12 * DAY, updatedAt: now - 3 * DAY },
    { ...base, _id: 'off-demo-rice', kind: 'goods', category: 'food', item: '大米', quantity: 50, unit: '袋', allocatedQuantity: 0, deliveredQuantity: 0, status: 'open', donorOpenid: 'demo-company', donorType: 'company', donorName: '和平超市', showName: true, condition: 'new', area: '和平街道', location: { lng: 113.32, lat: 23.12 }, createdAt: now - 4 * DAY, updatedAt: now - 4 * DAY, version: 0 },
    { ...base, _id: 'off-demo-tuition', kind: 'money', category: 'money', item: '善款', quantity: 200_000, unit: 'fen', allocatedQuantity: 0, deliveredQuantity: 0, status: 'open', donorOpenid: 'demo-company', donorType: 'company', donorName: '和平超市', showName: true, restrictedPurpose: 'education', restrictedCommunityId: c, createdAt: now - 2 * DAY, updatedAt: now - 2 * DAY, version: 0 },
    { ...base, _id: 'off-demo-repair', kind: 'service', category: 'service', item: 'repair', quantity: 10, unit: 'hour', allocatedQuantity: 0, deliveredQuantity: 0, status: 'open', donorOpenid: 'demo-donor', donorType: 'individual', donorName: '周建国', skill: 'repair', area: '幸福里社区及周边', createdAt: now - 6 * DAY, updatedAt: now - 6 * DAY, version: 0 },
  ];
  const needBase = { purpose: null, skill: null, linkedWishIds: [], projectId: null, description: null, postedBy: 'demo-staff', version: 1 };
  const needs = [
    { ...needBase, _id: 'need-demo-quilts', communityId: c, category: 'bedding', item: '独居老人冬季棉被', quantity: 10, unit: '床', allocatedQuantity: 10, deliveredQuantity: 6, urgency: 'high', deadlineOn: day(-10), beneficiaryGroup: 'elderly', status: 'open', projectId: 'prj-demo-winter', linkedWishIds: ['wish-blanket'], createdAt: now - 14 * DAY, updatedAt: now - 3 * DAY },
    { ...needBase, _id: 'need-demo-rice', communityId: c, category: 'food', item: '困难家庭口粮', quantity: 30, unit: '袋', allocatedQuantity: 0, deliveredQuantity: 0, urgency: 'normal', deadlineOn: day(-20), beneficiaryGroup: 'low-income', status: 'open', createdAt: now - 5 * DAY, updatedAt: now - 5 * DAY, version: 0 },
    { ...needBase, _id: 'need-demo-tuition', communityId: c, category: 'money', item: '困境儿童助学金', quantity: 150_000, unit: 'fen', allocatedQuantity: 0, deliveredQuantity: 0, urgency: 'high', deadlineOn: day(-25), beneficiaryGroup: 'children', purpose: 'education', status: 'open', postedBy: 'demo-social-worker', createdAt: now - 3 * DAY, updatedAt: now - 3 * DAY, version: 0 },
    { ...needBase, _id: 'need-demo-repair', communityId: c, category: 'service', item: '高龄老人家中水电维修', quantity: 4, unit: 'hour', allocatedQuantity: 0, deliveredQuantity: 0, urgency: 'critical', deadlineOn: day(-5), beneficiaryGroup: 'elderly', skill: 'repair', status: 'open', createdAt: now - 1 * DAY, updatedAt: now - 1 * DAY, version: 0 },
  ];
  const explanation = (score: number, terms: Record<string, number>, binding: string[], text: string) => ({ score, terms: Object.entries(terms).map(([term, value]) => ({ term, value })), binding, text });
  const allocations = [
    {
      _id: 'alc-demo-quilts', offerId: 'off-demo-quilts', needId: 'need-demo-quilts', communityId: c, donorOpenid: 'demo-donor', category: 'bedding', offerItem: '冬季棉被', needItem: '独居老人冬季棉被', unit: '床',
      quantity: 10, deliveredQuantity: 6, status: 'delivering', version: 4,
      explanation: explanation(587, { categoryFit: 400, urgency: 200, deadline: 13, distance: -27, expiry: 1, fairness: 56.25 }, ['need-filled'], '每单位得分 587（品类匹配 +400，紧急程度 +200，截止临近 +13，距离 -27，捐赠临期 +1，社区间公平 +56.25），相距 0.9 公里；数量受限于：需求已满足'),
      donorLabel: '周某', batchId: 'batch-demo-1', proposedAt: now - 10 * DAY, proposedBy: 'demo-staff', note: null,
      handovers: [{ id: 'ho-demo-1', to: 'station', receivedBy: '李网格员', quantity: 6, handedOverAt: now - 3 * DAY, note: '第一批送到社区服务站', photoFileId: null, recordedBy: 'demo-staff' }],
      confirmedBy: 'demo-staff', confirmedAt: now - 9 * DAY, acceptedAt: now - 8 * DAY, updatedAt: now - 3 * DAY,
    },
    {
      _id: 'alc-demo-rice', offerId: 'off-demo-rice', needId: 'need-demo-rice', communityId: c, donorOpenid: 'demo-company', category: 'food', offerItem: '大米', needItem: '困难家庭口粮', unit: '袋',
      quantity: 30, deliveredQuantity: 0, status: 'proposed', version: 0,
      explanation: explanation(564, { categoryFit: 400, urgency: 100, deadline: 64, distance: 0, expiry: 0, fairness: 55 }, ['need-filled'], '每单位得分 564（品类匹配 +400，紧急程度 +100，截止临近 +64，社区间公平 +55）；数量受限于：需求已满足'),
      donorLabel: '和平超市', batchId: 'batch-demo-2', proposedAt: now - 2 * HOUR, proposedBy: 'demo-staff', note: null, handovers: [], updatedAt: now - 2 * HOUR,
    },
  ];

  const quilts = stockItemId(c, '冬季棉被', '床');
  const oil = stockItemId(c, '食用油', '桶');
  const stockItems = [
    { _id: quilts, communityId: c, item: '冬季棉被', unit: '床', balance: 4, receivedTotal: 6, givenTotal: 2, version: 2, updatedAt: now - 2 * DAY },
    { _id: oil, communityId: c, item: '食用油', unit: '桶', balance: 12, receivedTotal: 15, givenTotal: 3, version: 2, updatedAt: now - 1 * DAY },
  ];
  const move = (id: string, itemId: string, item: string, unit: string, direction: string, quantity: number, balanceAfter: number, counterpart: string, at: number, allocationId: string | null = null) => ({
    _id: id, communityId: c, itemId, item, unit, direction, quantity, balanceAfter, counterpart, note: null, allocationId, at, by: 'demo-staff',
  });
  const stockMovements = [
    move('mov-demo-1', quilts, '冬季棉被', '床', 'in', 6, 6, '周某', now - 3 * DAY, 'alc-demo-quilts'),
    move('mov-demo-2', quilts, '冬季棉被', '床', 'out', 2, 4, '张阿姨', now - 2 * DAY),
    move('mov-demo-3', oil, '食用油', '桶', 'in', 15, 15, '和平超市', now - 6 * DAY),
    move('mov-demo-4', oil, '食用油', '桶', 'out', 3, 12, '刘大爷', now - 1 * DAY),
  ];
  const stockCorrections = [
    { _id: 'cor-demo-1', communityId: c, itemId: oil, item: '食用油', unit: '桶', delta: -1, reason: '盘点发现一桶漏油', status: 'pending', version: 0, requestedBy: 'demo-staff', decidedBy: null, createdAt: now - 3 * HOUR },
  ];

  const fund = { _id: 'fund-demo', communityId: c, name: '幸福里小区公益基金', signers: { convener: DEMO_ADMIN_OPENID, committeeMember: 'demo-committee', residentRep: 'demo-resident-rep' }, createdBy: DEMO_ADMIN_OPENID, createdAt: now - 40 * DAY };
  const entry = (id: string, kind: string, amountFen: number, purpose: string, counterpart: string, status: string, approvals: Array<[string, string, number]>, daysAgo: number) => ({
    _id: id, fundId: fund._id, communityId: c, kind, amountFen, purpose, counterpart, showName: kind === 'income' && counterpart === '和平超市', evidenceFileIds: [], status,
    approvals: approvals.map(([role, openid, at]) => ({ role, openid, at })), version: approvals.length, on: day(daysAgo), note: null, createdBy: 'demo-staff', createdAt: now - daysAgo * DAY,
  });
  const fundEntries = [
    entry('fe-demo-income-1', 'income', 500_000, '小区公益基金年度捐赠', '和平超市', 'recorded', [], 30),
    entry('fe-demo-income-2', 'income', 20_000, '居民自愿捐款', '赵大爷', 'recorded', [], 12),
    entry('fe-demo-out-1', 'disbursement', 120_000, '楼道照明改造', '某电工服务部', 'approved', [['convener', DEMO_ADMIN_OPENID, now - 8 * DAY], ['residentRep', 'demo-resident-rep', now - 7 * DAY]], 9),
    entry('fe-demo-out-2', 'disbursement', 30_000, '重阳节敬老活动物资', '社区食堂', 'pending', [['committeeMember', 'demo-committee', now - 1 * DAY]], 2),
  ];

  const ledger = (id: string, direction: string, label: string, item: string, amount: { quantity?: number; unit?: string; amountFen?: number }, daysAgo: number, published: boolean, source: string) => {
    const on = day(daysAgo);
    return {
      _id: id, communityId: c, month: monthOf(on), direction, label, item, quantity: amount.quantity ?? null, unit: amount.unit ?? null, amountFen: amount.amountFen ?? null, on,
      dueOn: direction === 'received' ? receiptDisclosureDue(on) : addMonths(on, 1), published, publishedAt: published ? now - 1 * DAY : null, source, createdAt: now - daysAgo * DAY,
    };
  };
  const ledgerEntries = [
    ledger('led-demo-1', 'received', '和平超市', '幸福里小区公益基金：小区公益基金年度捐赠', { amountFen: 500_000 }, 30, true, 'charity_fund_entries/fe-demo-income-1'),
    ledger('led-demo-2', 'received', '赵某', '幸福里小区公益基金：居民自愿捐款', { amountFen: 20_000 }, 12, true, 'charity_fund_entries/fe-demo-income-2'),
    ledger('led-demo-3', 'given', '楼道照明改造', '幸福里小区公益基金', { amountFen: 120_000 }, 7, true, 'charity_fund_entries/fe-demo-out-1'),
    ledger('led-demo-4', 'received', '周某', '冬季棉被', { quantity: 6, unit: '床' }, 3, false, 'charity_allocations/alc-demo-quilts'),
    ledger('led-demo-5', 'given', '社区居民', '冬季棉被', { quantity: 2, unit: '床' }, 2, false, 'charity_stock_movements/mov-demo-2'),
    ledger('led-demo-6', 'received', '和平超市', '食用油', { quantity: 15, unit: '桶' }, 6, true, 'charity_stock_movements/mov-demo-3'),
    ledger('led-demo-7', 'given', '社区居民', '食用油', { quantity: 3, unit: '桶' }, 1, false, 'charity_stock_movements/mov-demo-4'),
  ];
  const projects = [
    { _id: 'prj-demo-winter', communityId: c, name: '冬日暖心·独居老人关爱', startOn: day(200), endOn: day(-165), reports: [{ on: day(110), summary: '已走访独居老人 42 户，发放慰问品 42 份' }], lastReportOn: day(110), version: 1, createdAt: now - 200 * DAY },
  ];

  return {
    charity_offers: offers,
    charity_needs: needs,
    charity_allocations: allocations,
    charity_stock_items: stockItems,
    charity_stock_movements: stockMovements,
    charity_stock_corrections: stockCorrections,
    charity_funds: [fund],
    charity_fund_entries: fundEntries,
    charity_ledger: ledgerEntries,
    charity_projects: projects,
  };
}
