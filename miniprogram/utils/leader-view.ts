// The leader's screens: the rotating code and the roster rows.
import { chinaTime } from '../core/index';

export interface CodeView {
  src: string;
  validUntil: string;
  rotating: boolean;
}

export function codeView(q: { imageBase64: string; contentType: string; validUntil: number | null }): CodeView {
  return {
    src: `data:${q.contentType};base64,${q.imageBase64}`,
    validUntil: q.validUntil ? chinaTime(q.validUntil).format('HH:mm:ss') : '',
    rotating: q.validUntil !== null,
  };
}

/** Milliseconds until the next fetch: at refreshAt, never sooner than 1 s (a clock skew guard). */
export function refreshDelay(refreshAt: number, now: number): number {
  return Math.max(1000, refreshAt - now);
}

export interface RosterRow {
  openid: string;
  name: string;
  volunteerNo: string;
  state: 'absent' | 'in' | 'out' | 'confirmed' | 'rejected';
  stateText: string;
  times: string;
  needsConfirmation: boolean;
  /** Which action panel is open on this row ('' none). */
  panel: '' | 'rollIn' | 'rollOut' | 'reject';
  busy: boolean;
  error: string;
}

export interface RosterEntryLike {
  openid: string;
  maskedName: string;
  volunteerNo: string;
  signup: string;
  attendance: string | null;
  checkedInAt: number | null;
  checkedOutAt: number | null;
  needsConfirmation: boolean;
}

const STATE_TEXT: Record<RosterRow['state'], string> = {
  absent: '未签到',
  in: '已签到',
  out: '已签退',
  confirmed: '已确认',
  rejected: '不予确认',
};

function hhmm(at: number | null): string {
  return at ? chinaTime(at).format('HH:mm') : '';
}

export function rosterRow(e: RosterEntryLike): RosterRow {
  const state: RosterRow['state'] =
    e.attendance === 'checked_in' ? 'in' : e.attendance === 'checked_out' ? 'out' : e.attendance === 'confirmed' ? 'confirmed' : e.attendance === 'rejected' ? 'rejected' : 'absent';
  const times = [e.checkedInAt ? `签到 ${hhmm(e.checkedInAt)}` : '', e.checkedOutAt ? `签退 ${hhmm(e.checkedOutAt)}` : ''].filter(Boolean).join('，');
  return {
    openid: e.openid,
    name: e.maskedName,
    volunteerNo: e.volunteerNo,
    state,
    stateText: e.signup === 'waitlisted' ? `${STATE_TEXT[state]}（候补）` : STATE_TEXT[state],
    times,
    needsConfirmation: e.needsConfirmation,
    panel: '',
    busy: false,
    error: '',
  };
}

/** Why the leader records someone by hand (audited); big choices instead of typing. */
export const ROLL_CALL_REASONS = ['没有智能手机', '手机没电或没网络', '扫码失败，现场确认本人到场'];
