// The person's own data (PIPL §45: access and copy) and the erasure of their volunteer account
// (PIPL §47). What is kept after erasure, and why (docs/volunteers.md, "Deleting an account"):
// - service records (activity domain) stay as they are: 条例 §19 and 办法 §4 make the organization
//   record them and the national system hold them; they carry the openid and the volunteer number;
// - the registration document stays de-identified: volunteer number, community, status 'erased',
//   gender, birth year (as YYYY-01-01), total minutes, trainings, the consent records (proof of
//   the lawful basis of past processing); name, ID number and its blind index, phone, area,
//   guardian and skills are removed, and the openid is replaced, so the person can register again;
// - issued certificates stay verifiable, stating the masked name only;
// - the time-bank ledger stays (it explains every balance); a positive balance goes to the
//   community pool; family bindings are removed; the person leaves every team; the volunteer and
//   leader roles in the community are revoked.
import { dayOf, MyData, volunteerMachine } from '../../../core';
import type { Ctx, TxCtx } from '../../../server/context';
import { piiCrypto } from '../../../server/pii';
import { applyTransition } from '../../../server/transition';
import { readUser } from '../../../server/user-store';
import { VolunteerCollections as C } from '../../../server/volunteer/collections';
import { changeRoles, leaveTeams, without } from '../../../server/volunteer/membership';
import { readAllRecords } from '../../../server/volunteer/service-records';
import { aad, volunteerByOpenid } from '../../../server/volunteer/store';
import { poolAccountId, post, readAccount } from '../../../server/volunteer/time-bank';
import { self, openField } from '../views';
import { listCertificates } from './certificates';
import { ledgerPage } from './time-bank';

export const RETAINED_AFTER_ERASURE = [
  'service_records (条例 §19, 办法 §4: kept with openid and volunteer number)',
  'volunteers: volunteer number, community, gender, birth year, total minutes, trainings, consent records',
  'certificates: as issued, with the masked name',
  'time_bank_ledger: entries of the account',
];

export async function exportMyData(_input: Record<string, never>, ctx: Ctx): Promise<MyData> {
  const v = await volunteerByOpenid(ctx.db, ctx.openid);
  const pii = piiCrypto(ctx.config);
  const account = (await ctx.db.collection(C.timeBankAccounts).doc(ctx.openid).get()).data;
  const ledger = [];
  let after: string | null = null;
  do {
    const page = await ledgerPage(ctx, ctx.openid, after, 100);
    ledger.push(...page.items);
    after = page.next;
  } while (after && ledger.length < 5000);
  const records = await readAllRecords(ctx.db, [{ openid: ctx.openid }]);
  const teams = (await ctx.db.collection(C.teams).where({ members: ctx.openid }).limit(100).get()).data;
  return {
    exportedAt: ctx.now(),
    volunteer: v ? { ...self(ctx.config, v), idNumber: openField(ctx.config, v, 'id', v.maskedIdNumber), phone: openField(ctx.config, v, 'phone', v.maskedPhone) } : null,
    consents: v?.consents ?? [],
    guardian: v?.guardian
      ? { name: pii.open(v.guardian.nameSealed, aad(v._id, 'guardianName')), phone: pii.open(v.guardian.phoneSealed, aad(v._id, 'guardianPhone')), relation: v.guardian.relation, at: v.guardian.at }
      : null,
    timeBank: { balanceMinutes: Number(account?.balanceMinutes ?? 0), earnedMinutes: Number(account?.earnedMinutes ?? 0), ledger },
    certificates: (await listCertificates({}, ctx)).items,
    serviceRecords: records.map((r) => ({ recordId: r._id, activityTitle: r.activityTitle, date: r.date, place: r.place, content: r.content, minutes: r.minutes, organizingUnit: r.organizingUnit, leaderName: r.leaderName, status: r.status })),
    teams: teams.map((t) => ({ teamId: t._id, name: String(t.name), leader: Array.isArray(t.leaders) && t.leaders.includes(ctx.openid) })),
  };
}

export async function deleteAccount(_input: { confirm: true }, ctx: TxCtx): Promise<{ erased: true; retained: string[] }> {
  const v = await volunteerByOpenid(ctx.tx, ctx.openid);
  const at = ctx.now();
  const tx = ctx.tx;
  const communityId = v?.communityId ?? (await readAccount(tx, ctx.openid))?.communityId ?? '';
  if (v) {
    if (v.idHash) await tx.collection(C.volunteerIds).doc(v.idHash).remove();
    await applyTransition(ctx, volunteerMachine, {
      collection: C.volunteers,
      id: v._id,
      event: 'erase',
      set: {
        openid: `erased:${v._id}`,
        nameSealed: null,
        idSealed: null,
        idHash: null,
        maskedIdNumber: '',
        phoneSealed: null,
        maskedPhone: '',
        areaSealed: null,
        guardian: null,
        skills: [],
        birthDate: `${v.birthDate.slice(0, 4)}-01-01`,
        erasedAt: at,
        updatedAt: at,
      },
    });
    const certificates = (await tx.collection(C.certificates).where({ openid: ctx.openid }).get()).data;
    for (const c of certificates) await tx.collection(C.certificates).doc(c._id).update({ data: { openid: `erased:${v._id}`, nameSealed: null, checkCodeSealed: null } });
  }
  // The balance goes to the community pool rather than vanishing.
  const account = await readAccount(tx, ctx.openid);
  if (account && account.balanceMinutes > 0 && communityId) {
    const entryId = `er_${ctx.openid}_${ctx.requestId}`;
    const pool = poolAccountId(account.communityId || communityId);
    await post(tx, { entryId, account: ctx.openid, kind: 'donation', minutes: -account.balanceMinutes, counterparty: pool, note: 'account erased', at }, { openid: ctx.openid, communityId });
    await post(tx, { entryId: `${entryId}_pool`, account: pool, kind: 'donation', minutes: account.balanceMinutes, counterparty: ctx.openid, note: 'account erased', at }, { openid: '', communityId });
  }
  for (const b of (await tx.collection(C.familyBindings).where({ members: ctx.openid }).get()).data) await tx.collection(C.familyBindings).doc(b._id).remove();
  await leaveTeams(ctx, ctx.openid, null);
  if (communityId && (await readUser(tx, ctx.openid))) await changeRoles(ctx, ctx.openid, (roles) => without(roles, communityId, 'volunteer', 'leader'));
  await ctx.audit({ action: 'volunteer.deleteAccount', subject: v ? `${C.volunteers}/${v._id}` : `${C.timeBankAccounts}/${ctx.openid}`, after: { erasedOn: dayOf(at) } });
  return { erased: true, retained: RETAINED_AFTER_ERASURE };
}
