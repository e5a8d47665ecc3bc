// Geo semantics for CloudBase's geoNear / geoWithin / geoIntersects (mingo has no geo operators).
// Distances: haversine on a sphere of radius 6378137 m (the WGS84 equatorial radius, the value
// MongoDB uses for 2dsphere distances), so results agree with CloudBase to well under 0.5 %.
// Containment: ray casting in the lng/lat plane — edges are treated as straight lines in degrees,
// not great-circle arcs; exact enough for city-sized polygons, wrong across the antimeridian.
import { Lazy } from 'mingo/lazy';
import type { Iterator as LazyIterator } from 'mingo/lazy';
import type { Options } from 'mingo/types/types';
import { Query } from 'mingo/query';
import { resolve } from 'mingo/util';

export const EARTH_RADIUS_M = 6378137;

type Pos = [number, number];
interface GeoJson {
  type: string;
  coordinates: unknown;
}

export function haversine(a: Pos, b: Pos): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function isPos(v: unknown): v is Pos {
  return Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number';
}

function asGeo(v: unknown): GeoJson | null {
  if (v && typeof v === 'object' && typeof (v as GeoJson).type === 'string' && Array.isArray((v as GeoJson).coordinates)) return v as GeoJson;
  if (isPos(v)) return { type: 'Point', coordinates: v }; // legacy [lng, lat] pairs
  return null;
}

/** Every vertex of a geometry (a point is its own vertex). */
function vertices(g: GeoJson): Pos[] {
  const out: Pos[] = [];
  const walk = (c: unknown): void => {
    if (isPos(c)) out.push(c);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(g.coordinates);
  return out;
}

function inRing(p: Pos, ring: Pos[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Outer ring minus holes. */
function inPolygon(p: Pos, rings: Pos[][]): boolean {
  if (!rings.length || !inRing(p, rings[0])) return false;
  return !rings.slice(1).some((hole) => inRing(p, hole));
}

function polygonsOf(g: GeoJson): Pos[][][] {
  if (g.type === 'Polygon') return [g.coordinates as Pos[][]];
  if (g.type === 'MultiPolygon') return g.coordinates as Pos[][][];
  return [];
}

function pointInShape(p: Pos, shape: GeoJson): boolean {
  return polygonsOf(shape).some((rings) => inPolygon(p, rings));
}

function bad(msg: string): never {
  throw new Error(`invalid geo operator: ${msg}`);
}

/** A predicate "the stored geometry lies within" for $geoWithin's argument. */
function withinPredicate(spec: unknown): (g: GeoJson) => boolean {
  const s = (spec ?? {}) as { $geometry?: unknown; $centerSphere?: unknown; $box?: unknown };
  if (s.$geometry !== undefined) {
    const shape = asGeo(s.$geometry);
    if (!shape || !polygonsOf(shape).length) bad('$geoWithin.$geometry must be a Polygon or MultiPolygon');
    return (g) => vertices(g).every((p) => pointInShape(p, shape));
  }
  if (s.$centerSphere !== undefined) {
    const cs = s.$centerSphere as unknown[];
    if (!Array.isArray(cs) || !isPos(cs[0]) || typeof cs[1] !== 'number') bad('$centerSphere must be [[lng, lat], radiusInRadians]');
    const center = cs[0] as Pos;
    const meters = (cs[1] as number) * EARTH_RADIUS_M;
    return (g) => vertices(g).every((p) => haversine(center, p) <= meters);
  }
  return bad('$geoWithin needs $geometry or $centerSphere');
}

/** Edges of a geometry in the lng/lat plane; a point is a zero-length edge, so it can touch a line. */
function segments(g: GeoJson): Array<[Pos, Pos]> {
  const out: Array<[Pos, Pos]> = [];
  const line = (pts: unknown) => {
    if (!Array.isArray(pts)) return;
    for (let i = 1; i < pts.length; i++) if (isPos(pts[i - 1]) && isPos(pts[i])) out.push([pts[i - 1], pts[i]]);
  };
  const c = g.coordinates as unknown[];
  switch (g.type) {
    case 'Point':
      if (isPos(c)) out.push([c, c]);
      break;
    case 'MultiPoint':
      for (const p of c) if (isPos(p)) out.push([p, p]);
      break;
    case 'LineString':
      line(c);
      break;
    case 'MultiLineString':
    case 'Polygon':
      c.forEach(line);
      break;
    case 'MultiPolygon':
      for (const poly of c) if (Array.isArray(poly)) poly.forEach(line);
      break;
  }
  return out;
}

function orient(a: Pos, b: Pos, c: Pos): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(a: Pos, b: Pos, p: Pos): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

/** Closed segments intersect (touching and collinear overlap count, as in MongoDB). */
function segmentsMeet([a, b]: [Pos, Pos], [c, d]: [Pos, Pos]): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}

function intersectsPredicate(spec: unknown): (g: GeoJson) => boolean {
  const shape = asGeo((spec as { $geometry?: unknown } | null)?.$geometry);
  if (!shape) bad('$geoIntersects needs a GeoJSON $geometry');
  const shapeVerts = vertices(shape);
  const shapeEdges = segments(shape);
  return (g) => {
    // One inside the other (a vertex of either lies in the other's area), or edges that cross or touch.
    if (vertices(g).some((p) => pointInShape(p, shape))) return true;
    if (shapeVerts.some((p) => pointInShape(p, g))) return true;
    const edges = segments(g);
    return edges.some((e) => shapeEdges.some((f) => segmentsMeet(e, f)));
  };
}

export interface NearSpec {
  center: Pos;
  min: number;
  max: number;
}

export function parseNear(spec: unknown): NearSpec {
  const s = (spec ?? {}) as { $geometry?: unknown; $maxDistance?: unknown; $minDistance?: unknown };
  const g = asGeo(s.$geometry ?? spec);
  if (!g || g.type !== 'Point' || !isPos(g.coordinates)) bad('$nearSphere needs a GeoJSON Point $geometry');
  return {
    center: g.coordinates as Pos,
    min: typeof s.$minDistance === 'number' ? s.$minDistance : 0,
    max: typeof s.$maxDistance === 'number' ? s.$maxDistance : Infinity,
  };
}

/** Distance in meters from `center` to the first vertex of a stored geometry (points in practice). */
export function distanceTo(center: Pos, value: unknown): number | null {
  const g = asGeo(value);
  if (!g) return null;
  const vs = vertices(g);
  if (!vs.length) return null;
  return Math.min(...vs.map((p) => haversine(center, p)));
}

type Predicate = (g: GeoJson) => boolean;
function geoQueryOp(makePredicate: (spec: unknown) => Predicate) {
  return (selector: string, value: unknown, _options: Options) => {
    const pred = makePredicate(value);
    return (obj: Record<string, unknown>) => {
      const g = asGeo(resolve(obj, selector));
      return !!g && pred(g);
    };
  };
}

export const geoQueryOperators = {
  $geoWithin: geoQueryOp(withinPredicate),
  $geoIntersects: geoQueryOp(intersectsPredicate),
  // Filters by distance band; the ordering by distance is applied by the reader (see sortByNear).
  $nearSphere: geoQueryOp((spec) => {
    const n = parseNear(spec);
    return (g) => {
      const d = distanceTo(n.center, g);
      return d !== null && d >= n.min && d <= n.max;
    };
  }),
  $near: geoQueryOp((spec) => {
    const n = parseNear(spec);
    return (g) => {
      const d = distanceTo(n.center, g);
      return d !== null && d >= n.min && d <= n.max;
    };
  }),
};

/** The field and spec of a top-level $nearSphere/$near in a query, if any. */
export function findNear(query: Record<string, unknown>): { field: string; near: NearSpec } | null {
  for (const [field, cond] of Object.entries(query)) {
    if (field.startsWith('$') || !cond || typeof cond !== 'object') continue;
    const c = cond as Record<string, unknown>;
    if ('$nearSphere' in c) return { field, near: parseNear(c.$nearSphere) };
    if ('$near' in c) return { field, near: parseNear(c.$near) };
  }
  return null;
}

export function sortByNear<T extends Record<string, unknown>>(docs: T[], field: string, near: NearSpec): T[] {
  return docs
    .map((d) => ({ d, dist: distanceTo(near.center, resolve(d, field)) ?? Infinity }))
    .sort((a, b) => a.dist - b.dist)
    .map((x) => x.d);
}

function firstGeoField(doc: Record<string, unknown>): string | null {
  for (const [k, v] of Object.entries(doc)) if (asGeo(v) && !Array.isArray(v)) return k;
  return null;
}

/** Aggregate stage $geoNear: near, distanceField, spherical, maxDistance, minDistance, query, key, distanceMultiplier. */
export function $geoNear(coll: LazyIterator, expr: unknown, options: Options): LazyIterator {
  const e = (expr ?? {}) as Record<string, unknown>;
  const near = parseNear({ $geometry: e.near, $maxDistance: e.maxDistance, $minDistance: e.minDistance });
  if (typeof e.distanceField !== 'string' || !e.distanceField) bad('$geoNear needs distanceField');
  const distanceField = e.distanceField;
  const multiplier = typeof e.distanceMultiplier === 'number' ? e.distanceMultiplier : 1;
  const query = e.query && typeof e.query === 'object' ? new Query(e.query as Record<string, unknown>, options) : null;
  const out: Array<{ doc: Record<string, unknown>; dist: number }> = [];
  for (const doc of coll.collect() as Array<Record<string, unknown>>) {
    if (query && !query.test(doc)) continue;
    const key = typeof e.key === 'string' ? e.key : firstGeoField(doc);
    if (!key) continue;
    const dist = distanceTo(near.center, resolve(doc, key));
    if (dist === null || dist < near.min || dist > near.max) continue;
    out.push({ doc, dist });
  }
  out.sort((a, b) => a.dist - b.dist);
  return Lazy(
    out.map(({ doc, dist }) => {
      const copy = { ...doc };
      setPath(copy, distanceField, dist * multiplier);
      if (typeof e.includeLocs === 'string') setPath(copy, e.includeLocs, resolve(doc, (e.key as string) ?? firstGeoField(doc)));
      return copy;
    }),
  );
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    const next = cur[p];
    cur = cur[p] = next && typeof next === 'object' ? { ...(next as Record<string, unknown>) } : {};
  }
  cur[parts[parts.length - 1]] = value;
}
