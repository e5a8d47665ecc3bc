// What a deployment does, computed without touching the network (so `--dry-run` and the tests can
// show it): collections with their indexes and client permission, and each cloud function with
// its runtime config. Function configuration lives in cloudfunctions/<name>/config.json:
//   timeout (s), permissions.openapi, triggers (timer), environment: names of the variables the
//   function needs; their values come from the deployer's environment (never from the repo).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { CollectionSpec } from '../../database';

export const RUNTIME = 'Nodejs16.13';

export const FunctionConfig = z.object({
  timeout: z.number().int().min(1).max(900).default(3),
  permissions: z.object({ openapi: z.array(z.string()).default([]) }).default({ openapi: [] }),
  triggers: z.array(z.object({ name: z.string(), type: z.literal('timer'), config: z.string() })).default([]),
  environment: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/)).default([]),
});
export type FunctionConfig = z.infer<typeof FunctionConfig>;

export interface CollectionPlan {
  name: string;
  indexes: Array<{ IndexName: string; MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean } }>;
  /** Client access: every collection is admin-only (all access goes through functions). */
  permission: 'ADMINONLY';
}

export interface FunctionPlan {
  name: string;
  dir: string;
  timeout: number;
  triggers: FunctionConfig['triggers'];
  envVariables: Record<string, string>;
  missingEnv: string[];
}

export function planCollections(collections: CollectionSpec[]): CollectionPlan[] {
  return collections.map((c) => ({
    name: c.name,
    indexes: c.indexes.map((i) => ({
      IndexName: i.name,
      MgoKeySchema: { MgoIndexKeys: i.fields.map(([f, d]) => ({ Name: f, Direction: String(d) })), MgoIsUnique: !!i.unique },
    })),
    permission: 'ADMINONLY',
  }));
}

export function planFunctions(functionsRoot: string, env: Record<string, string | undefined>): FunctionPlan[] {
  return fs
    .readdirSync(functionsRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(functionsRoot, d.name, 'index.ts')))
    .map((d) => {
      const dir = path.join(functionsRoot, d.name);
      const configFile = path.join(dir, 'config.json');
      const raw = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {};
      const parsed = FunctionConfig.safeParse(raw);
      if (!parsed.success) throw new Error(`${configFile}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const config = parsed.data;
      const envVariables: Record<string, string> = {};
      const missingEnv: string[] = [];
      for (const name of config.environment) {
        const value = env[name];
        if (value === undefined || value === '') missingEnv.push(name);
        else envVariables[name] = value;
      }
      return { name: d.name, dir, timeout: config.timeout, triggers: config.triggers, envVariables, missingEnv };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
