// The mini-program runtime forbids `new Function`/eval, which zod uses for its fast (JIT) object
// parser. Import this module once, before any schema parses, in every runtime without eval:
// miniprogram/app.ts imports it first (the generated core bundle re-exports it as `configureZod`).
// Node (cloud functions, tests) may keep the JIT; calling it there is harmless.
import { z } from 'zod';

export function configureZod(): void {
  z.config({ jitless: true });
}
