// Registration (办法 §5 fields), resubmission after a rejection, and profile edits by the volunteer.
//
// - Birth date and gender come from the ID number (GB 11643; checked by the contract), so they
//   cannot contradict it. Age on the day of registration (China time): under 14 refused (a
//   volunteer registers from 14: 《中国注册志愿者管理办法》, 北京), 14–17 only with a guardian's
//   consent (PIPL §31 applies under 14; the volunteer rules ask consent until 18), adults without.
// - One person, one account: volunteer_ids/<blind index of the ID number> names the registration
//   that holds it; a second account with the same number is refused. The number itself is stored
//   only sealed (AES-GCM, aad bound to the document and field) and shown masked.
// - Consents (PIPL §29 separate consent for the sensitive ID number) are recorded with their
//   version and time; the contract refuses anything but the current version, both ticked.
// - The public volunteer number is <community code>-<6-digit sequence>, from the community's counter.
import {
  AppError,
  ageOn,
  dayOf,
  idNumberFacts,
  maskIdNumber,
  maskName,
  maskPhone,
  RegisterInput,
  ResubmitInput,
  UpdateProfileInput,
  volunteerMachine,
  VolunteerSummary,
} from '../../../core';
import type { TxCtx } from '../../../server/context';
import { piiCrypto } from '../../../server/pii';
import { applyTransition } from '../../../server/transition';
import { VolunteerCollections as C } from '../../../server/volunteer/collections';
import { randomId } from '../../../server/volunteer/ids';
import { aad, parseVolunteer, requireRegistered, volunteerByOpenid } from '../../../server/volunteer/store';
import { summary } from '../views';

export const MIN_AGE = 14;
export const ADULT_AGE = 18;

type PersonalInput = Omit<RegisterInput, 'communityId'>;

/** The sealed and masked fields of a registration, checked for age and guardian. */
function personalFields(ctx: TxCtx, id: string, input: PersonalInput) {
  const pii = piiCrypto(ctx.config);
  const at = ctx.now();
  const facts = idNumberFacts(input.idNumber);
  const age = ageOn(facts.birthDate, dayOf(at));
  if (age < MIN_AGE) {
    throw new AppError('failed-precondition', `volunteers register from the age of ${MIN_AGE}`, { reason: 'volunteer.under_14' });
  }
  if (age < ADULT_AGE && !input.guardian) {
    throw new AppError('invalid-argument', 'a volunteer under 18 needs a guardian’s consent', {
      reason: 'volunteer.guardian_required',
      issues: [{ path: ['input', 'guardian'], code: 'custom', message: 'required for ages 14–17' }],
    });
  }
  if (age >= ADULT_AGE && input.guardian) {
    throw new AppError('invalid-argument', 'an adult registers without a guardian', {
      reason: 'volunteer.guardian_not_needed',
      issues: [{ path: ['input', 'guardian'], code: 'custom', message: 'only for ages 14–17' }],
    });
  }
  return {
    idHash: pii.blindIndex('id-number', facts.normal),
    fields: {
      maskedName: maskName(input.name),
      nameSealed: pii.seal(input.name, aad(id, 'name')),
      gender: facts.gender,
      birthDate: facts.birthDate,
      idSealed: pii.seal(facts.normal, aad(id, 'id')),
      maskedIdNumber: maskIdNumber(facts.normal),
      phoneSealed: pii.seal(input.phone, aad(id, 'phone')),
      maskedPhone: maskPhone(input.phone),
      areaSealed: pii.seal(input.residentialArea, aad(id, 'area')),
      skills: input.skills,
      serviceCategories: input.serviceCategories,
      consents: [
        { kind: 'personal-info', version: input.consent.version, at },
        { kind: 'sensitive-info', version: input.consent.version, at },
        ...(input.guardian ? [{ kind: 'guardian', version: input.consent.version, at }] : []),
      ],
      guardian: input.guardian
        ? { nameSealed: pii.seal(input.guardian.name, aad(id, 'guardianName')), phoneSealed: pii.seal(input.guardian.phone, aad(id, 'guardianPhone')), relation: input.guardian.relation, at }
        : null,
      updatedAt: at,
    },
  };
}

/** Claims the ID number's blind index for volunteer `id`; refuses one held by another registration. */
async function claimIdNumber(ctx: TxCtx, idHash: string, id: string): Promise<void> {
  const ref = ctx.tx.collection(C.volunteerIds).doc(idHash);
  const held = (await ref.get()).data;
  if (held && held.volunteerId !== id) {
    throw new AppError('already-exists', 'this ID number is already registered as a volunteer', { reason: 'volunteer.id_number_registered' });
  }
  if (!held) await ref.set({ data: { volunteerId: id, at: ctx.now() } });
}

export async function register(input: RegisterInput, ctx: TxCtx): Promise<VolunteerSummary> {
  const existing = await volunteerByOpenid(ctx.tx, ctx.openid);
  if (existing) throw new AppError('already-exists', 'you are already registered', { reason: 'volunteer.already_registered' });
  const communityRef = ctx.tx.collection(C.communities).doc(input.communityId);
  const community = (await communityRef.get()).data;
  if (!community) throw new AppError('not-found', 'no such community', { reason: 'community.not_found' });

  const id = randomId('vol');
  const { idHash, fields } = personalFields(ctx, id, input);
  await claimIdNumber(ctx, idHash, id);

  const code = typeof community.code === 'string' && community.code ? community.code : 'ZY';
  let seq = typeof community.volunteerSeq === 'number' ? community.volunteerSeq : 0;
  let volunteerNo = '';
  // Codes are unique per community (org.saveCommunity), but a number given out another way (an
  // import, two communities that shared a code before) must not collide: skip to a free one.
  for (let tries = 0; ; tries++) {
    seq += 1;
    volunteerNo = `${code}-${String(seq).padStart(6, '0')}`;
    const taken = (await ctx.tx.collection(C.volunteers).where({ volunteerNo }).get()).data.length > 0;
    if (!taken) break;
    if (tries >= 50) throw new Error(`no free volunteer number after ${volunteerNo}`);
  }
  await communityRef.update({ data: { volunteerSeq: seq } });

  const doc = {
    _id: id,
    openid: ctx.openid,
    communityId: input.communityId,
    volunteerNo,
    status: 'pending',
    version: 0,
    idHash,
    ...fields,
    trainings: [],
    trainingLog: [],
    insuranceUntil: null,
    totalMinutes: 0,
    rejectReason: null,
    createdAt: ctx.now(),
  };
  await ctx.tx.collection(C.volunteers).add({ data: doc });
  // No personal data in the audit log: it is append-only and cannot be erased.
  await ctx.audit({ action: 'volunteer.register', subject: `${C.volunteers}/${id}`, after: { status: 'pending', volunteerNo, communityId: input.communityId, consents: fields.consents } });
  return summary(parseVolunteer(doc));
}

export async function resubmit(input: ResubmitInput, ctx: TxCtx): Promise<VolunteerSummary> {
  const v = requireRegistered(await volunteerByOpenid(ctx.tx, ctx.openid));
  const { idHash, fields } = personalFields(ctx, v._id, input);
  if (idHash !== v.idHash) {
    await claimIdNumber(ctx, idHash, v._id);
    if (v.idHash) await ctx.tx.collection(C.volunteerIds).doc(v.idHash).remove();
  }
  const result = await applyTransition(ctx, volunteerMachine, {
    collection: C.volunteers,
    id: v._id,
    event: 'resubmit',
    // Consents given before stay on record next to the new ones.
    set: { ...fields, consents: [...v.consents, ...fields.consents], idHash, rejectReason: null },
  });
  return summary(parseVolunteer(result.doc));
}

export async function updateProfile(input: UpdateProfileInput, ctx: TxCtx): Promise<VolunteerSummary> {
  const v = requireRegistered(await volunteerByOpenid(ctx.tx, ctx.openid));
  if (input.version !== undefined && input.version !== v.version) {
    throw new AppError('failed-precondition', 'the profile was changed elsewhere; reload and retry', { reason: 'state.stale_version' });
  }
  const pii = piiCrypto(ctx.config);
  const set: Record<string, unknown> = { version: v.version + 1, updatedAt: ctx.now() };
  if (input.phone !== undefined) Object.assign(set, { phoneSealed: pii.seal(input.phone, aad(v._id, 'phone')), maskedPhone: maskPhone(input.phone) });
  if (input.residentialArea !== undefined) set.areaSealed = pii.seal(input.residentialArea, aad(v._id, 'area'));
  if (input.skills !== undefined) set.skills = input.skills;
  if (input.serviceCategories !== undefined) set.serviceCategories = input.serviceCategories;
  await ctx.tx.collection(C.volunteers).doc(v._id).update({ data: set });
  const changed = Object.keys(input).filter((k) => k !== 'version');
  await ctx.audit({ action: 'volunteer.updateProfile', subject: `${C.volunteers}/${v._id}`, after: { changed } });
  return summary({ ...v, ...(set as Partial<typeof v>) });
}
