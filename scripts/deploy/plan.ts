// What a deployment does, computed without touching the network (so `--dry-run` and the tests can
// show it): collections with their indexes and client permission, and each cloud function with
// its runtime config from cloudfunctions/<name>/config.json.
import fs from 'node:fs';
import path from 'node:path';
import type { CollectionSpec } from '../../database';
import { FunctionConfig, readFunctionConfig } from '../../emulator/functions/function-config';

// CloudBase's recommended Node runtime; bundles are built for it (scripts/build.mjs target node18).
export const RUNTIME = 'Nodejs18.15';

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
      const config = readFunctionConfig(path.join(dir, 'config.json'));
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
