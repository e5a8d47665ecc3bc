// Geo fidelity through the unmodified wx-server-sdk: db.Geo values round-trip as db.Geo instances,
// geoNear orders by distance within [min, max], geoWithin (polygon and centerSphere),
// geoIntersects with points, lines and polygons, and the aggregate geoNear stage.
import type { RunningEmulator } from '../../../emulator/emulator';
import { startWxSdk } from './helpers';

let emu: RunningEmulator;
let db: any;
let _: any;
let P: (lng: number, lat: number) => any;
let square: (cx: number, cy: number, half: number) => any;

// One degree of longitude on the equator, with the sphere MongoDB uses (R = 6378137 m).
const DEG_M = (Math.PI / 180) * 6378137;

beforeAll(async () => {
  ({ emu, db, _ } = await startWxSdk());
  P = (lng, lat) => new db.Geo.Point(lng, lat);
  square = (cx, cy, h) => new db.Geo.Polygon([new db.Geo.LineString([P(cx - h, cy - h), P(cx + h, cy - h), P(cx + h, cy + h), P(cx - h, cy + h), P(cx - h, cy - h)])]);
  await db.createCollection('g_places');
  await db.createCollection('g_shapes');
  // Along the equator: 0, ~1.1 km, ~5.6 km, ~111 km east; one without a location.
  await db.collection('g_places').add({
    data: [
      { _id: 'p0', name: 'origin', loc: P(0, 0), kind: 'a' },
      { _id: 'p1', name: 'near', loc: P(0.01, 0), kind: 'b' },
      { _id: 'p5', name: 'mid', loc: P(0.05, 0), kind: 'a' },
      { _id: 'p100', name: 'far', loc: P(1, 0), kind: 'a' },
      { _id: 'pnone', name: 'nowhere', kind: 'a' },
    ],
  });
  await db.collection('g_shapes').add({
    data: [
      { _id: 'sq', shape: square(10, 10, 1) },
      { _id: 'line', shape: new db.Geo.LineString([P(20, 0), P(22, 0)]) },
      { _id: 'multi', shape: new db.Geo.MultiPoint([P(30, 0), P(31, 1)]) },
    ],
  });
});
afterAll(() => emu.close());

const idsOf = (res: { data: Array<{ _id: string }> }) => res.data.map((d) => d._id);

test('stored GeoJSON comes back as db.Geo instances', async () => {
  const { data } = await db.collection('g_places').doc('p1').get();
  // wx-server-sdk's db.Geo.Point is a factory; the instance is @cloudbase/database's Point class.
  expect(data.loc.constructor.name).toBe('Point');
  expect(data.loc.constructor).toBe(P(0, 0).constructor);
  expect([data.loc.longitude, data.loc.latitude]).toEqual([0.01, 0]);
  const shapes = (await db.collection('g_shapes').orderBy('_id', 'asc').get()).data;
  expect(shapes.map((d: any) => d.shape.constructor.name)).toEqual(['LineString', 'MultiPoint', 'Polygon']);
  expect(shapes[2].shape.constructor).toBe(square(0, 0, 1).constructor);
  expect(shapes[2].shape.toJSON()).toEqual(square(10, 10, 1).toJSON());
});

test('geoNear: sorted by distance, bounded by maxDistance and minDistance, ignores documents without the field', async () => {
  const all = await db.collection('g_places').where({ loc: _.geoNear({ geometry: P(0.2, 0) }) }).get();
  expect(idsOf(all)).toEqual(['p5', 'p1', 'p0', 'p100']);
  const band = await db.collection('g_places').where({ loc: _.geoNear({ geometry: P(0, 0), maxDistance: 6000, minDistance: 1000 }) }).get();
  expect(idsOf(band)).toEqual(['p1', 'p5']);
  const edge = await db.collection('g_places').where({ loc: _.geoNear({ geometry: P(0, 0), maxDistance: Math.ceil(0.01 * DEG_M) }) }).get();
  expect(idsOf(edge)).toEqual(['p0', 'p1']);
});

test('geoNear combined with other conditions, skip and limit', async () => {
  const res = await db.collection('g_places').where({ kind: 'a', loc: _.geoNear({ geometry: P(2, 0) }) }).skip(1).limit(1).get();
  expect(idsOf(res)).toEqual(['p5']);
});

test('geoWithin a polygon and a centerSphere (radius in radians)', async () => {
  const within = await db.collection('g_places').where({ loc: _.geoWithin({ geometry: square(0, 0, 0.02) }) }).get();
  expect(idsOf(within).sort()).toEqual(['p0', 'p1']);
  const circle = await db.collection('g_places').where({ loc: _.geoWithin({ centerSphere: [P(0, 0), 6000 / 6378137] }) }).get();
  expect(idsOf(circle).sort()).toEqual(['p0', 'p1', 'p5']);
  const circleArr = await db.collection('g_places').where({ loc: _.geoWithin({ centerSphere: [[1, 0], 1000 / 6378137] }) }).get();
  expect(idsOf(circleArr)).toEqual(['p100']);
  const lineInside = await db.collection('g_shapes').where({ shape: _.geoWithin({ geometry: square(21, 0, 2) }) }).get();
  expect(idsOf(lineInside)).toEqual(['line']);
});

test('geoIntersects: point in polygon, polygon containing the point, a line crossing a polygon', async () => {
  const byPoint = await db.collection('g_shapes').where({ shape: _.geoIntersects({ geometry: P(10.5, 9.5) }) }).get();
  expect(idsOf(byPoint)).toEqual(['sq']);
  const pointsHit = await db.collection('g_places').where({ loc: _.geoIntersects({ geometry: square(0, 0, 0.02) }) }).get();
  expect(idsOf(pointsHit).sort()).toEqual(['p0', 'p1']);
  // Neither line has a vertex inside the other shape: only the edges cross.
  const crossing = new db.Geo.LineString([P(9, 10), P(11.5, 10)]);
  expect(idsOf(await db.collection('g_shapes').where({ shape: _.geoIntersects({ geometry: crossing }) }).get())).toEqual(['sq']);
  const crossesLine = new db.Geo.LineString([P(21, -1), P(21, 1)]);
  expect(idsOf(await db.collection('g_shapes').where({ shape: _.geoIntersects({ geometry: crossesLine }) }).get())).toEqual(['line']);
  const misses = new db.Geo.LineString([P(12, 12), P(13, 13)]);
  expect(idsOf(await db.collection('g_shapes').where({ shape: _.geoIntersects({ geometry: misses }) }).get())).toEqual([]);
});

test('aggregate geoNear: distanceField in meters, query, multiplier, includeLocs, result order', async () => {
  const res = await db.collection('g_places').aggregate()
    .geoNear({ near: P(0, 0), spherical: true, distanceField: 'dist', maxDistance: 10_000, query: { kind: 'a' }, includeLocs: 'where' })
    .project({ dist: 1, where: 1 })
    .end();
  expect(res.list.map((d: any) => d._id)).toEqual(['p0', 'p5']);
  expect(res.list[0].dist).toBe(0);
  expect(res.list[1].dist).toBeCloseTo(0.05 * DEG_M, 3);
  // aggregate().end() only EJSON-parses (no Geo revival, unlike get()): plain GeoJSON.
  expect(res.list[1].where).toEqual({ type: 'Point', coordinates: [0.05, 0] });
  const km = await db.collection('g_places').aggregate().geoNear({ near: P(0, 0), spherical: true, distanceField: 'km', distanceMultiplier: 0.001, key: 'loc' }).limit(10).end();
  expect(km.list.map((d: any) => d._id)).toEqual(['p0', 'p1', 'p5', 'p100']);
  expect(km.list[3].km).toBeCloseTo(DEG_M / 1000, 6);
});
