import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { call, createTestApp, type TestContext } from '../helpers.js';

const TOKEN = 'scrape-token-0123456789abcdef';
let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

/** The value of one sample line, e.g. `http_request_duration_seconds_count{...} 3`. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{${labels}} `) || candidate === `${name}{${labels}}`);
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics', () => {
  it('does not exist unless METRICS_ENABLED=true', async () => {
    ctx = await createTestApp();
    const answer = await call(ctx.app, { method: 'GET', url: '/metrics' });
    expect([answer.status, answer.raw]).toEqual([404, '{"message":"Not Found."}']);
  });

  it('counts requests by route pattern and status, with a latency histogram and process figures', async () => {
    ctx = await createTestApp({ METRICS_ENABLED: 'true' });
    await call(ctx.app, { method: 'GET', url: '/health' });
    await call(ctx.app, { method: 'GET', url: '/health' });
    await call(ctx.app, { method: 'GET', url: `/api/customers/get/${ctx.customerA.id}`, headers: ctx.staff.basic });
    await call(ctx.app, { method: 'GET', url: '/api/customers/get/77' });
    await call(ctx.app, { method: 'GET', url: '/api/customers/get/78' });
    await call(ctx.app, { method: 'GET', url: '/no/such/thing' });

    const answer = await ctx.app.inject({ method: 'GET', url: '/metrics' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = answer.body;
    const count = (labels: string) => sample(text, 'http_request_duration_seconds_count', labels);
    expect(count('method="GET",route="/health",status_code="200"')).toBe(2);
    expect(count('method="GET",route="/api/customers/get/:id",status_code="200"')).toBe(1);
    expect(count('method="GET",route="/api/customers/get/:id",status_code="401"')).toBe(2);
    expect(count('method="GET",route="__unknown__",status_code="404"')).toBe(1);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(sample(text, 'http_request_duration_seconds_bucket', 'le="+Inf",method="GET",route="/health",status_code="200"')).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_bucket', 'le="0.005",method="GET",route="/health",status_code="200"')).toBeTypeOf('number');
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).not.toContain('http_request_summary_seconds');
  });

  it('keeps each app’s figures to itself', async () => {
    ctx = await createTestApp({ METRICS_ENABLED: 'true' });
    await call(ctx.app, { method: 'GET', url: '/health' });
    const other = await createTestApp({ METRICS_ENABLED: 'true' });
    try {
      const text = (await other.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(sample(text, 'http_request_duration_seconds_count', 'method="GET",route="/health",status_code="200"')).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('requires the bearer token when METRICS_TOKEN is set, answering 401 in the contract shape', async () => {
    ctx = await createTestApp({ METRICS_ENABLED: 'true', METRICS_TOKEN: TOKEN });
    const refused = [
      {},
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.slice(1)}` },
      { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` },
      ctx.staff.basic,
      { authorization: `Bearer ${ctx.staff.token}` },
    ];
    for (const headers of refused) {
      const answer = await call(ctx.app, { method: 'GET', url: '/metrics', headers });
      expect([answer.status, answer.raw]).toEqual([401, '{"message":"Unauthenticated."}']);
    }
    for (const authorization of [`Bearer ${TOKEN}`, `bearer  ${TOKEN} `]) {
      const answer = await ctx.app.inject({ method: 'GET', url: '/metrics', headers: { authorization } });
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toContain('# TYPE http_request_duration_seconds histogram');
    }
  });
});

describe('metrics settings', () => {
  it('are off by default and read from METRICS_ENABLED and METRICS_TOKEN', () => {
    expect(loadConfig({})).toMatchObject({ metricsEnabled: false, metricsToken: undefined });
    expect(loadConfig({ METRICS_ENABLED: 'true', METRICS_TOKEN: TOKEN })).toMatchObject({ metricsEnabled: true, metricsToken: TOKEN });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_ENABLED: 'yes' })).toThrow(ConfigError);
  });
});
