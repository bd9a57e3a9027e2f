import { Validator } from '@seriousme/openapi-schema-validator';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIORITY_ALIASES, TICKET_PRIORITIES } from '../../src/validation/enums.js';
import { requiredChoice, requiredExternalId } from '../../src/validation/fields.js';
import { call, createTestApp, type TestContext } from '../helpers.js';

// Every route any app instance registers, seen by an onRoute hook added the moment the instance is created,
// before any plugin: a route the document does not describe cannot hide from this list.
const registered = vi.hoisted(() => [] as { method: string; url: string }[]);
vi.mock('fastify', async (importOriginal) => {
  const original = await importOriginal<typeof import('fastify')>();
  const create = ((options?: Parameters<typeof original.default>[0]) => {
    const app = original.default(options);
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) registered.push({ method, url: route.url });
    });
    return app;
  }) as typeof original.default;
  return { ...original, default: Object.assign(create, original.default) };
});

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
let ctx: TestContext;
let doc: any;
beforeEach(async () => {
  registered.length = 0;
  ctx = await createTestApp({ METRICS_ENABLED: 'true', METRICS_TOKEN });
  const answer = await call(ctx.app, { method: 'GET', url: '/openapi.json' });
  expect(answer.status).toBe(200);
  doc = answer.body;
});
afterEach(() => ctx.close());

const operations = () =>
  Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
const operation = (method: string, path: string) => doc.paths[path][method.toLowerCase()];
const example = (op: any, status: number, name: string) => op.responses[status].content['application/json'].examples[name].value;
/** `/api/tickets/get/:id/:ticket_id` -> `/api/tickets/get/{id}/{ticket_id}` */
const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, served without credentials', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(doc.openapi).toBe('3.1.0');
  });

  it('the validator does reject a broken document', async () => {
    const broken = structuredClone(doc);
    broken.paths['/health'].get.responses = { 200: { content: 'text' } };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('describes every route the app has, and nothing else', () => {
    // HEAD twins of GET routes and the docs page's own files are not API endpoints.
    const api = registered.filter(({ method, url }) => method !== 'HEAD' && url !== '/docs' && !url.startsWith('/docs/'));
    const routes = [...new Set(api.map(({ method, url }) => `${method} ${openapiPath(url)}`))].sort();
    const documented = operations().map(({ method, path }) => `${method} ${path}`).sort();
    expect(routes.length).toBeGreaterThan(14);
    expect(documented).toEqual(routes);
    expect(routes).toContain('GET /api/customers/get/{id}');
    expect(routes).toContain('GET /metrics');
  });

  it('offers the three staff credential styles and the customer JWT as security schemes', () => {
    expect(doc.components.securitySchemes).toEqual({
      basicAuth: { type: 'http', scheme: 'basic', description: expect.stringContaining('email') },
      apiToken: { type: 'http', scheme: 'bearer', description: expect.any(String) },
      adminEmail: { type: 'apiKey', in: 'header', name: 'X-Admin-Email', description: expect.any(String) },
      adminToken: { type: 'apiKey', in: 'header', name: 'X-API-Token', description: expect.any(String) },
      customerJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: expect.any(String) },
      metricsToken: { type: 'http', scheme: 'bearer', description: expect.any(String) },
    });
    const staff = [{ basicAuth: [] }, { apiToken: [] }, { adminEmail: [], adminToken: [] }];
    expect(operation('GET', '/api/customers/get/{id}').security).toEqual([...staff, { customerJwt: [] }]);
    expect(operation('POST', '/api/register').security).toEqual(staff);
    expect(operation('GET', '/health').security).toEqual([]);
    expect(operation('GET', '/openapi.json').security).toEqual([]);
    expect(operation('GET', '/metrics').security).toEqual([{ metricsToken: [] }]);
  });

  it('describes request fields as clients send them: types, required fields and limits', () => {
    const body = operation('POST', '/api/customers/assign').requestBody;
    expect(Object.keys(body.content)).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    expect(body.content['application/json'].schema).toEqual({
      type: 'object',
      properties: {
        ticaga_id: { type: 'integer', minimum: 0 },
        billing_id: {
          description: 'A string or a non-negative integer, kept as a string of at most 255 characters.',
          anyOf: [{ type: 'string' }, { type: 'integer', minimum: 0 }],
        },
        billing_system: { description: 'Case-insensitive.', type: 'string', enum: ['blesta', 'clientexec', 'whmcs'] },
      },
      required: ['ticaga_id', 'billing_id', 'billing_system'],
    });

    const ticket = operation('POST', '/api/tickets/create').requestBody.content['application/json'].schema;
    expect(ticket.required).toEqual(['subject', 'message']);
    expect(ticket.properties.subject).toEqual({ type: 'string', maxLength: 255 });
    expect(ticket.properties.message).toEqual({ type: 'string', maxLength: 65535 });
    expect(ticket.properties.priority).toEqual({
      description: 'Case-insensitive. Also accepted: critical (= emergency), normal (= medium).',
      type: 'string',
      enum: ['none', 'low', 'medium', 'high', 'emergency'],
    });
    expect(ticket.properties.public_email).toMatchObject({ type: 'string', format: 'email', maxLength: 255 });

    const register = operation('POST', '/api/register').requestBody.content['application/json'].schema;
    expect(register.required).toEqual(['name', 'email', 'password']);
    expect(register.properties.password).toEqual({ type: 'string', minLength: 8, maxLength: 255 });

    expect(operation('GET', '/api/tickets/get/{id}/{ticket_id}').parameters).toEqual([
      { in: 'path', name: 'id', required: true, schema: { type: 'string' } },
      { in: 'path', name: 'ticket_id', required: true, schema: { type: 'string' } },
    ]);
  });

  it('describes success answers with the keys, in the order, that the server sends', async () => {
    const schema = operation('GET', '/api/customers/get/{id}').responses[200].content['application/json'].schema;
    const answer = await call(ctx.app, { method: 'GET', url: `/api/customers/get/${ctx.customerA.id}`, headers: ctx.staff.basic });
    expect(answer.status).toBe(200);
    expect(Object.keys(schema.properties.user.properties)).toEqual(Object.keys(answer.body.user));
    expect(schema.properties.user.properties.email_verified_at).toEqual({ type: ['string', 'null'] });
    expect(schema.properties.user.required).toEqual(Object.keys(answer.body.user));
  });

  it('lists each route’s documented error payloads as examples', () => {
    const getCustomer = operation('GET', '/api/customers/get/{id}');
    expect(Object.keys(getCustomer.responses)).toEqual(['200', '401', '404', '429']);
    expect(getCustomer.responses[404].content['application/json']).toEqual({
      schema: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] },
      examples: { 'user-not-authenticated': { summary: 'User not authenticated', value: { error: 'User not authenticated' } } },
    });
    expect(example(getCustomer, 429, 'rate-limited')).toEqual({ message: 'Too Many Attempts.' });
    expect(getCustomer.responses[429].headers).toEqual({ 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } });

    const responses = operation('GET', '/api/responses/get/{ticket_id}').responses[404].content['application/json'].examples;
    expect(Object.values(responses).map((entry: any) => entry.value)).toEqual([
      { error: 'Ticket not found' },
      { error: 'No responses found for this ticket.' },
    ]);

    const assign = operation('POST', '/api/customers/assign');
    expect(Object.keys(assign.responses)).toEqual(['200', '401', '403', '404', '413', '422', '429']);
    expect(Object.keys(assign.responses[403].content['application/json'].examples)).toEqual([
      'a-customer-jwt-on-a-staff-only-endpoint',
      'a-read-only-api-token',
    ]);
    expect(example(assign, 413, 'body-too-large')).toEqual({ message: 'Payload Too Large.' });

    expect(example(operation('POST', '/api/login'), 422, 'these-credentials-do-not-match-our-records')).toEqual({
      error: 'These credentials do not match our records.',
    });
    expect(operation('POST', '/api/login').responses[422].content['application/json'].schema.anyOf).toHaveLength(2);
    expect(Object.keys(operation('GET', '/health').responses)).toEqual(['200']);
    expect(Object.keys(operation('GET', '/metrics').responses)).toEqual(['200', '401']);
  });

  it('documents exactly the 401 and empty-body 422 payloads the server sends', async () => {
    let checked401 = 0;
    let checked422 = 0;
    for (const { method, path, operation: op } of operations()) {
      const url = path.replace(/\{[^}]+\}/g, '1');
      if (op.responses[401] && path !== '/metrics') {
        const answer = await call(ctx.app, { method: method as 'GET', url });
        expect({ url, status: answer.status, raw: answer.raw }).toEqual({
          url,
          status: 401,
          raw: JSON.stringify(example(op, 401, 'no-bad-revoked-or-expired-credentials')),
        });
        checked401++;
      }
      const emptyBody = op.responses[422]?.content['application/json'].examples['an-empty-body'];
      if (emptyBody) {
        const answer = await call(ctx.app, { method: method as 'POST', url, headers: ctx.staff.basic, payload: {} });
        expect({ url, status: answer.status, raw: answer.raw }).toEqual({ url, status: 422, raw: JSON.stringify(emptyBody.value) });
        checked422++;
      }
    }
    expect(checked401).toBeGreaterThanOrEqual(12);
    expect(checked422).toBeGreaterThanOrEqual(6);
  });

  it('leaves error answers serialized as before (no response schema touches them)', async () => {
    const answer = await call(ctx.app, { method: 'GET', url: '/api/customers/get/999', headers: ctx.staff.basic });
    expect([answer.status, answer.raw]).toEqual([404, '{"error":"User not authenticated"}']);
  });
});

describe('field descriptions for the document', () => {
  it('leave validation as it was', () => {
    const priority = requiredChoice('priority', TICKET_PRIORITIES, PRIORITY_ALIASES);
    expect([' Critical ', 'NORMAL', 'high'].map((value) => priority.parse(value))).toEqual(['emergency', 'medium', 'high']);
    expect(priority.safeParse('urgent').error?.issues.map((issue) => issue.message)).toEqual(['The selected priority is invalid.']);
    const billingId = requiredExternalId('billing_id');
    expect([billingId.parse(17), billingId.parse(' 17 ')]).toEqual(['17', '17']);
    expect(billingId.safeParse('x'.repeat(256)).error?.issues.map((issue) => issue.message)).toEqual([
      'The billing id field must not be greater than 255 characters.',
    ]);
  });
});

describe('GET /openapi.json without metrics', () => {
  it('has no /metrics path and no metrics security scheme', async () => {
    const plain = await createTestApp({ METRICS_TOKEN });
    try {
      const answer = await call(plain.app, { method: 'GET', url: '/openapi.json' });
      expect(answer.body.paths['/metrics']).toBeUndefined();
      expect(answer.body.components.securitySchemes.metricsToken).toBeUndefined();
      expect((await new Validator().validate(answer.body)).valid).toBe(true);
    } finally {
      await plain.close();
    }
  });
});
