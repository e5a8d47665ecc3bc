// security.msgSecCheck: a text is risky when it contains a configured word (case-insensitive).
// v2 (version: 2, with openid and scene) answers errcode 0 and a verdict in result/detail;
// v1 (no version) answers errcode 87014 for risky content, as WeChat does. Every check is
// recorded to the outbox, so tests can see what was screened.
import { randomUUID } from 'node:crypto';
import { type ApiCall, type ApiHandler, recordTo, wxError } from './api-types';

const MAX_CONTENT = 2500;
/** WeChat's label for "other" risky content; the emulator does not classify further. */
const LABEL_RISKY = 21000;
const LABEL_NORMAL = 100;

export const msgSecCheck: ApiHandler = (call) => {
  const p = call.params;
  if (typeof p.content !== 'string' || !p.content) return wxError(47001, 'data format error: content is required');
  if (p.content.length > MAX_CONTENT) return wxError(47001, `data format error: content over ${MAX_CONTENT} characters`);
  const v2 = Number(p.version) === 2;
  if (v2) {
    if (typeof p.openid !== 'string' || !p.openid) return wxError(40003, 'invalid openid');
    if (![1, 2, 3, 4].includes(Number(p.scene))) return wxError(40097, 'invalid args: scene must be 1 (profile), 2 (comment), 3 (forum) or 4 (social log)');
  }
  const keyword = findWord(call, p.content);
  const result = v2 ? v2Answer(keyword) : keyword ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' };
  recordTo(call, result);
  return { json: result };
};

function findWord(call: ApiCall, text: string): string | undefined {
  const lower = text.toLowerCase();
  return call.secCheckWords.find((w) => w && lower.includes(w.toLowerCase()));
}

function v2Answer(keyword: string | undefined): Record<string, unknown> {
  const suggest = keyword ? 'risky' : 'pass';
  const label = keyword ? LABEL_RISKY : LABEL_NORMAL;
  return {
    errcode: 0,
    errmsg: 'ok',
    result: { suggest, label },
    detail: [{ strategy: 'keyword', errcode: 0, suggest, label, ...(keyword ? { keyword, prob: 90 } : { prob: 0 }) }],
    trace_id: randomUUID().replace(/-/g, ''),
  };
}
