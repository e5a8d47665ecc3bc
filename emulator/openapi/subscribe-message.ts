// subscribeMessage.send: validated like WeChat, then recorded to the outbox instead of delivered.
import { type ApiHandler, ok, recordTo, wxError } from './api-types';

const STATES = ['developer', 'trial', 'formal'];
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
  const result = { errcode: 0, errmsg: 'ok' };
  recordTo(call, result);
  return ok();
};
