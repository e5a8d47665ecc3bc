// Server configuration comes from the function's environment variables (CloudBase console →
// function → environment variables; the emulator's functionEnv). Parsed with zod so a typo fails
// loudly with the variable's name instead of silently disabling something.
import { z } from 'zod';
import { CommunityId, OpenId, parseDayList } from '../core';
import { parseHmacKey, parsePiiKeys } from './pii-keys';
import { VolunteerConfigShape } from './volunteer/config';
import { ActivityConfigShape } from './activity/config';
import { WishConfigShape } from './wish/config';
import { CharityConfigShape } from './charity/config';

/** Comma-separated calendar days YYYY-MM-DD; an entry that is not one fails naming it. */
const DayList = z
  .string()
  .default('')
  .transform((text, ctx) => {
    try {
      return parseDayList(text);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  });

const OpenIdList = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0))
  .pipe(z.array(OpenId));

/** A secret variable: parsed into an object that never shows its bytes; a parse error never quotes the text. */
function secret<T>(parse: (text: string) => T | string) {
  return z
    .string()
    .transform((text, ctx) => {
      const parsed = parse(text);
      if (typeof parsed !== 'string') return parsed;
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    })
    .optional();
}

export const ServerConfig = z.object({
  /** Comma-separated openids that become community-admin of BOOTSTRAP_COMMUNITY_ID on their first `user.me`. */
  ADMIN_OPENIDS: OpenIdList,
  BOOTSTRAP_COMMUNITY_ID: CommunityId.default('demo-community'),
  /** Attempts of one transaction when it loses a race (conflict or duplicate id). */
  TX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  /**
   * Days an idempotency record is kept (the maintenance function's daily timer deletes older
   * ones; ADR 0001, Retention). A client retrying a request older than this applies it again, so
   * keep it well above any client's retry horizon. At least 1 day (the firing being run must stay
   * out of reach; cloudfunctions/maintenance), at most about ten years.
   */
  IDEMPOTENCY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * AES-256-GCM keys for personal data (server/pii.ts): `k2:<base64 32 bytes>,k1:<…>`, first is
   * current, the rest only open older values. Optional here; a function that seals or opens
   * without it gets a ConfigError naming it. The emulator provides a per-data-directory dev key.
   */
  PII_KEYS: secret(parsePiiKeys),
  /** HMAC-SHA256 key of the blind indexes (server/pii.ts): base64 of at least 32 bytes. */
  PII_HMAC_KEY: secret(parseHmacKey),
  /** Public holidays on Monday–Friday (YYYY-MM-DD, comma-separated): not working days for legal deadlines. */
  PUBLIC_HOLIDAYS: DayList,
  /** Weekend days that are working days (调休), YYYY-MM-DD, comma-separated. */
  MAKEUP_WORKDAYS: DayList,
  // Each domain's variables (server/<domain>/config.ts).
  ...VolunteerConfigShape,
  ...ActivityConfigShape,
  ...WishConfigShape,
  ...CharityConfigShape,
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
  // One key for two purposes would tie the blind indexes to the ciphertexts' key.
  const { PII_KEYS, PII_HMAC_KEY } = parsed.data;
  if (PII_KEYS && PII_HMAC_KEY && PII_KEYS.has(PII_HMAC_KEY.key)) {
    throw new ConfigError('invalid server configuration: PII_HMAC_KEY: must differ from every key of PII_KEYS');
  }
  cached = { raw, config: parsed.data };
  return parsed.data;
}
