// Pushes the index-friendly part of a query into SQL. The SQL filter only ever narrows to a
// SUPERSET of the true matches (every row is re-checked with mingo), so it is only used on paths
// whose stored values are known scalars: Mongo equality also matches inside arrays, which an
// expression index on json_extract cannot see.
import type { IndexSpec } from '../../database';

export const KIND_NULL = 1; // missing or null
export const KIND_NUMBER = 2;
export const KIND_STRING = 4;
export const KIND_BOOL = 8;
export const KIND_DATE = 16;
export const KIND_OTHER = 32; // arrays, objects, regexes: SQL cannot compare them like Mongo does

/**
 * The SQL value of a dot path. A Date is stored as {"$date": ms}, so the expression prefers
 * the ms number: dates then compare and sort like Mongo dates among themselves.
 * Must be byte-identical in CREATE INDEX and in queries for SQLite to use the index.
 */
export function pathExpr(path: string): string {
  const p = path.split('.').map((s) => `"${s.replace(/["\\]/g, '')}"`).join('.');
  return `coalesce(json_extract(doc, '$.${p}."$date"'), json_extract(doc, '$.${p}'))`;
}

export function kindOf(doc: unknown, path: string): number {
  let cur: unknown = doc;
  for (const seg of path.split('.')) {
    if (cur === null || cur === undefined) return KIND_NULL;
    if (typeof cur !== 'object' || Array.isArray(cur) || cur instanceof Date) return KIND_OTHER;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return scalarKind(cur);
}

function scalarKind(v: unknown): number {
  if (v === null || v === undefined) return KIND_NULL;
  if (typeof v === 'number') return KIND_NUMBER;
  if (typeof v === 'string') return KIND_STRING;
  if (typeof v === 'boolean') return KIND_BOOL;
  if (v instanceof Date) return KIND_DATE;
  return KIND_OTHER;
}

function sqlValue(v: unknown): unknown {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

function isScalar(v: unknown): boolean {
  const k = scalarKind(v);
  return k !== KIND_OTHER && k !== KIND_NULL && !(typeof v === 'number' && !Number.isFinite(v));
}

interface Constraint {
  eq?: unknown;
  in?: unknown[];
  range: Array<[string, unknown]>;
}

export interface Plan {
  where: string;
  params: unknown[];
  orderBy: string;
  /** SQL returns rows in the requested order: the reader may stop after offset+limit matches. */
  ordered: boolean;
  index: string | null;
}

const RANGE_OPS: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

function collect(query: Record<string, unknown>, out: Map<string, Constraint>): void {
  for (const [field, cond] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (sub && typeof sub === 'object' && !Array.isArray(sub)) collect(sub as Record<string, unknown>, out);
      continue;
    }
    if (field.startsWith('$')) continue;
    const c = out.get(field) ?? { range: [] };
    if (isScalar(cond)) c.eq = cond;
    else if (cond && typeof cond === 'object' && !Array.isArray(cond) && !(cond instanceof Date) && !(cond instanceof RegExp)) {
      for (const [op, val] of Object.entries(cond as Record<string, unknown>)) {
        if (op === '$eq' && isScalar(val)) c.eq = val;
        else if (op in RANGE_OPS && isScalar(val)) c.range.push([RANGE_OPS[op], val]);
        else if (op === '$in' && Array.isArray(val) && val.length > 0 && val.length <= 100 && val.every(isScalar)) c.in = val;
      }
    }
    out.set(field, c);
  }
}

/**
 * The tightest lower and upper bound of several range conditions on one path, when they all
 * compare alike (all numbers, or all strings): `a >= 0 AND a >= 500 AND a >= c` as just `a >= c`
 * (the greater). SQLite seeks an index with ONE of the bounds it is given and may pick the
 * loosest, scanning everything between; a page after a cursor (paginate adds a bound on the sort
 * key) beside a filter's own range is the common case. The result is still a superset (mingo
 * re-checks every row), so only the amount scanned changes.
 */
function tightest(range: Array<[string, unknown]>): Array<[string, unknown]> {
  if (range.length < 2) return range;
  const kind = typeof range[0]![1];
  if ((kind !== 'number' && kind !== 'string') || range.some(([, v]) => typeof v !== kind)) return range;
  let lower: [string, unknown] | null = null;
  let upper: [string, unknown] | null = null;
  const lt = (a: unknown, b: unknown) => (a as number | string) < (b as number | string);
  for (const r of range) {
    const [op, v] = r;
    if (op === '>' || op === '>=') {
      if (!lower || lt(lower[1], v) || (lower[1] === v && op === '>')) lower = r;
    } else if (!upper || lt(v, upper[1]) || (upper[1] === v && op === '<')) upper = r;
  }
  return [...(lower ? [lower] : []), ...(upper ? [upper] : [])];
}

/**
 * order: [path, 1|-1] in priority order. kinds: value kinds seen at each indexed path.
 */
export function plan(query: Record<string, unknown>, order: Array<[string, 1 | -1]>, indexes: IndexSpec[], kinds: Map<string, number>): Plan {
  const cons = new Map<string, Constraint>();
  collect(query, cons);
  const pushable = (p: string) => ((kinds.get(p) ?? KIND_OTHER) & KIND_OTHER) === 0;
  // Sorting in SQL is only faithful when the path holds one kind of scalar (plus missing/null,
  // which both orders put first).
  const sortable = (p: string) => {
    const k = (kinds.get(p) ?? KIND_OTHER) & ~KIND_NULL;
    return pushable(p) && (k & (k - 1)) === 0;
  };

  let best: { score: number; where: string[]; params: unknown[]; orderBy: string; ordered: boolean; name: string } | null = null;
  for (const ix of indexes) {
    const where: string[] = [];
    const params: unknown[] = [];
    let i = 0;
    let score = 0;
    let inUsed = false;
    const eqFields = new Set<string>();
    for (; i < ix.fields.length; i++) {
      const [f] = ix.fields[i];
      const c = cons.get(f);
      if (!c || !pushable(f)) break;
      if (c.eq !== undefined) {
        where.push(`${pathExpr(f)} = ?`);
        params.push(sqlValue(c.eq));
        eqFields.add(f);
        score += 10;
        continue;
      }
      if (c.in) {
        where.push(`${pathExpr(f)} IN (${c.in.map(() => '?').join(',')})`);
        params.push(...c.in.map(sqlValue));
        score += 8;
        inUsed = true;
        i++;
        break;
      }
      if (c.range.length) {
        for (const [op, val] of tightest(c.range)) {
          where.push(`${pathExpr(f)} ${op} ?`);
          params.push(sqlValue(val));
        }
        score += 5;
      }
      break;
    }
    // The requested order (minus fields pinned by equality) must continue the index from here.
    const rest = order.filter(([f]) => !eqFields.has(f));
    let orderBy = '';
    let ordered = false;
    if (!inUsed && rest.length > 0) {
      const tail = ix.fields.slice(eqFields.size, eqFields.size + rest.length);
      if (tail.length === rest.length && tail.every(([f], k) => f === rest[k][0] && sortable(f))) {
        const same = tail.every(([, d], k) => d === rest[k][1]);
        const flipped = tail.every(([, d], k) => d === -rest[k][1]);
        if (same || flipped) {
          orderBy = rest.map(([f, d]) => `${pathExpr(f)} ${d === -1 ? 'DESC' : 'ASC'}`).join(', ') + `, rid ${same ? 'ASC' : 'DESC'}`;
          ordered = true;
          score += 3;
        }
      }
    }
    if (score > 0 && (!best || score > best.score)) best = { score, where, params, orderBy, ordered, name: ix.name };
  }
  const noOrder = order.length === 0;
  if (!best) return { where: '', params: [], orderBy: noOrder ? 'rid' : '', ordered: noOrder, index: null };
  return {
    where: best.where.join(' AND '),
    params: best.params,
    orderBy: best.orderBy || (noOrder ? 'rid' : ''),
    ordered: best.ordered || noOrder,
    index: best.name,
  };
}
