// Collection operations on native documents, over the SQLite store: planned reads re-checked by
// mingo, and write primitives used both by plain requests and by transaction commits.
import { randomBytes } from 'node:crypto';
import type { Query } from 'mingo/query';
import { WireError } from '../wire';
import { cloneValue, decodeStored, Doc } from './codec';
import { findNear, sortByNear } from './geo';
import { compileQuery } from './mingo-env';
import { plan } from './planner';
import { mongoSort } from './sort';
import { CollectionState, Row, SqliteStore } from './sqlite-store';

export type Order = Array<[string, 1 | -1]>;

export interface FindSpec {
  query: Record<string, unknown>;
  order: Order;
  offset: number;
  /** null: no limit (updates/removes/counts). */
  limit: number | null;
}

export interface Found {
  rid: number;
  v: number;
  doc: Doc;
  /** The stored text, reusable as the response when no projection applies. */
  text: string;
}

export function newId(): string {
  return randomBytes(16).toString('hex');
}

export function compile(query: Record<string, unknown>): Query {
  try {
    return compileQuery(query);
  } catch (e) {
    throw new WireError('DATABASE_INVALID_OPERRATOR', `invalid query: ${(e as Error).message}`);
  }
}

/** A point query {_id: "x"} (the DOC shape, and a common WHERE). */
export function pointId(query: Record<string, unknown>): string | null {
  const keys = Object.keys(query);
  if (keys.length !== 1 || keys[0] !== '_id') return null;
  const v = query._id;
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (Object.keys(o).length === 1 && typeof o.$eq === 'string') return o.$eq;
  }
  return null;
}

export function rowToFound(r: Row): Found {
  return { rid: r.rid, v: r.v, doc: decodeStored(r.doc), text: r.doc };
}

export class Engine {
  constructor(readonly store: SqliteStore) {}

  findById(c: CollectionState, id: string): Found | null {
    const r = c.byId.get(id);
    return r ? rowToFound(r) : null;
  }

  find(c: CollectionState, spec: FindSpec): Found[] {
    const id = pointId(spec.query);
    if (id !== null) {
      const one = this.findById(c, id);
      return one && spec.offset === 0 && spec.limit !== 0 ? [one] : [];
    }
    const q = compile(spec.query);
    const near = findNear(spec.query);
    const p = plan(spec.query, near ? [] : spec.order, c.indexes, c.kinds);
    const sql = `SELECT rid, _id, v, json(doc) AS doc FROM ${c.table}${p.where ? ` WHERE ${p.where}` : ''}${p.orderBy ? ` ORDER BY ${p.orderBy}` : ''}`;
    const stmt = this.store.db.prepare(sql);
    const want = p.ordered && !near && spec.limit !== null ? spec.offset + spec.limit : Infinity;
    let matches: Found[] = [];
    if (want > 0) {
      for (const r of stmt.iterate(...p.params) as IterableIterator<Row>) {
        const f = rowToFound(r);
        if (!q.test(f.doc)) continue;
        matches.push(f);
        if (matches.length >= want) break;
      }
    }
    if (near) matches = sortByNear(matches.map((m) => ({ ...m.doc, __found: m })), near.field, near.near).map((d) => d.__found as Found);
    if ((!p.ordered || near) && spec.order.length) matches = sortFound(matches, spec.order);
    const end = spec.limit === null ? undefined : spec.offset + spec.limit;
    return matches.slice(spec.offset, end);
  }

  count(c: CollectionState, query: Record<string, unknown>): number {
    if (!Object.keys(query).length) return c.count.get()!.n;
    return this.find(c, { query, order: [], offset: 0, limit: null }).length;
  }

  /** Whole collection as native docs (aggregation source). */
  all(c: CollectionState): Doc[] {
    return (this.store.db.prepare(`SELECT json(doc) AS doc FROM ${c.table} ORDER BY rid`).all() as Array<{ doc: string }>).map((r) => decodeStored(r.doc));
  }
}

/** MongoDB sort order (see sort.ts), keeping the Found wrappers. */
function sortFound(found: Found[], order: Order): Found[] {
  return mongoSort(found, (f) => f.doc, order);
}

export function projectDocs(docs: Doc[], projection: Record<string, unknown>): Doc[] {
  try {
    return compileQuery({}).find(docs, projection as never).all() as Doc[];
  } catch (e) {
    throw new WireError('INVALID_PARAM', `invalid projection: ${(e as Error).message}`);
  }
}

export { cloneValue };
