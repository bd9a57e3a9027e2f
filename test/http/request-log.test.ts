import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Db } from '../../src/db/client.js';
import { loggerOptions } from '../../src/http/logging.js';
import { createRepositories } from '../../src/repositories/index.js';
import { DEFAULT_DEPARTMENTS } from '../../src/services/bootstrap.js';
import { basicAuth, call, createCustomer, createStaff, TEST_JWT_SECRET } from '../helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type LogLine = Record<string, any>;
let app: FastifyInstance;
let db: Db;
let lines: LogLine[];

/** The app with its real logger options, writing into `lines`, plus one route that logs and then fails. */
beforeEach(async () => {
  lines = [];
  const stream = { write: (line: string) => void lines.push(JSON.parse(line)) };
  const config = loadConfig({ NODE_ENV: 'test', BCRYPT_ROUNDS: '4', JWT_SECRET: TEST_JWT_SECRET, BODY_LIMIT_BYTES: '2048' });
  db = openDatabase(':memory:');
  app = await buildApp({ config: { ...config, jwtSecret: TEST_JWT_SECRET }, db, logger: { ...loggerOptions('info'), stream } });
  app.get('/test/boom', { config: { access: 'public' } }, async (request) => {
    request.log.info('about to fail');
    throw new Error('database file is locked at /secret/path');
  });
  await app.ready();
  lines.length = 0;
});
afterEach(async () => {
  await app.close();
  db.$client.close();
});

const linesOf = (requestId: string) => lines.filter((line) => line.request_id === requestId);

describe('X-Request-Id', () => {
  it('is generated when the client sends none, and labels the one line logged for the request', async () => {
    const answer = await call(app, { method: 'GET', url: '/health' });
    const id = answer.headers['x-request-id'] as string;
    expect(id).toMatch(UUID);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      level: 30,
      time: expect.any(Number),
      pid: process.pid,
      hostname: expect.any(String),
      request_id: id,
      method: 'GET',
      route: '/health',
      status: 200,
      duration_ms: expect.any(Number),
      msg: 'request completed',
    });
  });

  it('is taken from the request when it is a sane token', async () => {
    for (const sent of ['abc-123', 'trace.ID_42', 'x'.repeat(128)]) {
      const answer = await call(app, { method: 'GET', url: '/health', headers: { 'x-request-id': sent } });
      expect(answer.headers['x-request-id']).toBe(sent);
      expect(linesOf(sent)).toHaveLength(1);
    }
  });

  it('is replaced when the client sends something else', async () => {
    for (const sent of ['x'.repeat(129), 'has space', 'a/b', '<script>', 'naïve', '']) {
      const answer = await call(app, { method: 'GET', url: '/health', headers: { 'x-request-id': sent } });
      expect(answer.headers['x-request-id']).toMatch(UUID);
    }
    expect(lines.map((line) => line.request_id)).toEqual(lines.map(() => expect.stringMatching(UUID)));
  });

  it('is on every answer, errors included, and on every line those requests log', async () => {
    const requests = [
      { method: 'GET', url: '/api/customers/get/1', status: 401, route: '/api/customers/get/:id' },
      { method: 'GET', url: '/no/such/route', status: 404, route: null },
      { method: 'POST', url: '/api/register', status: 422, route: '/api/register', payload: {} },
      { method: 'POST', url: '/api/register', status: 413, route: '/api/register', payload: { name: 'x'.repeat(4000) } },
      { method: 'GET', url: '/test/boom', status: 500, route: '/test/boom' },
      { method: 'GET', url: '/api/customers/get/%zz', status: 400, route: null },
    ] as const;
    const repos = createRepositories(db);
    const staff = createStaff(repos, { email: 'staff@example.net', name: 'Staff' });
    for (const [index, request] of requests.entries()) {
      const id = `req-${index}`;
      const headers = { 'x-request-id': id, ...(request.url === '/api/register' ? staff.basic : {}) };
      const answer = await call(app, { method: request.method, url: request.url, headers, payload: 'payload' in request ? request.payload : undefined });
      expect([answer.status, answer.headers['x-request-id']]).toEqual([request.status, id]);
      const completed = linesOf(id).filter((line) => line.msg === 'request completed');
      expect(completed).toEqual([expect.objectContaining({ method: request.method, route: request.route, status: request.status })]);
    }
    expect(lines.every((line) => typeof line.request_id === 'string')).toBe(true);
    // The failing route's own line, the error line and the closing line: all labelled.
    expect(linesOf('req-4').map((line) => line.msg)).toEqual(['about to fail', 'unhandled error', 'request completed']);
    expect(linesOf('req-4')[1].err.message).toBe('database file is locked at /secret/path');
    expect(lines).toHaveLength(requests.length + 2);
  });

  it('keeps the 500 answer free of details', async () => {
    const answer = await call(app, { method: 'GET', url: '/test/boom' });
    expect([answer.status, answer.raw]).toEqual([500, '{"message":"Server Error"}']);
  });
});

describe('logs', () => {
  it('never contain credentials or passwords', async () => {
    const repos = createRepositories(db);
    for (const department of DEFAULT_DEPARTMENTS) repos.departments.create(department);
    const staff = createStaff(repos, { email: 'staff@example.net', name: 'Staff' });
    const customer = await createCustomer(app, repos, { name: 'Jane Roe', email: 'jane@example.com', password: 'customer-password-7731' });
    const secrets = [
      staff.token,
      staff.token.split('|')[1]!,
      staff.basic.authorization!.slice('Basic '.length),
      customer.jwt,
      customer.password,
      'new-customer-password-5512',
      'wrong-password-9921',
      'bogus-token-value-4417',
    ];

    const calls = [
      { method: 'GET', url: '/api/customers/get/0', headers: staff.basic },
      { method: 'GET', url: '/api/customers/get/0', headers: { authorization: `Bearer ${staff.token}` } },
      { method: 'GET', url: '/api/customers/get/0', headers: { 'x-admin-email': staff.email, 'x-api-token': staff.token } },
      { method: 'GET', url: `/api/customers/get/${customer.id}`, headers: customer.bearer },
      { method: 'GET', url: '/api/customers/get/0', headers: basicAuth(staff.email, 'bogus-token-value-4417') },
      { method: 'POST', url: '/api/login', headers: staff.basic, payload: { email: customer.email, password: customer.password } },
      { method: 'POST', url: '/api/login', headers: staff.basic, payload: { email: customer.email, password: 'wrong-password-9921' } },
      {
        method: 'POST',
        url: '/api/register',
        headers: staff.basic,
        payload: `name=New&email=new%40example.com&password=new-customer-password-5512`,
      },
    ] as const;
    const statuses = [];
    for (const request of calls) statuses.push((await call(app, { ...request, headers: { ...request.headers } })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 401, 200, 422, 200]);

    expect(lines).toHaveLength(calls.length);
    const text = JSON.stringify(lines);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
