// src/config.ts: defaults, parsing, and the errors that stop a start.
import { describe, expect, it } from 'vitest';
import { ConfigError, databasePathFromUrl, loadConfig } from '../src/config.js';

const SECRET = 'a'.repeat(32);

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      env: 'development',
      port: 8000,
      host: '127.0.0.1',
      databasePath: './data/ticaga.sqlite',
      jwtSecret: undefined,
      jwtTtlSeconds: 3600,
      adminEmail: undefined,
      adminApiToken: undefined,
      logLevel: 'info',
      bcryptRounds: 12,
      bodyLimitBytes: 1_048_576,
      trustProxy: false,
      rateLimitPerMinute: 1200,
      rateLimitAnonPerMinute: 60,
      loginMaxFailures: 5,
      corsOrigins: [],
      metricsEnabled: false,
      metricsToken: undefined,
      workers: 1,
    });
  });

  it('reads every setting', () => {
    expect(
      loadConfig({
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '0.0.0.0',
        DATABASE_URL: 'file:/var/lib/ticaga/db.sqlite',
        JWT_SECRET: SECRET,
        JWT_TTL_SECONDS: '600',
        ADMIN_EMAIL: 'admin@example.com',
        ADMIN_API_TOKEN: 't'.repeat(20),
        LOG_LEVEL: 'warn',
        BCRYPT_ROUNDS: '4',
        BODY_LIMIT_BYTES: '2048',
        TRUST_PROXY: 'true',
        RATE_LIMIT_PER_MINUTE: '0',
        RATE_LIMIT_ANON_PER_MINUTE: '30',
        LOGIN_MAX_FAILURES: '3',
        CORS_ORIGINS: 'https://billing.example.com, http://localhost:3000',
        METRICS_ENABLED: 'true',
        METRICS_TOKEN: 'm'.repeat(16),
        WORKERS: '2',
      }),
    ).toEqual({
      env: 'production',
      port: 0,
      host: '0.0.0.0',
      databasePath: '/var/lib/ticaga/db.sqlite',
      jwtSecret: SECRET,
      jwtTtlSeconds: 600,
      adminEmail: 'admin@example.com',
      adminApiToken: 't'.repeat(20),
      logLevel: 'warn',
      bcryptRounds: 4,
      bodyLimitBytes: 2048,
      trustProxy: true,
      rateLimitPerMinute: 0,
      rateLimitAnonPerMinute: 30,
      loginMaxFailures: 3,
      corsOrigins: ['https://billing.example.com', 'http://localhost:3000'],
      metricsEnabled: true,
      metricsToken: 'm'.repeat(16),
      workers: 2,
    });
  });

  it('treats empty values as unset (a .env line like PORT=)', () => {
    expect(loadConfig({ PORT: '', JWT_SECRET: '', ADMIN_EMAIL: '', ADMIN_API_TOKEN: '' })).toMatchObject({ port: 8000, jwtSecret: undefined, adminEmail: undefined });
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' }).port).toBe(8000);
  });

  it('TRUST_PROXY takes true/false/1/0', () => {
    expect([loadConfig({ TRUST_PROXY: '1' }).trustProxy, loadConfig({ TRUST_PROXY: '0' }).trustProxy, loadConfig({ TRUST_PROXY: 'false' }).trustProxy]).toEqual([true, false, false]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters'],
    [{ JWT_TTL_SECONDS: '10' }, 'JWT_TTL_SECONDS'],
    [{ ADMIN_EMAIL: 'not-an-email', ADMIN_API_TOKEN: 't'.repeat(20) }, 'ADMIN_EMAIL'],
    [{ ADMIN_EMAIL: 'admin@example.com', ADMIN_API_TOKEN: 'short' }, 'ADMIN_API_TOKEN must be at least 20 characters'],
    [{ ADMIN_EMAIL: 'admin@example.com' }, 'ADMIN_EMAIL and ADMIN_API_TOKEN must be set together'],
    [{ ADMIN_API_TOKEN: 't'.repeat(20) }, 'ADMIN_EMAIL and ADMIN_API_TOKEN must be set together'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ BCRYPT_ROUNDS: '3' }, 'BCRYPT_ROUNDS'],
    [{ BCRYPT_ROUNDS: '16' }, 'BCRYPT_ROUNDS'],
    [{ BODY_LIMIT_BYTES: '10' }, 'BODY_LIMIT_BYTES'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
  ])('rejects %o naming the setting', (env, mention) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(mention);
    expect(() => loadConfig(env)).toThrow(/^Invalid configuration:\n {2}/);
  });

  it('production requires JWT_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(new ConfigError('Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production'));
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET }).jwtSecret).toBe(SECRET);
    expect(loadConfig({ NODE_ENV: 'test' }).jwtSecret).toBeUndefined();
  });

  it('lists every problem at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT: .*\n {2}LOG_LEVEL: /);
  });

  it('is pure: it does not read process.env', () => {
    const saved = process.env.PORT;
    process.env.PORT = '1234';
    try {
      expect(loadConfig({}).port).toBe(8000);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });
});

describe('databasePathFromUrl', () => {
  it.each([
    ['file:./data/ticaga.sqlite', './data/ticaga.sqlite'],
    ['./x.sqlite', './x.sqlite'],
    ['/abs/x.sqlite', '/abs/x.sqlite'],
    [':memory:', ':memory:'],
    ['file::memory:', ':memory:'],
    ['file:', ':memory:'],
  ])('%s -> %s', (url, path) => {
    expect(databasePathFromUrl(url)).toBe(path);
  });
});
