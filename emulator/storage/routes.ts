// HTTP side of the emulated storage, served by the emulator itself in place of COS:
//   PUT  /storage/<path>   the upload node-sdk's uploadFile sends after storage.getUploadMetadata
//                          (raw body, chunked, `authorization` header echoed from the metadata);
//                          empty 200 on success, a COS XML <Error> otherwise.
//   GET|HEAD /storage/<path>?sign=&t=   a temporary URL from storage.batchGetDownloadUrl
//                          (downloadFile GETs it, getFileInfo HEADs it); 403 when forged or expired.
//   POST /dev/upload       dev mode only: the mini-program's emulator transport (wx.uploadFile).
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import busboy from 'busboy';
import type { StreamRoute } from '../http';
import type { RequestLog } from '../request-log';
import { cloudPathProblem, contentTypeFor, fileIdOf } from './paths';
import { Signer } from './signing';
import { FileStore } from './store';
import { sendCosError } from './xml';
import { devCaller } from '../dev-identity';

export interface StorageRoutesOptions {
  store: FileStore;
  signer: Signer;
  envName: string;
  maxFileBytes: number;
  dev: boolean;
  log: RequestLog;
}

export function storageRoutes(opts: StorageRoutesOptions): StreamRoute[] {
  return [
    { matches: (_m, p) => p.startsWith('/storage/'), handle: (req, res, url) => serveObject(opts, req, res, url) },
    { matches: (_m, p) => p === '/dev/upload', handle: (req, res) => devUpload(opts, req, res) },
  ];
}

async function serveObject(opts: StorageRoutesOptions, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const started = performance.now();
  const method = req.method ?? 'GET';
  const cloudPath = decodePath(url.pathname.slice('/storage/'.length));
  const done = (code?: string) => opts.log.write({ at: new Date().toISOString(), requestId: '', kind: 'storage', action: method, path: cloudPath ?? url.pathname, ms: performance.now() - started, code });
  const fail = async (status: number, code: string, message: string) => {
    await drain(req);
    sendCosError(res, status, code, message, url.pathname);
    done(code);
  };
  if (cloudPath === null || cloudPathProblem(cloudPath)) return fail(400, 'InvalidURI', `invalid object path: ${cloudPathProblem(cloudPath) ?? 'bad percent-encoding'}`);

  if (method === 'PUT') {
    const verdict = opts.signer.verifyAuthorization(cloudPath, req.headers.authorization);
    if (verdict !== 'ok') return fail(403, 'AccessDenied', verdict === 'expired' ? 'Request has expired' : 'upload authorization is missing or does not match the path');
    const body = await readLimited(req, opts.maxFileBytes);
    if (body === 'too-large') return fail(400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed object size (${opts.maxFileBytes} bytes in the emulator)`);
    try {
      opts.store.write(cloudPath, body, contentTypeFor(cloudPath, req.headers['content-type']));
    } catch (e) {
      return fail(400, 'InvalidArgument', (e as Error).message);
    }
    res.writeHead(200, { 'content-length': 0, 'x-cos-request-id': randomUUID() });
    res.end();
    return done();
  }

  if (method === 'GET' || method === 'HEAD') {
    const verdict = opts.signer.verify('get', cloudPath, url.searchParams.get('t'), url.searchParams.get('sign'));
    if (verdict !== 'ok') return fail(403, 'AccessDenied', verdict === 'expired' ? 'Request has expired' : 'the URL signature does not match');
    const file = opts.store.read(cloudPath);
    if (!file) return fail(404, 'NoSuchKey', 'The specified key does not exist.');
    res.writeHead(200, {
      'content-type': file.meta.contentType,
      'content-length': file.bytes.length,
      'last-modified': new Date(file.meta.created).toUTCString(),
      'x-cos-request-id': randomUUID(),
    });
    res.end(method === 'HEAD' ? undefined : file.bytes);
    return done();
  }
  return fail(405, 'MethodNotAllowed', `${method} is not served on storage objects (PUT, GET, HEAD)`);
}

async function devUpload(opts: StorageRoutesOptions, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const started = performance.now();
  const caller = devCaller(req.headers);
  const openid = 'openid' in caller ? caller.openid : '';
  let cloudPath: string | undefined;
  const answer = async (status: number, body: unknown, code?: string) => {
    await drain(req);
    sendEnvelope(res, status, body);
    opts.log.write({ at: new Date().toISOString(), requestId: '', kind: 'dev', action: 'upload', path: cloudPath, openid: openid || undefined, ms: performance.now() - started, code });
  };
  const refuse = (status: number, code: string, message: string, reason: string) => answer(status, { ok: false, error: { code, message, details: { reason } } }, code);

  if (!opts.dev) return refuse(403, 'permission-denied', 'the dev upload route is only served in dev mode (start with --dev)', 'storage.dev_only');
  if (req.method !== 'POST') return refuse(405, 'invalid-argument', 'use POST', 'storage.bad_request');
  if ('problem' in caller) return refuse(401, 'unauthenticated', caller.problem, 'storage.no_caller');
  if (!String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    return refuse(400, 'invalid-argument', 'send multipart/form-data with a "file" part and a "cloudPath" field', 'storage.bad_request');
  }
  const form = await readUploadForm(req, opts.maxFileBytes);
  cloudPath = form.cloudPath;
  if (form.error) return refuse(400, 'invalid-argument', form.error, 'storage.bad_request');
  if (form.tooLarge) return refuse(413, 'resource-exhausted', `the file is over ${opts.maxFileBytes} bytes`, 'storage.too_large');
  if (!form.file) return refuse(400, 'invalid-argument', 'no "file" part in the form', 'storage.no_file');
  const problem = cloudPathProblem(form.cloudPath);
  if (problem) return refuse(400, 'invalid-argument', `invalid cloudPath ${JSON.stringify(form.cloudPath ?? null)}: ${problem}`, 'storage.invalid_path');
  const path = form.cloudPath as string;
  try {
    opts.store.write(path, form.file.bytes, contentTypeFor(path, form.file.mimeType), openid);
  } catch (e) {
    return refuse(400, 'invalid-argument', (e as Error).message, 'storage.invalid_path');
  }
  return answer(200, { ok: true, data: { fileID: fileIdOf(opts.envName, path) } });
}

interface UploadForm {
  cloudPath?: string;
  file?: { bytes: Buffer; mimeType: string };
  tooLarge?: boolean;
  error?: string;
}

// The file part may come before or after cloudPath (wx.uploadFile's order is not specified), so
// the bytes are held until the form is complete; busboy stops buffering at the size limit.
function readUploadForm(req: http.IncomingMessage, maxBytes: number): Promise<UploadForm> {
  return new Promise((resolve) => {
    const form: UploadForm = {};
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      resolve(form);
    };
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 4096 } });
    } catch (e) {
      form.error = `bad multipart request: ${(e as Error).message}`;
      return settle();
    }
    bb.on('field', (name, value) => {
      if (name === 'cloudPath') form.cloudPath = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== 'file') return void stream.resume();
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => (form.tooLarge = true));
      stream.on('end', () => (form.file = { bytes: Buffer.concat(chunks), mimeType: info.mimeType }));
      stream.on('error', (e: Error) => ((form.error = `bad multipart request: ${e.message}`), settle()));
    });
    bb.on('close', settle);
    bb.on('error', (e) => ((form.error = `bad multipart request: ${(e as Error).message}`), settle()));
    req.on('aborted', () => ((form.error = 'the client closed the connection'), settle()));
    req.pipe(bb);
  });
}

function decodePath(raw: string): string | null {
  try {
    return raw.split('/').map(decodeURIComponent).join('/');
  } catch {
    return null;
  }
}

/** The body up to `max` bytes; past it, the rest is read and discarded so that the answer still arrives. */
function readLimited(req: http.IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > max ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Read and discard what is left of a body we answer without using. */
function drain(req: http.IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  req.unpipe();
  return new Promise((resolve) => {
    req.on('end', resolve);
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.resume();
  });
}

function sendEnvelope(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
