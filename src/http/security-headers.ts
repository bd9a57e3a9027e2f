// Response headers for a JSON API that holds private conversations. @fastify/helmet supplies the usual
// set (nosniff, frame and referrer policies, HSTS, cross-origin isolation). Its Content-Security-Policy
// is left off globally so that an HTML page (API docs at /docs, say) can bring its own; instead every
// JSON answer gets the strictest policy, and `Cache-Control: no-store` so no proxy or browser cache
// keeps a customer's data.
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const JSON_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export const securityHeaders = fp(async (app: FastifyInstance) => {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: false,
    // Would stop an HTML docs page from loading assets from a CDN; it adds nothing for JSON.
    crossOriginEmbedderPolicy: false,
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('application/json')) {
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', JSON_CONTENT_SECURITY_POLICY);
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    }
    return payload;
  });
});
