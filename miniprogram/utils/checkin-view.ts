// The scan → check-in/out flow's pure parts: where the scene comes from, and what the result
// screen says (exactly what happened, and why when refused).
import { parseScene, type ParsedScene, type ScanResult } from '../core/index';
import { dateTime } from './format';

/** The scene in a page query (WeChat passes it URI-encoded when the code opens the page). */
export function sceneFromQuery(query: Record<string, string | undefined>): string {
  const raw = query.scene ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The scene in wx.scanCode's answer: a mini-program code gives `path`
 * (pages/volunteer/checkin/index?scene=<encoded>); anything else is looked at as the raw result.
 */
export function sceneFromScan(scan: { result: string; path?: string }): string {
  const source = scan.path || scan.result || '';
  const m = /[?&]scene=([^&]*)/.exec(source);
  if (m) return sceneFromQuery({ scene: m[1] });
  return scan.path ? '' : scan.result.trim();
}

export function parse(scene: string): ParsedScene | null {
  return scene ? parseScene(scene) : null;
}

export type CheckEvent = 'in' | 'out';

export interface ResultView {
  ok: boolean;
  title: string;
  lines: string[];
  /** The reason, for the leader ("原因代码"), on refusals only. */
  reasonCode: string;
  /** The refusal came from location permission: offer the settings screen. */
  needsSettings: boolean;
  /** Outcome unknown (network): the retry reuses the requestId. */
  canRetry: boolean;
}

// Flags the server puts on an attendance (server/activity/scan.ts, cloudfunctions/checkin, activity).
const FLAGS: Record<string, string> = {
  no_location: '没有获取到您的位置，需要队长确认后才计入时长',
  walk_in: '您没有报名，作为现场加入记录，需要队长确认',
  roll_call: '由队长代为点名',
  roll_call_card: '队长扫您的志愿者证为您点名',
  leader_fix: '由队长补登记签退',
};

export function flagText(flag: string): string {
  return FLAGS[flag] ?? '需要队长确认';
}

export function successView(r: ScanResult, event: CheckEvent): ResultView {
  const at = event === 'in' ? r.checkedInAt : r.checkedOutAt ?? r.checkedInAt;
  const lines = [`活动：${r.activityTitle}`, `${event === 'in' ? '签到' : '签退'}时间：${dateTime(at)}`];
  if (event === 'out' && r.checkedOutAt) lines.push('服务时长会在活动结束后由队长确认并记入您的志愿服务记录');
  for (const f of r.flags) lines.push(flagText(f));
  if (r.needsConfirmation && !r.flags.length) lines.push('需要队长确认后才计入时长');
  return { ok: true, title: event === 'in' ? '签到成功' : '签退成功', lines, reasonCode: '', needsSettings: false, canRetry: false };
}

export function refusalView(message: string, event: CheckEvent, reason: string, retryable: boolean): ResultView {
  return {
    ok: false,
    title: event === 'in' ? '签到没有成功' : '签退没有成功',
    lines: [message],
    reasonCode: reason,
    needsSettings: false,
    canRetry: retryable,
  };
}

export function notACodeView(event: CheckEvent): ResultView {
  return {
    ok: false,
    title: event === 'in' ? '签到没有成功' : '签退没有成功',
    lines: ['这不是本小程序的活动签到码。请扫描队长手机上或活动海报上的签到码。'],
    reasonCode: 'checkin.not_a_code',
    needsSettings: false,
    canRetry: false,
  };
}

export function locationNeededView(event: CheckEvent, denied: boolean): ResultView {
  return {
    ok: false,
    title: event === 'in' ? '签到没有成功' : '签退没有成功',
    lines: [
      '扫活动海报上的签到码，需要确认您在活动现场。',
      denied ? '您关闭了位置权限，请点下面的按钮打开后再扫一次；或者请队长出示手机上的签到码。' : '请同意获取位置后再扫一次；或者请队长出示手机上的签到码。',
    ],
    reasonCode: 'checkin.location_required',
    needsSettings: denied,
    canRetry: false,
  };
}
