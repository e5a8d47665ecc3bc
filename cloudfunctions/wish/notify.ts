// Subscribe messages of the wish flow: at claim (to the poster), reminder and release (to the
// donor), delivery (to the poster) and sign-off (to the donor). One message per event and person:
// WeChat allows one message per one-time subscription, so nothing here repeats a message (an
// action schedules it with afterCommit, which runs once for the committed attempt; the timer marks
// the wish before sending). Template ids come from configuration (server/wish/config.ts).
import { sendSubscribeMessage, SendResult } from '../../server/openapi';
import type { Logger } from '../../server/log';
import type { WishSettings } from '../../server/wish/config';
import type { WishDoc } from './store';

export type WishMessage = 'claimed' | 'reminder' | 'released' | 'delivered' | 'confirmed';

const PHRASE: Record<WishMessage, string> = {
  claimed: '已被认领',
  reminder: '请尽快送达',
  released: '认领已释放',
  delivered: '已送达',
  confirmed: '已签收',
};

export function wishPage(id: string): string {
  return `pages/donor/wish/index?wishId=${id}`; // the mini-program's wish detail (donor subpackage)
}

export function notify(kind: WishMessage, touser: string, wish: Pick<WishDoc, '_id' | 'item'>, settings: WishSettings, log: Logger, at: number): Promise<SendResult> {
  return sendSubscribeMessage(
    {
      touser,
      templateId: settings.templates[kind],
      page: wishPage(wish._id),
      data: { thing1: wish.item, phrase2: PHRASE[kind], time3: at },
    },
    { log },
  );
}
