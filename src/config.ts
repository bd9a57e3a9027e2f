// One zod schema for the environment. loadConfig(env) is pure: it reads only what it is given.
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default('file:./data/ticaga.sqlite'),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).default(3600),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_API_TOKEN: z.string().min(20, 'ADMIN_API_TOKEN must be at least 20 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BCRYPT_ROUNDS: z.coerce.number().int().min(4).max(15).default(12),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  TRUST_PROXY: booleanFlag,
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  RATE_LIMIT_ANON_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  CORS_ORIGINS: z
    .string()
    .default('')
    .refine((list) => list.split(',').every((origin) => /^(\*|https?:\/\/[^/\s]+)?$/.test(origin.trim())), {
      error: 'CORS_ORIGINS must be a comma-separated list of origins like https://billing.example.com',
    }),
  METRICS_ENABLED: booleanFlag,
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databasePath: string;
  jwtSecret: string | undefined;
  jwtTtlSeconds: number;
  adminEmail: string | undefined;
  adminApiToken: string | undefined;
  logLevel: string;
  bcryptRounds: number;
  bodyLimitBytes: number;
  trustProxy: boolean;
  /** Requests a minute per API token or customer; 0 = no limit. */
  rateLimitPerMinute: number;
  /** Requests a minute per IP without valid credentials; 0 = no limit. */
  rateLimitAnonPerMinute: number;
  loginMaxFailures: number;
  /** Origins allowed to call from a browser; empty = CORS off. */
  corsOrigins: string[];
  /** Serve GET /metrics (Prometheus text format). */
  metricsEnabled: boolean;
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** Processes serving requests on one port and one database file; `auto` = one per core. */
  workers: number | 'auto';
};

export class ConfigError extends Error {}

/** `file:./x.sqlite`, `./x.sqlite` and `:memory:` are all accepted. */
export function databasePathFromUrl(url: string): string {
  const path = url.startsWith('file:') ? url.slice('file:'.length) : url;
  return path === '' || path === ':memory:' ? ':memory:' : path;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  if (Boolean(e.ADMIN_EMAIL) !== Boolean(e.ADMIN_API_TOKEN)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_API_TOKEN must be set together');
  }
  if (e.WORKERS !== 1 && databasePathFromUrl(e.DATABASE_URL) === ':memory:') {
    throw new ConfigError('Invalid configuration:\n  WORKERS: more than one worker needs a database file, not :memory:');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databasePath: databasePathFromUrl(e.DATABASE_URL),
    jwtSecret: e.JWT_SECRET,
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    adminEmail: e.ADMIN_EMAIL,
    adminApiToken: e.ADMIN_API_TOKEN,
    logLevel: e.LOG_LEVEL,
    bcryptRounds: e.BCRYPT_ROUNDS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: e.TRUST_PROXY,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitAnonPerMinute: e.RATE_LIMIT_ANON_PER_MINUTE,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    corsOrigins: e.CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean),
    metricsEnabled: e.METRICS_ENABLED,
    metricsToken: e.METRICS_TOKEN,
    workers: e.WORKERS,
  };
}
