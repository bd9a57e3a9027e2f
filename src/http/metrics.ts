// GET /metrics in Prometheus text format (fastify-metrics over prom-client): a latency histogram by method,
// route pattern and status (its _count is the request count), and the process figures prom-client collects.
// Each app has its own registry, so test apps never share counters. Register before the routes it measures.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fastifyMetricsModule from 'fastify-metrics';
import fp from 'fastify-plugin';
import client from 'prom-client';
import { z } from 'zod';
import { Unauthenticated } from '../errors.js';

export type MetricsOptions = {
  /** When set, scrapes must send `Authorization: Bearer <token>`. */
  token?: string;
};

// A CommonJS module with `exports.default`: Node's ESM import sees the module object, other loaders the plugin.
const fastifyMetrics = ('default' in fastifyMetricsModule ? fastifyMetricsModule.default : fastifyMetricsModule) as typeof fastifyMetricsModule.default;

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const digest = (value: string) => createHash('sha256').update(value).digest();

/** A constant-time check of the Bearer token (hashing first makes the lengths equal). */
function bearerMatches(request: FastifyRequest, expected: Buffer): boolean {
  const header = request.headers.authorization ?? '';
  const match = /^bearer\s+(.+)$/i.exec(header.trim());
  return match !== null && timingSafeEqual(digest(match[1]!), expected);
}

const metricsPlugin: FastifyPluginAsync<MetricsOptions> = async (app, { token }) => {
  const register = new client.Registry();
  const expected = token ? digest(token) : null;

  await app.register(fastifyMetrics, {
    promClient: client,
    defaultMetrics: { enabled: true, register },
    routeMetrics: {
      enabled: { histogram: true, summary: false },
      // Unknown paths are counted under one label, so scanners cannot blow up the label set.
      registeredRoutesOnly: false,
      invalidRouteGroup: '__unknown__',
      // The plugin creates its summary even when disabled: registered nowhere, it stays out of every registry.
      overrides: { histogram: { registers: [register], buckets: LATENCY_BUCKETS }, summary: { registers: [] } },
    },
    endpoint: {
      method: 'GET',
      url: '/metrics',
      exposeHeadRoute: false,
      // Scrapes are frequent: no line per scrape in the log.
      logLevel: 'warn',
      config: { access: 'public', errors: expected ? [new Unauthenticated()] : [] },
      schema: {
        tags: ['metrics'],
        summary: 'Prometheus metrics',
        ...(expected ? { security: [{ metricsToken: [] }] } : {}),
        response: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } } },
      },
      onRequest: async (request: FastifyRequest) => {
        if (expected && !bearerMatches(request, expected)) throw new Unauthenticated();
      },
      handler: () => undefined,
    },
  });
};

export const metrics = fp(metricsPlugin, { name: 'metrics' });
