// Contract of the `checkin` function: the volunteer's scan. Kept apart from `activity` because it
// is the burst path (hundreds of people at the gate at once): no kernel transaction, at most 3
// database requests for a first check-in, exactly-once by the attendance's deterministic _id and
// a unique insert (docs/activities.md, "Check-in"). Leader-side attendance actions are in
// activity.contract.ts.
import { defineContract } from '../contract';
import { z } from '../zod-setup';
import { AttendanceView } from './activity.contract';
import { LatLng } from '../geo';
import { CheckinScene } from './qr';

export const ScanLocation = LatLng.extend({
  /** wx.getLocation's accuracy in metres. */
  accuracyM: z.number().finite().min(0).max(100_000).optional(),
});
export type ScanLocation = z.infer<typeof ScanLocation>;

export const ScanInput = z.object({
  /** The `scene` of the scanned mini-program code, as the page received it (decoded). */
  scene: CheckinScene,
  /** Omit when the user denied location: with a rotating code the attendance is flagged for the leader; a poster code needs it. */
  location: ScanLocation.optional(),
});
export type ScanInput = z.infer<typeof ScanInput>;

export const ScanResult = AttendanceView.extend({ activityTitle: z.string() });
export type ScanResult = z.infer<typeof ScanResult>;

export const checkinContract = defineContract({
  name: 'checkin',
  actions: {
    // State-changing but idempotent by construction (deterministic _id, unique insert, conditional
    // update); no kernel transaction, so `mutates: false` and a requestId is optional.
    checkIn: { input: ScanInput, output: ScanResult, mutates: false },
    checkOut: { input: ScanInput, output: ScanResult, mutates: false },
  },
});
export type CheckinContract = typeof checkinContract;
