// Social organizations (社会组织): anyone applies to register one in a community; staff of that
// community approve or reject it (with a reason); staff link social workers (people holding the
// social-worker role in the community, granted with user.setRole) to an approved organization.
// The contact person's name and phone are sealed and answered masked.
import {
  AppError,
  hasRole,
  LinkSocialWorkerInput,
  ListOrganizationsInput,
  maskName,
  maskPhone,
  Organization,
  organizationMachine,
  RegisterOrganizationInput,
  ReviewOrganizationInput,
} from '../../../core';
import type { Ctx, TxCtx } from '../../../server/context';
import type { StoredDoc } from '../../../server/db';
import { checkText } from '../../../server/openapi';
import { paginate } from '../../../server/paginate';
import { piiCrypto } from '../../../server/pii';
import { applyTransition } from '../../../server/transition';
import { readUser } from '../../../server/user-store';
import { isStaffOf, requireStaff } from '../../../server/volunteer/access';
import { VolunteerCollections as C } from '../../../server/volunteer/collections';
import { randomId } from '../../../server/volunteer/ids';

export function toOrganization(d: StoredDoc): Organization {
  return {
    organizationId: d._id,
    communityId: String(d.communityId),
    name: String(d.name),
    kind: d.kind as Organization['kind'],
    status: d.status as Organization['status'],
    creditCode: typeof d.creditCode === 'string' ? d.creditCode : null,
    contactName: String(d.maskedContactName ?? ''),
    contactPhone: String(d.maskedContactPhone ?? ''),
    socialWorkers: Array.isArray(d.socialWorkers) ? (d.socialWorkers as string[]) : [],
    rejectReason: typeof d.rejectReason === 'string' ? d.rejectReason : null,
    version: typeof d.version === 'number' ? d.version : 0,
    createdAt: Number(d.createdAt ?? 0),
  };
}

export async function organizationDoc(reader: Pick<Ctx['db'], 'collection'> | TxCtx['tx'], id: string): Promise<StoredDoc> {
  const d = (await reader.collection(C.organizations).doc(id).get()).data;
  if (!d) throw new AppError('not-found', 'no such organization', { reason: 'organization.not_found' });
  return d;
}

export async function registerOrganization(input: RegisterOrganizationInput, ctx: TxCtx): Promise<Organization> {
  if (!(await ctx.tx.collection(C.communities).doc(input.communityId).get()).data) {
    throw new AppError('not-found', 'no such community', { reason: 'community.not_found' });
  }
  // The name is shown to every resident of the community.
  await checkText(ctx, input.name, { scene: 'profile', field: 'name' });
  const same = (await ctx.tx.collection(C.organizations).where({ communityId: input.communityId, name: input.name }).get()).data;
  if (same.some((d) => d.status !== 'rejected')) {
    throw new AppError('already-exists', 'an organization with this name is registered or under review in this community', { reason: 'organization.name_taken' });
  }
  const id = randomId('org');
  const pii = piiCrypto(ctx.config);
  const at = ctx.now();
  const doc = {
    _id: id,
    communityId: input.communityId,
    name: input.name,
    kind: input.kind,
    status: 'pending',
    version: 0,
    creditCode: input.creditCode,
    applicant: ctx.openid,
    contactNameSealed: pii.seal(input.contactName, `organizations/${id}/contactName`),
    maskedContactName: maskName(input.contactName),
    contactPhoneSealed: pii.seal(input.contactPhone, `organizations/${id}/contactPhone`),
    maskedContactPhone: maskPhone(input.contactPhone),
    socialWorkers: [],
    rejectReason: null,
    createdAt: at,
  };
  await ctx.tx.collection(C.organizations).add({ data: doc });
  await ctx.audit({ action: 'org.registerOrganization', subject: `${C.organizations}/${id}`, after: { communityId: input.communityId, name: input.name, kind: input.kind, status: 'pending' } });
  return toOrganization(doc);
}

export async function reviewOrganization(input: ReviewOrganizationInput, ctx: TxCtx): Promise<Organization> {
  const d = await organizationDoc(ctx.tx, input.organizationId);
  await requireStaff(ctx, String(d.communityId));
  if (d.applicant === ctx.openid) throw new AppError('permission-denied', 'you cannot review your own application', { reason: 'organization.self_review' });
  const result = await applyTransition(ctx, organizationMachine, {
    collection: C.organizations,
    id: d._id,
    event: input.decision,
    ...(input.version !== undefined ? { version: input.version } : {}),
    set: { rejectReason: input.decision === 'reject' ? input.reason : null, reviewedBy: ctx.openid, reviewedAt: ctx.now() },
  });
  return toOrganization(result.doc);
}

export async function linkSocialWorker(input: LinkSocialWorkerInput, ctx: TxCtx): Promise<Organization> {
  const d = await organizationDoc(ctx.tx, input.organizationId);
  const communityId = String(d.communityId);
  await requireStaff(ctx, communityId);
  if (d.status !== 'approved') throw new AppError('failed-precondition', 'link social workers to an approved organization', { reason: 'organization.not_approved' });
  const current = toOrganization(d).socialWorkers;
  if (input.linked) {
    const worker = await readUser(ctx.tx, input.openid);
    if (!worker || !hasRole(worker.roles, 'social-worker', communityId)) {
      throw new AppError('failed-precondition', 'this person does not hold the social-worker role in the community', { reason: 'organization.not_a_social_worker' });
    }
  }
  const socialWorkers = input.linked ? [...new Set([...current, input.openid])] : current.filter((o) => o !== input.openid);
  if (socialWorkers.length > 200) throw new AppError('resource-exhausted', 'at most 200 social workers per organization', { reason: 'organization.too_many_social_workers' });
  const version = toOrganization(d).version + 1;
  await ctx.tx.collection(C.organizations).doc(d._id).update({ data: { socialWorkers, version, updatedAt: ctx.now() } });
  await ctx.audit({ action: 'org.linkSocialWorker', subject: `${C.organizations}/${d._id}`, before: { socialWorkers: current }, after: { socialWorkers } });
  return toOrganization({ ...d, socialWorkers, version });
}

export async function listOrganizations(input: ListOrganizationsInput, ctx: Ctx): Promise<{ items: Organization[]; next: string | null }> {
  const staff = isStaffOf(await ctx.user(), input.communityId);
  if (!staff && input.status !== undefined && input.status !== 'approved') {
    throw new AppError('permission-denied', 'only staff of the community see organizations under review or rejected', { reason: 'role.missing' });
  }
  const status = staff ? input.status : 'approved';
  const page = await paginate(ctx.db, C.organizations, {
    where: { communityId: input.communityId, ...(status ? { status } : {}) },
    sort: [{ field: 'createdAt', order: 'asc' }],
    after: input.after,
    limit: input.limit,
  });
  return { items: page.items.map(toOrganization), next: page.next };
}
