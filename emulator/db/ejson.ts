// Wire payloads: the SDK sends canonical EJSON strings (query, data, order, projection, stageValue).
// Decoded into plain native values: numbers (Int32/Long/Double all become number: the SDK keeps no
// distinction worth storing), RegExp, Date, and CloudBase's serverDate marker resolved against now.
import { EJSON } from 'bson';
import { WireError } from '../wire';
import { jsRegexFlags } from './codec';

/**
 * Deepest nesting accepted in a wire payload. MongoDB stores documents nested up to 100 levels;
 * EJSON type wrappers ({"$date":{"$numberLong":…}}) add a few more in the text. Without a limit, a
 * hostile payload overflows the stack of EJSON.parse (a RangeError told to the caller) or, between
 * ~1000 and a few thousand levels, parses but fails SQLite's JSON depth limit (answered SYS_ERR).
 */
export const MAX_WIRE_NESTING = 128;

export function decodeWire(text: unknown, field: string, now: number): unknown {
  if (typeof text !== 'string') throw new WireError('INVALID_PARAM', `"${field}" must be an EJSON string`);
  if (nestingExceeds(text, MAX_WIRE_NESTING)) throw new WireError('INVALID_PARAM', `"${field}" is nested more than ${MAX_WIRE_NESTING} levels deep`);
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: true });
  } catch (e) {
    throw new WireError('INVALID_PARAM', `"${field}" is not valid EJSON: ${(e as Error).message}`);
  }
  return normalize(parsed, field, now);
}

/** One pass over JSON text, brackets inside strings ignored; stops as soon as the limit is passed. */
function nestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

export function decodeWireObject(text: unknown, field: string, now: number): Record<string, unknown> {
  const v = decodeWire(text, field, now);
  if (!isPlainObject(v)) throw new WireError('INVALID_PARAM', `"${field}" must encode an object`);
  return v;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function normalize(v: unknown, field: string, now: number): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'bigint') return Number(v);
    return v;
  }
  if (v instanceof Date || v instanceof RegExp) return v;
  if (Array.isArray(v)) return v.map((x) => normalize(x, field, now));
  const bsonType = (v as { _bsontype?: string })._bsontype;
  if (bsonType) {
    switch (bsonType) {
      case 'Int32':
      case 'Double':
      case 'Decimal128':
        return Number(String((v as { valueOf(): unknown }).valueOf()));
      case 'Long':
        return (v as { toNumber(): number }).toNumber();
      case 'BSONRegExp': {
        const r = v as { pattern: string; options: string };
        try {
          return new RegExp(r.pattern, jsRegexFlags(r.options));
        } catch (e) {
          throw new WireError('INVALID_PARAM', `bad regular expression in "${field}": ${(e as Error).message}`);
        }
      }
      case 'ObjectId':
      case 'ObjectID':
        return (v as { toHexString(): string }).toHexString();
      default:
        throw new WireError('INVALID_PARAM', `unsupported BSON type ${bsonType} in "${field}"`);
    }
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = normalize(o.$tcb_server_date, field, now) as { offset?: unknown } | null;
    const offset = spec && typeof spec === 'object' ? Number(spec.offset ?? 0) : 0;
    if (!Number.isFinite(offset)) throw new WireError('INVALID_PARAM', `bad serverDate offset in "${field}"`);
    return new Date(now + offset);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    // `out[k] = …` with k "__proto__" would set out's prototype instead of a field: the field was
    // silently dropped from an acknowledged insert (and read through by queries). Refuse it.
    if (k === '__proto__') throw new WireError('INVALID_PARAM', `"${field}" has a field named "__proto__", which cannot be stored`);
    out[k] = normalize(o[k], field, now);
  }
  return out;
}

/** A document for the SDK: relaxed EJSON (Dates as $date, so the SDK revives them). */
export function encodeWireDoc(doc: unknown): string {
  return EJSON.stringify(doc as Record<string, unknown>, { relaxed: true });
}
