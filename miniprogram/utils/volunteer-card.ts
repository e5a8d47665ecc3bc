// The volunteer card's personal QR, moving to another community and certificate revocation, as the
// pages show them. Pure: no wx, no calls.
import { CARD_CODE_RE, chinaTime, dayOf, type CertificateRevocation, type MoveView } from '../core/index';
import { dateTime, day } from './format';

/**
 * The card code in what the camera read: a card is a mini-program code, so wx.scanCode answers its
 * page path with `scene=<code>` (URL-encoded); a code typed or read as plain text is the code itself.
 */
export function cardCodeFromScan(scan: { result?: string; path?: string }): string | null {
  for (const raw of [scan.path, scan.result]) {
    if (!raw) continue;
    const m = /[?&]scene=([^&]+)/.exec(raw);
    let candidate = raw.trim();
    if (m) {
      try {
        candidate = decodeURIComponent(m[1]!);
      } catch {
        continue;
      }
    }
    if (CARD_CODE_RE.test(candidate)) return candidate;
  }
  return null;
}

export interface CardCodeShown {
  src: string;
  /** 本码 HH:mm 前有效 */
  validUntil: string;
}

export function cardCodeShown(c: { imageBase64: string; contentType: string; expiresAt: number }): CardCodeShown {
  return { src: `data:${c.contentType};base64,${c.imageBase64}`, validUntil: chinaTime(c.expiresAt).format('HH:mm') };
}

export interface MoveShown {
  text: string;
  /** The request is still open: the volunteer may withdraw it, and may not file another. */
  open: boolean;
}

/** The volunteer's latest request to move, as one sentence (null when there is none to show). */
export function moveShown(m: MoveView | null): MoveShown | null {
  if (!m || m.status === 'withdrawn') return null;
  if (m.status === 'requested') return { text: `已申请转到社区 ${m.toCommunityId}，等待对方社区审核`, open: true };
  if (m.status === 'accepted') return { text: `已于${day(dayOf(m.decidedAt ?? m.createdAt))}转入社区 ${m.toCommunityId}`, open: false };
  return { text: `转社区申请未通过：${m.refuseReason ?? '未说明原因'}`, open: false };
}

/** Reasons staff choose from when refusing a move (a reason is required). */
export const MOVE_REFUSE_REASONS = ['本社区查无此居住登记，请先办理', '信息不完整，请联系社区工作人员', '请先在原社区结清进行中的活动'];

/** Reasons staff choose from when revoking a certificate. */
export const REVOKE_REASONS = ['证明内容有误，需重新开具', '服务记录经核实有误', '证明被冒用或遗失'];

/** How a revoked certificate reads on the volunteer's list. */
export function revocationText(r: CertificateRevocation | null): string {
  if (!r) return '';
  const when = day(dayOf(r.at));
  return r.kind === 'record_corrected' ? `已于${when}失效：所计服务记录已更正，请重新开具` : `已于${when}撤销：${r.reason}`;
}

export interface MoveRow {
  moveId: string;
  title: string;
  lines: string[];
  /** Shows the refusal reasons. */
  refuseOpen: boolean;
  busy: boolean;
  error: string;
  /** 已同意转入 / 已拒绝: the row stays, without buttons. */
  done: string;
}

/** A request to move into the staff member's community, as a review row. */
export function moveRow(m: MoveView): MoveRow {
  return {
    moveId: m.moveId,
    title: `${m.maskedName}（志愿者编号 ${m.volunteerNo}）`,
    lines: [`从社区 ${m.fromCommunityId} 申请转入`, `申请时间：${dateTime(m.createdAt)}`, ...(m.note ? [`说明：${m.note}`] : [])],
    refuseOpen: false,
    busy: false,
    error: '',
    done: '',
  };
}
