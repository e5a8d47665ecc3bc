// The platform's one geo module: a point on the map, great-circle distance, the check-in geofence,
// and reading a point back from the database. Coordinates are degrees as wx.getLocation({type:
// 'gcj02'}) and map pins give them; every place in the product uses the same datum, so the datum's
// offset cancels out of the distances. The emulator's database has its own haversine (emulator/db/
// geo.ts) because it models CloudBase's, which uses a different radius.
import { z } from './zod-setup';

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
export const EARTH_RADIUS_KM = EARTH_RADIUS_M / 1000;
/** Degrees → radians. */
export const RAD = Math.PI / 180;

const Latitude = z.number().finite().min(-90).max(90);
const Longitude = z.number().finite().min(-180).max(180);

/** A point: latitude and longitude in degrees. */
export const LatLng = z.object({ lat: Latitude, lng: Longitude });
export type LatLng = z.infer<typeof LatLng>;

/**
 * The central angle (radians) between two points given in radians, with each latitude's cosine
 * precomputed: the form for hot loops (the matching engine computes the cosines once per point).
 * Multiply by a radius for a distance.
 */
export function centralAngle(latA: number, lngA: number, cosA: number, latB: number, lngB: number, cosB: number): number {
  const sLat = Math.sin((latB - latA) / 2);
  const sLng = Math.sin((lngB - lngA) / 2);
  const h = sLat * sLat + cosA * cosB * sLng * sLng;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function angleBetween(a: LatLng, b: LatLng): number {
  const latA = a.lat * RAD;
  const latB = b.lat * RAD;
  return centralAngle(latA, a.lng * RAD, Math.cos(latA), latB, b.lng * RAD, Math.cos(latB));
}

/** Great-circle (haversine) distance in metres. */
export function haversineMeters(a: LatLng, b: LatLng): number {
  return angleBetween(a, b) * EARTH_RADIUS_M;
}

/** Great-circle (haversine) distance in kilometres. */
export function haversineKm(a: LatLng, b: LatLng): number {
  return angleBetween(a, b) * EARTH_RADIUS_KM;
}

/**
 * Inside the fence when the distance is within the radius plus the reported accuracy (capped, so
 * a phone claiming 5 km of uncertainty does not open a 5 km fence).
 */
export function insideFence(center: LatLng, radiusM: number, at: LatLng, accuracyM = 0, maxSlackM = 100): boolean {
  const slack = Math.min(Math.max(0, accuracyM), maxSlackM);
  return haversineMeters(center, at) <= radiusM + slack;
}

/** A point as the database stores it (GeoJSON, longitude first), so geo indexes and queries work. */
export interface GeoJsonPoint {
  type: 'Point';
  coordinates: [number, number];
}

export function toGeoJsonPoint(p: LatLng): GeoJsonPoint {
  return { type: 'Point', coordinates: [p.lng, p.lat] };
}

/**
 * A stored point read back, or null when there is none or it is not a valid point. wx-server-sdk
 * answers a stored GeoJSON point as a `Geo.Point` ({longitude, latitude}); other readers (the
 * node SDK, a raw export) give the GeoJSON ({type: 'Point', coordinates: [lng, lat]}).
 */
export function latLngFromStored(value: unknown): LatLng | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { longitude?: unknown; latitude?: unknown; type?: unknown; coordinates?: unknown };
  const xy = typeof v.longitude === 'number' ? [v.longitude, v.latitude] : v.type === 'Point' && Array.isArray(v.coordinates) ? v.coordinates : null;
  if (!xy || xy.length !== 2) return null;
  const parsed = LatLng.safeParse({ lat: xy[1], lng: xy[0] });
  return parsed.success ? parsed.data : null;
}
