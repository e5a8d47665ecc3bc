// Typed wrappers for the WeChat open APIs the features use (cloud.openapi, reached through
// server/cloud.ts): content security of user text, subscribe messages, mini-program codes.
//
// They run inside a function invocation: on CloudBase the platform authorises cloud.openapi with
// the invocation's WX_API_TOKEN, and the function's config.json must list the APIs under
// permissions.openapi ("security.msgSecCheck", "subscribeMessage.send", "wxacode.getUnlimited").
// The local emulator answers without a token and does not check permissions.
//
// Who is at fault decides how a failure surfaces:
// - the user's text is rejected        → AppError invalid-argument (reason content.rejected);
// - the caller passed a bad scene/page → AppError invalid-argument (reason wxacode.*);
// - WeChat is rate-limiting us         → AppError resource-exhausted (the user may try later);
// - anything else (network, a WeChat errcode that means our configuration or code is wrong, an
//   answer we do not understand)       → a thrown Error: the kernel logs it with a reference and
//   answers `internal`. AppErrors are not logged by the kernel, so hiding a missing permission
//   (48001) or a bad openid (40003) behind resource-exhausted would keep it from the operator.
// Subscribe messages are the exception: they never fail the caller's business action.
import { AppError, formatChina } from '../core';
import { getOpenApi } from './cloud';
import { createLogger, describeError, type Logger } from './log';

// ---------------------------------------------------------------------------------------------
// security.msgSecCheck (version 2)

/** WeChat's scenes for msgSecCheck v2: 1 profile, 2 comment, 3 forum, 4 social log. */
export type TextScene = 'profile' | 'comment' | 'forum' | 'social-log';
const SCENE_CODES: Record<TextScene, number> = { profile: 1, comment: 2, forum: 3, 'social-log': 4 };

export interface CheckTextOptions {
  scene: TextScene;
  /** The author of the text; WeChat wants a user who used the mini-program in the last 2 hours. Defaults to the caller. */
  openid?: string;
  /** The input field the text came from: named in details.issues (path ['input', field]) so a page can mark it. */
  field?: string;
}

/** Shown to the user; it names no word, so the list cannot be probed through it. */
export const CONTENT_REJECTED_MESSAGE = '内容含有不适宜的词语，请修改后再提交';
export const CHECK_UNAVAILABLE_MESSAGE = '内容检查暂时不可用，请稍后再试';

/** WeChat's limit per msgSecCheck call (characters, counted as UTF-16 units by the emulator). */
export const SEC_CHECK_MAX_CHARS = 2500;
/** Longer text is checked in overlapping pieces, so a word cut at a boundary is still seen whole. */
const SEC_CHECK_OVERLAP = 32;
/** 87014: risky content (v1 semantics; v2 answers 0 with a verdict, but treat both the same). */
const ERR_RISKY = 87014;
/** 45009 daily quota, 45011 per-minute quota: the platform is fine, we are asking too often. */
const RATE_LIMITED = new Set([45009, 45011]);

/**
 * Checks user text with security.msgSecCheck v2. Resolves when it passes (or there is nothing to
 * check); throws AppError invalid-argument `content.rejected` when WeChat's verdict is anything but
 * `pass` (`risky`, or `review`: we have no human review queue, so we do not publish it).
 */
export async function checkText(ctx: { openid: string; log: Logger }, text: string, opts: CheckTextOptions): Promise<void> {
  if (typeof text !== 'string' || text.trim() === '') return;
  const scene = SCENE_CODES[opts.scene];
  if (scene === undefined) throw new Error(`checkText: unknown scene ${String(opts.scene)}`);
  const openid = opts.openid ?? ctx.openid;
  for (const content of pieces(text)) {
    let answer: unknown;
    try {
      answer = await getOpenApi().security.msgSecCheck({ content, version: 2, scene, openid });
    } catch (e) {
      const errCode = errCodeOf(e);
      if (errCode === ERR_RISKY) throw rejected(ctx.log, opts, { errCode });
      if (errCode !== undefined && RATE_LIMITED.has(errCode)) {
        ctx.log.warn('security.msgSecCheck rate-limited', { errCode, ...describeError(e) });
        throw new AppError('resource-exhausted', CHECK_UNAVAILABLE_MESSAGE, { reason: 'content.check_unavailable' });
      }
      throw platformError('security.msgSecCheck', e);
    }
    const verdict = (answer as { result?: { suggest?: unknown; label?: unknown }; traceId?: unknown } | null)?.result;
    if (verdict?.suggest === 'pass') continue;
    if (verdict?.suggest === 'risky' || verdict?.suggest === 'review') {
      throw rejected(ctx.log, opts, { suggest: verdict.suggest, label: verdict.label, traceId: (answer as { traceId?: unknown }).traceId });
    }
    // Fail closed: text WeChat did not clear is not published.
    throw new Error(`security.msgSecCheck answered without a verdict: ${safeJson(answer)}`);
  }
}

function rejected(log: Logger, opts: CheckTextOptions, fields: Record<string, unknown>): AppError {
  log.info('content rejected by security.msgSecCheck', { scene: opts.scene, field: opts.field, ...fields });
  return new AppError(
    'invalid-argument',
    CONTENT_REJECTED_MESSAGE,
    opts.field
      ? { reason: 'content.rejected', issues: [{ path: ['input', opts.field], code: 'content_rejected', message: CONTENT_REJECTED_MESSAGE }] }
      : { reason: 'content.rejected' },
  );
}

/** Splits text into pieces of at most SEC_CHECK_MAX_CHARS UTF-16 units, never inside a surrogate pair. */
export function pieces(text: string, max = SEC_CHECK_MAX_CHARS, overlap = SEC_CHECK_OVERLAP): string[] {
  if (text.length <= max) return [text];
  const out: string[] = [];
  let start = 0;
  for (;;) {
    let end = Math.min(text.length, start + max);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    out.push(text.slice(start, end));
    if (end >= text.length) return out;
    start = end - overlap;
    if (isLowSurrogate(text.charCodeAt(start))) start--;
  }
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

// ---------------------------------------------------------------------------------------------
// subscribeMessage.send

export type MiniprogramState = 'developer' | 'trial' | 'formal';

export interface SubscribeMessage {
  /** The receiver's openid. */
  touser: string;
  templateId: string;
  /** The page the card opens, without a leading '/', may carry a query: 'pages/wish/detail/index?id=w1'. */
  page?: string;
  /**
   * Template fields by key, plain values (wrapped as {value} on the wire). The key's type prefix
   * decides the rules (thing1, time2, phrase3, character_string4, …). An epoch-ms number for a
   * time/date key is written in China time.
   */
  data: Record<string, string | number>;
  /** Which version the card opens; WeChat's default is formal. */
  miniprogramState?: MiniprogramState;
}

export type SendResult =
  | { sent: true }
  | {
      sent: false;
      /**
       * not_subscribed: the user has no subscription left for this template (43101): normal.
       * invalid_message: our message breaks WeChat's rules (found here, or WeChat said 40003/40037/41030/47003): a bug.
       * platform_error: network, quota, system error.
       */
      reason: 'not_subscribed' | 'invalid_message' | 'platform_error';
      errCode?: number;
    };

const ERR_NOT_SUBSCRIBED = 43101;
const ERR_INVALID_MESSAGE = new Set([40003, 40037, 41030, 47003]);
const STATES: readonly string[] = ['developer', 'trial', 'formal'];

/**
 * Sends a subscribe message. Never throws: a user who did not subscribe is normal, and a message
 * that cannot be sent must not undo the business action that triggered it. Failures are logged.
 *
 * Inside a state-changing action the handler runs in a transaction that may be retried or rolled
 * back: schedule the send with `ctx.afterCommit('notify.x', () => sendSubscribeMessage(…))` so it
 * goes once, for the change that committed.
 */
export async function sendSubscribeMessage(msg: SubscribeMessage, ctx: { log: Logger } = { log: defaultLog() }): Promise<SendResult> {
  const log = ctx.log;
  const built = buildMessage(msg);
  if ('problems' in built) {
    log.error('subscribe message not sent: it breaks WeChat rules', { templateId: msg.templateId, problems: built.problems });
    return { sent: false, reason: 'invalid_message' };
  }
  try {
    await getOpenApi().subscribeMessage.send(built.params);
    return { sent: true };
  } catch (e) {
    const errCode = errCodeOf(e);
    if (errCode === ERR_NOT_SUBSCRIBED) {
      log.info('subscribe message not sent: not subscribed', { templateId: msg.templateId, touser: msg.touser });
      return { sent: false, reason: 'not_subscribed', errCode };
    }
    const reason = errCode !== undefined && ERR_INVALID_MESSAGE.has(errCode) ? 'invalid_message' : 'platform_error';
    log[reason === 'invalid_message' ? 'error' : 'warn']('subscribe message not sent', { templateId: msg.templateId, errCode, ...describeError(e) });
    return errCode === undefined ? { sent: false, reason } : { sent: false, reason, errCode };
  }
}

type Built = { params: Record<string, unknown> } | { problems: string[] };

/** Validates and normalises a message into cloud.openapi's (camelCase) parameters. Exported for tests. */
export function buildMessage(msg: SubscribeMessage): Built {
  const problems: string[] = [];
  if (typeof msg.touser !== 'string' || !msg.touser) problems.push('touser is empty');
  // templateId is opaque and platform-issued: WeChat alone can tell a wrong one (40037).
  if (typeof msg.templateId !== 'string') problems.push('templateId is not a string');
  if (msg.page !== undefined && (typeof msg.page !== 'string' || !PAGE_WITH_QUERY.test(msg.page))) {
    problems.push(`page ${JSON.stringify(msg.page)} is not a page path without a leading '/'`);
  }
  if (msg.miniprogramState !== undefined && !STATES.includes(msg.miniprogramState)) problems.push(`miniprogramState ${String(msg.miniprogramState)}`);
  const data: Record<string, { value: string }> = {};
  const entries = msg.data && typeof msg.data === 'object' ? Object.entries(msg.data) : [];
  if (!entries.length) problems.push('data is empty');
  for (const [key, raw] of entries) {
    const value = dataValue(key, raw);
    if (typeof value === 'string') data[key] = { value };
    else problems.push(`data.${key}: ${value.problem}`);
  }
  if (problems.length) return { problems };
  return {
    params: {
      touser: msg.touser,
      templateId: msg.templateId,
      ...(msg.page !== undefined ? { page: msg.page } : {}),
      data,
      ...(msg.miniprogramState !== undefined ? { miniprogramState: msg.miniprogramState } : {}),
    },
  };
}

const PAGE_WITH_QUERY = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*(?:\?[^\s]*)?$/;
const KEY = /^([a-z]+(?:_[a-z]+)*)\d+$/;
const HAN = /\p{Script=Han}/u;

/**
 * One template value by its key's type (WeChat's 订阅消息参数值内容限制). Text that is merely too
 * long is shortened (thing: 19 characters and '…'); a value of the wrong kind is a problem.
 */
export function dataValue(key: string, raw: unknown): string | { problem: string } {
  const type = KEY.exec(key)?.[1];
  if (!type) return { problem: 'the key is not <type><number>, e.g. thing1' };
  if (typeof raw === 'number' && (type === 'time' || type === 'date')) {
    if (!Number.isFinite(raw)) return { problem: 'not a finite instant' };
    return formatChina(raw, type === 'time' ? 'YYYY年M月D日 HH:mm' : 'YYYY年M月D日');
  }
  if (typeof raw === 'number' && !Number.isFinite(raw)) return { problem: 'not a finite number' };
  if (typeof raw !== 'string' && typeof raw !== 'number') return { problem: 'the value is not a string or a number' };
  // Line breaks and control characters are not shown on a card; collapse them.
  const value = String(raw)
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  if (!value) return { problem: 'empty' };
  const chars = Array.from(value);
  switch (type) {
    case 'thing':
      return chars.length <= 20 ? value : chars.slice(0, 19).join('') + '…';
    case 'phrase':
      return /^\p{Script=Han}{1,5}$/u.test(value) ? value : { problem: 'phrase takes 1–5 Chinese characters only' };
    case 'name': {
      // 10 Chinese characters, or 20 letters; mixed counts as Chinese. No '…': it is a symbol.
      const limit = HAN.test(value) ? 10 : 20;
      return chars.slice(0, limit).join('');
    }
    case 'number':
      return /^[+-]?\d+(?:\.\d+)?$/.test(value) && value.length <= 32 ? value : { problem: 'number takes up to 32 digits, optionally with decimals' };
    case 'letter':
      return /^[A-Za-z]{1,32}$/.test(value) ? value : { problem: 'letter takes up to 32 letters' };
    case 'symbol':
      return /^[^\p{L}\p{N}\s]{1,5}$/u.test(value) ? value : { problem: 'symbol takes up to 5 symbols' };
    case 'character_string':
      if (!/^[\x21-\x7e]+$/.test(value)) return { problem: 'character_string takes digits, letters and symbols only' };
      return value.length <= 32 ? value : value.slice(0, 29) + '...';
    case 'amount':
      return /^[^\d\s]?\d{1,10}(?:\.\d+)?元?$/.test(value) ? value : { problem: 'amount takes a currency sign and up to 10 digits, optionally 元' };
    case 'phone_number':
      return /^[^\p{L}\s]{1,17}$/u.test(value) ? value : { problem: 'phone_number takes up to 17 digits and symbols' };
    case 'car_number':
      return chars.length <= 8 ? value : { problem: 'car_number takes up to 8 characters' };
    default:
      // time, date (formats WeChat checks itself), enum and types WeChat may add.
      return value;
  }
}

// ---------------------------------------------------------------------------------------------
// wxacode.getUnlimited

export type EnvVersion = 'release' | 'trial' | 'develop';

export interface MiniProgramCodeRequest {
  /** The page it opens, e.g. 'pages/volunteer/checkin/index': no leading '/', no query (that goes in scene). */
  page: string;
  /** 1–32 of [0-9A-Za-z!#$&'()*+,/:;=?@-._~]; the page receives it as options.scene (URI-encoded). */
  scene: string;
  /** Pixels, 280–1280; WeChat's default is 430. */
  width?: number;
  /** Which version the code opens; default release. Other versions skip WeChat's "page is published" check. */
  envVersion?: EnvVersion;
}

export interface MiniProgramCode {
  buffer: Buffer;
  /** The emulator answers image/png; WeChat answers image/jpeg (image/png for a transparent code). */
  contentType: string;
}

/** WeChat's scene rule: at most 32 visible characters from digits, letters and !#$&'()*+,/:;=?@-._~ */
export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const PAGE_PATH = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;
const ENV_VERSIONS: readonly string[] = ['release', 'trial', 'develop'];

/** A mini-program code (wxacode.getUnlimited) that opens `page` with `scene`. */
export async function miniProgramCode(req: MiniProgramCodeRequest): Promise<MiniProgramCode> {
  if (typeof req.scene !== 'string' || !SCENE_PATTERN.test(req.scene)) {
    throw new AppError('invalid-argument', "the scene must be 1–32 characters of 0-9 A-Z a-z !#$&'()*+,/:;=?@-._~", { reason: 'wxacode.invalid_scene' });
  }
  if (typeof req.page !== 'string' || req.page.length > 256 || !PAGE_PATH.test(req.page)) {
    throw new AppError('invalid-argument', "the page must be a page path like pages/x/index, without a leading '/' or a query", {
      reason: 'wxacode.invalid_page',
    });
  }
  if (req.width !== undefined && !(Number.isInteger(req.width) && req.width >= 280 && req.width <= 1280)) {
    throw new AppError('invalid-argument', 'the width must be a whole number of pixels from 280 to 1280', { reason: 'wxacode.invalid_width' });
  }
  const envVersion = req.envVersion ?? 'release';
  if (!ENV_VERSIONS.includes(envVersion)) {
    throw new AppError('invalid-argument', 'envVersion must be release, trial or develop', { reason: 'wxacode.invalid_env_version' });
  }
  let answer: unknown;
  try {
    answer = await getOpenApi().wxacode.getUnlimited({
      scene: req.scene,
      page: req.page,
      ...(req.width !== undefined ? { width: req.width } : {}),
      envVersion,
      // A trial or develop build's pages are not published: WeChat refuses them unless told not to check.
      checkPath: envVersion === 'release',
    });
  } catch (e) {
    const errCode = errCodeOf(e);
    if (errCode !== undefined && RATE_LIMITED.has(errCode)) {
      throw new AppError('resource-exhausted', '小程序码生成太频繁了，请稍后再试', { reason: 'wxacode.rate_limited' });
    }
    throw platformError('wxacode.getUnlimited', e);
  }
  const a = answer as { contentType?: unknown; buffer?: unknown } | null;
  const buffer = toBuffer(a?.buffer);
  if (typeof a?.contentType !== 'string' || !a.contentType.startsWith('image/') || !buffer?.length) {
    throw new Error(`wxacode.getUnlimited answered no image: contentType ${String(a?.contentType)}`);
  }
  return { buffer, contentType: a.contentType };
}

/** wx-server-sdk hands over protobuf bytes (a Buffer or Uint8Array); also accept a JSON-ified Buffer. */
function toBuffer(b: unknown): Buffer | undefined {
  if (Buffer.isBuffer(b)) return b;
  if (b instanceof ArrayBuffer) return Buffer.from(b);
  if (ArrayBuffer.isView(b)) return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const json = b as { type?: unknown; data?: unknown } | null;
  if (json?.type === 'Buffer' && Array.isArray(json.data)) return Buffer.from(json.data as number[]);
  return undefined;
}

// ---------------------------------------------------------------------------------------------

/** wx-server-sdk throws CloudSDKError {errCode, errMsg} for a WeChat errcode; a network failure has none. */
function errCodeOf(e: unknown): number | undefined {
  const code = (e as { errCode?: unknown } | null)?.errCode;
  return typeof code === 'number' && Number.isFinite(code) ? code : undefined;
}

function platformError(api: string, e: unknown): Error {
  const errCode = errCodeOf(e);
  const errMsg = (e as { errMsg?: unknown } | null)?.errMsg;
  const detail = typeof errMsg === 'string' ? errMsg : e instanceof Error ? e.message : safeJson(e);
  return new Error(`${api} failed${errCode !== undefined ? ` (errCode ${errCode})` : ''}: ${detail}`, { cause: e });
}

function safeJson(v: unknown): string {
  try {
    return String(JSON.stringify(v)).slice(0, 500);
  } catch {
    return String(v).slice(0, 500);
  }
}

let fallbackLog: Logger | undefined;
function defaultLog(): Logger {
  return (fallbackLog ??= createLogger(undefined, { module: 'openapi' }));
}
