// The part of wx-server-sdk's database API the kernel and handlers use, typed precisely. The SDK's
// own declarations return `Promise<T> | void | string` everywhere; cloud.ts casts the real
// database to this shape once. Handlers get these types, never the SDK module.

export type DocData = Record<string, unknown>;
export type StoredDoc = DocData & { _id: string };

export interface DocRef {
  /** With throwOnNotFound:false (set in cloud.ts), a missing document gives `data: null`. */
  get(): Promise<{ data: StoredDoc | null }>;
  set(options: { data: DocData }): Promise<unknown>;
  update(options: { data: DocData }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

/** Reading only: what a state-changing action may do outside its transaction (see ReadDb). */
export interface ReadQuery {
  where(condition: DocData): ReadQuery;
  orderBy(field: string, order: 'asc' | 'desc'): ReadQuery;
  skip(offset: number): ReadQuery;
  limit(max: number): ReadQuery;
  field(projection: Record<string, boolean | 0 | 1>): ReadQuery;
  get(): Promise<{ data: StoredDoc[] }>;
  count(): Promise<{ total: number }>;
}

export interface Query extends ReadQuery {
  where(condition: DocData): Query;
  orderBy(field: string, order: 'asc' | 'desc'): Query;
  skip(offset: number): Query;
  limit(max: number): Query;
  field(projection: Record<string, boolean | 0 | 1>): Query;
  update(options: { data: DocData }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

/**
 * An aggregation pipeline (reads only). Without a limit() stage CloudBase returns at most 20 rows,
 * even to cloud functions (the emulator does the same).
 */
export interface Aggregate {
  match(condition: DocData): Aggregate;
  group(spec: DocData): Aggregate;
  limit(max: number): Aggregate;
  end(): Promise<{ list: DocData[] }>;
}

export interface ReadCollection extends ReadQuery {
  doc(id: string): Pick<DocRef, 'get'>;
  aggregate(): Aggregate;
}

export interface Collection extends Query {
  doc(id: string): DocRef;
  aggregate(): Aggregate;
  /** `_id` in data means "use this id"; a duplicate id is an error (see isDuplicateKeyError). */
  add(options: { data: DocData }): Promise<{ _id: string }>;
}

// Inside a transaction only doc get/set/update/remove, add and where().get are transactional
// (wire reference §4.8, P8); the types offer nothing else so a handler cannot step outside by accident.
export interface TxDocRef {
  get(): Promise<{ data: StoredDoc | null }>;
  set(options: { data: DocData }): Promise<unknown>;
  update(options: { data: DocData }): Promise<unknown>;
  remove(): Promise<unknown>;
}

export interface TxQuery {
  where(condition: DocData): TxQuery;
  orderBy(field: string, order: 'asc' | 'desc'): TxQuery;
  limit(max: number): TxQuery;
  get(): Promise<{ data: StoredDoc[] }>;
}

export interface TxCollection {
  doc(id: string): TxDocRef;
  add(options: { data: DocData }): Promise<unknown>;
  where(condition: DocData): TxQuery;
}

/** A transaction as the SDK's runTransaction hands it over: its collections. */
export interface SdkTx {
  collection(name: string): TxCollection;
}

/** A transaction as runTx gives it to handlers: its collections and the update operators (`_.set(obj)` replaces a sub-object). */
export interface Tx extends SdkTx {
  readonly command: DbCommand;
}

export interface Db {
  collection(name: string): Collection;
  /** Runs `fn` in a transaction; `retries` is the SDK's own immediate retry on conflict. */
  runTransaction<T>(fn: (tx: SdkTx) => Promise<T>, retries?: number): Promise<T>;
  readonly command: DbCommand;
  serverDate(options?: { offset?: number }): unknown;
}

/**
 * The database as a state-changing action sees it beside its transaction: reads only (lists,
 * counts). A write through it would escape the transaction, its rollback and its idempotency
 * record, so the type does not offer one; writes go through `ctx.tx`.
 */
export interface ReadDb {
  collection(name: string): ReadCollection;
  readonly command: DbCommand;
}

/** The update/query operators handlers use most; extend as needed. */
export interface DbCommand {
  eq(value: unknown): unknown;
  neq(value: unknown): unknown;
  gt(value: unknown): unknown;
  gte(value: unknown): unknown;
  lt(value: unknown): unknown;
  lte(value: unknown): unknown;
  in(values: unknown[]): unknown;
  nin(values: unknown[]): unknown;
  exists(value: boolean): unknown;
  /** Logical combinations of where-conditions (`_.or([{a: 1}, {b: _.gt(2)}])`); usable as a where() argument. */
  and(conditions: DocData[]): DocData;
  or(conditions: DocData[]): DocData;
  inc(value: number): unknown;
  set(value: unknown): unknown;
  remove(): unknown;
  push(values: unknown[]): unknown;
  addToSet(value: unknown): unknown;
  pull(value: unknown): unknown;
  /** Accumulators of group() stages (`_.aggregate.sum('$minutes')`). */
  readonly aggregate: { sum(expression: unknown): unknown };
}

function errorText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object') {
    const o = e as { code?: unknown; errCode?: unknown; message?: unknown; errMsg?: unknown };
    return [o.code, o.errCode, o.message, o.errMsg].filter((x) => x !== undefined).join(' ');
  }
  return '';
}

/** A unique-id (or unique-index) violation: the CloudBase text carries Mongo's E11000. */
export function isDuplicateKeyError(e: unknown): boolean {
  return /E11000|duplicate key/i.test(errorText(e));
}

/**
 * A transaction lost a race. The SDK keeps the raw code when the conflict is raised at commit; a
 * conflict raised at a write is re-wrapped as -501001 but keeps the code in the message.
 */
export function isTransactionConflict(e: unknown): boolean {
  return /DATABASE_TRANSACTION_CONFLICT/.test(errorText(e));
}
