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
  /** Subscribe-message template variables set to a development placeholder (`dev-…`). */
  placeholderEnv: string[];
}

/**
 * Subscribe-message template ids (WISH_TMPL_*, *_TEMPLATE_ID). Unset, the functions fall back to
 * development placeholders (`dev-…`) that the emulator records but WeChat refuses: user.me would
 * hand them to the mini-program and every notification would fail.
 */
export const isTemplateVariable = (name: string): boolean => /_TMPL_|_TEMPLATE_ID$/.test(name);
export const isPlaceholderTemplateId = (value: string): boolean => /^dev-/i.test(value);

/**
 * What stops a deployment: every unset variable, and every template variable set to a placeholder.
 * With `allowDevTemplates` (a test environment without WeChat templates yet) template variables
 * may be unset or placeholders: they come back as `warnings` instead.
 */
export function deployProblems(plans: FunctionPlan[], opts: { allowDevTemplates?: boolean } = {}): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const f of plans) {
    for (const v of f.missingEnv) (opts.allowDevTemplates && isTemplateVariable(v) ? warnings : errors).push(`${f.name}: ${v} is not set`);
    for (const v of f.placeholderEnv) (opts.allowDevTemplates ? warnings : errors).push(`${f.name}: ${v} is a development placeholder (${f.envVariables[v]})`);
  }
  return { errors, warnings };
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
      const placeholderEnv: string[] = [];
      for (const name of config.environment) {
        const value = env[name];
        if (value === undefined || value === '') missingEnv.push(name);
        else envVariables[name] = value;
        if (value && isTemplateVariable(name) && isPlaceholderTemplateId(value)) placeholderEnv.push(name);
      }
      return { name: d.name, dir, timeout: config.timeout, triggers: config.triggers, envVariables, missingEnv, placeholderEnv };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
