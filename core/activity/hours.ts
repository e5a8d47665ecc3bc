// Hours policies (办法 §7: 服务时间 in hours, "科学合理确定"; local rules in the reference, B5).
// Each record stores the policy version it was computed with, so a later policy change never
// silently rewrites what was recorded. Pure and table-tested (test/core/activity/hours.test.ts).
import { z } from '../zod-setup';

export const HoursRounding = z.enum([
  /** Whole minutes as attended. */
  'minute',
  /** 重庆 志愿山城: per started hour, remainder ≤15 min → 0, ≤45 → 30 min, else the full hour. */
  'rule-15-45',
  /** hOurworld: round up to the next quarter hour. */
  'quarter-up',
  /** 支付宝: only full 6-minute steps count (0.1 h each). */
  'six-minute-down',
]);
export type HoursRounding = z.infer<typeof HoursRounding>;

export const HoursPolicy = z.object({
  /** Stable id of the policy; `policyVersion` is id@version. */
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  version: z.number().int().min(1),
  rounding: HoursRounding,
  /** 云南: no hours unless attended ≥ this share (0–100) of the activity's length. */
  minAttendancePct: z.number().int().min(0).max(100),
  /** Never more than the activity's planned length. */
  capAtActivityLength: z.boolean(),
});
export type HoursPolicy = z.infer<typeof HoursPolicy>;

/** The policies an activity can choose; the default comes from ACTIVITY_HOURS_POLICY. */
export const HOURS_POLICIES = {
  exact: { id: 'exact', version: 1, rounding: 'minute', minAttendancePct: 0, capAtActivityLength: true },
  'cq-15-45': { id: 'cq-15-45', version: 1, rounding: 'rule-15-45', minAttendancePct: 0, capAtActivityLength: true },
  quarter: { id: 'quarter', version: 1, rounding: 'quarter-up', minAttendancePct: 0, capAtActivityLength: true },
  'six-minute': { id: 'six-minute', version: 1, rounding: 'six-minute-down', minAttendancePct: 0, capAtActivityLength: true },
  'yn-60pct': { id: 'yn-60pct', version: 1, rounding: 'minute', minAttendancePct: 60, capAtActivityLength: true },
} as const satisfies Record<string, HoursPolicy>;
export type HoursPolicyId = keyof typeof HOURS_POLICIES;
export const HoursPolicyId = z.enum(Object.keys(HOURS_POLICIES) as [HoursPolicyId, ...HoursPolicyId[]]);

export function policyVersion(p: HoursPolicy): string {
  return `${p.id}@${p.version}`;
}

/** Applies only the rounding rule to a number of minutes (≥ 0, integer). */
export function roundMinutes(rounding: HoursRounding, minutes: number): number {
  const m = Math.max(0, Math.floor(minutes));
  switch (rounding) {
    case 'minute':
      return m;
    case 'rule-15-45': {
      const hours = Math.floor(m / 60);
      const rest = m % 60;
      return hours * 60 + (rest <= 15 ? 0 : rest <= 45 ? 30 : 60);
    }
    case 'quarter-up':
      return Math.ceil(m / 15) * 15;
    case 'six-minute-down':
      return Math.floor(m / 6) * 6;
  }
}

export interface AttendanceSession {
  inAt: number;
  outAt: number | null;
}

/**
 * Attended milliseconds: the sum of closed sessions (an open one counts nothing), each clipped to
 * `within` when given: checking in two hours early and leaving at the start is not service.
 */
export function attendedMs(sessions: readonly AttendanceSession[], within?: { from: number; to: number }): number {
  let ms = 0;
  for (const s of sessions) {
    if (s.outAt === null) continue;
    const from = within ? Math.max(s.inAt, within.from) : s.inAt;
    const to = within ? Math.min(s.outAt, within.to) : s.outAt;
    if (to > from) ms += to - from;
  }
  return ms;
}

/**
 * Service minutes of one volunteer for one activity under `policy`: attended minutes (floored),
 * zero below the minimum attendance share, rounded, then capped at the activity's length.
 */
export function serviceMinutes(policy: HoursPolicy, attendedMinutes: number, activityMinutes: number): number {
  const attended = Math.max(0, Math.floor(attendedMinutes));
  const length = Math.max(0, Math.floor(activityMinutes));
  if (policy.minAttendancePct > 0 && (length === 0 || attended * 100 < policy.minAttendancePct * length)) return 0;
  const rounded = roundMinutes(policy.rounding, attended);
  return policy.capAtActivityLength ? Math.min(rounded, length) : rounded;
}
