// The one way core reaches zod. The mini-program runtime forbids `new Function`/eval, and zod
// decides whether to probe for eval and to JIT-compile its object parser when a schema is
// CONSTRUCTED (zod 4: $ZodObject reads globalConfig.jitless at construction), not when it parses.
// Core's schemas are constructed while its bundle loads, before app.ts's first statement runs, so
// a config call made by the app is too late. Every core module therefore imports `z` from here:
// whichever module loads first, jitless is set before any core schema exists.
// Node (functions, tests) runs the same interpreted parser; the JIT's gain is small next to a
// database round trip, and one parser in both runtimes means the tests exercise what phones run.
import { z } from 'zod';

z.config({ jitless: true });

export { z };

/** Kept for callers that want to be explicit; the import above has already done it. */
export function configureZod(): void {
  z.config({ jitless: true });
}
