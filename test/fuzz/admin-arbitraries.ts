// Generators of hostile admin-endpoint requests (POST /admin, wire reference §3–4). Each request
// is the bytes and content type a client could send; `action` is kept to check a success shape.
import fc from 'fast-check';
import { encodeCommApiData } from '../../emulator/openapi/protobuf';
import { describeInput } from './support';

export interface AdminCase {
  contentType?: string;
  body: string | Uint8Array;
  /** The action the body names, when it names a string one. */
  action?: string;
}

/** Counterexamples can be megabytes (10k-level nesting): fast-check prints this short form instead. */
export function labelled<T extends AdminCase>(c: T): T {
  return Object.assign(c, { [fc.toStringMethod]: () => `${c.contentType ?? '(no content-type)'} ${describeInput(c.body)}` });
}

export const ACTIONS = [
  'database.addCollection',
  'database.insertDocument',
  'database.getDocument',
  'database.calculateDocument',
  'database.modifyDocument',
  'database.removeDocument',
  'database.aggregateDocuments',
  'database.startTransaction',
  'database.commitTransaction',
  'database.abortTransaction',
  'functions.invokeFunction',
  'wx.openApi',
] as const;

// JSON cannot spell NaN or Infinity, but a JSON body can hold number tokens that parse to
// Infinity (1e309), -0, or lose precision: they are inserted as raw text after stringify.
const RAW_NUMBERS = ['1e309', '-1e309', '-0', '1e-400', '9007199254740993', '-1', '1.5', '0', '1e21'];
const rawMarker = (t: string) => `\u0000RAW:${t}\u0000`;
export function stringifyWithRaw(v: unknown): string {
  return JSON.stringify(v).replace(/"\\u0000RAW:([^"\\]*)\\u0000"/g, '$1');
}

const HUGE = 'x'.repeat(200_000);
const nested = (open: string, close: string, leaf: string, depth: number) => open.repeat(depth) + leaf + close.repeat(depth);

/** Strings in the place of an EJSON payload: invalid JSON, unknown $ operators, odd EJSON, deep or huge. */
export const ejsonText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.constantFrom('$gt', '$where', '$bogus', '$numberInt', '$numberLong', '$numberDouble', '$date', '$regularExpression', '$tcb_server_date',
        '$oid', '$binary', '$code', '$symbol', '$minKey', '$maxKey', '$timestamp', '$dbPointer', '$numberDecimal', '$uuid', '$expr', '$function',
        '$accumulator', '$ne', '$in', '$size', '$elemMatch', '$regex', '$options', '$exists', '$type', '$mod', '$all', '$nearSphere', '$geoWithin',
        '$geometry', '$set', '$inc', '$push', '$each', '$unset', '$rename', '$pull', '$position', 'a', 'a.b', '_id', '__proto__', 'constructor', ''),
      fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom({ $numberInt: 'x' }, { $date: 'never' }, { $regularExpression: { pattern: '(', options: 'q' } })),
      { maxKeys: 4 },
    )
    .map((o) => JSON.stringify({ a: o, ...o })),
  fc.constantFrom(
    '{"__proto__":{"polluted":"yes"},"a":1}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"a":{"__proto__":{"polluted":"yes"}}}',
    '{"$set":{"__proto__.polluted":"yes"}}',
    '{"$set":{"constructor.prototype.polluted":"yes"}}',
    '{"_id":{"$gt":""}}',
    '{"_id":""}',
    '{"_id":[]}',
    '{"a":{"$numberInt":"99999999999999999999"}}',
    '{"a":{"$numberDouble":"NaN"}}',
    '{"a":{"$date":{"$numberLong":"99999999999999999999999"}}}',
    '{"a":{"$tcb_server_date":{"offset":{"$numberDouble":"Infinity"}}}}',
    '{"a":{"$regularExpression":{"pattern":"(a+)+$","options":"imsxu"}}}',
    '{"a":{"$binary":{"base64":"AAAA","subType":"00"}}}',
    '{"a":{"$minKey":1}}',
    '{"a":{"$code":"while(true){}"}}',
    '[]',
    '"just a string"',
    'null',
    '1',
    '',
    '\u0000',
    '{"a":1}{"b":2}',
    nested('{"a":', '}', '1', 10_000),
    nested('[', ']', '1', 10_000),
    nested('{"a":', '}', '1', 2_000),
    nested('{"$and":[', ']}', '{}', 3_000),
    `{"$set":{"${Array.from({ length: 1500 }, () => 'a').join('.')}":1}}`,
    `{"big":"${HUGE}"}`,
    `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
  ),
);

/** Values in the place of any wire field: every JSON type, extremes, prototype names, raw numbers. */
export const anyField: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  ejsonText,
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', HUGE, '', ' ', '../x', 'DOC', 'WHERE', true, false, null),
  fc.constantFrom(...RAW_NUMBERS).map(rawMarker),
  fc.array(ejsonText, { maxLength: 3 }),
);

const SHAPES: Record<string, string[]> = {
  'database.insertDocument': ['collectionName', 'data', 'transactionId'],
  'database.getDocument': ['collectionName', 'query', 'queryType', 'multi', 'order', 'offset', 'limit', 'projection', 'transactionId'],
  'database.calculateDocument': ['collectionName', 'query', 'queryType'],
  'database.modifyDocument': ['collectionName', 'query', 'queryType', 'multi', 'merge', 'upsert', 'data', 'transactionId'],
  'database.removeDocument': ['collectionName', 'query', 'queryType', 'multi', 'transactionId'],
  'database.aggregateDocuments': ['collectionName', 'stages'],
  'database.addCollection': ['collectionName'],
  'database.commitTransaction': ['transactionId'],
  'database.abortTransaction': ['transactionId'],
  'database.startTransaction': [],
  'functions.invokeFunction': ['function_name', 'request_data', 'qualifier'],
  'wx.openApi': ['apiName', 'requestData'],
};

const stage = fc.record(
  { stageKey: fc.oneof(fc.constantFrom('$match', '$group', '$sort', '$lookup', '$skip', '$limit', '$project', '$unwind', '$out', '$merge', '$bogus', 'match', '$__proto__'), anyField), stageValue: anyField },
  { requiredKeys: [] },
);

/**
 * A well-formed envelope around hostile fields: a known action, `collectionName` among the given
 * target (writable by the fuzzer), names that cannot exist, and wrong types; `limit`/`offset`
 * negative, fractional, strings or infinite; unknown transactionIds.
 */
export function actionBody(target: string): fc.Arbitrary<AdminCase> {
  const collectionName = fc.oneof(
    { weight: 4, arbitrary: fc.constant(target) },
    { weight: 1, arbitrary: fc.constantFrom('no_such_collection_fuzz', '__proto__', 'constructor', 'hasOwnProperty', '../users', 'a b', 'x'.repeat(101), HUGE, '') },
    { weight: 1, arbitrary: anyField.filter((v) => typeof v !== 'string' || /^fuzz|[^A-Za-z0-9_-]/.test(v) || v === '') },
  );
  const fieldValue = (name: string): fc.Arbitrary<unknown> => {
    switch (name) {
      case 'collectionName':
        return collectionName;
      case 'query':
      case 'data':
      case 'order':
      case 'projection':
        return fc.oneof({ weight: 3, arbitrary: ejsonText }, { weight: 1, arbitrary: anyField });
      case 'limit':
      case 'offset':
        return fc.oneof(fc.integer({ min: -1000, max: 5000 }), fc.double(), fc.constantFrom(...RAW_NUMBERS).map(rawMarker), anyField);
      case 'stages':
        return fc.oneof({ weight: 3, arbitrary: fc.array(stage, { maxLength: 4 }) }, { weight: 1, arbitrary: anyField });
      case 'transactionId':
        return fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), anyField);
      case 'function_name':
        return fc.oneof(fc.constantFrom('user', 'nope', '../user', 'user/../user', '__proto__', 'constructor'), anyField);
      default:
        return anyField;
    }
  };
  return fc.constantFrom(...Object.keys(SHAPES)).chain((action) => {
    const fields = Object.fromEntries(SHAPES[action].map((f) => [f, fieldValue(f)]));
    return fc.record(fields, { requiredKeys: [] }).map((f) =>
      labelled({ contentType: 'application/json', body: stringifyWithRaw({ action, envName: 'local-env', ...f }), action }),
    );
  });
}

/** Bodies that are not a well-formed admin request at all, under every content type. */
export const garbageBody: fc.Arbitrary<AdminCase> = fc
  .record({
    contentType: fc.option(
      fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=',
        'multipart/form-data; boundary=xyz', 'application/octet-stream', 'application/json; charset=utf-16', '*/*', '\u00ff\u00fe'),
      { nil: undefined },
    ),
    body: fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 300 }),
      fc.constantFrom('', '{', '{"action":', '{"action":null}', '{"action":""}', '{"action":"database.getDocument"', '{"action":["database.getDocument"]}',
        '{"action":"__proto__"}', '{"action":"constructor"}', '{"action":"toString"}', '{"action":"hasOwnProperty"}', '{"__proto__":{"action":"database.startTransaction"}}',
        '{"action":"database.getDocument","__proto__":{"collectionName":"users"}}', `{"action":"${HUGE}"}`, nested('[', ']', '0', 10_000), '\ufeff{"action":"x"}'),
    ),
  })
  .map((c) => labelled<AdminCase>(c));

/** wx.openApi multipart bodies: good and bad protobuf, missing fields, truncated anywhere. */
export const multipartBody: fc.Arbitrary<AdminCase> = fc
  .record({
    boundary: fc.constantFrom('----fuzzboundary', 'b', 'x'.repeat(70)),
    apiName: fc.option(fc.constantFrom('subscribeMessage.send', 'security.msgSecCheck', 'wxacode.getUnlimited', 'no.such', '__proto__', 'constructor', ''), { nil: undefined }),
    action: fc.option(fc.constantFrom('wx.openApi', 'database.startTransaction', '__proto__', ''), { nil: undefined }),
    requestData: fc.oneof(
      fc.uint8Array({ maxLength: 100 }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }).map((p) => new Uint8Array(encodeCommApiData(p))),
      fc.constant(new Uint8Array(encodeCommApiData({ scene: 'a=1', page: 'pages/index/index', width: 280 }))),
      fc.constant(new Uint8Array(encodeCommApiData({ content: 'x'.repeat(100_000) }))),
    ),
    requestDataType: fc.constantFrom('application/octet-stream', 'text/plain; charset=utf-16', undefined),
    cutAt: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    closed: fc.boolean(),
  })
  .map((m) => {
    const parts: Buffer[] = [];
    const field = (name: string, value: Buffer, type?: string) =>
      parts.push(Buffer.from(`--${m.boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`), value, Buffer.from('\r\n'));
    if (m.action !== undefined) field('action', Buffer.from(m.action));
    if (m.apiName !== undefined) field('apiName', Buffer.from(m.apiName));
    field('requestData', Buffer.from(m.requestData), m.requestDataType);
    if (m.closed) parts.push(Buffer.from(`--${m.boundary}--\r\n`));
    let body = Buffer.concat(parts);
    if (m.cutAt !== undefined) body = body.subarray(0, Math.floor(body.length * m.cutAt));
    return labelled({ contentType: `multipart/form-data; boundary=${m.boundary}`, body: new Uint8Array(body), action: m.action });
  });
