// The disclosure ledger (两公开): anyone reads what a community published, masked when written;
// staff see what is due (receipts within 7 working days, money given out within a month, long
// projects every 3 months: rules-and-norms B8) and publish it.
import { addWorkingDays, dayOf, HolidayTable, isLongProject, ParsedInputOf, projectReportDue } from '../../../core';
import type { CharityContract } from '../../../core/charity/charity.contract';
import { Collections } from '../../../server/collections';
import type { Ctx, TxCtx } from '../../../server/context';
import { notFound, requireOneOf, STAFF_ROLES } from '../../../server/charity/access';
import { asDoc } from '../../../server/charity/docs';
import { newId } from '../../../server/charity/ids';
import { LedgerDoc } from '../../../server/charity/ledger';
import { checkTexts } from '../text';
import { holidayTable } from '../../../server/holidays';

type In<K extends keyof CharityContract['actions'] & string> = ParsedInputOf<CharityContract, K>;

const PUBLIC_MAX = 1000;
const DUE_MAX = 200;

function publicEntry(d: LedgerDoc) {
  return { id: d._id, direction: d.direction, label: d.label, item: d.item, quantity: d.quantity, unit: d.unit, amountFen: d.amountFen, on: d.on };
}

export async function publicLedger(input: In<'publicLedger'>, ctx: Ctx) {
  const docs = (
    await ctx.db.collection(Collections.charityLedger).where({ communityId: input.communityId, month: input.month, published: true }).orderBy('on', 'asc').orderBy('_id', 'asc').limit(PUBLIC_MAX).get()
  ).data as unknown as LedgerDoc[];
  const received = docs.filter((d) => d.direction === 'received').map(publicEntry);
  const given = docs.filter((d) => d.direction === 'given').map(publicEntry);
  const fen = (list: ReturnType<typeof publicEntry>[]) => list.reduce((s, e) => s + (e.amountFen ?? 0), 0);
  return { communityId: input.communityId, month: input.month, received, given, receivedFen: fen(received), givenFen: fen(given) };
}

export interface ProjectDoc {
  _id: string;
  communityId: string;
  name: string;
  startOn: string;
  endOn: string;
  reports: Array<{ on: string; summary: string }>;
  lastReportOn: string | null;
  version: number;
  createdAt: number;
}

function projectView(d: ProjectDoc) {
  const long = isLongProject(d.startOn, d.endOn);
  return {
    id: d._id,
    communityId: d.communityId,
    name: d.name,
    startOn: d.startOn,
    endOn: d.endOn,
    long,
    lastReportOn: d.lastReportOn,
    nextReportOn: long ? projectReportDue(d.startOn, d.lastReportOn) : null,
    reports: d.reports,
  };
}

/** What staff must publish: unpublished entries by due day, and long projects whose report is due within a working day. */
export async function dueDisclosures(db: Ctx['db'], communityId: string, today: string, holidays: HolidayTable) {
  const docs = (await db.collection(Collections.charityLedger).where({ communityId, published: false }).orderBy('dueOn', 'asc').limit(DUE_MAX).get()).data as unknown as LedgerDoc[];
  const entries = docs.map((d) => ({ entryId: d._id, direction: d.direction, label: d.label, item: d.item, on: d.on, dueOn: d.dueOn, overdue: d.dueOn < today }));
  const soon = addWorkingDays(today, 1, holidays);
  const projects = ((await db.collection(Collections.charityProjects).where({ communityId }).limit(DUE_MAX).get()).data as unknown as ProjectDoc[])
    .map(projectView)
    .filter((p) => p.long && p.nextReportOn !== null && p.nextReportOn <= soon && p.nextReportOn <= p.endOn)
    .map((p) => ({ projectId: p.id, name: p.name, dueOn: p.nextReportOn as string, overdue: (p.nextReportOn as string) < today }));
  return { entries, projects };
}

export async function disclosuresDue(input: In<'disclosuresDue'>, ctx: Ctx) {
  await requireOneOf(ctx, STAFF_ROLES, input.communityId);
  const today = dayOf(ctx.now());
  return { today, ...(await dueDisclosures(ctx.db, input.communityId, today, holidayTable(ctx.config))) };
}

export async function publishDisclosures(input: In<'publishDisclosures'>, ctx: TxCtx) {
  await requireOneOf(ctx, STAFF_ROLES, input.communityId);
  const at = ctx.now();
  let published = 0;
  let alreadyPublished = 0;
  const ids: string[] = [];
  for (const id of new Set(input.entryIds)) {
    const ref = ctx.tx.collection(Collections.charityLedger).doc(id);
    const entry = asDoc<LedgerDoc>((await ref.get()).data);
    if (!entry || entry.communityId !== input.communityId) throw notFound(`ledger entry ${id} of ${input.communityId}`, 'charity_ledger.not_found');
    if (entry.published) {
      alreadyPublished += 1;
      continue;
    }
    await ref.update({ data: { published: true, publishedAt: at } });
    ids.push(id);
    published += 1;
  }
  if (published > 0) await ctx.audit({ action: 'charity_ledger.publish', subject: `${Collections.charityLedger}/${input.communityId}`, after: { entryIds: ids } });
  return { published, alreadyPublished };
}

export async function registerProject(input: In<'registerProject'>, ctx: TxCtx) {
  await requireOneOf(ctx, STAFF_ROLES, input.communityId);
  await checkTexts(ctx, { name: input.name });
  const doc: ProjectDoc = { _id: newId('prj'), communityId: input.communityId, name: input.name, startOn: input.startOn, endOn: input.endOn, reports: [], lastReportOn: null, version: 0, createdAt: ctx.now() };
  await ctx.tx.collection(Collections.charityProjects).add({ data: doc as unknown as Record<string, unknown> });
  await ctx.audit({ action: 'charity_project.register', subject: `${Collections.charityProjects}/${doc._id}`, after: { startOn: doc.startOn, endOn: doc.endOn } });
  return projectView(doc);
}

/** A progress report, published with the day it was made; the next one is due three months later. */
export async function reportProject(input: In<'reportProject'>, ctx: TxCtx) {
  const ref = ctx.tx.collection(Collections.charityProjects).doc(input.projectId);
  const project = asDoc<ProjectDoc>((await ref.get()).data);
  if (!project) throw notFound('project', 'charity_project.not_found');
  await requireOneOf(ctx, STAFF_ROLES, project.communityId);
  await checkTexts(ctx, { summary: input.summary });
  const on = dayOf(ctx.now());
  const reports = [...project.reports, { on, summary: input.summary }].slice(-40);
  await ref.update({ data: { reports, lastReportOn: on, version: project.version + 1 } });
  await ctx.audit({ action: 'charity_project.report', subject: `${Collections.charityProjects}/${project._id}`, before: { lastReportOn: project.lastReportOn }, after: { lastReportOn: on } });
  return projectView({ ...project, reports, lastReportOn: on });
}

/** Staff: the community's projects, newest first, with when each long one reports next. */
export async function listProjects(input: In<'listProjects'>, ctx: Ctx) {
  await requireOneOf(ctx, STAFF_ROLES, input.communityId);
  const docs = (await ctx.db.collection(Collections.charityProjects).where({ communityId: input.communityId }).orderBy('startOn', 'desc').limit(DUE_MAX).get()).data as unknown as ProjectDoc[];
  return { items: docs.map(projectView) };
}
