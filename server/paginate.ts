// Stable cursor (keyset) pagination for lists that change while people scroll: wish cards,
// activities, staff queues. A page is "the first `limit` documents strictly after the cursor" in
// the order (sort fields…, _id), so it never depends on how many documents came before (skip()
// does, and repeats or skips items when something is inserted or removed above).
//
// Guarantees for one scroll (a chain of pages, each from the previous page's `next`):
// - a document that matches the filter, with the same sort values, for the whole scroll is
//   returned exactly once, in order;
// - a document inserted, or moved by an update, behind the cursor is not returned (no repeat
//   of what was already passed); one inserted or moved ahead of it is returned when reached;
// - a document deleted (or no longer matching) before its page is read is not returned;
// - across all pages the (sort values, _id) keys returned are strictly increasing in sort order
//   (as the documents were when read). So the only document that can come twice is one whose
//   sort values changed so that it moved from behind the cursor to ahead of it; clients that
//   append pages should de-duplicate by _id.
//
// Sort values: every listed document must have each sort field, holding a number (finite), a
// string or a Date, and one field holds one type across the list (MongoDB compares across types by
// type order, and a keyset comparison against a number never matches a string). A document that
// breaks this is a data bug: the page fails loudly (a plain Error → `internal`, logged) instead of
// silently skipping documents. Use a default (0, '', a Date) when writing the field.
//
// Cursors: opaque base64url of JSON {v, f, k, id} — format version, fingerprint of the sort spec,
// the last item's typed sort values (Dates as epoch ms, restored as Dates), its _id. Decoding
// validates with zod; anything else (garbled, another shape, another sort spec, too long) is
// invalid-argument 'page.bad_cursor'. Cursors are not secret and not signed: a forged one only picks
// a position, and the filter (where) still decides what can be listed.
import { createHash } from 'node:crypto';
import { AppError, MAX_CURSOR_LENGTH } from '../core';
import { z } from 'zod';
import type { DbCommand, DocData, ReadDb, StoredDoc } from './db';

export type SortOrder = 'asc' | 'desc';

export interface SortKey {
  /** A top-level or dotted field path; not `_id`, which is always the final tie-breaker (asc). */
  field: string;
  order: SortOrder;
}

export interface PageQuery {
  /** The filter. Passed here, not as a pre-filtered query: the SDK's where() replaces, never merges. */
  where?: DocData;
  /** Sort keys in priority order; `_id` asc is appended. Empty: order by `_id` alone. */
  sort: readonly SortKey[];
  /** The previous page's `next`; absent/null for the first page. Usually straight from client input. */
  after?: string | null;
  /** Items per page, 1..MAX_PAGE_LIMIT. */
  limit: number;
}

export interface Page<T = StoredDoc> {
  items: T[];
  /** Cursor of the page after this one; null when this page is the last. */
  next: string | null;
}

export const MAX_PAGE_LIMIT = 100;
const MAX_SORT_KEYS = 4;
const CURSOR_VERSION = 1;
const ID = '_id';

/** A sort value as it travels in a cursor: kind + JSON-safe value. */
const CursorKey = z.union([
  z.tuple([z.literal('n'), z.number()]),
  z.tuple([z.literal('s'), z.string()]),
  z.tuple([z.literal('d'), z.number().int().min(-8.64e15).max(8.64e15)]),
]);
type CursorKey = z.infer<typeof CursorKey>;

const CursorPayload = z.strictObject({
  v: z.literal(CURSOR_VERSION),
  f: z.string(),
  k: z.array(CursorKey).max(MAX_SORT_KEYS),
  id: z.string().min(1),
});
type CursorPayload = z.infer<typeof CursorPayload>;

type SortValue = number | string | Date;

/** Reads one page. `db` is the handler's ctx.db (not a transaction: lists read committed data). */
export async function paginate(db: ReadDb, collection: string, q: PageQuery): Promise<Page> {
  checkSpec(q);
  const fingerprint = sortFingerprint(q.sort);
  const after = q.after == null ? null : decodeCursor(q.after, fingerprint, q.sort.length);
  const _ = db.command;

  let where: DocData | null = q.where && Object.keys(q.where).length > 0 ? q.where : null;
  if (after) {
    const keyset = keysetCondition(_, q.sort, after);
    // The OR of the keyset implies a plain range on the leading sort key (>= for asc, <= for
    // desc); stated separately, an index on (filter…, that key) can start the page at the cursor
    // instead of scanning every earlier entry (the OR alone is not index-friendly). Same result set.
    const lead = leadingBound(_, q.sort, after);
    const parts = [...(where ? [where] : []), ...(lead ? [lead] : []), keyset];
    where = parts.length === 1 ? parts[0]! : _.and(parts);
  }
  let query = db.collection(collection).where(where ?? {});
  for (const s of q.sort) query = query.orderBy(s.field, s.order);
  query = query.orderBy(ID, 'asc');
  const docs = (await query.limit(q.limit + 1).get()).data;

  const items = docs.slice(0, q.limit);
  // Every item, not only the last, so a bad document fails here and not by being skipped later.
  const keys = items.map((doc) => sortKeysOf(doc, q.sort, collection));
  checkKinds(keys, after, collection, q.sort);
  const last = items[items.length - 1];
  const next = docs.length > q.limit && last ? encodeCursor({ v: CURSOR_VERSION, f: fingerprint, k: keys[keys.length - 1]!, id: last._id }) : null;
  return { items, next };
}

function checkSpec(q: PageQuery): void {
  if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_PAGE_LIMIT) {
    throw new AppError('invalid-argument', `page size must be an integer from 1 to ${MAX_PAGE_LIMIT}`, { reason: 'page.bad_limit' });
  }
  // The rest is the handler's own spec, not client input: programming errors.
  if (q.sort.length > MAX_SORT_KEYS) throw new Error(`paginate: at most ${MAX_SORT_KEYS} sort keys`);
  const seen = new Set<string>();
  for (const s of q.sort) {
    if (typeof s.field !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(s.field)) {
      throw new Error(`paginate: bad sort field ${JSON.stringify(s.field)}`);
    }
    if (s.field === ID) throw new Error('paginate: _id is always the last sort key (asc); do not list it');
    if (seen.has(s.field)) throw new Error(`paginate: sort field ${s.field} listed twice`);
    if (s.order !== 'asc' && s.order !== 'desc') throw new Error(`paginate: bad order for ${s.field}`);
    seen.add(s.field);
  }
}

/** Distinguishes sort specs so a cursor is only accepted by the list order it came from. */
export function sortFingerprint(sort: readonly SortKey[]): string {
  const spec = JSON.stringify([...sort.map((s) => [s.field, s.order]), [ID, 'asc']]);
  return createHash('sha256').update(spec).digest('base64url').slice(0, 11);
}

/**
 * Documents strictly after the cursor in (sort…, _id) order: for some i, every earlier key equals
 * the cursor's and key i is beyond it (gt for asc, lt for desc). One conjunct per key, OR-ed.
 */
function keysetCondition(_: DbCommand, sort: readonly SortKey[], after: CursorPayload): DocData {
  const fields = [...sort.map((s) => s.field), ID];
  const orders = [...sort.map((s) => s.order), 'asc' as const];
  const values: SortValue[] = [...after.k.map(fromCursorKey), after.id];
  const branches: DocData[] = fields.map((field, i) => {
    const branch: DocData = {};
    for (let j = 0; j < i; j++) branch[fields[j]!] = _.eq(values[j]);
    branch[field] = orders[i] === 'asc' ? _.gt(values[i]) : _.lt(values[i]);
    return branch;
  });
  return branches.length === 1 ? branches[0]! : _.or(branches);
}

function leadingBound(_: DbCommand, sort: readonly SortKey[], after: CursorPayload): DocData | null {
  const first = sort[0];
  const key = after.k[0];
  if (!first || !key) return null;
  const value = fromCursorKey(key);
  return { [first.field]: first.order === 'asc' ? _.gte(value) : _.lte(value) };
}

function sortKeysOf(doc: StoredDoc, sort: readonly SortKey[], collection: string): CursorKey[] {
  return sort.map((s) => {
    const key = toCursorKey(valueAt(doc, s.field));
    if (!key) {
      throw new Error(
        `paginate: ${collection}/${doc._id} has no sortable ${s.field} (${describeValue(valueAt(doc, s.field))}); sort fields must hold a number, string or Date in every listed document`,
      );
    }
    return key;
  });
}

/**
 * One value type per sort field. Items of a page that disagree among themselves: a data bug. Items
 * that disagree with the cursor: a forged cursor holding a value of another type (under MongoDB's
 * type bracketing it matches nothing and the page is empty, but a store without bracketing would
 * return the other type) or a data bug; the client can only fix the former, and gets bad_cursor.
 */
function checkKinds(keys: CursorKey[][], after: CursorPayload | null, collection: string, sort: readonly SortKey[]): void {
  const first = keys[0];
  if (!first) return;
  for (const k of keys) {
    k.forEach(([kind], i) => {
      if (kind !== first[i]![0]) throw new Error(`paginate: ${collection}.${sort[i]!.field} mixes types (${first[i]![0]} and ${kind}); keyset pagination needs one type per sort field`);
    });
  }
  if (after && after.k.some(([kind], i) => kind !== first[i]![0])) throw badCursor();
}

function valueAt(doc: DocData, path: string): unknown {
  let v: unknown = doc;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return undefined;
    v = (v as DocData)[part];
  }
  return v;
}

function toCursorKey(v: unknown): CursorKey | null {
  if (typeof v === 'number') return Number.isFinite(v) ? ['n', v] : null;
  if (typeof v === 'string') return ['s', v];
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : ['d', v.getTime()];
  return null;
}

function fromCursorKey([kind, value]: CursorKey): SortValue {
  return kind === 'd' ? new Date(value) : value;
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}

export function encodeCursor(payload: CursorPayload): string {
  const cursor = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  if (cursor.length > MAX_CURSOR_LENGTH) {
    throw new Error(`paginate: cursor of ${cursor.length} characters; sort on shorter values (a string sort key or an _id is too long)`);
  }
  return cursor;
}

const badCursor = () =>
  new AppError('invalid-argument', 'the page cursor is not valid for this list; load the list again from the start', { reason: 'page.bad_cursor' });

/** Parses a client-supplied cursor; any problem is invalid-argument 'page.bad_cursor'. */
export function decodeCursor(cursor: unknown, fingerprint: string, sortKeys: number): CursorPayload {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const parsed = CursorPayload.safeParse(json);
  if (!parsed.success || parsed.data.f !== fingerprint || parsed.data.k.length !== sortKeys) throw badCursor();
  return parsed.data;
}
