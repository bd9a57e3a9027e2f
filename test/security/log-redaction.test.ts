// Promise 5, exposure: the Authorization header, X-API-Token, passwords and tokens never reach a log
// line, even at trace level and even when a careless log call dumps the whole request.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createTokenService } from '../../src/auth/api-tokens.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { loggerOptions, scrubLogLine } from '../../src/http/logging.js';
import { createRepositories } from '../../src/repositories/index.js';
import { DEFAULT_DEPARTMENTS } from '../../src/services/bootstrap.js';
import { basicAuth, createCustomer, createStaff, TEST_JWT_SECRET } from '../helpers.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const OPERATOR_TOKEN = 'operator-chosen-admin-token-0123456789';

async function loggedApp() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', BCRYPT_ROUNDS: '4', ADMIN_EMAIL: 'admin@example.com', ADMIN_API_TOKEN: OPERATOR_TOKEN });
  const db = openDatabase(':memory:');
  const app = await buildApp({
    config: { ...config, jwtSecret: TEST_JWT_SECRET },
    db,
    logger: { ...loggerOptions('trace', [config.adminApiToken]), stream },
  });
  // A careless future log call that dumps everything it can reach.
  app.addHook('preHandler', async (request) => {
    request.log.info({ req: request, headers: request.headers, body: request.body, query: request.query, raw: request.raw.headers }, 'careless dump');
    request.log.info(`careless text: authorization=${request.headers.authorization} url=${request.url} body=${JSON.stringify(request.body)}`);
  });
  app.get('/api/boom', async (request) => {
    throw new Error(`failed while holding ${request.headers.authorization} and ${request.headers['x-api-token']}`);
  });
  await app.ready();
  close = async () => {
    await app.close();
    db.$client.close();
  };
  const repos = createRepositories(db);
  for (const department of DEFAULT_DEPARTMENTS) repos.departments.create(department);
  const admin = repos.users.create({ name: 'Admin', email: 'admin@example.com', passwordHash: null, role: 'admin' });
  createTokenService(repos.apiTokens).ensure(admin.id, 'ADMIN_API_TOKEN', OPERATOR_TOKEN);
  const staff = createStaff(repos, { email: 'staff@example.net', name: 'Staff' });
  const customer = await createCustomer(app, repos, { name: 'Cust', email: 'cust@example.net', password: 'customer-password-42' });
  return { app, lines, staff, customer };
}

describe('log redaction', () => {
  it('keeps every credential out of every log line', async () => {
    const { app, lines, staff, customer } = await loggedApp();
    const staffSecret = staff.token.split('|')[1];
    const requests = [
      { method: 'GET', url: '/api/departments/public', headers: staff.basic },
      { method: 'GET', url: '/api/departments/public', headers: { authorization: `Bearer ${staff.token}` } },
      { method: 'GET', url: '/api/departments/public', headers: { 'x-admin-email': staff.email, 'x-api-token': staff.token } },
      { method: 'GET', url: '/api/departments/public', headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } },
      { method: 'GET', url: '/api/departments/public', headers: basicAuth('admin@example.com', OPERATOR_TOKEN) },
      { method: 'GET', url: '/api/departments/public', headers: customer.bearer },
      { method: 'GET', url: `/api/departments/public?token=${staffSecret}&api_token=${staffSecret}&password=hunter2hunter2`, headers: staff.basic },
      { method: 'POST', url: '/api/login', headers: staff.basic, payload: { email: customer.email, password: customer.password } },
      { method: 'POST', url: '/api/login', headers: staff.basic, payload: { email: customer.email, password: 'wrong-password-99' } },
      { method: 'POST', url: '/api/register', headers: staff.basic, payload: { name: 'New', email: 'new@example.org', password: 'registered-secret-77', token: staff.token } },
      { method: 'POST', url: '/api/register', headers: { ...staff.basic, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=F&email=f%40example.org&password=form-secret-55' },
      { method: 'GET', url: '/api/boom', headers: { ...staff.basic, 'x-api-token': staff.token } },
      { method: 'GET', url: '/api/departments/public', headers: { authorization: `Bearer ${staff.token.replace(/.$/, 'x')}` } },
    ] as const;
    const statuses = [];
    for (const request of requests) statuses.push((await app.inject(request as never)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 422, 200, 200, 500, 401]);

    const jwt = (await app.inject({ method: 'POST', url: '/api/login', headers: staff.basic, payload: { email: customer.email, password: customer.password } })).json().token as string;
    const secrets = [
      staff.token,
      staffSecret,
      staff.basic.authorization.slice('Basic '.length),
      basicAuth('admin@example.com', OPERATOR_TOKEN).authorization.slice('Basic '.length),
      OPERATOR_TOKEN,
      customer.jwt,
      jwt,
      customer.password,
      'wrong-password-99',
      'registered-secret-77',
      'form-secret-55',
      'hunter2hunter2',
    ];
    const log = lines.join('\n');
    // The log really did see these requests, dumps included, so the checks below are meaningful.
    expect(lines.filter((line) => line.includes('careless dump')).length).toBeGreaterThanOrEqual(12);
    expect(log).toContain('"status":500');
    expect(log).toContain('[Redacted]');
    for (const secret of secrets) expect(log, secret).not.toContain(secret);
  });
});

describe('scrubLogLine', () => {
  it('masks secrets wherever they sit in a line', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    expect(scrubLogLine(JSON.stringify({ deep: { nested: { password: 'p@ss"word', Token: 'x', api_token: 'y' } } }))).toBe(
      '{"deep":{"nested":{"password":"[Redacted]","Token":"[Redacted]","api_token":"[Redacted]"}}}',
    );
    expect(scrubLogLine(`{"msg":"sent Basic YWRtaW46c2VjcmV0 and Bearer 12|abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"}`)).toBe(
      '{"msg":"sent Basic [Redacted] and Bearer [Redacted]"}',
    );
    expect(scrubLogLine(`{"msg":"token 7|abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN, jwt ${jwt}"}`)).toBe('{"msg":"token [Redacted], jwt [Redacted]"}');
    expect(scrubLogLine('{"url":"/x?a=1&api_token=abc&password=def&b=2"}')).toBe('{"url":"/x?a=1&api_token=[Redacted]&password=[Redacted]&b=2"}');
    expect(scrubLogLine('{"msg":"chosen-secret-value here"}', ['chosen-secret-value'])).toBe('{"msg":"[Redacted] here"}');
    expect(scrubLogLine(JSON.stringify({ msg: `body=${JSON.stringify({ email: 'e@x.org', password: 'pw\\x', token: 't' })}` }))).toBe(
      '{"msg":"body={\\"email\\":\\"e@x.org\\",\\"password\\":\\"[Redacted]\\",\\"token\\":\\"[Redacted]\\"}"}',
    );
    expect(scrubLogLine('{"msg":"posted name=F&password=form-secret&x=1 and my_token=abc"}')).toBe(
      '{"msg":"posted name=F&password=[Redacted]&x=1 and my_token=[Redacted]"}',
    );
  });
});
