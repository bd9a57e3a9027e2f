// How one route becomes one OpenAPI operation: the zod type provider turns its schemas into JSON Schema
// (request schemas as the client sends them, response schemas as the server answers), then its config
// decides the security requirements, the error answers (error-responses.ts), a tag and the body types.
import type { RouteOptions } from 'fastify';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Access } from '../auth/principal.js';
import { documentedErrors, errorResponses } from './error-responses.js';

export const SECURITY_SCHEMES = {
  basicAuth: {
    type: 'http',
    scheme: 'basic',
    description: 'Staff: username = the staff email, password = the API token (the documented way).',
  },
  apiToken: { type: 'http', scheme: 'bearer', description: 'Staff: the API token as a Bearer token.' },
  adminEmail: { type: 'apiKey', in: 'header', name: 'X-Admin-Email', description: 'Staff email; send with X-API-Token.' },
  adminToken: { type: 'apiKey', in: 'header', name: 'X-API-Token', description: 'Staff API token; send with X-Admin-Email.' },
  customerJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Customer: the JWT that POST /api/login returns.' },
} as const;

type SecurityRequirement = Record<string, string[]>;
const STAFF_SECURITY: SecurityRequirement[] = [{ basicAuth: [] }, { apiToken: [] }, { adminEmail: [], adminToken: [] }];
const SECURITY: Record<Access, SecurityRequirement[]> = {
  public: [],
  user: [...STAFF_SECURITY, { customerJwt: [] }],
  staff: STAFF_SECURITY,
};
const WHO: Record<Access, string> = {
  public: 'No credentials needed.',
  user: 'Staff, or a customer for its own records.',
  staff: 'Staff only.',
};

/** Every body the API reads may be JSON or form-encoded (PHP clients send both). */
const BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded'];

const zodTransform = createJsonSchemaTransform({ skipList: [] });
type TransformInput = Parameters<typeof zodTransform>[0] & { route: RouteOptions };
type JsonObject = Record<string, any>;

/** `/api/tickets/get/:id` is tagged `tickets`; routes outside /api/ by their first segment. */
function tagFor(url: string): string {
  const segments = url.split('/').filter(Boolean);
  return (segments[0] === 'api' ? segments[1] : segments[0]) ?? 'server';
}

/** zod states JavaScript's safe-integer range on every integer; it says nothing to a reader, so it goes. */
function withoutSafeIntegerBounds<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutSafeIntegerBounds) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(
    ([key, child]) => !(key === 'minimum' && child === Number.MIN_SAFE_INTEGER) && !(key === 'maximum' && child === Number.MAX_SAFE_INTEGER),
  );
  return Object.fromEntries(entries.map(([key, child]) => [key, withoutSafeIntegerBounds(child)])) as T;
}

function successResponse(schema: JsonObject | undefined): JsonObject {
  if (schema && 'content' in schema) return { description: 'OK', ...schema };
  return { description: 'OK', content: { 'application/json': { schema: schema ?? {} } } };
}

export function documentRoute(input: TransformInput): { schema: JsonObject; url: string } {
  const transformed = zodTransform(input) as { schema: JsonObject | undefined; url: string };
  const url = transformed.url;
  if (transformed.schema?.hide) return { schema: transformed.schema, url };
  const schema = withoutSafeIntegerBounds(transformed.schema);
  const route = input.route;
  const access = route.config?.access ?? 'user';
  const { response = {}, ...rest } = schema ?? {};

  const responses: JsonObject = {};
  const statuses = Object.keys(response).filter((status) => status.startsWith('2'));
  for (const status of statuses.length > 0 ? statuses : ['200']) responses[status] = successResponse(response[status]);
  Object.assign(responses, errorResponses(documentedErrors({ url: route.url, config: route.config, schema: route.schema })));

  return {
    url,
    schema: {
      tags: [tagFor(route.url)],
      description: [WHO[access], route.config?.writes ? 'Changes data: read-only tokens get 403.' : ''].filter(Boolean).join(' '),
      security: SECURITY[access],
      ...(rest.body ? { consumes: BODY_TYPES } : {}),
      ...rest,
      response: responses,
    },
  };
}
