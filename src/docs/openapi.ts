// GET /openapi.json: the OpenAPI 3.1 document, generated from the very zod schemas that validate requests and
// serialize answers, so it cannot drift. A route is documented by its schema and config alone (access,
// writes, and optionally `errors`); see route-docs.ts. Register before any route: @fastify/swagger
// collects routes as they are added.
import { readFileSync } from 'node:fs';
import fastifySwagger from '@fastify/swagger';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { documentRoute, SECURITY_SCHEMES } from './route-docs.js';

export type ApiDocsOptions = {
  /** Adds the security scheme of a token-protected GET /metrics. */
  metricsToken?: boolean;
};

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const DESCRIPTION = [
  'A self-hosted server that speaks the Ticaga helpdesk API. Staff send an API token in one of three ways',
  '(Basic `email:token`, Bearer token, or the `X-Admin-Email` + `X-API-Token` pair); customers send the JWT',
  'that `POST /api/login` returns. Bodies may be JSON or form-encoded, and numbers may be numeric strings.',
  'Errors: 401 `{"message":"Unauthenticated."}`, 403 `{"message":"This action is unauthorized."}`,',
  '404 with the documented `{"error":"..."}` payloads, 422 `{"message":"...","errors":{"field":["..."]}}`.',
].join(' ');

const apiDocsPlugin: FastifyPluginAsync<ApiDocsOptions> = async (app, options) => {
  const securitySchemes: Record<string, unknown> = { ...SECURITY_SCHEMES };
  if (options.metricsToken) {
    securitySchemes.metricsToken = { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, for GET /metrics only.' };
  }

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'ticaga-server', version, description: DESCRIPTION },
      components: { securitySchemes: securitySchemes as never },
    },
    transform: documentRoute,
  });

  app.get(
    '/openapi.json',
    { config: { access: 'public' }, schema: { tags: ['documentation'], summary: 'This OpenAPI 3.1 document' } },
    async () => app.swagger(),
  );
};

export const apiDocs = fp(apiDocsPlugin, { name: 'api-docs' });
