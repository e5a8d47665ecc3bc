// The emulator's cloud storage: a file store, the storage.* admin actions and the HTTP routes
// that stand in for COS (upload PUT, signed temporary URLs) plus the dev upload route.
import type { StreamRoute } from '../http';
import type { RequestLog } from '../request-log';
import type { ActionTable } from '../wire';
import { createStorageActions } from './actions';
import { storageRoutes } from './routes';
import { Signer } from './signing';
import { FileStore } from './store';

/** Default size limit of one file; CloudBase's own is far larger, but an emulator holds it in memory. */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface StorageOptions {
  /** null: a private temp directory, removed on close. */
  dataDir: string | null;
  envName: string;
  /** Serve POST /dev/upload (otherwise it answers 403). */
  dev: boolean;
  log: RequestLog;
  maxFileBytes?: number;
}

export interface EmulatorStorage {
  actions: ActionTable;
  routes: StreamRoute[];
  store: FileStore;
  signer: Signer;
  /** Where the emulator listens (http://host:port): the base of upload and temporary URLs. */
  setBaseUrl(url: string): void;
  close(): void;
}

export function openStorage(opts: StorageOptions): EmulatorStorage {
  const store = new FileStore(opts.dataDir);
  const signer = new Signer(store.secret);
  let baseUrl = '';
  const actions = createStorageActions({ store, signer, envName: opts.envName, baseUrl: () => baseUrl });
  const routes = storageRoutes({ store, signer, envName: opts.envName, dev: opts.dev, log: opts.log, maxFileBytes: opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES });
  return {
    actions,
    routes,
    store,
    signer,
    setBaseUrl: (url) => void (baseUrl = url),
    close: () => store.close(),
  };
}
