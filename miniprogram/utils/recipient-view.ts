// Recipients of wishes (the people wishes are for) → what the staff and resident screens show:
// a row with what each still needs (a sign-off card, guardian consent, family), and the
// printable sign-off card. Never a name beyond the masked one, never a phone beyond the masked one.
import { FamilyCode, type RecipientView } from '../core/index';
import { sceneFromScan } from './checkin-view';
import { dateTime } from './format';
import { AGE_LABEL } from './wish-view';

export type RecipientPanel = '' | 'family' | 'consent';

export interface RecipientRow {
  id: string;
  name: string;
  age: string;
  badges: string[];
  phone: string;
  /** Under 14 without recorded guardian consent: the wish cannot be verified until it is recorded. */
  needsConsent: boolean;
  hasCode: boolean;
  ariaLabel: string;
  panel: RecipientPanel;
  busy: boolean;
  error: string;
  done: string;
  familyInput: string;
  guardianName: string;
  relation: string;
  method: string;
  note: string;
}

export function recipientRow(r: RecipientView): RecipientRow {
  const needsConsent = r.under14 && !r.guardianConsent;
  const badges = [
    r.hasOwnWeChat ? '本人用微信' : '没有智能手机',
    r.familyCount ? `已绑定家属${r.familyCount}人` : '',
    r.hasConfirmCode ? '已发签收卡' : '',
    needsConsent ? '需登记监护人同意' : r.under14 ? '监护人已同意' : '',
  ].filter(Boolean);
  const age = AGE_LABEL[r.ageBand] ?? '';
  return {
    id: r.id,
    name: r.maskedName,
    age,
    badges,
    phone: r.phoneMasked ?? '',
    needsConsent,
    hasCode: r.hasConfirmCode,
    ariaLabel: `${r.maskedName}，${age}，${badges.join('，')}`,
    panel: '',
    busy: false,
    error: '',
    done: '',
    familyInput: '',
    guardianName: '',
    relation: 'parent',
    method: 'paper-form',
    note: '',
  };
}

/** The row after an action answered with the recipient: fresh facts, the panel closed, what was done said. */
export function afterRecipientAction(r: RecipientView, done: string): RecipientRow {
  return { ...recipientRow(r), done };
}

export const GUARDIAN_RELATIONS = [
  { key: 'parent', label: '父母' },
  { key: 'grandparent', label: '祖父母' },
  { key: 'legal-guardian', label: '法定监护人' },
  { key: 'other', label: '其他' },
];

export const CONSENT_METHODS = [
  { key: 'paper-form', label: '签了纸质同意书' },
  { key: 'in-person', label: '当面同意' },
];

export interface FamilyChoice {
  id: string;
  label: string;
  /** A child under 14 whose guardian consent is not recorded yet. */
  needsConsent: boolean;
}

/** Whom a resident may post for besides themselves: the recipients they are bound family of. */
export function familyChoices(items: readonly RecipientView[]): FamilyChoice[] {
  return items
    .filter((r) => !r.you)
    .map((r) => {
      const needsConsent = r.under14 && !r.guardianConsent;
      return { id: r.id, label: `${r.maskedName}（${AGE_LABEL[r.ageBand] ?? ''}）${needsConsent ? '·需监护人同意' : ''}`, needsConsent };
    });
}

/** A family binding code as typed (any case, spaces or a dash allowed), normalised; null when it is not one. */
export function bindingCodeOf(text: string): string | null {
  const parsed = FamilyCode.safeParse(text);
  return parsed.success ? parsed.data : null;
}

/** The binding code in what the camera read: the scene of the family page's mini-program code, or the code as text. */
export function bindingCodeFromScan(scan: { result: string; path?: string }): string | null {
  return bindingCodeOf(sceneFromScan(scan));
}

export interface CodeCard {
  name: string;
  /** The code in two groups of five, to read and copy without confusion. */
  groups: string[];
  issued: string;
  howTo: string;
  ariaLabel: string;
  /** What the saved image says, line by line. */
  imageLines: string[];
}

const HOW_TO = '送达时，把这张卡上的签收码给工作人员或送货的志愿者看，就算签收。每张卡只能用一次，请收好。';

export function codeCard(c: { code: string; issuedAt: number; maskedName: string }): CodeCard {
  const groups = c.code.split('-');
  const issued = `发卡时间：${dateTime(c.issuedAt)}`;
  return {
    name: c.maskedName,
    groups,
    issued,
    howTo: HOW_TO,
    // Read out one character at a time by a screen reader.
    ariaLabel: `${c.maskedName}的签收码：${groups.map((g) => g.split('').join(' ')).join('，')}`,
    imageLines: [`心愿签收码 · ${c.maskedName}`, '', `    ${c.code}`, '', issued, '送达时出示此卡即可签收，', '每张卡只能用一次。'],
  };
}
