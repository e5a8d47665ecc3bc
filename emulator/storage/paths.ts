// Cloud paths and file IDs of the emulated CloudBase storage.
// A file ID is `cloud://<env>.<bucket>/<path>`. CloudBase's bucket is `<hex of the env's first two
// characters>-<env>-<appid>` (e.g. `cloud://test-1a.7465-test-1a-1250000000/a.png`); the emulator
// mimics that shape so that code splitting file IDs behaves as in production. Every env and bucket
// resolves to the one local store, as the database aliases every env to the local database.
import { WireError } from '../wire';

/** COS limits an object key to 850 bytes; a file system limits one name to 255. */
export const MAX_PATH_BYTES = 850;
const MAX_SEGMENT_BYTES = 255;
const FAKE_APPID = '1250000000';

/**
 * The stored path of a cloud path, or a WireError saying why it is refused. Besides `..` and
 * absolute paths, `?`, `#` and `%` are refused: a temporary URL carries the path unencoded (the SDK
 * runs encodeURI on it), so these would change meaning on the way back.
 */
export function validCloudPath(p: unknown, what = 'cloudPath'): string {
  const problem = cloudPathProblem(p);
  if (problem) throw new WireError('INVALID_PARAM', `invalid ${what} ${JSON.stringify(p)}: ${problem}`);
  return p as string;
}

export function cloudPathProblem(p: unknown): string | null {
  if (typeof p !== 'string' || !p) return 'it must be a non-empty string';
  if (Buffer.byteLength(p) > MAX_PATH_BYTES) return `it is longer than ${MAX_PATH_BYTES} bytes`;
  if (p.startsWith('/')) return 'absolute paths are not allowed (no leading /)';
  if (p.endsWith('/')) return 'it names a folder (trailing /), not a file';
  if (/[\u0000-\u001f\u007f\\]/.test(p)) return 'control characters and \\ are not allowed';
  if (/[?#%]/.test(p)) return '?, # and % are not allowed (a temporary URL carries the path unencoded)';
  for (const seg of p.split('/')) {
    if (!seg) return 'empty path segment (//)';
    if (seg === '.' || seg === '..') return '. and .. segments are not allowed';
    if (Buffer.byteLength(seg) > MAX_SEGMENT_BYTES) return `a segment is longer than ${MAX_SEGMENT_BYTES} bytes`;
  }
  return null;
}

export function bucketOf(envName: string): string {
  return `${Buffer.from(envName.slice(0, 2)).toString('hex')}-${envName}-${FAKE_APPID}`;
}

export function fileIdOf(envName: string, cloudPath: string): string {
  return `cloud://${envName}.${bucketOf(envName)}/${cloudPath}`;
}

/** The path inside a file ID, or null when it is not `cloud://<env>.<bucket>/<valid path>`. */
export function pathOfFileId(fileId: unknown): string | null {
  if (typeof fileId !== 'string' || !fileId.startsWith('cloud://')) return null;
  const slash = fileId.indexOf('/', 'cloud://'.length);
  if (slash <= 'cloud://'.length) return null;
  const p = fileId.slice(slash + 1);
  return cloudPathProblem(p) ? null : p;
}

/** batchCopyFile takes paths; accept a file ID there too (both forms appear in CloudBase docs). */
export function pathOfFileIdOrPath(v: unknown): string | null {
  if (typeof v === 'string' && v.startsWith('cloud://')) return pathOfFileId(v);
  return cloudPathProblem(v) ? null : (v as string);
}

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
  heic: 'image/heic',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  wav: 'audio/wav',
  pdf: 'application/pdf',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
};

/** COS serves what the uploader declared, else a type guessed from the extension. */
export function contentTypeFor(cloudPath: string, declared?: string): string {
  if (declared && declared !== 'application/octet-stream') return declared;
  const dot = cloudPath.lastIndexOf('.');
  const ext = dot > cloudPath.lastIndexOf('/') ? cloudPath.slice(dot + 1).toLowerCase() : '';
  return TYPES[ext] ?? 'application/octet-stream';
}
