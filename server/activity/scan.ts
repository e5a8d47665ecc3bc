// The rules a scanned check-in code must pass, shared by check-in and check-out (cloudfunctions/
// checkin). Every refusal is failed-precondition (or permission-denied) with a reason and a
// message the volunteer can read. Pure apart from the MAC: no database access here.
import { AppError, formatChina, haversineMeters, insideFence, parseScene, ParsedScene, ScanLocation, slotOf } from '../../core';
import type { ActivityDoc } from './docs';
import { macMatches } from './qr-mac';
import type { ActivitySettings } from './settings';

export const refuseScan = (reason: string, message: string) => new AppError('failed-precondition', message, { reason });

export const INVALID_CODE_MESSAGE = '这不是本活动有效的签到码，请扫描活动负责人出示的二维码';

/** Parses the scene; a scene that is not ours is refused the same way as a forged one. */
export function sceneOf(scene: string): ParsedScene {
  const parsed = parseScene(scene);
  if (!parsed) throw refuseScan('checkin.invalid_code', INVALID_CODE_MESSAGE);
  return parsed;
}

export interface ScanVerdict {
  /** Slot of a rotating code; null for a poster code. */
  slot: number | null;
  flags: string[];
  /** The leader must confirm this attendance (no location with a rotating code). */
  needsConfirmation: boolean;
}

/**
 * The code (MAC, freshness), the activity's status and window, and the geofence. `activity` is
 * null when the scene names no activity: refused as an invalid code, like a forged MAC, so a
 * scanner cannot probe which activity ids exist.
 */
export function checkScan(
  activity: ActivityDoc | null,
  scene: ParsedScene,
  location: ScanLocation | undefined,
  now: number,
  settings: Pick<ActivitySettings, 'slotSeconds' | 'slotsValid'>,
  direction: 'in' | 'out',
): ScanVerdict {
  if (!activity || !macMatches(activity.qrSecret, activity._id, scene.kind === 'poster' ? 'p' : scene.slot, scene.mac)) {
    throw refuseScan('checkin.invalid_code', INVALID_CODE_MESSAGE);
  }
  let slot: number | null = null;
  if (scene.kind === 'rotating') {
    const current = slotOf(now, settings.slotSeconds);
    // A code from the future was not made by our server's clock: forged or replayed from a test.
    if (scene.slot > current) throw refuseScan('checkin.invalid_code', INVALID_CODE_MESSAGE);
    if (scene.slot <= current - settings.slotsValid) {
      throw refuseScan('checkin.code_expired', '签到码已过期，请扫描负责人手机上刷新后的二维码');
    }
    slot = scene.slot;
  }
  if (activity.status !== 'published') {
    throw refuseScan('checkin.activity_not_open', activity.status === 'cancelled' ? '活动已取消' : '活动不在进行中，不能签到或签退');
  }
  const opens = activity.startAt - activity.checkin.opensBeforeMin * 60_000;
  const closes = activity.endAt + activity.checkin.closesAfterMin * 60_000;
  if (now < opens) throw refuseScan('checkin.too_early', `还没到签到时间，${formatChina(opens)} 开始签到`);
  if (now > closes) throw refuseScan('checkin.too_late', `签${direction === 'in' ? '到' : '退'}已于 ${formatChina(closes)} 截止，请联系活动负责人`);
  if (direction === 'in' && now > activity.endAt) throw refuseScan('checkin.too_late', '活动已经结束，不能再签到，请联系活动负责人');

  const flags: string[] = [];
  let needsConfirmation = false;
  if (location) {
    const center = { lat: activity.place.lat, lng: activity.place.lng };
    if (!insideFence(center, activity.place.radiusM, location, location.accuracyM ?? 0)) {
      const d = Math.round(haversineMeters(center, location));
      throw refuseScan('checkin.outside_fence', `你距离活动地点约 ${d} 米，需要在 ${activity.place.radiusM} 米范围内签到`);
    }
  } else if (scene.kind === 'poster') {
    // A printed code can be photographed and used anywhere: without a location it proves nothing.
    throw refuseScan('checkin.location_required', '扫描张贴的签到码需要授权位置信息；也可以扫描负责人手机上的二维码');
  } else {
    flags.push('no_location');
    needsConfirmation = true;
  }
  return { slot, flags, needsConfirmation };
}
