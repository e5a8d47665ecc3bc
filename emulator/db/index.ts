// The emulator's document database: SQLite storage + mingo semantics behind the database.* wire actions.
import type { CollectionSpec } from '../../database';
import type { ActionTable } from '../wire';
import { createActions } from './actions';
import { Engine } from './engine';
import { SqliteStore } from './sqlite-store';
import { Transactions } from './transactions';

export interface DatabaseOptions {
  /** null: in-memory SQLite. */
  dataDir: string | null;
  collections: CollectionSpec[];
  autoCreateCollections: boolean;
}

export interface EmulatorDatabase {
  /** database.* actions of the admin wire protocol. */
  actions: ActionTable;
  /** The SQLite store underneath (benchmarks, tests). */
  store: SqliteStore;
  engine: Engine;
  close(): void;
}

export function openDatabase(opts: DatabaseOptions): EmulatorDatabase {
  const store = new SqliteStore(opts.dataDir);
  try {
    for (const spec of opts.collections) store.create(spec);
    store.flush();
  } catch (e) {
    store.close();
    throw e;
  }
  const engine = new Engine(store);
  const transactions = new Transactions(engine);
  const actions = createActions({ store, engine, transactions, declared: opts.collections, autoCreateCollections: opts.autoCreateCollections });
  return {
    actions,
    store,
    engine,
    close() {
      transactions.close();
      store.close();
    },
  };
}
