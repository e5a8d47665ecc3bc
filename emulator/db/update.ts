// Update documents (mingo semantics) with the checks mingo leaves out, and a fast path for the
// common plain $set/$inc on non-array paths, which skips mingo's per-call setup.
import { update as mingoUpdate } from 'mingo/updater';
import { WireError } from '../wire';
import { Doc } from './codec';
import { isPlainObject } from './ejson';
import { QUERY_OPTIONS } from './mingo-env';

const UPDATE_OPS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$currentDate', '$bit']);

export function isOperatorUpdate(data: Record<string, unknown>): boolean {
  return Object.keys(data).some((k) => k.startsWith('$'));
}

export function validateModifier(mod: Record<string, unknown>): void {
  const keys = Object.keys(mod);
  if (!keys.length) throw new WireError('INVALID_PARAM', 'update data is empty');
  for (const op of keys) {
    if (!op.startsWith('$')) throw new WireError('DATABASE_INVALID_OPERRATOR', `cannot mix update operators and plain field "${op}"`);
    if (!UPDATE_OPS.has(op)) throw new WireError('DATABASE_INVALID_OPERRATOR', `unknown update operator ${op}`);
    const fields = mod[op];
    if (!isPlainObject(fields)) throw new WireError('DATABASE_INVALID_OPERRATOR', `${op} needs an object of fields`);
    for (const f of Object.keys(fields)) {
      if (f === '_id' || f.startsWith('_id.')) throw new WireError('DATABASE_REQUEST_FAILED', `the field "_id" is immutable (${op})`);
      if ((op === '$inc' || op === '$mul') && typeof fields[f] !== 'number') {
        throw new WireError('DATABASE_REQUEST_FAILED', `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${f}: ${JSON.stringify(fields[f])}}`);
      }
    }
  }
}

function getPath(doc: unknown, segs: string[]): { value: unknown; throughArray: boolean } {
  let cur = doc;
  for (const s of segs) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return { value: undefined, throughArray: false };
    if (Array.isArray(cur)) return { value: undefined, throughArray: true };
    cur = (cur as Record<string, unknown>)[s];
  }
  return { value: cur, throughArray: Array.isArray(cur) };
}

function typeName(value: unknown): string {
  return Array.isArray(value) ? 'array' : value instanceof Date ? 'date' : value === null ? 'null' : typeof value;
}

const ARRAY_OPS = ['$push', '$addToSet', '$pop', '$pull', '$pullAll'] as const;

const PATH_CREATING_OPS = ['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$currentDate'] as const;

/**
 * Mongo refuses $inc/$mul on an existing non-number, the array operators on an existing
 * non-array, and a path through a scalar ("Cannot create field 'b' in element {a: 1}"); mingo
 * silently skips all three, which would report success while changing nothing.
 */
function checkTargetTypes(doc: Doc, mod: Record<string, unknown>): void {
  for (const op of PATH_CREATING_OPS) {
    const fields = mod[op] as Record<string, unknown> | undefined;
    if (!fields) continue;
    for (const f of Object.keys(fields)) {
      if (f.includes('$')) continue;
      const segs = f.split('.');
      let cur: unknown = doc;
      for (let i = 0; i < segs.length - 1; i++) {
        const next = (cur as Record<string, unknown>)[segs[i]];
        // Missing parts are created; paths into arrays are mingo's (index segments).
        if (next === undefined || Array.isArray(next)) break;
        if (!isPlainObject(next)) {
          throw new WireError('DATABASE_REQUEST_FAILED', `Cannot create field '${segs[i + 1]}' in element {${segs.slice(0, i + 1).join('.')}: ${JSON.stringify(next)}} (${op} ${f})`);
        }
        cur = next;
      }
    }
  }
  for (const op of ['$inc', '$mul'] as const) {
    const fields = mod[op] as Record<string, unknown> | undefined;
    if (!fields) continue;
    for (const f of Object.keys(fields)) {
      if (f.includes('$')) continue;
      const { value } = getPath(doc, f.split('.'));
      if (value !== undefined && value !== null && typeof value !== 'number') {
        throw new WireError('DATABASE_REQUEST_FAILED', `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${f}' of non-numeric type ${typeName(value)}`);
      }
    }
  }
  for (const op of ARRAY_OPS) {
    const fields = mod[op] as Record<string, unknown> | undefined;
    if (!fields) continue;
    for (const f of Object.keys(fields)) {
      if (f.includes('$')) continue;
      const { value } = getPath(doc, f.split('.'));
      // A missing field is fine (push creates it, pull/pop do nothing); null is a non-array in Mongo.
      if (value !== undefined && !Array.isArray(value)) {
        throw new WireError('DATABASE_REQUEST_FAILED', `Cannot apply ${op} to a non-array value: {_id: ${JSON.stringify(doc._id)}} has the field '${f}' of type ${typeName(value)}`);
      }
    }
  }
}

/** Simple = only $set/$inc, plain dotted paths through plain objects, no path is a prefix of another. */
function fastApplicable(doc: Doc, mod: Record<string, unknown>): boolean {
  const paths: string[] = [];
  for (const op of Object.keys(mod)) {
    if (op !== '$set' && op !== '$inc') return false;
    for (const f of Object.keys(mod[op] as object)) {
      if (f.includes('$') || /(^|\.)\d+(\.|$)/.test(f) || f.startsWith('.') || f.endsWith('.') || f.includes('..')) return false;
      const segs = f.split('.');
      let cur: unknown = doc;
      for (const s of segs.slice(0, -1)) {
        cur = (cur as Record<string, unknown>)[s];
        if (cur === undefined || cur === null) break;
        if (!isPlainObject(cur)) return false;
      }
      paths.push(f);
    }
  }
  paths.sort();
  for (let i = 1; i < paths.length; i++) if (paths[i] === paths[i - 1] || paths[i].startsWith(paths[i - 1] + '.')) return false;
  return true;
}

function setPath(doc: Doc, path: string, fn: (old: unknown) => unknown): void {
  const segs = path.split('.');
  let cur = doc as Record<string, unknown>;
  for (const s of segs.slice(0, -1)) {
    let next = cur[s];
    if (next === undefined || next === null) next = cur[s] = {};
    cur = next as Record<string, unknown>;
  }
  const last = segs[segs.length - 1];
  cur[last] = fn(cur[last]);
}

/** Applies an operator update to `doc` in place. */
export function applyModifier(doc: Doc, mod: Record<string, unknown>): void {
  checkTargetTypes(doc, mod);
  if (fastApplicable(doc, mod)) {
    for (const [f, v] of Object.entries((mod.$set ?? {}) as Record<string, unknown>)) setPath(doc, f, () => v);
    for (const [f, v] of Object.entries((mod.$inc ?? {}) as Record<string, number>)) setPath(doc, f, (old) => ((old as number | undefined) ?? 0) + v);
    return;
  }
  try {
    mingoUpdate(doc, mod as never, undefined, undefined, { cloneMode: 'deep', queryOptions: QUERY_OPTIONS });
  } catch (e) {
    if (e instanceof WireError) throw e;
    const msg = (e as Error).message;
    throw new WireError(/unknown|operator/i.test(msg) ? 'DATABASE_INVALID_OPERRATOR' : 'DATABASE_REQUEST_FAILED', msg);
  }
}
