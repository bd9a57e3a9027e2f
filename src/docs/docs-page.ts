// GET /docs: Swagger UI over the OpenAPI document, where a person can authorize and try a call. Its assets
// ship inside @fastify/swagger-ui and are served from here (no CDN), and every page route is public.
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';

export const DOCS_PREFIX = '/docs';

export const docsPage: FastifyPluginAsync = async (app) => {
  // Only the routes registered in this plugin's context: the page, its assets and its copy of the document.
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: 'public' };
  });

  await app.register(fastifySwaggerUi, {
    routePrefix: DOCS_PREFIX,
    theme: { title: 'ticaga-server API' },
    uiConfig: { docExpansion: 'list', deepLinking: true, displayRequestDuration: true, persistAuthorization: false },
    validatorUrl: false,
  });
};
