// wx.openApi: cloud.openapi.<ns>.<api>(params) from wx-server-sdk (wire reference §4.10). The
// multipart body carries apiName and requestData (protobuf CommApiData); the answer is a raw
// protobuf CommOpenApiResp. Emulated APIs: wxacode.getUnlimited, subscribeMessage.send,
// security.msgSecCheck; any other apiName answers a WeChat-style errcode, never a crash.
import { RawResponse, WireError, type ActionTable, type WireRequest } from '../wire';
import type { ApiHandler, ApiResult } from './api-types';
import { msgSecCheck } from './msg-sec-check';
import type { Outbox } from './outbox';
import { API_TYPE_OPEN_API, decodeCommApiData, encodeCommOpenApiResp } from './protobuf';
import { send } from './subscribe-message';
import type { SubscriptionLedger } from './subscriptions';
import { getUnlimited } from './wxacode';

export interface OpenApiOptions {
  outbox: Outbox;
  secCheckWords: string[];
  subscriptions: SubscriptionLedger;
}

const APIS: Record<string, ApiHandler> = {
  'wxacode.getUnlimited': getUnlimited,
  'subscribeMessage.send': send,
  'security.msgSecCheck': msgSecCheck,
};

// Anything but exactly `application/json; charset=utf-8`: that value makes node-sdk JSON-parse
// the protobuf body and wx-server-sdk report "unknown response" (pitfall P5).
const RESPONSE_CONTENT_TYPE = 'application/octet-stream';
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function createOpenApi(opts: OpenApiOptions): { actions: ActionTable } {
  return {
    actions: {
      'wx.openApi': async (req) => {
        const apiName = req.body.apiName;
        if (typeof apiName !== 'string' || !apiName) throw new WireError('INVALID_PARAM', 'wx.openApi without an apiName field');
        const data = decodeRequest(req);
        const handler = Object.prototype.hasOwnProperty.call(APIS, apiName) ? APIS[apiName] : undefined;
        const result: ApiResult = handler
          ? await handler({ apiName, params: data.params, caller: req.caller, outbox: opts.outbox, secCheckWords: opts.secCheckWords, subscriptions: opts.subscriptions })
          : { json: { errcode: 48001, errmsg: `api unauthorized: openapi.${apiName} is not emulated by the local CloudBase emulator` } };
        const resp =
          'binary' in result
            ? { respData: result.binary, contentType: result.contentType }
            : { respData: Buffer.from(JSON.stringify(result.json)), contentType: JSON_CONTENT_TYPE };
        return new RawResponse(encodeCommOpenApiResp(resp), RESPONSE_CONTENT_TYPE);
      },
    },
  };
}

function decodeRequest(req: WireRequest) {
  // Bytes that happen to be valid UTF-8 arrive as a text field (see parseMultipart): lossless too.
  const field = req.body.requestData;
  const raw = req.files.requestData ?? (typeof field === 'string' && field ? Buffer.from(field, 'utf8') : undefined);
  if (!raw) throw new WireError('INVALID_PARAM', 'wx.openApi without a binary requestData part');
  let data;
  try {
    data = decodeCommApiData(raw);
  } catch (e) {
    throw new WireError('INVALID_PARAM', `requestData is not a valid CommApiData protobuf: ${(e as Error).message}`);
  }
  if (data.apiType !== API_TYPE_OPEN_API) throw new WireError('INVALID_PARAM', `CommApiData apiType ${data.apiType} is not emulated`);
  return data;
}
