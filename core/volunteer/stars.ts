// Star level from cumulative service time (办法 §10 allows a star rating "基于服务时间和服务质量";
// the thresholds of 《中国社区志愿者注册管理办法》 §18 are the default: 100/300/600/1000/1500 h).
// The server's configuration may set others (VOLUNTEER_STAR_THRESHOLDS_HOURS).

export const DEFAULT_STAR_THRESHOLDS_HOURS: readonly number[] = [100, 300, 600, 1000, 1500];

export interface StarStanding {
  /** 0 (none yet) to thresholds.length. */
  stars: number;
  /** Hours still missing for the next star; null at the top. */
  hoursToNext: number | null;
}

/** Thresholds must be strictly increasing positive hours; anything else is a configuration bug. */
export function checkStarThresholds(thresholds: readonly number[]): string | null {
  if (thresholds.length === 0 || thresholds.length > 10) return 'between 1 and 10 thresholds';
  for (let i = 0; i < thresholds.length; i++) {
    const t = thresholds[i] as number;
    if (!Number.isFinite(t) || t <= 0) return 'thresholds are positive numbers of hours';
    if (i > 0 && t <= (thresholds[i - 1] as number)) return 'thresholds must increase strictly';
  }
  return null;
}

export function starStanding(totalMinutes: number, thresholds: readonly number[] = DEFAULT_STAR_THRESHOLDS_HOURS): StarStanding {
  const minutes = Math.max(0, totalMinutes);
  let stars = 0;
  for (const t of thresholds) if (minutes >= t * 60) stars += 1;
  const next = thresholds[stars];
  return { stars, hoursToNext: next === undefined ? null : Math.round(((next * 60 - minutes) / 60) * 100) / 100 };
}
