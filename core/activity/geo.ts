// Great-circle distance for the check-in geofence. Coordinates are WGS-84-ish degrees as
// wx.getLocation({type: 'gcj02'}) and the activity's map pin give them; both sides use the same
// datum, so the datum's offset cancels out.
import { z } from '../zod-setup';

const EARTH_RADIUS_M = 6_371_008.8;

const Latitude = z.number().finite().min(-90).max(90);
const Longitude = z.number().finite().min(-180).max(180);

export const ActivityLatLng = z.object({ lat: Latitude, lng: Longitude });
export type ActivityLatLng = z.infer<typeof ActivityLatLng>;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Haversine distance in metres between two points. */
export function haversineMeters(a: ActivityLatLng, b: ActivityLatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Inside the fence when the distance is within the radius plus the reported accuracy (capped, so
 * a phone claiming 5 km of uncertainty does not open a 5 km fence).
 */
export function insideFence(center: ActivityLatLng, radiusM: number, at: ActivityLatLng, accuracyM = 0, maxSlackM = 100): boolean {
  const slack = Math.min(Math.max(0, accuracyM), maxSlackM);
  return haversineMeters(center, at) <= radiusM + slack;
}
