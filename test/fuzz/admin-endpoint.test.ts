// Property-based hostile input for the admin endpoint (POST /admin): whatever a client sends, the
// answer is HTTP 200 with a CloudBase envelope (or a valid success), a caller's mistake is never
// SYS_ERR or a disguised engine crash, nothing outside the fuzzed collection changes, and the
// real SDK keeps working afterwards. Acceptable error codes: CALLER_ERROR_CODES in ./support.
import fc from 'fast-check';
import { startEmulator, type RunningEmulator } from '../../emulator/emulator';
import { decodeCommOpenApiResp } from '../../emulator/openapi/protobuf';
import { actionBody, AdminCase, garbageBody, labelled, multipartBody } from './admin-arbitraries';
import { adminUrl, CALLER_ERROR_CODES, describeInput, ENGINE_ERROR, nodeSdk, PARSER_BOUNDARY, post, RawAnswer, uniqueName } from './support';

const RUNS = Number(process.env.FUZZ_RUNS ?? 250);
const TARGET = uniqueName('fuzz_target');
const SENTINEL = uniqueName('fuzz_sentinel');
const SENTINEL_DOCS = [
  { _id: 's1', title: 'keep me', n: 1, when: new Date(1_700_000_000_000), tags: ['a', 'b'] },
  { _id: 's2', nested: { deep: { value: 'x' } }, n: 2 },
];

jest.setTimeout(120_000);

// Inputs that once broke the endpoint: always run first, whatever the seed.
const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const json = (body: Record<string, unknown>): [AdminCase] => [labelled({ contentType: 'application/json', body: JSON.stringify(body), action: String(body.action) })];
const ACTION_EXAMPLES: Array<[AdminCase]> = [
  json({ action: 'database.getDocument', collectionName: TARGET, query: deep(5_000) }), // was "Maximum call stack" as the message
  json({ action: 'database.insertDocument', collectionName: TARGET, data: [deep(2_000)] }), // was SYS_ERR (SQLite JSON depth)
  json({ action: 'database.modifyDocument', collectionName: TARGET, query: '{}', multi: true, data: JSON.stringify({ $set: { [Array(1_500).fill('a').join('.')]: 1 } }) }), // was SYS_ERR
  json({ action: 'database.insertDocument', collectionName: TARGET, data: ['{"a":{"__proto__":{"x":1}}}'] }), // was acknowledged, field dropped
  json({ action: 'database.aggregateDocuments', collectionName: TARGET, stages: [{ stageKey: '$lookup', stageValue: 'null' }] }), // was mingo's TypeError as the message
  json({ action: 'database.aggregateDocuments', collectionName: TARGET, stages: [{ stageKey: '$facet', stageValue: '{"a":[1]}' }] }),
];
const part = (name: string, value: string, type?: string) =>
  `--b\r\nContent-Disposition: form-data; name="${name}"${type === 'file' ? '; filename="f"' : ''}\r\n${type && type !== 'file' ? `Content-Type: ${type}\r\n` : ''}\r\n${value}\r\n`;
const multipart = (body: string): [AdminCase] => [labelled({ contentType: 'multipart/form-data; boundary=b', body, action: 'wx.openApi' })];
const MULTIPART_EXAMPLES: Array<[AdminCase]> = [
  multipart(part('action', 'wx.openApi') + part('requestData', 'x', 'text/plain; charset=utf-16') + '--b--\r\n'), // was an uncaught TypeError
  multipart(part('action', 'wx.openApi') + '--b\r\nContent-Disposition: form-data; name="requestData"; filename="f"\r\n\r\nabc'), // was an uncaught "Unexpected end of form"
];

const send = (url: string, c: AdminCase) => post(`${url}?env=local-env`, c.body, c.contentType === undefined ? {} : { 'content-type': c.contentType });

/** The property every answer must have; returns the parsed JSON envelope (undefined for a raw openApi answer). */
function checkAnswer(c: AdminCase, a: RawAnswer): Record<string, unknown> | undefined {
  const where = `for ${describeInput(c.body)} → ${a.status} ${a.text.slice(0, 300)}`;
  if (a.status !== 200) throw new Error(`HTTP ${a.status} ${where}`);
  if (c.action === 'wx.openApi' && a.contentType === 'application/octet-stream') {
    decodeCommOpenApiResp(a.bytes);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(a.text);
  } catch {
    throw new Error(`not JSON ${where}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`not a JSON object ${where}`);
  const o = json as Record<string, unknown>;
  if (typeof o.requestId !== 'string' || !o.requestId) throw new Error(`no requestId ${where}`);
  if ('code' in o) {
    if (typeof o.code !== 'string' || !o.code) throw new Error(`code is not a non-empty string ${where}`);
    if (!CALLER_ERROR_CODES.has(o.code)) throw new Error(`code ${o.code} for a caller's mistake ${where}`);
    if (typeof o.message !== 'string') throw new Error(`no message ${where}`);
    if (ENGINE_ERROR.test(o.message) && !PARSER_BOUNDARY.test(o.message)) throw new Error(`an engine error leaked as the message ${where}`);
    return o;
  }
  checkSuccess(c.action, o, where);
  return o;
}

function checkSuccess(action: string | undefined, o: Record<string, unknown>, where: string): void {
  const data = o.data as Record<string, unknown> | undefined;
  const isStrings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  const ok = (() => {
    switch (action) {
      case 'database.insertDocument':
        return isStrings(data?.insertedIds);
      case 'database.getDocument':
      case 'database.aggregateDocuments':
        return isStrings(data?.list);
      case 'database.calculateDocument':
        return typeof data?.total === 'number';
      case 'database.modifyDocument':
        return typeof data?.updated === 'number';
      case 'database.removeDocument':
        return typeof data?.deleted === 'number';
      case 'database.startTransaction':
        return typeof o.transactionId === 'string';
      case 'functions.invokeFunction':
        return typeof data?.response_data === 'string';
      default:
        return true;
    }
  })();
  if (!ok) throw new Error(`success without the shape ${action} needs ${where}`);
}

describe('admin endpoint under hostile input (shared emulator)', () => {
  const app = nodeSdk();
  const db = app.database();
  const snapshot = async (coll: string) => JSON.stringify((await db.collection(coll).limit(1000).get()).data);

  beforeAll(async () => {
    await db.createCollection(TARGET);
    await db.createCollection(SENTINEL);
    for (const d of SENTINEL_DOCS) await db.collection(SENTINEL).add(d);
    await db.collection(TARGET).add({ _id: 't1', n: 1 });
  });

  // After a property: the SDK still works and the documents nobody named are intact.
  afterEach(async () => {
    const docs = (await db.collection(SENTINEL).orderBy('_id', 'asc').get()).data;
    expect(docs).toEqual(SENTINEL_DOCS);
    const added = await db.collection(SENTINEL).add({ check: true });
    await db.collection(SENTINEL).doc(added.id as string).remove();
  });

  test('garbage bodies under any content type get an envelope', async () => {
    await fc.assert(
      fc.asyncProperty(garbageBody, async (c) => {
        checkAnswer(c, await send(adminUrl(), c));
      }),
      { numRuns: RUNS },
    );
  });

  test('valid actions with hostile fields: caller error codes or a valid success; an error changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(actionBody(TARGET), async (c) => {
        const before = await snapshot(TARGET);
        const answer = checkAnswer(c, await send(adminUrl(), c));
        if (answer && 'code' in answer) expect(await snapshot(TARGET)).toBe(before);
      }),
      { numRuns: RUNS, examples: ACTION_EXAMPLES },
    );
  });

  test('wx.openApi multipart bodies, truncated or not, get an envelope or a protobuf answer', async () => {
    await fc.assert(
      fc.asyncProperty(multipartBody, async (c) => {
        checkAnswer(c, await send(adminUrl(), c));
      }),
      { numRuns: Math.ceil(RUNS / 2), examples: MULTIPART_EXAMPLES },
    );
  });

  test('a body over the 16 MB limit still gets an envelope', async () => {
    const a = await send(adminUrl(), { contentType: 'application/json', body: `{"action":"database.getDocument","x":"${'x'.repeat(17 * 1024 * 1024)}"}` });
    expect(checkAnswer({ body: '<17 MB>' }, a)).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringMatching(/over/) });
  });

  test('a client that disconnects mid-body leaves the server serving', async () => {
    const { request } = await import('node:http');
    for (const type of ['application/json', 'multipart/form-data; boundary=b']) {
      await new Promise<void>((resolve) => {
        const req = request(`${adminUrl()}?env=local-env`, { method: 'POST', headers: { 'content-type': type, 'content-length': '100000' } });
        req.on('error', () => resolve());
        req.write(type.startsWith('multipart') ? '--b\r\nContent-Disposition: form-data; name="action"\r\n\r\nwx.op' : '{"action":"database.getDoc');
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50);
      });
    }
    expect((await db.collection(SENTINEL).count()).total).toBe(SENTINEL_DOCS.length);
  });
});

// Prototype pollution would happen inside the emulator's process, so this property runs an
// emulator in the test process itself (no function runner) and looks at Object.prototype.
describe('admin endpoint under hostile input (in-process emulator)', () => {
  let emu: RunningEmulator;
  const protoKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  const clean = protoKeys();
  beforeAll(async () => {
    emu = await startEmulator({ dataDir: null, poolSize: 0, collections: [] });
    await post(emu.adminUrl, JSON.stringify({ action: 'database.addCollection', collectionName: TARGET }), { 'content-type': 'application/json' });
  }, 30_000); // starting an emulator takes well over jest's 5 s on a loaded machine
  afterAll(() => emu?.close());

  // Never lost data: a document the store acknowledges reads back exactly as sent, whatever its
  // field names (prototype names, $-prefixed, dotted, empty, unicode) and values.
  test('an acknowledged insert reads back unchanged; a refused one stores nothing', async () => {
    const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '$x', 'a.b', '', ' ', '_id2', '中文'), fc.string({ maxLength: 8 }));
    const value = fc.jsonValue({ maxDepth: 3 }).filter((v) => !Object.is(v, -0));
    const doc = fc.letrec((tie) => ({
      obj: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, { weight: 3, arbitrary: value }, { weight: 1, arbitrary: tie('obj') }), { maxKeys: 5 }),
    })).obj;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(doc, async (d) => {
        const _id = `rt${n++}`;
        const text = `{"_id":${JSON.stringify(_id)},${JSON.stringify(d).slice(1)}`.replace(',}', '}');
        const call = (body: unknown) => post(emu.adminUrl, JSON.stringify(body), { 'content-type': 'application/json' }).then((a) => JSON.parse(a.text));
        const ins = await call({ action: 'database.insertDocument', collectionName: TARGET, data: [text] });
        const got = await call({ action: 'database.getDocument', collectionName: TARGET, query: JSON.stringify({ _id }), queryType: 'DOC' });
        if (ins.code) {
          expect(CALLER_ERROR_CODES.has(ins.code)).toBe(true);
          expect(got.data.list).toEqual([]);
        } else {
          expect(got.data.list.map((t: string) => JSON.parse(t))).toEqual([JSON.parse(text)]);
        }
      }),
      { numRuns: RUNS, examples: [[JSON.parse('{"a":{"__proto__":{"x":1}}}')]] },
    );
  });

  test('no request pollutes Object.prototype', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(actionBody(TARGET), garbageBody, multipartBody), async (c) => {
        checkAnswer(c, await send(emu.adminUrl, c));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(protoKeys()).toBe(clean);
      }),
      { numRuns: RUNS },
    );
  });
});
