// Request ids and logging: every answer carries X-Request-Id (the client's, when it is a sane token), every
// log line of a request carries it, and each request ends with exactly one line: method, route, status, time.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What a client may choose as its request id: short, and safe to echo in a header and a log. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

export function requestIdFor(raw: Pick<IncomingMessage, 'headers'>): string {
  const sent = raw.headers[REQUEST_ID_HEADER];
  return typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/**
 * Fastify server options: the header is read by genReqId (so it can be checked), not taken as it is, and
 * Fastify's own two lines per request are off (requestLogging below writes one).
 */
export const requestIdOptions = {
  requestIdHeader: false,
  genReqId: requestIdFor,
  logController: new LogController({ requestIdLogLabel: 'request_id', disableRequestLogging: true }),
  // Errors Fastify meets before routing (a malformed URL) skip every hook: the id and the line are given here.
  // They answer in the contract's shape too: a malformed URL is a 400 `{"message":"Bad Request."}`.
  frameworkErrors: (error, request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
    (reply as FastifyReply).code(status).send({ message: `${STATUS_CODES[status] ?? 'Bad Request'}.` });
    logCompleted(request, reply);
  },
} satisfies FastifyServerOptions;

/** The one line per request. The route pattern, never the URL: paths and queries may carry emails and ids. */
function logCompleted(request: FastifyRequest, reply: FastifyReply): void {
  request.log.info(
    {
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      duration_ms: Math.round(reply.elapsedTime * 100) / 100,
    },
    'request completed',
  );
}

export const requestLogging = fp(
  async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      reply.header(REQUEST_ID_HEADER, request.id);
    });
    app.addHook('onResponse', async (request, reply) => logCompleted(request, reply));
  },
  { name: 'request-logging' },
);
