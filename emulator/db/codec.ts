// Storage text <-> native values. The stored text is a subset of relaxed EJSON — Dates as
// {"$date": ms} and RegExps as {"$regularExpression": {...}} — so that (1) Dates survive the JSON
// round trip and can be revived before mingo compares them, and (2) a stored document can be sent
// to the SDK as-is (its EJSON.parse accepts exactly these tags) without a parse/stringify cycle.

export type Doc = Record<string, unknown> & { _id?: unknown };

/** JS RegExp accepts more flags than Mongo regexes carry; keep only those both understand. */
export function jsRegexFlags(options: string): string {
  let out = '';
  for (const f of 'imsu') if (options.includes(f) && !out.includes(f)) out += f;
  return out;
}

function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // JSON.stringify has already called Date.prototype.toJSON on `value`; the original is on `this`.
  const raw = this[key];
  if (raw instanceof Date) return { $date: raw.getTime() };
  if (raw instanceof RegExp) return { $regularExpression: { pattern: raw.source, options: raw.flags } };
  return value;
}

export function encodeStored(doc: unknown): string {
  return JSON.stringify(doc, replacer);
}

export function decodeStored(text: string): Doc {
  const parsed = JSON.parse(text) as Doc;
  // Most documents carry no tags; skip the walk for them.
  return text.includes('"$') ? (revive(parsed) as Doc) : parsed;
}

function revive(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = revive(v[i]);
    return v;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    if (keys[0] === '$date' && typeof o.$date === 'number') return new Date(o.$date);
    if (keys[0] === '$regularExpression') {
      const r = o.$regularExpression as { pattern?: unknown; options?: unknown };
      if (r && typeof r.pattern === 'string') return new RegExp(r.pattern, jsRegexFlags(String(r.options ?? '')));
    }
  }
  for (const k of keys) o[k] = revive(o[k]);
  return o;
}

/** Deep copy that keeps Dates and RegExps (structuredClone is slower for small docs). */
export function cloneValue<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v instanceof RegExp) return v;
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = cloneValue((v as Record<string, unknown>)[k]);
  return out as T;
}
