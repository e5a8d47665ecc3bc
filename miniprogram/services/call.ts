// call(fn, action, input): the one road from the mini-program to a cloud function.
import { config } from '../config';
import { AppError, isAppError, toAppError } from './errors';
import { unwrap } from './envelope';
import { newRequestId } from './request-id';
import { sendCloud, sendEmulator, type Send } from './transport';
import type { InputSchema } from './types';
import type { ActionName, Contract, InputOf, OutputOf } from '../core/index';

export interface CallOptions {
  /** The contract's input schema: a bad input fails here, before a round trip. */
  schema?: InputSchema;
  /**
   * Pass the same id to make a user-initiated "retry" the same logical call as the first try; after a
   * failure of unknown outcome the thrown AppError carries the id that was used (`requestId`).
   */
  requestId?: string;
  retries?: number;
  retryDelayMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function transportSend(): Send {
  // Read at call time so the transport can be switched (and tests can switch it) without reloading.
  return config.transport === 'cloud' ? sendCloud : sendEmulator;
}

export async function call<T>(fn: string, action: string, input: unknown = {}, opts: CallOptions = {}): Promise<T> {
  let payload = input;
  if (opts.schema) {
    const parsed = opts.schema.safeParse(input);
    if (!parsed.success) {
      throw new AppError('invalid-argument', `${fn}.${action}: input does not match the contract`, {
        reason: 'client.validation',
        issues: parsed.error.issues,
      });
    }
    payload = parsed.data;
  }
  const requestId = opts.requestId ?? newRequestId();
  const retries = opts.retries ?? config.retries;
  const delay = opts.retryDelayMs ?? config.retryDelayMs;
  const send = transportSend();

  for (let attempt = 0; ; attempt++) {
    let body: unknown;
    try {
      body = await send(fn, { action, input: payload, requestId });
    } catch (err) {
      // Only failures where the call may not have reached the function are re-sent, with the same
      // requestId, so a state change that did land is not applied twice.
      if (isAppError(err) && err.retryable && attempt < retries) {
        await sleep(delay * (attempt + 1));
        continue;
      }
      const e = toAppError(err);
      // Outcome unknown: hand the requestId to the page so its own retry stays the same call.
      throw e.retryable ? new AppError(e.code, e.message, e.details, true, requestId) : e;
    }
    return unwrap<T>(fn, body);
  }
}

/**
 * Typed by the function's contract: input and result types come from its zod schemas, and the
 * input is checked against the schema before the round trip.
 */
export function callAction<C extends Contract, K extends ActionName<C>>(
  contract: C,
  action: K,
  input: InputOf<C, K>,
  opts: CallOptions = {},
): Promise<OutputOf<C, K>> {
  const schema: InputSchema = contract.actions[action].input;
  return call<OutputOf<C, K>>(contract.name, action, input, { schema, ...opts });
}
