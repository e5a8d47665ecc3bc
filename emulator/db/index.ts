// STUB — replaced by the storage implementation. The exported names and types are the contract.
import type { CollectionSpec } from '../../database';
import type { ActionTable } from '../wire';

export interface DatabaseOptions {
  /** null: in-memory SQLite. */
  dataDir: string | null;
  collections: CollectionSpec[];
  autoCreateCollections: boolean;
}

export interface EmulatorDatabase {
  /** database.* actions of the admin wire protocol. */
  actions: ActionTable;
  close(): void;
}

export function openDatabase(_opts: DatabaseOptions): EmulatorDatabase {
  return { actions: {}, close() {} };
}
