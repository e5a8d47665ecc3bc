// CSV of confirmed service records for upload to the national volunteer system (办法 §4: "按照统一的
// 信息数据标准录入"). Staff of the community, one period at a time, pages of up to 100 rows; each
// page is audited (who, community, period, rows, whether full ID numbers were included) before the
// CSV is answered. Column mapping: docs/volunteers.md, "CSV export".
import { ExportServiceRecordsInput } from '../../../core';
import { appendAudit } from '../../../server/audit';
import type { Ctx } from '../../../server/context';
import { paginate } from '../../../server/paginate';
import { piiCrypto } from '../../../server/pii';
import { runTx } from '../../../server/transaction';
import { requireStaff } from '../../../server/volunteer/access';
import { VolunteerCollections as C } from '../../../server/volunteer/collections';
import { SERVICE_RECORDS, toRow } from '../../../server/volunteer/service-records';
import { aad, parseVolunteer, VolunteerDoc } from '../../../server/volunteer/store';
import { openField } from '../views';

export const CSV_COLUMNS = [
  '志愿者编号',
  '姓名',
  '证件类型',
  '证件号码',
  '活动名称',
  '服务类别',
  '服务日期',
  '服务地点',
  '服务内容',
  '服务时长(小时)',
  '活动组织单位',
  '活动负责人',
  '记录编号',
  '记录版本',
  '计时规则版本',
] as const;

/** RFC 4180 quoting, and a leading apostrophe for cells a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export function hours(minutes: number): string {
  return (minutes / 60).toFixed(2);
}

export async function exportServiceRecords(input: ExportServiceRecordsInput, ctx: Ctx): Promise<{ csv: string; rows: number; next: string | null }> {
  await requireStaff(ctx, input.communityId);
  const _ = ctx.db.command;
  const page = await paginate(ctx.db, SERVICE_RECORDS, {
    where: _.and([{ communityId: input.communityId, status: 'confirmed' }, { date: _.gte(input.from) }, { date: _.lte(input.to) }]),
    sort: [{ field: 'date', order: 'asc' }],
    after: input.after,
    limit: input.limit,
  });
  const rows = page.items.map(toRow);
  const openids = [...new Set(rows.map((r) => r.openid))];
  const volunteers = new Map<string, VolunteerDoc>();
  for (let i = 0; i < openids.length; i += 100) {
    const docs = (await ctx.db.collection(C.volunteers).where({ openid: _.in(openids.slice(i, i + 100)) }).limit(100).get()).data;
    for (const d of docs) volunteers.set(String(d.openid), parseVolunteer(d));
  }
  const pii = piiCrypto(ctx.config);
  let csv = input.after ? '' : '\uFEFF' + csvLine(CSV_COLUMNS);
  for (const r of rows) {
    const v = volunteers.get(r.openid);
    const name = v ? openField(ctx.config, v, 'name', v.maskedName) : '';
    const idNumber = !v ? '' : input.includeIdNumbers && v.idSealed ? pii.open(v.idSealed, aad(v._id, 'id')) : v.maskedIdNumber;
    csv += csvLine([r.volunteerNo || v?.volunteerNo || '', name, '居民身份证', idNumber, r.activityTitle, r.category, r.date, r.place, r.content, hours(r.minutes), r.organizingUnit, r.leaderName, r._id, String(r.revision), r.policyVersion]);
  }
  await runTx(
    ctx.db,
    (tx) =>
      appendAudit(tx, {
        actor: ctx.openid,
        at: ctx.now(),
        action: 'volunteer.exportServiceRecords',
        subject: `${C.communities}/${input.communityId}`,
        after: { from: input.from, to: input.to, rows: rows.length, includeIdNumbers: input.includeIdNumbers, firstPage: input.after === null },
        ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
      }),
    { maxAttempts: ctx.config.TX_MAX_ATTEMPTS },
  );
  return { csv, rows: rows.length, next: page.next };
}
