// Every query a route runs, proven to use an index: the test records each SQL statement executed while
// it calls every registered route (as staff and as a customer, found and not found), then asks SQLite
// for its EXPLAIN QUERY PLAN. No statement may scan tickets, responses, users or api_tokens, or sort
// them in a temporary B-tree. A route added without a visit here fails the coverage test.
import type Database from 'better-sqlite3';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { call, createTestApp, createTicket, TEST_JWT_SECRET, type TestContext } from '../helpers.js';
import { listRoutes } from '../security/routes.js';

const BIG_TABLES = ['tickets', 'responses', 'users', 'api_tokens'];

/** Wraps prepare() so every statement records its SQL each time it runs. */
function recordStatements(sqlite: Database.Database, executed: Set<string>, recording: { on: boolean }) {
  const prepare = sqlite.prepare.bind(sqlite);
  (sqlite as { prepare: unknown }).prepare = (source: string) => {
    const statement = prepare(source);
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      Object.defineProperty(statement, method, {
        value: (...args: unknown[]) => {
          if (recording.on) executed.add(source);
          return original(...args);
        },
      });
    }
    return statement;
  };
}

let ctx: TestContext;
const executed = new Set<string>();
const recording = { on: false };
const visited = new Set<string>();

/**
 * Every route, as `METHOD /path/with/:params`, from Fastify's own route tree. The docs page only serves
 * files (and never touches the database), so its routes are left out.
 */
function registeredRoutes(): string[] {
  return listRoutes(ctx.app)
    .filter((route) => route.method !== 'HEAD' && !route.url.startsWith('/docs'))
    .map((route) => `${route.method} ${route.url}`);
}

async function visit(route: string, options: InjectOptions) {
  visited.add(route);
  const answer = await call(ctx.app, options);
  expect(answer.status, `${route} ${options.url}: ${answer.raw}`).toBeLessThan(500);
  return answer;
}

beforeAll(async () => {
  ctx = await createTestApp();
  const [a, b] = [ctx.customerA, ctx.customerB];
  const ticket = createTicket(ctx.repos, a.id);
  createTicket(ctx.repos, b.id);
  const guest = createTicket(ctx.repos, null, { publicName: 'Guest', publicEmail: 'guest@example.com', departmentId: 1 });
  recordStatements(ctx.db.$client, executed, recording);
  // The repositories prepared their statements already: build fresh ones through the wrapped prepare.
  await ctx.app.close();
  const config = loadConfig({ NODE_ENV: 'test', BCRYPT_ROUNDS: '4', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
  ctx.app = await buildApp({ config: { ...config, jwtSecret: TEST_JWT_SECRET }, db: ctx.db });
  await ctx.app.ready();
  recording.on = true;

  const staff = ctx.staff.basic;
  const form = (body: Record<string, string | number>) => new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])).toString();
  const post = (url: string, headers: Record<string, string>, body: Record<string, string | number>): InjectOptions => ({
    method: 'POST',
    url,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(body),
  });
  const get = (url: string, headers: Record<string, string> = staff): InjectOptions => ({ method: 'GET', url, headers });

  await visit('GET /health', get('/health', {}));
  await visit('GET /openapi.json', get('/openapi.json', {}));
  // A token without an "<id>|" prefix is looked up by the hash of the whole string.
  await visit('GET /api/customers/get/:id', get('/api/customers/get/0', { authorization: 'Bearer an-operator-chosen-token-without-id' }));
  await visit('POST /api/login', post('/api/login', staff, { email: a.email, password: a.password }));
  await visit('POST /api/login', post('/api/login', staff, { email: 'nobody@example.com', password: 'x' }));
  await visit('POST /api/register', post('/api/register', staff, { name: 'New Customer', email: 'new@example.com', password: 'long enough' }));
  await visit('POST /api/register', post('/api/register', staff, { name: 'Again', email: 'NEW@example.com', password: 'long enough' }));
  for (const headers of [staff, a.bearer]) {
    await visit('GET /api/customers/get/:id', get(`/api/customers/get/${a.id}`, headers));
    await visit('GET /api/customers/get/:id', get('/api/customers/get/0', headers));
    await visit('GET /api/customers/get/:id', get(`/api/customers/get/${b.id}`, headers));
    await visit('GET /api/departments/public', get('/api/departments/public', headers));
    await visit('GET /api/departments/customers', get('/api/departments/customers', headers));
    await visit('GET /api/tickets/get/:id/:ticket_id', get(`/api/tickets/get/${a.id}/${ticket.id}`, headers));
    await visit('GET /api/tickets/get/:id/:ticket_id', get(`/api/tickets/get/${a.id}/999999`, headers));
    await visit('GET /api/tickets/get/all/:ticaga_id', get(`/api/tickets/get/all/${a.id}`, headers));
    await visit('GET /api/tickets/get/all/:ticaga_id', get(`/api/tickets/get/all/${a.id}?limit=1&after=0`, headers));
    await visit('GET /api/responses/get/:ticket_id', get(`/api/responses/get/${ticket.id}`, headers));
    await visit('POST /api/tickets/create', post('/api/tickets/create', headers, { customer_id: a.id, subject: 'S', message: 'M', department_slug: 'support' }));
    await visit('POST /api/responses/create', post('/api/responses/create', headers, { ticket_number: ticket.id, content: 'Customer reply' }));
    await visit('POST /api/tickets/close', post('/api/tickets/close', headers, { customer_id: a.id, ticket_id: ticket.id }));
    // The client plugins' endpoints (CONTRACT.md 5.3).
    await visit('POST /api/tickets/get', post('/api/tickets/get', headers, { client_id: a.id, ticket_id: ticket.id }));
    await visit('POST /api/responses/get', post('/api/responses/get', headers, { ticket_id: ticket.id }));
    await visit('POST /api/tickets/rate', post('/api/tickets/rate', headers, { customer_id: a.id, ticket_id: ticket.id, rating: 4 }));
    await visit('GET /api/departments', get('/api/departments', headers));
    await visit('GET /api/departments/get/:slug', get('/api/departments/get/support', headers));
    await visit('GET /api/departments/get_by_id/:id', get('/api/departments/get_by_id/2', headers));
    await visit('GET /api/tickets/countbystatus/:status', get('/api/tickets/countbystatus/open', headers));
    await visit('GET /api/realtime/config', get('/api/realtime/config', headers));
  }
  await visit('POST /api/tickets/info', post('/api/tickets/info', staff, { ticket_id: guest.id }));
  await visit('POST /api/customers/link', post('/api/customers/link', staff, { email: 'LINKED@example.com', name: 'Linked', billing_id: 5, billing_system: 'whmcs' }));
  await visit('POST /api/customers/link', post('/api/customers/link', staff, { email: a.email, billing_id: 6, billing_system: 'blesta' }));
  await visit('POST /api/customers/sync', post('/api/customers/sync', staff, { external_id: 7, name: 'Synced', email: 'synced@example.com', company: 'Co' }));
  await visit('POST /api/customers/billing', post('/api/customers/billing', staff, { ticaga_id: b.id, billing_id: 8 }));
  await visit('GET /api/responses/get/:ticket_id', get(`/api/responses/get/${guest.id}`));
  await visit('POST /api/tickets/create', post('/api/tickets/create', staff, { customer_id: 0, subject: 'S', message: 'M', department_id: 1, public_email: 'g@example.com', assigned: ctx.staff.id }));
  await visit('POST /api/responses/create', post('/api/responses/create', staff, { ticket_number: ticket.id, content: 'Staff reply', employee_response: 1, user_id: ctx.staff.id }));
  await visit('POST /api/responses/create', post('/api/responses/create', staff, { ticket_number: guest.id, content: 'Note', is_note: 1 }));
  await visit('POST /api/responses/create', post('/api/responses/create', staff, { ticket_number: guest.id, content: 'Guest answer' }));
  await visit('POST /api/customers/assign', post('/api/customers/assign', staff, { ticaga_id: a.id, billing_id: 17, billing_system: 'Blesta' }));
  await visit('POST /api/customers/assign', post('/api/customers/assign', staff, { ticaga_id: 99999, billing_id: 17, billing_system: 'whmcs' }));
  recording.on = false;
});

afterAll(async () => {
  await ctx.app.close();
  ctx.db.$client.close();
});

type PlanRow = { id: number; parent: number; detail: string };
/** The plan, with every parameter bound to NULL (better-sqlite3 wants them all; the plan does not depend on them). */
function planOf(sql: string): PlanRow[] {
  const statement = ctx.db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  for (let count = 0; count < 50; count++) {
    try {
      return statement.all(...new Array(count).fill(null)) as PlanRow[];
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  throw new Error(`could not bind the parameters of ${sql}`);
}
const isTransactionControl = (sql: string) => /^\s*(begin|commit|rollback|savepoint|release|pragma)\b/i.test(sql);

describe('query plans of every route', () => {
  it('visits every registered route', () => {
    expect(registeredRoutes().filter((route) => !visited.has(route))).toEqual([]);
  });

  it('recorded the statements the routes ran', () => {
    expect(executed.size).toBeGreaterThan(15);
  });

  it('never scans or temp-sorts tickets, responses, users or api_tokens', () => {
    const offenders: string[] = [];
    for (const sql of executed) {
      if (isTransactionControl(sql)) continue;
      for (const { detail } of planOf(sql)) {
        const scanned = BIG_TABLES.find((table) => new RegExp(`^SCAN ("?)${table}\\1( |$)`).test(detail));
        const touchesBigTable = BIG_TABLES.some((table) => sql.includes(`"${table}"`));
        if (scanned || (touchesBigTable && detail.startsWith('USE TEMP B-TREE'))) offenders.push(`${detail}  <=  ${sql}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('finds tokens by id or by hash, and users by email, through an index', () => {
    const details = [...executed].flatMap((sql) => planOf(sql).map((row) => row.detail));
    expect(details).toEqual(
      expect.arrayContaining([
        'SEARCH api_tokens USING INDEX api_tokens_hash_unique (token_hash=?)',
        'SEARCH api_tokens USING INTEGER PRIMARY KEY (rowid=?)',
        'SEARCH users USING INDEX users_email_lower_unique (<expr>=?)',
      ]),
    );
  });

  it('reads a customer’s tickets, a page of them and a conversation through their composite indexes', () => {
    const details = (fragment: RegExp) =>
      [...executed].filter((sql) => fragment.test(sql)).flatMap((sql) => planOf(sql).map((row) => row.detail));
    expect(details(/from "tickets" where "tickets"\."user_id" = \? order by/)).toContain('SEARCH tickets USING INDEX tickets_user_id_idx (user_id=?)');
    expect(details(/"tickets"\."user_id" = \? and "tickets"\."id" > \?/)).toContain('SEARCH tickets USING INDEX tickets_user_id_idx (user_id=? AND id>?)');
    expect(details(/from "responses" left join "users".*"ticket_number" = \?/)).toEqual(
      expect.arrayContaining(['SEARCH responses USING INDEX responses_ticket_idx (ticket_number=?)', 'SEARCH users USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN']),
    );
  });
});
