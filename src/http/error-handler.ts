// The one place that turns thrown errors into the contract's status codes and bodies (CONTRACT.md §2).
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) return reply.code(error.statusCode).headers(error.headers).send(error.payload);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ message: 'Payload Too Large.' });
    if (error.statusCode === 429) return reply.code(429).send({ message: 'Too Many Attempts.' });
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ message: `${STATUS_CODES[status] ?? 'Bad Request'}.` });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ message: 'Server Error' });
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ message: 'Not Found.' }));
}
