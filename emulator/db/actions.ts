// The database.* actions of the admin wire protocol (cloudbase-wire.md §4.1–4.8): wire fields in,
// engine calls, response shapes the unmodified SDKs read.
import type { CollectionSpec } from '../../database';
import { ActionHandler, ActionTable, WireError, WireRequest } from '../wire';
import { cloneValue, Doc, encodeStored } from './codec';
import { decodeWire, decodeWireObject, isPlainObject } from './ejson';
import { compile, Engine, Found, newId, Order, pointId, projectDocs } from './engine';
import { aggregator, CONTEXT } from './mingo-env';
import { applyModifier, isOperatorUpdate, validateModifier } from './update';
import { CollectionState, SqliteStore, validCollectionName } from './sqlite-store';
import { mongoSort } from './sort';
import { checkPipeline } from './stage-check';
import { Transaction, Transactions } from './transactions';
import { OpType } from 'mingo/core';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/**
 * aggregate().end() without a .limit() stage returns at most 20 results on real CloudBase, even
 * from cloud functions (repeatedly reported by users since 2019; not in the official docs). Code
 * that forgets .limit() must fail here as it would in production, not only past 20 rows there.
 */
export const AGGREGATE_DEFAULT_LIMIT = 20;

export interface ActionDeps {
  store: SqliteStore;
  engine: Engine;
  transactions: Transactions;
  declared: CollectionSpec[];
  autoCreateCollections: boolean;
}

type Body = Record<string, unknown>;

export function createActions(d: ActionDeps): ActionTable {
  const collection = (body: Body, forWrite = false): CollectionState => {
    const name = validCollectionName(body.collectionName);
    const c = d.store.get(name);
    if (c) return c;
    if (d.autoCreateCollections) {
      const spec = d.declared.find((s) => s.name === name);
      d.store.create({ name, indexes: spec?.indexes ?? [] });
      return d.store.get(name)!;
    }
    void forWrite;
    throw new WireError('DATABASE_COLLECTION_NOT_EXIST', `collection "${name}" does not exist; create it first (db.createCollection)`);
  };
  const byName = (name: string): CollectionState => {
    const c = d.store.get(name);
    if (!c) throw new WireError('DATABASE_COLLECTION_NOT_EXIST', `collection "${name}" does not exist`);
    return c;
  };
  const tx = (body: Body): Transaction | null => (body.transactionId === undefined || body.transactionId === null || body.transactionId === '' ? null : d.transactions.get(body.transactionId));

  const table: Record<string, (req: WireRequest, now: number) => unknown> = {
    'database.addCollection': (req) => {
      const name = validCollectionName(req.body.collectionName);
      if (d.store.has(name)) throw new WireError('DATABASE_COLLECTION_ALREADY_EXIST', `collection "${name}" already exists`);
      const spec = d.declared.find((s) => s.name === name);
      d.store.create({ name, indexes: spec?.indexes ?? [] });
      return {};
    },

    'database.insertDocument': async (req, now) => {
      const c = collection(req.body, true);
      const raw = typeof req.body.data === 'string' ? [req.body.data] : req.body.data;
      if (!Array.isArray(raw) || raw.length === 0) throw new WireError('INVALID_PARAM', '"data" must be a non-empty array of EJSON documents');
      const docs = raw.map((text, i) => prepareInsert(decodeWireObject(text, `data[${i}]`, now)));
      const t = tx(req.body);
      if (t) {
        for (const doc of docs) {
          if (d.transactions.read(t, c, doc._id as string)) throw duplicate(c.name, doc._id);
          d.transactions.put(t, c, doc._id as string, doc);
        }
      } else {
        await d.store.write(() => docs.forEach((doc) => d.store.insertDoc(c, doc)));
      }
      return { data: { insertedIds: docs.map((x) => x._id) } };
    },

    'database.getDocument': (req, now) => {
      const c = collection(req.body);
      const spec = findSpec(req.body, now);
      const projection = req.body.projection === undefined || req.body.projection === '' ? null : decodeWireObject(req.body.projection, 'projection', now);
      const t = tx(req.body);
      let docs: Array<{ doc: Doc; text?: string }>;
      if (t) docs = txFind(d, t, c, spec);
      else docs = d.engine.find(c, spec);
      if (projection && Object.keys(projection).length) {
        return { data: { list: projectDocs(docs.map((x) => x.doc), projection).map(encodeStored) } };
      }
      return { data: { list: docs.map((x) => x.text ?? encodeStored(x.doc)) } };
    },

    'database.calculateDocument': (req, now) => {
      const c = collection(req.body);
      const query = optionalObject(req.body.query, 'query', now);
      return { data: { total: d.engine.count(c, query) } };
    },

    'database.modifyDocument': async (req, now) => {
      const c = collection(req.body, true);
      const spec = findSpec({ ...req.body, limit: undefined, offset: undefined }, now);
      const merge = req.body.merge !== false;
      const upsert = req.body.upsert === true;
      const multi = req.body.multi === true && req.body.queryType !== 'DOC';
      const data = decodeWireObject(req.body.data, 'data', now);
      const change = merge ? modifierOf(data) : replacementOf(data, spec.query);
      const t = tx(req.body);
      if (t) return txModify(d, t, c, spec.query, change, upsert, multi);
      return d.store.write(() => {
        const matches = d.engine.find(c, { ...spec, limit: multi ? null : 1 });
        let updated = 0;
        for (const m of matches) {
          const next = change.apply(m.doc);
          const text = encodeStored(next);
          if (text !== m.text) {
            d.store.updateDoc(c, m.rid, next, text);
            updated++;
          }
        }
        if (!matches.length && upsert) {
          const doc = change.apply(upsertBase(spec.query));
          d.store.insertDoc(c, doc);
          return { data: { updated: 0, upsert_id: doc._id } };
        }
        return { data: { updated } };
      });
    },

    'database.removeDocument': async (req, now) => {
      const c = collection(req.body, true);
      const spec = findSpec({ ...req.body, limit: undefined, offset: undefined }, now);
      const multi = req.body.multi === true && req.body.queryType !== 'DOC';
      const t = tx(req.body);
      if (t) {
        let deleted = 0;
        for (const id of txMatchIds(d, t, c, spec.query, multi)) {
          d.transactions.put(t, c, id, null);
          deleted++;
        }
        return { data: { deleted } };
      }
      return d.store.write(() => {
        const matches = d.engine.find(c, { ...spec, limit: multi ? null : 1 });
        for (const m of matches) c.remove.run(m.rid);
        return { data: { deleted: matches.length } };
      });
    },

    'database.aggregateDocuments': (req, now) => {
      const c = collection(req.body);
      if (!Array.isArray(req.body.stages)) throw new WireError('INVALID_PARAM', '"stages" must be an array of {stageKey, stageValue}');
      const pipeline = req.body.stages.map((s, i) => {
        const st = s as { stageKey?: unknown; stageValue?: unknown };
        if (!st || typeof st.stageKey !== 'string' || !st.stageKey.startsWith('$')) throw new WireError('INVALID_PARAM', `stages[${i}].stageKey must be a $stage name`);
        if (!CONTEXT.getOperator(OpType.PIPELINE, st.stageKey)) throw new WireError('DATABASE_INVALID_OPERRATOR', `unknown aggregation stage ${st.stageKey}`);
        return { [st.stageKey]: decodeWire(st.stageValue, `stages[${i}].stageValue`, now) } as Record<string, unknown>;
      });
      checkPipeline(pipeline);
      const hasLimit = pipeline.some((st) => '$limit' in st);
      // A leading $match goes through the planner (index + early re-check) instead of a full scan.
      let source: Doc[];
      if (pipeline.length && isPlainObject(pipeline[0].$match)) {
        source = d.engine.find(c, { query: pipeline[0].$match, order: [], offset: 0, limit: null }).map((f) => f.doc);
        pipeline.shift();
      } else source = d.engine.all(c);
      let out: unknown[];
      try {
        out = aggregator(pipeline, (name: string) => (d.store.get(name) ? d.engine.all(d.store.get(name)!) : [])).run(source);
      } catch (e) {
        if (e instanceof WireError) throw e;
        const msg = (e as Error).message;
        // A crash inside mingo on a shape checkPipeline let through: a caller's mistake, not ours,
        // but mingo's TypeError text means nothing to the caller.
        if (e instanceof TypeError || e instanceof RangeError) throw new WireError('INVALID_PARAM', 'aggregate failed: a stage value has a shape the stage does not accept');
        throw new WireError(/unknown|unregistered|not registered|invalid/i.test(msg) ? 'DATABASE_INVALID_OPERRATOR' : 'DATABASE_REQUEST_FAILED', `aggregate failed: ${msg}`);
      }
      if (!hasLimit) out = out.slice(0, AGGREGATE_DEFAULT_LIMIT);
      return { data: { list: out.map(encodeStored) } };
    },

    'database.startTransaction': () => ({ transactionId: d.transactions.start() }),
    'database.commitTransaction': async (req) => {
      await d.transactions.commit(req.body.transactionId, byName);
      return {};
    },
    'database.abortTransaction': (req) => {
      d.transactions.abort(req.body.transactionId);
      return {};
    },
  };

  const out: ActionTable = {};
  for (const [name, fn] of Object.entries(table)) out[name] = wrap(fn);
  return out;
}

function wrap(fn: (req: WireRequest, now: number) => unknown): ActionHandler {
  return async (req) => {
    try {
      return (await fn(req, Date.now())) as Record<string, unknown>;
    } catch (e) {
      if (e instanceof WireError) throw e;
      const err = e as { code?: unknown; message?: string };
      // SQLite failures are the emulator's problem; anything else came from evaluating user input.
      if (typeof err.code === 'string' && err.code.startsWith('SQLITE')) throw new WireError('SYS_ERR', `storage error: ${err.message}`);
      throw new WireError('DATABASE_REQUEST_FAILED', err.message ?? String(e));
    }
  };
}

function duplicate(coll: string, id: unknown): WireError {
  return new WireError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`);
}

function prepareInsert(doc: Record<string, unknown>): Doc {
  if (doc._id === undefined || doc._id === null) return { _id: newId(), ...doc };
  if (typeof doc._id === 'number') return { ...doc, _id: String(doc._id) };
  if (typeof doc._id !== 'string' || !doc._id) throw new WireError('INVALID_PARAM', '_id must be a non-empty string');
  return doc;
}

function optionalObject(v: unknown, field: string, now: number): Record<string, unknown> {
  return v === undefined || v === null || v === '' ? {} : decodeWireObject(v, field, now);
}

function findSpec(body: Body, now: number) {
  const query = optionalObject(body.query, 'query', now);
  const order: Order = [];
  if (body.order !== undefined && body.order !== '') {
    for (const [f, dir] of Object.entries(decodeWireObject(body.order, 'order', now))) {
      const n = dir === 'asc' ? 1 : dir === 'desc' ? -1 : dir;
      if (n !== 1 && n !== -1) throw new WireError('INVALID_PARAM', `order of "${f}" must be 1 or -1 (or "asc"/"desc")`);
      order.push([f, n]);
    }
  }
  const offset = body.offset ?? 0;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw new WireError('INVALID_PARAM', '"offset" must be a non-negative integer');
  const rawLimit = body.limit ?? DEFAULT_LIMIT;
  if (typeof rawLimit !== 'number' || !Number.isInteger(rawLimit) || rawLimit < 0) throw new WireError('INVALID_PARAM', '"limit" must be a non-negative integer');
  const limit = rawLimit === 0 ? DEFAULT_LIMIT : rawLimit;
  if (body.queryType === 'DOC' && pointId(query) === null) throw new WireError('INVALID_PARAM', 'a DOC query must be {_id: <string>}');
  return { query, order, offset, limit: Math.min(limit, MAX_LIMIT) };
}

interface Change {
  apply(doc: Doc): Doc;
}

function modifierOf(data: Record<string, unknown>): Change {
  const mod = isOperatorUpdate(data) ? data : { $set: data };
  validateModifier(mod);
  return {
    apply(doc) {
      // The modifier is applied per document; its values must not be shared between them.
      applyModifier(doc, cloneValue(mod));
      return doc;
    },
  };
}

function replacementOf(data: Record<string, unknown>, query: Record<string, unknown>): Change {
  if (isOperatorUpdate(data)) throw new WireError('INVALID_PARAM', 'a replacement (set) cannot contain update operators');
  const qid = pointId(query);
  if (data._id !== undefined && qid !== null && data._id !== qid) throw new WireError('DATABASE_REQUEST_FAILED', 'the field "_id" is immutable');
  return { apply: (doc) => ({ ...cloneValue(data), _id: doc._id ?? data._id ?? newId() }) };
}

/** The document an upsert starts from: the query's plain equalities (Mongo semantics). */
function upsertBase(query: Record<string, unknown>): Doc {
  const base: Doc = {};
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$')) continue;
    if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)) continue;
    const segs = k.split('.');
    let cur = base as Record<string, unknown>;
    for (const s of segs.slice(0, -1)) cur = (cur[s] = isPlainObject(cur[s]) ? cur[s] : {}) as Record<string, unknown>;
    cur[segs[segs.length - 1]] = v;
  }
  if (typeof base._id !== 'string') base._id = newId();
  return base;
}

/** A WHERE/DOC read inside a transaction: committed rows overlaid with the transaction's own writes. */
function txFind(d: ActionDeps, t: Transaction, c: CollectionState, spec: ReturnType<typeof findSpec>): Array<{ doc: Doc }> {
  const id = pointId(spec.query);
  if (id !== null) {
    const doc = d.transactions.read(t, c, id);
    return doc && spec.offset === 0 ? [{ doc }] : [];
  }
  const candidates = txCandidates(d, t, c, spec.query);
  const q = compile(spec.query);
  let docs = candidates.filter((doc) => q.test(doc));
  if (spec.order.length) docs = mongoSort(docs, (doc) => doc, spec.order);
  return docs.slice(spec.offset, spec.offset + spec.limit).map((doc) => ({ doc }));
}

function txCandidates(d: ActionDeps, t: Transaction, c: CollectionState, query: Record<string, unknown>): Doc[] {
  const seen = new Set<string>();
  const out: Doc[] = [];
  for (const f of d.engine.find(c, { query, order: [], offset: 0, limit: null }) as Found[]) {
    const id = String(f.doc._id);
    seen.add(id);
    const own = d.transactions.noteRead(t, c, id, f.v);
    if (own === null) continue;
    out.push(own ?? f.doc);
  }
  for (const p of d.transactions.pendingDocs(t, c.name)) if (!seen.has(p.id) && p.doc) out.push(p.doc);
  return out;
}

function txMatchIds(d: ActionDeps, t: Transaction, c: CollectionState, query: Record<string, unknown>, multi: boolean): string[] {
  const id = pointId(query);
  if (id !== null) return d.transactions.read(t, c, id) ? [id] : [];
  const q = compile(query);
  const ids = txCandidates(d, t, c, query)
    .filter((doc) => q.test(doc))
    .map((doc) => String(doc._id));
  return multi ? ids : ids.slice(0, 1);
}

function txModify(d: ActionDeps, t: Transaction, c: CollectionState, query: Record<string, unknown>, change: Change, upsert: boolean, multi: boolean) {
  const ids = txMatchIds(d, t, c, query, multi);
  let updated = 0;
  for (const id of ids) {
    const cur = d.transactions.read(t, c, id);
    if (!cur) continue;
    const before = encodeStored(cur);
    const next = change.apply(cloneValue(cur));
    if (encodeStored(next) !== before) updated++;
    d.transactions.put(t, c, id, next);
  }
  if (!ids.length && upsert) {
    const doc = change.apply(upsertBase(query));
    if (d.transactions.read(t, c, String(doc._id))) throw duplicate(c.name, doc._id);
    d.transactions.put(t, c, String(doc._id), doc);
    return { data: { updated: 0, upsert_id: doc._id } };
  }
  return { data: { updated } };
}
