// The shape of one emulated WeChat open API (cloud.openapi.<ns>.<api>).
import type { Caller } from '../wire';
import type { Outbox, OutboxEntry } from './outbox';
import type { SubscriptionLedger } from './subscriptions';

export interface ApiCall {
  apiName: string;
  /** snake_cased, JSON-decoded parameters, as wx-server-sdk sent them. */
  params: Record<string, unknown>;
  caller?: Caller;
  outbox: Outbox;
  secCheckWords: string[];
  subscriptions: SubscriptionLedger;
}

/** A WeChat JSON answer ({errcode, errmsg, …}) or a binary one (e.g. image/png). */
export type ApiResult = { json: Record<string, unknown> } | { binary: Buffer; contentType: string };

export type ApiHandler = (call: ApiCall) => ApiResult | Promise<ApiResult>;

export const ok = (extra: Record<string, unknown> = {}): ApiResult => ({ json: { errcode: 0, errmsg: 'ok', ...extra } });
export const wxError = (errcode: number, errmsg: string): ApiResult => ({ json: { errcode, errmsg } });

export function recordTo(call: ApiCall, result: Record<string, unknown>, extra: Pick<OutboxEntry, 'subscription'> = {}): void {
  call.outbox.record({ api: call.apiName, fn: call.caller?.functionName, openid: call.caller?.openid, params: call.params, result, ...extra });
}
