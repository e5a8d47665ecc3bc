// Messages between the pool (parent) and a worker host (child) over the fork IPC channel.
// Results travel as JSON text: the platform JSON-serialises a function's return value too, so
// Dates become strings here exactly as they would in CloudBase.

/** SCF-like second argument of main(event, context). */
export interface InvocationContext {
  request_id: string;
  function_name: string;
  function_version: string;
  namespace: string;
  memory_limit_in_mb: number;
  time_limit_in_ms: number;
  environment: string;
}

export interface InvokeMessage {
  type: 'invoke';
  id: string;
  /** Absolute path of <functionsRoot>/<name>/index.js. */
  file: string;
  /** mtime of file: a changed bundle (dev rebuild) is re-required instead of served from the cache. */
  version: number;
  event: unknown;
  context: InvocationContext;
  /** Per-invocation variables; the previous invocation's are deleted first. */
  env: Record<string, string>;
}

export type ParentMessage = InvokeMessage;

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'result'; id: string; ok: true; json: string }
  | { type: 'result'; id: string; ok: false; message: string; stack?: string };
