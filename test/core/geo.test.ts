// The platform's geo module (core/geo.ts): distances, the geofence, the hot-loop form the matching
// engine uses, and reading a stored point back.
import fc from 'fast-check';
import { centralAngle, EARTH_RADIUS_KM, haversineKm, haversineMeters, insideFence, LatLng, latLngFromStored, RAD, toGeoJsonPoint } from '../../core';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const point = fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) });

describe('distance', () => {
  test('one degree of latitude is about 111.2 km; 0 for the same point; half the globe is π·R', () => {
    expect(haversineMeters({ lat: 23, lng: 113 }, { lat: 24, lng: 113 })).toBeCloseTo(111_195, -2);
    expect(haversineKm({ lat: 23, lng: 113 }, { lat: 24, lng: 113 })).toBeCloseTo(111.195, 2);
    expect(haversineMeters({ lat: 23.1287, lng: 113.3251 }, { lat: 23.1287, lng: 113.3251 })).toBe(0);
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
    // A degree of longitude shrinks with the cosine of the latitude.
    expect(haversineKm({ lat: 60, lng: 10 }, { lat: 60, lng: 11 })).toBeCloseTo(111.195 / 2, 0);
  });

  test('symmetric, never negative, metres = 1000 × km, and the precomputed-cosine form agrees', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const km = haversineKm(a, b);
        expect(km).toBeGreaterThanOrEqual(0);
        expect(km).toBeLessThanOrEqual(Math.PI * EARTH_RADIUS_KM + 1e-9);
        expect(haversineKm(b, a)).toBeCloseTo(km, 9);
        expect(haversineMeters(a, b)).toBeCloseTo(km * 1000, 6);
        const [la, lb] = [a.lat * RAD, b.lat * RAD];
        expect(EARTH_RADIUS_KM * centralAngle(la, a.lng * RAD, Math.cos(la), lb, b.lng * RAD, Math.cos(lb))).toBe(km);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('geofence', () => {
  test('inside the radius, with the accuracy as slack capped at 100 m', () => {
    const c = { lat: 23.1287, lng: 113.3251 };
    const at250 = { lat: c.lat + 0.00225, lng: c.lng };
    expect(insideFence(c, 200, at250)).toBe(false);
    expect(insideFence(c, 200, at250, 60)).toBe(true);
    expect(insideFence(c, 200, at250, -500)).toBe(false);
    expect(insideFence(c, 200, { lat: c.lat + 0.0045, lng: c.lng }, 5000)).toBe(false);
    expect(insideFence(c, 0, c)).toBe(true);
  });
});

describe('points', () => {
  test('LatLng accepts degrees in range and refuses the rest', () => {
    expect(LatLng.safeParse({ lat: 23.1, lng: 113.3 }).success).toBe(true);
    for (const bad of [{ lat: 91, lng: 0 }, { lat: 0, lng: -180.5 }, { lat: Number.NaN, lng: 0 }, { lat: Infinity, lng: 0 }, { lat: '23', lng: 113 }]) {
      expect(LatLng.safeParse(bad).success).toBe(false);
    }
  });

  test('a stored point reads back from GeoJSON or from the SDK’s Geo.Point; anything else is null', () => {
    const p = { lat: 23.1287, lng: 113.3251 };
    expect(toGeoJsonPoint(p)).toEqual({ type: 'Point', coordinates: [113.3251, 23.1287] });
    expect(latLngFromStored(toGeoJsonPoint(p))).toEqual(p);
    expect(latLngFromStored({ longitude: 113.3251, latitude: 23.1287 })).toEqual(p);
    for (const bad of [null, undefined, 'x', {}, { type: 'Point', coordinates: [1] }, { type: 'LineString', coordinates: [1, 2] }, { type: 'Point', coordinates: [200, 0] }, { longitude: 1 }]) {
      expect(latLngFromStored(bad)).toBeNull();
    }
  });
});
