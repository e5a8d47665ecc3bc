// The staff charity screens' pure parts: forms turned into contract inputs, and rows that say who may
// act. The pages' tests drive them through the UI; these pin the edge cases.
import { charityContract } from '../../../miniprogram/core/index';
import { buildFundForm, disbursementRow, entryRow, fundCard } from '../../../miniprogram/utils/fund-view';
import { blankNeedForm, buildNeed, needFormOf, needRow } from '../../../miniprogram/utils/need-view';
import { buildProject, projectRow } from '../../../miniprogram/utils/project-view';
import { buildCorrection, stockCorrectionRow } from '../../../miniprogram/utils/stock-view';
import { correction, fund, fundEntry, need, project } from '../fixtures/charity';

const TODAY = '2026-12-02';

describe('needs', () => {
  test('each kind of need passes the contract the page sends it to', () => {
    const goods = buildNeed({ ...blankNeedForm(), item: ' 棉被 ', quantity: '10', unit: '床' }, TODAY);
    const money = buildNeed({ ...blankNeedForm(), category: 'money', amount: '99.9', purpose: 'medical' }, TODAY);
    const service = buildNeed({ ...blankNeedForm(), category: 'service', skill: 'haircut', quantity: '4', description: '  行动不便的老人 ' }, TODAY);
    expect(goods.need).toMatchObject({ item: '棉被', quantity: 10, unit: '床', deadlineOn: '2027-01-01' });
    expect(money.need).toMatchObject({ category: 'money', item: '善款', quantity: 9990, unit: 'fen', purpose: 'medical' });
    expect(money.need).not.toHaveProperty('skill');
    expect(service.need).toMatchObject({ category: 'service', item: '理发', quantity: 4, unit: 'hour', skill: 'haircut', description: '行动不便的老人' });
    // A service need keeps what it says it is; editing does not rename it to the skill.
    const repair = need({ category: 'service', item: '高龄老人家中水电维修', quantity: 4, unit: 'hour', skill: 'repair' });
    expect(buildNeed(needFormOf(repair), TODAY).need).toMatchObject({ item: '高龄老人家中水电维修', skill: 'repair', quantity: 4 });
    for (const n of [goods, money, service]) expect(charityContract.actions.createNeed.input.safeParse({ communityId: 'c1', need: n.need }).success).toBe(true);
  });

  test('what is missing or wrong is named per field; nothing is built', () => {
    expect(buildNeed({ ...blankNeedForm(), quantity: '1.5' }, TODAY)).toEqual({ errors: { item: '请填写需要什么，例如“棉被”', quantity: '请填写数量（整数）' } });
    expect(buildNeed({ ...blankNeedForm(), category: 'money', amount: '0' }, TODAY).errors).toEqual({ amount: '请填写金额（元），例如 2000' });
    // Editing keeps the deadline unless it has passed.
    const past = needFormOf(need({ deadlineOn: '2026-11-30' }));
    expect(buildNeed(past, TODAY).errors).toEqual({ within: '截止日期已经过了，请重新选择' });
    expect(buildNeed({ ...past, within: '7' }, TODAY).need?.deadlineOn).toBe('2026-12-09');
  });

  test('a money need round-trips through the form in yuan', () => {
    const n = need({ category: 'money', item: '善款', quantity: 150050, unit: 'fen', purpose: 'education' });
    const f = needFormOf(n);
    expect(f.amount).toBe('1500.50');
    expect(buildNeed(f, TODAY).need?.quantity).toBe(150050);
    expect(needFormOf(need({ category: 'money', quantity: 200000, unit: 'fen' })).amount).toBe('2000');
  });

  test('a need with something matched can only be closed', () => {
    expect(needRow(need()).cancellable).toBe(true);
    expect(needRow(need({ allocatedQuantity: 1 })).cancellable).toBe(false);
    expect(needRow(need({ status: 'closed' }))).toMatchObject({ open: false, cancellable: false, statusText: '已完成' });
  });
});

describe('fund', () => {
  test('a person holding two signer roles is still one approval: the row asks for another person', () => {
    const f = fund({ signers: { convener: 'x', committeeMember: 'x', residentRep: 'y' } });
    expect(fundCard(f, 'x').signers).toBe('签字人：召集人、委员、居民代表（您是召集人、委员）');
    const r = disbursementRow(fundEntry({ approvals: [{ role: 'convener', openid: 'x', at: 1 }] }), f, 'x');
    expect(r.approvals).toBe('已同意：召集人。还需1位签字人同意，可由居民代表中的一位同意。');
    expect(r).toMatchObject({ canDecide: false, notice: '您已同意，等待另一位签字人。' });
    expect(disbursementRow(fundEntry({ approvals: [{ role: 'convener', openid: 'x', at: 1 }] }), f, 'y').canDecide).toBe(true);
  });

  test('a decided disbursement has no buttons and no notice, whoever looks', () => {
    for (const status of ['approved', 'rejected'] as const) {
      expect(disbursementRow(fundEntry({ status }), fund(), 'sign-a')).toMatchObject({ canDecide: false, notice: '', pending: false });
    }
  });

  test('entries read as income or spending', () => {
    expect(entryRow(fundEntry({ kind: 'income', status: 'recorded', counterpart: '周某' }))).toMatchObject({ title: '收入 ¥200.00 · 独居老人助餐', detail: '捐赠方：周某，2026年12月1日', income: true });
  });

  test('the income and disbursement forms build contract inputs', () => {
    const form = { amount: '12.5', counterpart: ' 周先生 ', purpose: ' 助老 ', receivedOn: '2026-12-02', showName: false };
    const income = buildFundForm('income', form, TODAY).income;
    const out = buildFundForm('disbursement', form, TODAY).disbursement;
    expect(charityContract.actions.recordFundIncome.input.safeParse({ fundId: 'fd_1', ...income }).success).toBe(true);
    expect(charityContract.actions.requestDisbursement.input.safeParse({ fundId: 'fd_1', ...out }).success).toBe(true);
    expect(out).toEqual({ amountFen: 1250, purpose: '助老', payee: '周先生' });
    expect(buildFundForm('income', { ...form, receivedOn: '2026-12-03' }, TODAY).errors).toEqual({ receivedOn: '请填写收到的日期，例如 2026-12-01，不能晚于今天' });
    // The day is not asked for a disbursement.
    expect(buildFundForm('disbursement', { ...form, receivedOn: 'x' }, TODAY).errors).toEqual({});
  });
});

describe('stock corrections', () => {
  test('the sign comes from the choice; the input passes the contract', () => {
    const f = { item: '大米', unit: '袋', sign: '-', quantity: '3', reason: '盘点数量与账上不符' };
    expect(buildCorrection(f).input?.delta).toBe(-3);
    expect(buildCorrection({ ...f, sign: '+' }).input?.delta).toBe(3);
    expect(charityContract.actions.requestStockCorrection.input.safeParse({ communityId: 'c1', ...buildCorrection(f).input }).success).toBe(true);
    expect(buildCorrection({ ...f, quantity: '0', reason: '' }).errors).toEqual({ quantity: '请填写相差的数量（整数）', reason: '请选择原因' });
  });

  test('the requester cannot decide their own', () => {
    expect(stockCorrectionRow(correction({ requestedBy: 'me' }), 'me').mine).toBe(true);
    expect(stockCorrectionRow(correction(), 'me')).toMatchObject({ mine: false, pending: true, title: '大米：-2袋' });
  });
});

describe('projects', () => {
  test('due, late and ended', () => {
    expect(projectRow(project({ nextReportOn: TODAY }), TODAY)).toMatchObject({ overdue: false, due: '下次进展报告：2026年12月2日前' });
    expect(projectRow(project({ nextReportOn: '2026-12-01' }), TODAY).overdue).toBe(true);
    expect(projectRow(project({ nextReportOn: null }), TODAY).due).toBe('已结束，无需再报告');
  });

  test('the register form', () => {
    expect(buildProject(' 助餐 ', '2026-01-01', '2026-01-01').project).toEqual({ name: '助餐', startOn: '2026-01-01', endOn: '2026-01-01' });
    expect(buildProject('', '2026-02-30', '2026-01-01').errors).toEqual({ name: '请填写项目名称', startOn: '请按 2026-12-01 的格式填写开始日期' });
  });
});
