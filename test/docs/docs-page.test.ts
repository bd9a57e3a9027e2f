import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestContext } from '../helpers.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestApp();
});
afterEach(() => ctx.close());

describe('GET /docs', () => {
  it('serves the docs page and its assets without credentials, from this server only', async () => {
    const page = await ctx.app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>ticaga-server API</title>');
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets).toContain('/docs/static/swagger-ui-bundle.js');
    for (const asset of assets) {
      expect(asset.startsWith('/docs/static/')).toBe(true);
      const answer = await ctx.app.inject({ method: 'GET', url: asset });
      expect([asset, answer.statusCode]).toEqual([asset, 200]);
    }
    const initializer = await ctx.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(initializer.body).toContain("url: resolveUrl('./json')");
    expect(initializer.body).toContain('validatorUrl: null');
  });

  it('reads the same document as /openapi.json', async () => {
    const fromPage = await call(ctx.app, { method: 'GET', url: '/docs/json' });
    const published = await call(ctx.app, { method: 'GET', url: '/openapi.json' });
    expect(fromPage.status).toBe(200);
    expect(fromPage.body).toEqual(published.body);
  });

  it('leaves the API itself closed', async () => {
    const answer = await call(ctx.app, { method: 'GET', url: '/api/departments/public' });
    expect([answer.status, answer.raw]).toEqual([401, '{"message":"Unauthenticated."}']);
  });
});
