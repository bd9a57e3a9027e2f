// The error answers a route can give, as OpenAPI responses with the exact payloads as examples. Most are
// derived from the route's config (access, writes, body); a route lists only its own extra answers in
// `config.errors`, usually the very errors it throws: `errors: [new NotFound(NOT_FOUND_MESSAGES.user)]`.
import type { RouteOptions } from 'fastify';
import type { z } from 'zod';
import { Forbidden, HttpError, Unauthenticated, ValidationFailed } from '../errors.js';
import { issuesToErrors } from '../validation/validator.js';

/** An answer a route documents: any HttpError, or its status and payload. */
export type DocumentedError = Pick<HttpError, 'statusCode' | 'payload'> & { summary?: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Error answers of this route beyond those its access, writes and body imply (for the API docs). */
    errors?: readonly DocumentedError[];
  }
}

const DESCRIPTIONS: Record<number, string> = {
  401: 'Missing or bad credentials.',
  403: 'The credentials may not do this.',
  404: 'Not found (or not yours: the answer is the same).',
  413: 'The request body is larger than BODY_LIMIT_BYTES.',
  422: 'Invalid input.',
  429: 'Too many requests; wait for Retry-After seconds.',
};

const messageShape = { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] };
const errorShape = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] };
const validationShape = {
  type: 'object',
  properties: {
    message: { type: 'string', description: 'The first error message.' },
    errors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  },
  required: ['message', 'errors'],
};

function shapeOf(payload: Record<string, unknown>) {
  if ('errors' in payload) return validationShape;
  if ('error' in payload) return errorShape;
  if ('message' in payload) return messageShape;
  throw new Error(`No documented error shape for ${JSON.stringify(payload)}`);
}

/** An error with a note saying when it happens, for the docs' example list. */
export const documented = (error: HttpError, summary: string): DocumentedError => ({ statusCode: error.statusCode, payload: error.payload, summary });

/** The 422 a client gets for an empty body, computed by the very schema that validates the body. */
function emptyBodyFailure(body: unknown): DocumentedError | undefined {
  const schema = body as z.ZodType;
  if (typeof schema?.safeParse !== 'function') return undefined;
  const result = schema.safeParse({});
  if (result.success) return undefined;
  return documented(new ValidationFailed(issuesToErrors(result.error.issues)), 'An empty body');
}

export function documentedErrors(route: Pick<RouteOptions, 'url' | 'config' | 'schema'>): DocumentedError[] {
  const access = route.config?.access ?? 'user';
  const found: DocumentedError[] = [];
  if (access !== 'public') found.push(documented(new Unauthenticated(), 'No, bad, revoked or expired credentials'));
  if (access === 'staff') found.push(documented(new Forbidden(), 'A customer JWT on a staff-only endpoint'));
  if (route.config?.writes) found.push(documented(new Forbidden(), 'A read-only API token'));
  if (route.schema?.body) {
    const failure = emptyBodyFailure(route.schema.body);
    if (failure) found.push(failure);
    found.push({ statusCode: 413, payload: { message: 'Payload Too Large.' }, summary: 'Body too large' });
  }
  found.push(...(route.config?.errors ?? []));
  if (route.url.startsWith('/api/')) {
    found.push({ statusCode: 429, payload: { message: 'Too Many Attempts.' }, summary: 'Rate limited' });
  }
  return found;
}

const summaryOf = (error: DocumentedError) => error.summary ?? String(error.payload.error ?? error.payload.message ?? error.statusCode);
const exampleName = (summary: string) => summary.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'example';

/** OpenAPI response objects by status, each with every documented payload as a named example. */
export function errorResponses(errors: readonly DocumentedError[]): Record<string, unknown> {
  const byStatus = new Map<number, DocumentedError[]>();
  for (const error of errors) byStatus.set(error.statusCode, [...(byStatus.get(error.statusCode) ?? []), error]);
  const responses: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const shapes = [...new Set(list.map((error) => shapeOf(error.payload)))];
    const examples: Record<string, { summary: string; value: unknown }> = {};
    list.forEach((error, index) => {
      const summary = summaryOf(error);
      let name = exampleName(summary);
      while (name in examples) name = `${name}-${index}`;
      examples[name] = { summary, value: error.payload };
    });
    responses[status] = {
      description: DESCRIPTIONS[status] ?? 'Error.',
      // Response headers are given as JSON schemas; @fastify/swagger turns them into header objects.
      ...(status === 429 ? { headers: { 'Retry-After': { type: 'integer', description: 'Seconds to wait.' } } } : {}),
      content: { 'application/json': { schema: shapes.length === 1 ? shapes[0] : { anyOf: shapes }, examples } },
    };
  }
  return responses;
}
