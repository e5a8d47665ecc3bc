// A function's contract: its actions with zod input/output schemas and whether they change state.
// Server actions and client services are both typed from it, so the two sides cannot drift.
import { z } from './zod-setup';

export interface ActionSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, M extends boolean = boolean> {
  input: I;
  output: O;
  /** State-changing actions require a client requestId and are idempotent on retry. */
  mutates: M;
}

export type ActionSpecs = Record<string, ActionSpec>;

export interface Contract<N extends string = string, A extends ActionSpecs = ActionSpecs> {
  name: N;
  actions: A;
}

export function defineContract<const N extends string, const A extends ActionSpecs>(contract: { name: N; actions: A }): Contract<N, A> {
  return contract;
}

export type ActionName<C extends Contract> = keyof C['actions'] & string;
/** What a caller sends (before defaults and transforms). */
export type InputOf<C extends Contract, K extends ActionName<C>> = z.input<C['actions'][K]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInputOf<C extends Contract, K extends ActionName<C>> = z.output<C['actions'][K]['input']>;
export type OutputOf<C extends Contract, K extends ActionName<C>> = z.output<C['actions'][K]['output']>;
export type MutatesOf<C extends Contract, K extends ActionName<C>> = C['actions'][K]['mutates'];

/** Client-chosen id of one logical state change; retries reuse it. */
export const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId: 8–64 characters of A–Z a–z 0–9 _ -');
export type RequestId = z.infer<typeof RequestId>;

/** The event a cloud function receives: wx.cloud.callFunction({name, data: FunctionEvent}). */
export interface FunctionEvent<A extends string = string, I = unknown> {
  action: A;
  input: I;
  requestId?: string;
}

/** Cursors never exceed this (server/paginate.ts makes them). */
export const MAX_CURSOR_LENGTH = 1024;
/** The opaque cursor of a list page (server/paginate.ts makes and checks it); list contracts take it as `after`. */
export const PageCursor = z.string().min(1).max(MAX_CURSOR_LENGTH).regex(/^[A-Za-z0-9_-]+$/, 'a page cursor as returned by the previous page');
export type PageCursor = z.infer<typeof PageCursor>;

/**
 * The input every cursor-paged list shares: `after` (the previous page's `next`, absent for the
 * first page) and the page size. A list adds its filters with `.extend({...})`.
 */
export const pageInput = (defaultLimit = 20, maxLimit = 100) =>
  z.object({ after: PageCursor.optional(), limit: z.number().int().min(1).max(maxLimit).default(defaultLimit) });
export const PageInput = pageInput();

/** A list page: its items and the cursor of the next page (null after the last). */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next: PageCursor.nullable() });
