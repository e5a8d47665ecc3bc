// The protobuf messages of wx.openApi (wire reference §4.10), defined in code with the field
// numbers wx-server-sdk 4.0.2 uses. Only what the emulator reads or writes is declared;
// protobuf skips unknown fields (innerData, svrkitData, tokenData) on decode.
import protobuf from 'protobufjs';

const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
    },
    HttpHeader: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
});

const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

/** CommApiData.ApiType.OPEN_API: the only type cloud.openapi.<ns>.<api>() sends. */
export const API_TYPE_OPEN_API = 0;

export interface DecodedApiData {
  apiType: number;
  appid: string;
  /** Each pair's value parsed as JSON (cloud.openapi JSON-stringifies every parameter). */
  params: Record<string, unknown>;
  /** Pairs carrying a file (contenttype/filename set), as raw bytes. */
  files: Record<string, { data: Buffer; contentType: string; filename: string }>;
}

/** Throws on bytes that are not a CommApiData or on a parameter that is not JSON. */
export function decodeCommApiData(bytes: Buffer): DecodedApiData {
  const msg = CommApiData.toObject(CommApiData.decode(bytes), { defaults: true, bytes: Buffer }) as {
    apiType: number;
    appid: string;
    openapiData?: { pairs?: Array<{ key: string; value: Buffer; contenttype: string; filename: string }> };
  };
  const params: Record<string, unknown> = {};
  const files: DecodedApiData['files'] = {};
  for (const pair of msg.openapiData?.pairs ?? []) {
    const value = Buffer.from(pair.value);
    if (pair.contenttype || pair.filename) {
      files[pair.key] = { data: value, contentType: pair.contenttype, filename: pair.filename };
      continue;
    }
    try {
      params[pair.key] = JSON.parse(value.toString('utf8'));
    } catch {
      throw new Error(`parameter "${pair.key}" is not JSON`);
    }
  }
  return { apiType: msg.apiType, appid: msg.appid, params, files };
}

export interface OpenApiResponse {
  respData: Buffer;
  contentType: string;
  errorCode?: number;
  httpCode?: number;
}

export function encodeCommOpenApiResp(resp: OpenApiResponse): Buffer {
  const msg = CommOpenApiResp.create({
    respData: resp.respData,
    contentType: resp.contentType,
    errorCode: resp.errorCode ?? 0,
    httpCode: resp.httpCode ?? 200,
    headers: [{ key: 'Content-Type', value: resp.contentType }],
    svrkitErrorCode: 0,
  });
  return Buffer.from(CommOpenApiResp.encode(msg).finish());
}

/** For tests and tools: the request side, as wx-server-sdk encodes it. */
export function encodeCommApiData(params: Record<string, unknown>, appid = ''): Buffer {
  const pairs = Object.entries(params).map(([key, v]) => ({ key, value: Buffer.from(JSON.stringify(v)) }));
  return Buffer.from(CommApiData.encode(CommApiData.create({ apiType: API_TYPE_OPEN_API, openapiData: { pairs }, appid })).finish());
}

export function decodeCommOpenApiResp(bytes: Buffer): Required<OpenApiResponse> {
  const m = CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { defaults: true, bytes: Buffer }) as Required<OpenApiResponse>;
  return { ...m, respData: Buffer.from(m.respData) };
}
