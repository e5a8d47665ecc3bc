// Reading the activity half's service records (collection `service_records`, declared and written
// by the activity domain: database/activities.ts). Fields per the lead's interface: _id, openid,
// volunteerNo, communityId, activityId, activityTitle, category, date ('YYYY-MM-DD'), place, content,
// minutes, organizingUnit, leaderName, policyVersion, status ('draft' | 'confirmed' | 'void'),
// revision, confirmedAt, createdAt, updatedAt. The name is kept here, outside VolunteerCollections,
// because the activity domain declares the collection.
import type { DocData, ReadDb, StoredDoc } from '../db';

export const SERVICE_RECORDS = 'service_records';

export interface ServiceRecordRow {
  _id: string;
  openid: string;
  volunteerNo: string;
  communityId: string;
  activityId: string;
  activityTitle: string;
  category: string;
  date: string;
  place: string;
  content: string;
  minutes: number;
  organizingUnit: string;
  leaderName: string;
  policyVersion: string;
  status: string;
  revision: number;
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export function toRow(d: StoredDoc): ServiceRecordRow {
  return {
    _id: d._id,
    openid: str(d.openid),
    volunteerNo: str(d.volunteerNo),
    communityId: str(d.communityId),
    activityId: str(d.activityId),
    activityTitle: str(d.activityTitle),
    category: str(d.category),
    date: str(d.date),
    place: str(d.place),
    content: str(d.content),
    minutes: typeof d.minutes === 'number' && Number.isFinite(d.minutes) ? Math.max(0, Math.round(d.minutes)) : 0,
    organizingUnit: str(d.organizingUnit),
    leaderName: str(d.leaderName),
    policyVersion: str(d.policyVersion),
    status: str(d.status),
    revision: typeof d.revision === 'number' ? d.revision : 0,
  };
}

const BATCH = 100;

/** Every record matching all `conditions`, in _id order, up to `max` (a person's records, or a period's). */
export async function readAllRecords(db: ReadDb, conditions: DocData[], max = 5000): Promise<ServiceRecordRow[]> {
  const _ = db.command;
  const out: ServiceRecordRow[] = [];
  let last: string | null = null;
  for (;;) {
    const cond: DocData = _.and(last === null ? conditions : [...conditions, { _id: _.gt(last) }]);
    const batch = (await db.collection(SERVICE_RECORDS).where(cond).orderBy('_id', 'asc').limit(BATCH).get()).data;
    out.push(...batch.map(toRow));
    if (batch.length < BATCH || out.length >= max) return out.slice(0, max);
    last = (batch[batch.length - 1] as StoredDoc)._id;
  }
}
