// Configuration variables of the activity domain, merged into ServerConfig (server/config.ts). Each needs a
// default or must be optional, a comment saying what it does, and a row in its docs/ page.
import { z } from 'zod';

export const ActivityConfigShape = {} satisfies z.ZodRawShape;
