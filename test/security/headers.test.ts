// Promise 5, headers and exposure: helmet's headers on every answer, the strictest CSP and no caching
// on JSON, nothing that would break an HTML page (an API docs page at /docs), CORS off unless
// CORS_ORIGINS names the origins allowed.
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { JSON_CONTENT_SECURITY_POLICY } from '../../src/http/security-headers.js';
import { createRepositories } from '../../src/repositories/index.js';
import { call, createTestApp, TEST_JWT_SECRET, type TestContext } from '../helpers.js';

let ctx: TestContext;
afterEach(() => ctx.close());

const HELMET = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
  'origin-agent-cluster': '?1',
  'x-xss-protection': '0',
};
const JSON_ONLY = { 'content-security-policy': JSON_CONTENT_SECURITY_POLICY, 'cache-control': 'no-store' };

describe('security headers', () => {
  it('are on every JSON answer: success, 401, 403, 404, 413, 422 and 429', async () => {
    ctx = await createTestApp({ RATE_LIMIT_ANON_PER_MINUTE: '3', BODY_LIMIT_BYTES: '1024' });
    const answers = [
      await call(ctx.app, { method: 'GET', url: '/api/departments/public', headers: ctx.staff.basic }),
      await call(ctx.app, { method: 'GET', url: '/health' }),
      await call(ctx.app, { method: 'POST', url: '/api/register', headers: ctx.customerA.bearer, payload: {} }),
      await call(ctx.app, { method: 'POST', url: '/api/register', headers: ctx.staff.basic, payload: { name: 'x'.repeat(2000) } }),
      await call(ctx.app, { method: 'POST', url: '/api/register', headers: ctx.staff.basic, payload: {} }),
      await call(ctx.app, { method: 'GET', url: '/api/no/such/route', headers: ctx.staff.basic }),
      await call(ctx.app, { method: 'GET', url: '/api/departments/public' }),
      await call(ctx.app, { method: 'GET', url: '/api/departments/public' }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 403, 413, 422, 404, 401, 429]);
    for (const answer of answers) {
      expect(answer.headers).toMatchObject({ ...HELMET, ...JSON_ONLY });
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(answer.headers).not.toHaveProperty('x-powered-by');
      expect(answer.headers).not.toHaveProperty('cross-origin-embedder-policy');
    }
  });

  it('leave an HTML page free to set its own policy and load its assets', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BCRYPT_ROUNDS: '4' });
    const db = openDatabase(':memory:');
    const app = await buildApp({ config: { ...config, jwtSecret: TEST_JWT_SECRET }, db });
    app.get('/an-html-page', { config: { access: 'public' } }, async (_request, reply) =>
      reply.type('text/html').send('<!doctype html><script src="https://cdn.example.com/ui.js"></script><script>start()</script>'),
    );
    await app.ready();
    ctx = { app, db, repos: createRepositories(db), close: async () => { await app.close(); db.$client.close(); } } as TestContext;

    const page = await app.inject({ method: 'GET', url: '/an-html-page' });
    expect(page.statusCode).toBe(200);
    expect(page.headers).toMatchObject(HELMET);
    expect(page.headers).not.toHaveProperty('content-security-policy');
    expect(page.headers).not.toHaveProperty('cross-origin-embedder-policy');
    expect(page.headers).not.toHaveProperty('cache-control');
  });
});

describe('CORS', () => {
  it('is off by default: no CORS headers, and a preflight is not answered', async () => {
    ctx = await createTestApp();
    const origin = 'https://billing.example.com';
    const get = await call(ctx.app, { method: 'GET', url: '/api/departments/public', headers: { ...ctx.staff.basic, origin } });
    expect(get.status).toBe(200);
    expect(Object.keys(get.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const preflight = await call(ctx.app, {
      method: 'OPTIONS',
      url: '/api/tickets/create',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(404);
    expect(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('allows exactly the origins in CORS_ORIGINS', async () => {
    ctx = await createTestApp({ CORS_ORIGINS: 'https://billing.example.com, https://admin.example.com' });
    const preflight = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/api/tickets/create',
      headers: { origin: 'https://admin.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect([preflight.statusCode, preflight.body]).toEqual([204, '']);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': 'https://admin.example.com',
      'access-control-allow-methods': 'GET, HEAD, POST',
      'access-control-allow-headers': 'Authorization, Content-Type, Accept, X-Admin-Email, X-API-Token',
      'access-control-max-age': '600',
    });
    expect(preflight.headers).not.toHaveProperty('access-control-allow-credentials');

    const allowed = await call(ctx.app, { method: 'GET', url: '/api/departments/public', headers: { ...ctx.staff.basic, origin: 'https://billing.example.com' } });
    expect(allowed.headers).toMatchObject({
      'access-control-allow-origin': 'https://billing.example.com',
      'access-control-expose-headers': 'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After',
    });
    const other = await call(ctx.app, { method: 'GET', url: '/api/departments/public', headers: { ...ctx.staff.basic, origin: 'https://evil.example.net' } });
    expect(other.status).toBe(200);
    expect(other.headers).not.toHaveProperty('access-control-allow-origin');
  });

  it('refuses CORS_ORIGINS that are not origins', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.com,http://b.example.com:8080' }).corsOrigins).toEqual(['https://a.example.com', 'http://b.example.com:8080']);
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example.com/path' })).toThrow(ConfigError);
    expect(() => loadConfig({ CORS_ORIGINS: 'a.example.com' })).toThrow(ConfigError);
  });
});
