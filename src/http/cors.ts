// Cross-origin browser access: off unless CORS_ORIGINS lists the origins allowed to call the API.
// Billing systems call from servers and need none of it.
import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const cors = fp<{ origins: string[] }>(async (app: FastifyInstance, { origins }) => {
  if (origins.length === 0) return;
  await app.register(fastifyCors, {
    origin: origins.includes('*') ? '*' : origins,
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'X-Admin-Email', 'X-API-Token'],
    exposedHeaders: ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After'],
    // Credentials travel in headers, never in cookies.
    credentials: false,
    maxAge: 600,
  });
});
