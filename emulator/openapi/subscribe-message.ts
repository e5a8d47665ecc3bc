// subscribeMessage.send: validated like WeChat, then recorded to the outbox instead of delivered.
// With strict subscriptions (subscriptions.ts) a valid message to a user without a grant for its
// template is refused as WeChat refuses it (errcode 43101) and recorded as refused; a one-time
// grant is used up by the send.
import { type ApiHandler, ok, recordTo, wxError } from './api-types';

const STATES = ['developer', 'trial', 'formal'];
/** WeChat's answer to a send the user has no (remaining) subscription for. */
export const ERR_NOT_SUBSCRIBED = 43101;
export const NOT_SUBSCRIBED_MSG = 'user refuse to accept the msg';
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];

export const send: ApiHandler = (call) => {
  const p = call.params;
  if (typeof p.touser !== 'string' || !p.touser) return wxError(40003, 'invalid openid: touser is required');
  if (typeof p.template_id !== 'string' || !p.template_id) return wxError(40037, 'invalid template_id');
  if (!p.data || typeof p.data !== 'object' || Array.isArray(p.data) || !Object.keys(p.data).length) {
    return wxError(47003, 'argument invalid! data is required');
  }
  for (const [key, item] of Object.entries(p.data as Record<string, unknown>)) {
    const value = (item as { value?: unknown } | null)?.value;
    if ((typeof value !== 'string' && typeof value !== 'number') || value === '') {
      return wxError(47003, `argument invalid! data.${key}.value is empty or not a string`);
    }
  }
  if (p.page !== undefined && (typeof p.page !== 'string' || p.page.startsWith('/'))) return wxError(47003, 'argument invalid! page');
  if (p.miniprogram_state !== undefined && !STATES.includes(String(p.miniprogram_state))) {
    return wxError(47003, 'argument invalid! miniprogram_state');
  }
  if (p.lang !== undefined && !LANGS.includes(String(p.lang))) return wxError(47003, 'argument invalid! lang');
  const subscription = call.subscriptions.authorize(p.touser, p.template_id);
  if (subscription === 'refused') {
    const refused = { errcode: ERR_NOT_SUBSCRIBED, errmsg: NOT_SUBSCRIBED_MSG };
    recordTo(call, refused, { subscription });
    return { json: refused };
  }
  const result = { errcode: 0, errmsg: 'ok' };
  recordTo(call, result, { subscription });
  return ok();
};
