// zod issues as the error model carries them (DESIGN §3: details.issues): bounded in number and
// size, so a hostile input cannot make the answer echo it back at length.
import type { z } from 'zod';
import type { ErrorIssue } from '../core';

const MAX_ISSUES = 20;
/** Longest piece of caller-chosen text (a key, an action name) echoed in an answer. */
export const MAX_ECHO = 64;

export function toIssues(error: z.ZodError, prefix: Array<string | number> = []): ErrorIssue[] {
  return error.issues.slice(0, MAX_ISSUES).map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'number' ? p : String(p).slice(0, MAX_ECHO)))],
    code: i.code,
    message: i.message.slice(0, 200),
  }));
}
