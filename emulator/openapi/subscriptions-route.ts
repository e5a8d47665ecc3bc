// Dev routes of the subscription ledger (subscriptions.ts):
//   POST   /dev/subscriptions   header x-wx-openid, body {"results": {"<templateId>": "accept" | "reject" | …}, "longTerm"?: true}
//          what the mini-program's emulator transport reports after wx.requestSubscribeMessage
//          resolves: its success result without errMsg. At most 3 templates, as one prompt on WeChat.
//          An accepting value ('accept', or 'acceptWithAudio'/'acceptWithAlert' that WeChat answers
//          for reminders) adds a one-time grant (or a long-term one with longTerm: true); 'reject',
//          'ban' and 'filter' add nothing.
//   GET    /dev/subscriptions[?openid=<openid>]                the grants held
//   DELETE /dev/subscriptions?openid=<openid>[&templateId=<id>] removes grants (a user who switched them off)
// Each answers {ok: true, data: {mode, grants: [{openid, templateId, oneTime, longTerm}]}} or
// {ok: false, error: {code, message, details: {reason}}}. Outside dev mode they answer 403.
import { devCaller, OPENID } from '../dev-identity';
import type { DevRoute } from '../http';
import type { SubscriptionLedger } from './subscriptions';

export const SUBSCRIPTIONS_PATH = '/dev/subscriptions';
/** WeChat's limit of templates per wx.requestSubscribeMessage. */
export const MAX_TEMPLATES_PER_PROMPT = 3;

// WeChat template ids are 43 characters of these (e.g. zun-LzcQyW-edafCVvzPkK4de2Rllr1fFpw2A_x0oXE).
const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,128}$/;
const ACCEPTING = ['accept', 'acceptWithAudio', 'acceptWithAlert'];
const DECLINING = ['reject', 'ban', 'filter'];
const BODY_SHAPE = '{"results": {"<templateId>": "accept" | "reject" | "ban" | "filter"}, "longTerm"?: true}';

type Answer = { status: number; body: unknown };

export function subscriptionDevRoutes(ledger: SubscriptionLedger, dev: boolean): Record<string, DevRoute> {
  const devOnly: DevRoute = async () =>
    fail(403, 'permission-denied', 'the subscription routes are only served in dev mode (start with --dev)', 'subscriptions.dev_only');
  if (!dev) return { [`GET ${SUBSCRIPTIONS_PATH}`]: devOnly, [`POST ${SUBSCRIPTIONS_PATH}`]: devOnly, [`DELETE ${SUBSCRIPTIONS_PATH}`]: devOnly };

  const held = (openid?: string): Answer => ({ status: 200, body: { ok: true, data: { mode: ledger.mode, grants: ledger.list(openid) } } });

  return {
    [`GET ${SUBSCRIPTIONS_PATH}`]: async (req) => {
      const q = query(req.url);
      const openid = q.get('openid');
      if (openid !== null && !OPENID.test(openid)) return badOpenidParam();
      return held(openid ?? undefined);
    },

    [`POST ${SUBSCRIPTIONS_PATH}`]: async (req, raw) => {
      const caller = devCaller(req.headers);
      if ('problem' in caller) return fail(401, 'unauthenticated', caller.problem, 'subscriptions.no_caller');
      const { openid } = caller;
      const parsed = parsePrompt(raw);
      if ('error' in parsed) return parsed.error;
      ledger.grant(openid, parsed.accepted, parsed.longTerm);
      return { status: 200, body: { ok: true, data: { mode: ledger.mode, accepted: parsed.accepted, grants: ledger.list(openid) } } };
    },

    [`DELETE ${SUBSCRIPTIONS_PATH}`]: async (req) => {
      const q = query(req.url);
      const openid = q.get('openid');
      if (openid === null || !OPENID.test(openid)) return badOpenidParam();
      const templateId = q.get('templateId');
      if (templateId !== null && !TEMPLATE_ID.test(templateId)) {
        return fail(400, 'invalid-argument', 'templateId must be 1–128 characters of A–Z a–z 0–9 _ -', 'subscriptions.bad_request');
      }
      const removed = ledger.revoke(openid, templateId ?? undefined);
      return { status: 200, body: { ok: true, data: { mode: ledger.mode, removed, grants: ledger.list(openid) } } };
    },
  };
}

function parsePrompt(raw: Buffer): { accepted: string[]; longTerm: boolean } | { error: Answer } {
  const bad = (message: string, reason = 'subscriptions.bad_request') => ({ error: fail(400, 'invalid-argument', message, reason) });
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return bad(`the body must be JSON: ${BODY_SHAPE}`);
  }
  if (!isObject(body)) return bad(`the body must be a JSON object: ${BODY_SHAPE}`);
  const unknown = Object.keys(body).filter((k) => k !== 'results' && k !== 'longTerm');
  if (unknown.length) return bad(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}; the body is ${BODY_SHAPE}`);
  if (body.longTerm !== undefined && typeof body.longTerm !== 'boolean') return bad('"longTerm" must be true or false');
  const results = body.results;
  if (!isObject(results)) return bad(`"results" must be an object of template id to result: ${BODY_SHAPE}`);
  const entries = Object.entries(results);
  if (!entries.length) return bad('"results" names no template');
  if (entries.length > MAX_TEMPLATES_PER_PROMPT) {
    return bad(`"results" names ${entries.length} templates; one wx.requestSubscribeMessage asks for at most ${MAX_TEMPLATES_PER_PROMPT}`, 'subscriptions.too_many');
  }
  const accepted: string[] = [];
  for (const [templateId, result] of entries) {
    if (!TEMPLATE_ID.test(templateId)) return bad(`template id ${JSON.stringify(templateId)} is not 1–128 characters of A–Z a–z 0–9 _ -`);
    if (typeof result === 'string' && ACCEPTING.includes(result)) accepted.push(templateId);
    else if (!(typeof result === 'string' && DECLINING.includes(result))) {
      return bad(`results[${JSON.stringify(templateId)}] is ${JSON.stringify(result)}; use one of ${[...ACCEPTING, ...DECLINING].join(', ')}`);
    }
  }
  return { accepted, longTerm: body.longTerm === true };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function query(url: string | undefined): URLSearchParams {
  return new URL(url ?? '/', 'http://127.0.0.1').searchParams;
}

function badOpenidParam(): Answer {
  return fail(400, 'invalid-argument', 'openid must be 1–128 characters of A–Z a–z 0–9 _ - (…/dev/subscriptions?openid=<openid>)', 'subscriptions.bad_request');
}

function fail(status: number, code: string, message: string, reason: string): Answer {
  return { status, body: { ok: false, error: { code, message, details: { reason } } } };
}
