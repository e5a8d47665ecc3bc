// storage.* actions of the admin wire protocol, answered as @cloudbase/node-sdk 3.17.2 reads them
// (src/storage/index.ts): getUploadMetadata -> data.{url, token, authorization, fileId, cosFileId}
// (a missing url crashes the SDK); batchGetDownloadUrl -> data.download_list; batchDeleteFile ->
// data.delete_list; batchCopyFile -> data.copy_list. Per-file results carry `code` ('SUCCESS' or a
// CloudBase code): wx-server-sdk maps it to `status` (STORAGE_FILE_NONEXIST -> -503003) and
// node-sdk's downloadFile throws it. A bad file among several is a per-file error, never a crash.
import { randomBytes } from 'node:crypto';
import { ActionTable, WireError, WireRequest } from '../wire';
import { fileIdOf, pathOfFileId, pathOfFileIdOrPath, validCloudPath } from './paths';
import { Signer } from './signing';
import { FileStore } from './store';

/** CloudBase's documented per-call limit for getTempFileURL / deleteFile. */
export const MAX_FILES_PER_CALL = 50;
/** Seconds. CloudBase's default lifetime of a temporary URL is one day. */
export const DEFAULT_MAX_AGE = 86_400;
const UPLOAD_TTL = 600;

export interface StorageContext {
  store: FileStore;
  signer: Signer;
  envName: string;
  /** http://host:port of the emulator; known once it listens. */
  baseUrl: () => string;
}

type PerFile = Record<string, unknown> & { code: string };

export function createStorageActions(ctx: StorageContext): ActionTable {
  return {
    'storage.getUploadMetadata': (req) => {
      const cloudPath = validCloudPath(req.body.path, 'path');
      const expiresAt = nowSeconds() + UPLOAD_TTL;
      const fileId = fileIdOf(ctx.envName, cloudPath);
      return {
        data: {
          url: `${ctx.baseUrl()}/storage/${encodePath(cloudPath)}`,
          token: randomBytes(16).toString('hex'),
          authorization: ctx.signer.authorization(cloudPath, expiresAt),
          fileId,
          cosFileId: randomBytes(12).toString('hex'),
          download_url: tempUrl(ctx, cloudPath, DEFAULT_MAX_AGE),
        },
      };
    },

    'storage.batchGetDownloadUrl': (req) => {
      const list = fileArray(req, 'file_list');
      const download_list = list.map((item): PerFile => {
        const entry = (item && typeof item === 'object' ? item : {}) as { fileid?: unknown; max_age?: unknown };
        const fileID = entry.fileid;
        const maxAge = maxAgeOf(entry.max_age);
        const cloudPath = pathOfFileId(fileID);
        if (cloudPath === null) return { fileID, tempFileURL: '', maxAge, code: 'INVALID_PARAM', message: `not a valid file ID: ${JSON.stringify(fileID)}` };
        if (!ctx.store.stat(cloudPath)) return { fileID, tempFileURL: '', maxAge, code: 'STORAGE_FILE_NONEXIST', message: `file not found: ${cloudPath}` };
        return { fileID, tempFileURL: tempUrl(ctx, cloudPath, maxAge), maxAge, code: 'SUCCESS' };
      });
      return { data: { download_list } };
    },

    'storage.batchDeleteFile': (req) => {
      const delete_list = fileArray(req, 'fileid_list').map((fileID): PerFile => {
        const cloudPath = pathOfFileId(fileID);
        if (cloudPath === null) return { fileID, code: 'INVALID_PARAM', message: `not a valid file ID: ${JSON.stringify(fileID)}` };
        // UNVERIFIED: whether CloudBase reports a missing file here or deletes it silently.
        return ctx.store.delete(cloudPath) ? { fileID, code: 'SUCCESS' } : { fileID, code: 'STORAGE_FILE_NONEXIST', message: `file not found: ${cloudPath}` };
      });
      return { data: { delete_list } };
    },

    'storage.batchCopyFile': (req) => {
      const copy_list = fileArray(req, 'file_list').map((item): PerFile => {
        const entry = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
        const src = pathOfFileIdOrPath(entry.src_path);
        const dst = pathOfFileIdOrPath(entry.dst_path);
        if (src === null || dst === null) return { code: 'INVALID_PARAM', message: 'src_path and dst_path must be valid paths or file IDs' };
        const fileId = fileIdOf(ctx.envName, dst);
        if (entry.overwrite === false && ctx.store.stat(dst)) return { fileId, code: 'STORAGE_REQUEST_FAIL', message: `destination exists: ${dst}` };
        if (!ctx.store.copy(src, dst)) return { fileId, code: 'STORAGE_FILE_NONEXIST', message: `file not found: ${src}` };
        if (entry.remove_original === true) ctx.store.delete(src);
        return { fileId, code: 'SUCCESS' };
      });
      return { data: { copy_list } };
    },

    // Only sent by node-sdk for an end user (an openId or uid); the emulator has no storage
    // security rules, so everything is readable and writable.
    'storage.getFileAuthority': (req) => {
      const list = Array.isArray(req.body.fileList) ? (req.body.fileList as Array<{ path?: unknown }>) : [];
      return { data: list.map((f) => ({ path: f?.path, cosFileId: randomBytes(12).toString('hex'), read: true, write: true })) };
    },
  };
}

export function tempUrl(ctx: StorageContext, cloudPath: string, maxAge: number): string {
  const t = nowSeconds() + maxAge;
  // The path goes unencoded, as CloudBase's does: node-sdk runs encodeURI on it before its GET.
  return `${ctx.baseUrl()}/storage/${cloudPath}?sign=${ctx.signer.sign('get', cloudPath, t)}&t=${t}`;
}

export function encodePath(cloudPath: string): string {
  return cloudPath.split('/').map(encodeURIComponent).join('/');
}

function fileArray(req: WireRequest, field: string): unknown[] {
  const list = req.body[field];
  if (!Array.isArray(list) || list.length === 0) throw new WireError('INVALID_PARAM', `${field} must be a non-empty array`);
  if (list.length > MAX_FILES_PER_CALL) throw new WireError('INVALID_PARAM', `${field} has ${list.length} entries; at most ${MAX_FILES_PER_CALL} per call`);
  return list;
}

function maxAgeOf(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : DEFAULT_MAX_AGE;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
