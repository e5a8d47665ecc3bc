// Door-to-door delivery of a claimed wish by a volunteer: the staff's assignment rows, the
// volunteer picker, and the delivering volunteer's rows. The address itself is never part of a row
// made here: the volunteer page puts it on screen only after deliveryAddress answers.
import type { VolunteerCard, WishView } from '../core/index';
import { countdown } from './format';
import { WISH_STATUS, wishRow } from './wish-view';

function dueOf(w: WishView, now: number): { due: string; urgent: boolean } {
  const d = w.claimDueAt && w.status === 'claimed' ? countdown(w.claimDueAt, now) : null;
  return { due: d ? `送达期限：${d.text}` : '', urgent: d ? d.urgent : false };
}

export interface AssignRow {
  id: string;
  item: string;
  who: string;
  due: string;
  urgent: boolean;
  delivery: string;
  assigned: boolean;
  /** Who was just assigned on this screen (the wish view does not name the volunteer). */
  assignedTo: string;
  ariaLabel: string;
  panel: boolean;
  busy: boolean;
  error: string;
}

export function assignRow(w: WishView, now: number): AssignRow {
  const { due, urgent } = dueOf(w, now);
  const assigned = w.deliveryMode === 'volunteer' && w.volunteerAssigned;
  const delivery = assigned ? '已有志愿者负责送到家' : '还没有指派志愿者（捐赠人也可以送到服务站）';
  const who = wishRow(w).who;
  return { id: w.id, item: w.item, who, due, urgent, delivery, assigned, assignedTo: '', ariaLabel: `${w.item}，${who}，${due}，${delivery}`, panel: false, busy: false, error: '' };
}

export interface VolunteerChoice {
  openid: string;
  name: string;
  label: string;
}

export function volunteerChoice(v: VolunteerCard): VolunteerChoice {
  return { openid: v.openid, name: v.name, label: `${v.name}（${v.volunteerNo}）` };
}

export interface DeliveryRow {
  id: string;
  item: string;
  who: string;
  statusText: string;
  due: string;
  urgent: boolean;
  /** Claimed and assigned to me: the address may be shown and the delivery recorded. */
  canDeliver: boolean;
  /** Delivered by me: the recipient's printed card signs it off. */
  canConfirm: boolean;
  address: string;
  addressName: string;
  addressNote: string;
  codeInput: string;
  busy: boolean;
  error: string;
  done: string;
  ariaLabel: string;
}

export function deliveryRow(w: WishView, now: number): DeliveryRow {
  const { due, urgent } = dueOf(w, now);
  const statusText = w.status === 'claimed' ? '待送达' : w.status === 'delivered' ? '已送达，待签收' : WISH_STATUS[w.status] ?? w.status;
  const who = wishRow(w).who;
  return {
    id: w.id,
    item: w.item,
    who,
    statusText,
    due,
    urgent,
    canDeliver: w.events.includes('deliver'),
    canConfirm: w.events.includes('confirm'),
    address: '',
    addressName: '',
    addressNote: '',
    codeInput: '',
    busy: false,
    error: '',
    done: '',
    ariaLabel: `${w.item}，${who}，${statusText}${due ? `，${due}` : ''}`,
  };
}
