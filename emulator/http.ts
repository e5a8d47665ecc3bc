// The emulator's HTTP front: the CloudBase admin endpoint (POST /admin, any action in the body),
// the dev function gateway (POST /functions/<name>) and small dev routes. Every admin answer is
// HTTP 200 with a JSON body (the SDK parses the body before it looks at the status: pitfall P6).
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import busboy from 'busboy';
import { ActionTable, Caller, RawResponse, WireError, WireRequest } from './wire';
import { RequestLog } from './request-log';

const MAX_BODY = 16 * 1024 * 1024;

export interface GatewayAnswer {
  status: number;
  body: unknown;
  openid?: string;
  code?: string;
}
export type Gateway = (fnName: string, body: unknown, headers: http.IncomingHttpHeaders) => Promise<GatewayAnswer>;
export type DevRoute = (req: http.IncomingMessage, body: Buffer) => Promise<{ status: number; body: unknown }>;
/** A route that reads its own body (large uploads stream past MAX_BODY) and writes its own answer. */
export interface StreamRoute {
  matches(method: string, pathname: string): boolean;
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void>;
}

export interface HttpFrontOptions {
  actions: ActionTable;
  resolveCaller: (token: string) => Caller | undefined;
  gateway?: Gateway;
  devRoutes?: Record<string, DevRoute>;
  /** Storage: the COS-style PUT/GET of objects and the dev upload. */
  streamRoutes?: StreamRoute[];
  log: RequestLog;
}

export function createHttpFront(opts: HttpFrontOptions): http.Server {
  const server = http.createServer((req, res) => {
    handle(opts, req, res).catch((err) => {
      // Last resort: never crash, never leave the socket hanging.
      sendJson(res, 200, { code: 'SYS_ERR', message: String(err?.message ?? err), requestId: randomUUID() });
    });
  });
  // The SDK keeps idle sockets for up to 4.8 s (pitfall P7): stay open longer than that.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

async function handle(opts: HttpFrontOptions, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const started = performance.now();
  if (req.method === 'POST' && url.pathname === '/admin') return handleAdmin(opts, req, res, url, started);
  const stream = opts.streamRoutes?.find((r) => r.matches(req.method ?? 'GET', url.pathname));
  if (stream) return stream.handle(req, res, url);
  if (url.pathname.startsWith('/functions/')) {
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice('/functions/'.length));
    } catch {
      // A malformed %-escape is the caller's mistake: a gateway envelope, not the admin SYS_ERR
      // the last-resort handler would send.
      await readBody(req).catch(() => Buffer.alloc(0));
      return sendJson(res, 400, { ok: false, error: { code: 'invalid-argument', message: 'the function name in the path is not valid percent-encoding' } });
    }
    if (!opts.gateway) {
      await readBody(req).catch(() => Buffer.alloc(0));
      return sendJson(res, 403, {
        ok: false,
        error: { code: 'permission-denied', message: 'the function gateway is only served in dev mode (start with --dev)' },
      });
    }
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'invalid-argument', message: 'use POST' } });
    let body: unknown;
    try {
      const raw = await readBody(req);
      body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch (e) {
      return sendJson(res, 400, { ok: false, error: { code: 'invalid-argument', message: `body is not JSON: ${(e as Error).message}` } });
    }
    let answer: GatewayAnswer;
    try {
      answer = await opts.gateway(name, body, req.headers);
    } catch (e) {
      // The gateway's own failure: still the envelope the mini-program's transport reads.
      answer = { status: 500, code: 'internal', body: { ok: false, error: { code: 'internal', message: `gateway error: ${(e as Error)?.message ?? String(e)}` } } };
    }
    opts.log.write({
      at: new Date().toISOString(),
      // Hostile bodies send any JSON here ({"toString":""} made String() throw): log strings only.
      requestId: typeof (body as { requestId?: unknown })?.requestId === 'string' ? (body as { requestId: string }).requestId : '',
      kind: 'gateway',
      fn: name,
      action: typeof (body as { action?: unknown })?.action === 'string' ? (body as { action: string }).action : undefined,
      openid: answer.openid,
      ms: performance.now() - started,
      code: answer.code,
    });
    return sendJson(res, answer.status, answer.body);
  }
  const dev = opts.devRoutes?.[`${req.method} ${url.pathname}`] ?? prefixRoute(opts.devRoutes, req.method, url.pathname);
  if (dev) {
    const raw = await readBody(req);
    const out = await dev(req, raw);
    return sendJson(res, out.status, out.body);
  }
  if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/health')) {
    return sendJson(res, 200, { ok: true, service: 'cloudbase-emulator', admin: '/admin', gateway: opts.gateway ? '/functions/<name>' : null });
  }
  await readBody(req).catch(() => Buffer.alloc(0));
  return sendJson(res, 404, { code: 'INVALID_PARAM', message: `no route ${req.method} ${url.pathname}`, requestId: randomUUID() });
}

async function handleAdmin(
  opts: HttpFrontOptions,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  started: number,
): Promise<void> {
  const requestId = randomUUID().replace(/-/g, '');
  let wire: WireRequest | undefined;
  try {
    wire = await parseAdminRequest(req, url, requestId);
    const token = typeof wire.body.wxCloudApiToken === 'string' ? wire.body.wxCloudApiToken : '';
    wire.caller = token ? opts.resolveCaller(token) : undefined;
    const handler = Object.prototype.hasOwnProperty.call(opts.actions, wire.action) ? opts.actions[wire.action] : undefined;
    if (!handler) throw new WireError('INVALID_ACTION', `unknown action "${wire.action}"`);
    const result = await handler(wire);
    logAdmin(opts.log, wire, requestId, started);
    if (result instanceof RawResponse) {
      res.writeHead(200, { 'content-type': result.contentType, 'content-length': result.body.length });
      res.end(result.body);
      return;
    }
    sendJson(res, 200, { ...result, requestId });
  } catch (err) {
    const code = err instanceof WireError ? err.code : 'SYS_ERR';
    const message = err instanceof Error ? err.message : String(err);
    logAdmin(opts.log, wire, requestId, started, code, message);
    sendJson(res, 200, { code, message, requestId });
  }
}

function logAdmin(log: RequestLog, wire: WireRequest | undefined, requestId: string, started: number, code?: string, message?: string) {
  log.write({
    at: new Date().toISOString(),
    requestId,
    kind: 'admin',
    action: wire?.action,
    collection: typeof wire?.body.collectionName === 'string' ? wire.body.collectionName : undefined,
    fn: wire?.caller?.functionName,
    openid: wire?.caller?.openid,
    ms: performance.now() - started,
    code,
    message,
  });
}

async function parseAdminRequest(req: http.IncomingMessage, url: URL, requestId: string): Promise<WireRequest> {
  const type = String(req.headers['content-type'] ?? '');
  const base = { headers: req.headers, query: url.searchParams, requestId, files: {} as Record<string, Buffer> };
  if (type.startsWith('multipart/form-data')) {
    const { fields, files } = await parseMultipart(req);
    if (!fields.action) throw new WireError('INVALID_PARAM', 'multipart request without an action field');
    return { ...base, action: fields.action, body: fields, files };
  }
  const raw = await readBody(req);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw new WireError('INVALID_PARAM', `request body is not JSON: ${(e as Error).message}`);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new WireError('INVALID_PARAM', 'request body must be a JSON object');
  const action = (body as { action?: unknown }).action;
  if (typeof action !== 'string' || !action) throw new WireError('INVALID_PARAM', 'request body has no "action"');
  return { ...base, action, body: body as Record<string, unknown> };
}

// Binary-safe multipart parsing. busboy turns a part into a *file* only when it has a filename or
// is application/octet-stream; any other part becomes a *field* string decoded with a charset,
// which would corrupt binary bytes (e.g. a protobuf requestData sent without a content type).
// So fields are decoded as latin1 (one char per byte, lossless), then turned back into bytes:
// valid UTF-8 becomes the text field, anything else is also kept as raw bytes in `files`.
// Caveat: a text part declaring its own non-latin1 charset is decoded by busboy with it and kept
// as is (form-data, used by the SDK, never declares one).
function parseMultipart(req: http.IncomingMessage): Promise<{ fields: Record<string, string>; files: Record<string, Buffer> }> {
  return new Promise((resolve, reject) => {
    // No prototype: a part named "__proto__" must be a plain entry, not a prototype change.
    const fields: Record<string, string> = Object.create(null);
    const files: Record<string, Buffer> = Object.create(null);
    // A malformed body makes busboy report an error from several places (the parser, the open
    // file stream, a decoder), and a listener that throws inside busboy's write is an uncaught
    // exception: the process dies. So every path settles the promise once, through `fail`,
    // and the rest of the body is drained so that the error envelope can still be answered.
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      req.unpipe();
      req.resume();
      reject(new WireError('INVALID_PARAM', `bad multipart request: ${message}`));
    };
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, defCharset: 'latin1', limits: { fileSize: MAX_BODY, fieldSize: MAX_BODY } });
    } catch (e) {
      fail((e as Error).message);
      return;
    }
    bb.on('field', (name, value: unknown) => {
      // busboy yields no string for a part whose declared charset it cannot decode (e.g. utf-16).
      if (typeof value !== 'string') return fail(`field "${name}" declares a charset that cannot be decoded`);
      // A code point above 0xFF means busboy used a charset the part declared: already text.
      if (/[^\u0000-\u00ff]/.test(value)) return void (fields[name] = value);
      const bytes = Buffer.from(value, 'latin1');
      const text = bytes.toString('utf8');
      fields[name] = text;
      if (!Buffer.from(text, 'utf8').equals(bytes)) files[name] = bytes;
    });
    bb.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => (files[name] = Buffer.concat(chunks)));
      // A truncated body errors the open file stream too: unhandled, it would crash the process.
      stream.on('error', (e: Error) => fail(e.message));
    });
    bb.on('close', () => {
      if (settled) return;
      settled = true;
      resolve({ fields, files });
    });
    bb.on('error', (e) => fail((e as Error).message));
    // A client that disconnects mid-body never lets busboy close: settle instead of hanging.
    req.on('aborted', () => fail('the client closed the connection'));
    req.on('error', (e) => fail(e.message));
    req.pipe(bb);
  });
}

/** A dev route keyed "METHOD /prefix/*" serves every path under /prefix/ (it parses the rest itself). */
function prefixRoute(routes: Record<string, DevRoute> | undefined, method: string | undefined, pathname: string): DevRoute | undefined {
  for (const [key, route] of Object.entries(routes ?? {})) {
    if (key.endsWith('/*') && `${method} ${pathname}`.startsWith(key.slice(0, -1))) return route;
  }
  return undefined;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        // Stop buffering but keep draining (discarding) the rest, so that the caller still gets
        // its error envelope: destroying the socket here would leave the SDK a bare ECONNRESET.
        req.off('data', onData);
        req.resume();
        chunks.length = 0;
        settle(() => reject(new WireError('INVALID_PARAM', `request body over ${MAX_BODY} bytes`)));
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => settle(() => resolve(Buffer.concat(chunks))));
    req.on('error', (e) => settle(() => reject(e)));
    // A client that disconnects mid-body: settle (nobody is listening for the answer any more).
    req.on('aborted', () => settle(() => reject(new WireError('INVALID_PARAM', 'the client closed the connection'))));
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
