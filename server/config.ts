// Server configuration comes from the function's environment variables (CloudBase console →
// function → environment variables; the emulator's functionEnv). Parsed with zod so a typo fails
// loudly with the variable's name instead of silently disabling something.
import { z } from 'zod';
import { CommunityId, OpenId } from '../core';

const OpenIdList = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0))
  .pipe(z.array(OpenId));

export const ServerConfig = z.object({
  /** Comma-separated openids that become community-admin of BOOTSTRAP_COMMUNITY_ID on their first `user.me`. */
  ADMIN_OPENIDS: OpenIdList,
  BOOTSTRAP_COMMUNITY_ID: CommunityId.default('demo-community'),
  /** Attempts of one transaction when it loses a race (conflict or duplicate id). */
  TX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const KEYS = Object.keys(ServerConfig.shape) as Array<keyof typeof ServerConfig.shape>;
let cached: { raw: string; config: ServerConfig } | undefined;

/** Reads and validates the configuration; cached until the relevant variables change. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const picked: Record<string, string | undefined> = {};
  for (const k of KEYS) picked[k] = env[k] === '' ? undefined : env[k];
  const raw = JSON.stringify(picked);
  if (cached?.raw === raw) return cached.config;
  const parsed = ServerConfig.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new ConfigError(`invalid server configuration: ${lines.join('; ')}`);
  }
  cached = { raw, config: parsed.data };
  return parsed.data;
}
